from django import template
from django.utils.safestring import mark_safe

from coffeechat.web.feedback import undo_url as address
from coffeechat.web.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Sanitized HTML of a Markdown note: safe to insert into the page."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitized it


@register.filter
def undo_url(message) -> str:
    """The address that undoes what a message reports ("" when nothing can)."""

    return address(message)


@register.simple_tag(takes_context=True)
def back_here(context) -> str:
    """The page the user is looking at, also when an htmx request renders the tag."""
    from urllib.parse import urlsplit

    request = context["request"]
    current = request.headers.get("HX-Current-URL")
    if current:
        parts = urlsplit(current)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path() if request.method == "GET" else ""
