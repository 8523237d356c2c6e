"""`{% why "key" %}`: a "Why …?" explanation of the method (coffeechat.web.help_texts)."""

from django import template

from coffeechat.web.help_texts import help_text

register = template.Library()


@register.inclusion_tag("_why.html")
def why(key: str) -> dict:
    summary, text = help_text(key)  # an unknown key fails loudly: a typo is a bug
    return {"key": key, "summary": summary, "text": text}
