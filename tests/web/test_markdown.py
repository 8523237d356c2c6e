from html.parser import HTMLParser

from coffeechat.web.markdown import render_markdown


class Elements(HTMLParser):
    """Collects the real elements and attributes of rendered HTML (not escaped text)."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attrs = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_markdown_renders_emphasis_lists_and_links():
    html = render_markdown("**Met at** the meetup\n\n- one\n- two\n\n[site](https://example.org)")
    assert "<strong>Met at</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html


def test_script_and_event_handlers_do_not_survive():
    elements = Elements(
        render_markdown(
            "<script>alert(1)</script> hi <img src=x onerror=alert(1)>\n\n"
            '![pic](x" onerror="alert(1))'
        )
    )
    assert "script" not in elements.tags
    assert not [name for name, _ in elements.attrs if name.startswith("on")]


def test_javascript_and_data_urls_do_not_survive():
    for text in [
        "[click](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "[y](data:text/html,hi)",
        "[z](vbscript:msgbox)",
    ]:
        urls = [
            value
            for name, value in Elements(render_markdown(text)).attrs
            if name in {"href", "src"}
        ]
        assert not [u for u in urls if not u.startswith(("http", "mailto", "tel"))], text


def test_links_do_not_pass_the_referrer():
    assert 'rel="noopener noreferrer nofollow"' in render_markdown("[a](https://example.org)")


def test_a_note_too_long_for_markdown_is_shown_as_plain_escaped_paragraphs():
    """Found by the 10 MB fuzz test: parsing a 9 MB note held the person page for 15 s."""
    html = render_markdown("**Not bold** <script>x</script>\n" + "A line.\n" * 20_000)
    assert html.startswith("<p>**Not bold** &lt;script&gt;")
    assert "<script>" not in html and "<br>A line.<br>" in html
