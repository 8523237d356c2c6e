"""Markdown notes rendered safely: CommonMark to HTML, then an allow-list sanitizer.

Raw HTML in notes is escaped by the parser, and nh3 (ammonia) strips anything
outside its allow-list, including script and `javascript:` URLs.
"""

from functools import lru_cache

import nh3
from django.utils.html import linebreaks
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Parsing takes about 45 µs a line: a 9 MB note (the forms take 10 MB) held its page for
# 15 s and more. Beyond this many characters a text is shown as plain paragraphs.
MARKDOWN_LIMIT = 100_000


# A page shows the same notes on every view, and parsing plus sanitizing was 6 % of the
# person page: the HTML of a text is the same every time, so keep the latest ones, if
# short: a worker holds at most ~2 × CACHED × CACHED_LENGTH characters (~20 MB) for it.
CACHED, CACHED_LENGTH = 2048, 5_000


def render_markdown(text: str) -> str:
    text = text or ""
    return _cached(text) if len(text) <= CACHED_LENGTH else _render(text)


@lru_cache(maxsize=CACHED)
def _cached(text: str) -> str:
    return _render(text)


def _render(text: str) -> str:
    if len(text) > MARKDOWN_LIMIT:
        return linebreaks(text, autoescape=True)
    html = _parser.render(text)
    return nh3.clean(html, url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer nofollow")
