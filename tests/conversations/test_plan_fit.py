"""Issue 20, point 8 (and 12's "does not fit" questions): the plan's fit is kept."""

from datetime import date, time

import pytest

from coffeechat.conversations.services import log_event, schedule
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.questions.services import build_plan, current_plan, plan_items
from tests.conftest import make_ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def shortened(me):
    """Planned for thirty minutes, then moved to ten: some questions no longer fit."""
    conversation = make_ask(me, on=date(2026, 11, 2))
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    for minutes in (30, 10):
        schedule(
            me,
            conversation,
            on=date(2026, 11, 4),
            meeting_date=date(2026, 11, 12),
            meeting_time=time(10),
            time_zone="Europe/Berlin",
            minutes=minutes,
            mode="workplace",
        )
        if minutes == 30:
            build_plan(me, conversation)
    fitting = [q.text for q in current_plan(me, conversation).questions]
    left_out = [i.question.text for i in plan_items(conversation) if i.question.text not in fitting]
    assert fitting and left_out
    return conversation, fitting, left_out


def test_the_confirmation_lists_only_the_questions_that_fit(client, shortened):
    conversation, fitting, left_out = shortened
    page = client.get(f"/conversations/{conversation.pk}/").content.decode()
    note = page.split('id="confirmation-note"', 1)[1].split("</textarea>", 1)[0]
    assert note.count("\n- ") == len(fitting)
    for text in left_out:
        assert f"- {text}".replace("'", "&#x27;") not in note


def test_live_mode_leaves_out_the_questions_that_do_not_fit(client, shortened):
    conversation, fitting, left_out = shortened
    page = (
        client.get(f"/conversations/{conversation.pk}/live/")
        .content.decode()
        .replace("&#x27;", "'")
    )
    assert all(text in page for text in fitting)
    assert not any(f">{text}<" in page for text in left_out)
