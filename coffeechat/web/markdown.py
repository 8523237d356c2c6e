"""Markdown notes rendered safely: CommonMark to HTML, then an allow-list sanitizer.

Raw HTML in notes is escaped by the parser, and nh3 (ammonia) strips anything
outside its allow-list, including script and `javascript:` URLs.
"""

import nh3
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> str:
    html = _parser.render(text or "")
    return nh3.clean(html, url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer nofollow")
