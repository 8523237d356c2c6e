"""The templates and our script obey the Content Security Policy: no inline script,
no inline event handlers, no inline styles, no htmx `hx-on` (it needs eval)."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "coffeechat"
TEMPLATES = sorted(PACKAGE.rglob("templates/**/*.html"))

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
HX_ON = re.compile(r"\shx-on", re.I)
JS_URL = re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)


def offenders(pattern):
    return [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 20


def test_no_inline_script():
    assert offenders(INLINE_SCRIPT) == []


def test_no_inline_event_handlers_or_javascript_urls():
    assert offenders(HANDLER) == [] and offenders(JS_URL) == []


def test_no_inline_styles():
    assert offenders(STYLE_ATTRIBUTE) == []


def test_no_hx_on_attributes():
    assert offenders(HX_ON) == []


def test_our_script_does_not_eval():
    script = (PACKAGE / "static/coffeechat/app.js").read_text()
    assert not re.search(r"\beval\(|new Function\(|setTimeout\(\s*[\"']", script)


def test_htmx_does_not_inject_its_indicator_style():
    base = (PACKAGE / "templates/base.html").read_text()
    assert '"includeIndicatorStyles": false' in base
