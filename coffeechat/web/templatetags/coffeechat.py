from django import template
from django.utils.safestring import mark_safe

from coffeechat.web.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Sanitized HTML of a Markdown note: safe to insert into the page."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitized it
