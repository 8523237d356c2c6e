"""The "Why …?" notes: each one is shown somewhere, and says what the app will do."""

import re
from pathlib import Path

import pytest

from coffeechat.web.help_texts import HELP, help_text
from tests.conftest import make_ask, make_exploration

TEMPLATES = Path(__file__).resolve().parents[2] / "coffeechat"


def used_keys() -> set[str]:
    return {
        key
        for path in TEMPLATES.rglob("*.html")
        for key in re.findall(r'{%\s*why\s+"(\w+)"\s*%}', path.read_text())
    }


def test_every_note_is_shown_on_some_page_and_every_page_asks_for_a_known_one():
    assert used_keys() == set(HELP)


def test_every_note_is_a_short_question_and_answer():
    for key in HELP:
        summary, text = help_text(key)
        assert summary.startswith("Why") and summary.endswith("?"), key
        assert len(text) < 520, key


def test_the_notes_quote_the_configured_day_counts(settings):
    settings.CADENCE = {**settings.CADENCE, "follow_up_after": 9, "ask_another_after": 4}
    summary, text = help_text("follow_up")
    assert "after 9 business days" in summary and "after 4" in summary
    assert "After 4 business days" in text and "After 9 business days" in text


@pytest.mark.django_db
def test_a_waiting_ask_explains_the_single_follow_up(client, me):
    conversation = make_ask(me)
    body = client.get(f"/conversations/{conversation.pk}/").content.decode()
    assert '<details class="why" data-why="follow_up">' in body
    assert "after 7 business days" in body


@pytest.mark.django_db
def test_the_exploration_page_explains_lamp_and_the_levels(client, me):
    body = client.get(f"/explorations/{make_exploration(me).pk}/").content.decode()
    assert 'data-why="lamp"' in body and 'data-why="levels"' in body
