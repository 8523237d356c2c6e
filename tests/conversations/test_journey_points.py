"""Issue 20, points 1-6: the journey as a user meets it, through the services and pages."""

from datetime import date

import pytest
from django.test import override_settings

from coffeechat.conversations.services import cancel, log_event, schedule
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.domain.today import TaskKind
from coffeechat.errors import Invalid
from coffeechat.explorations.services import (
    close_exploration,
    get_exploration_for,
    reopen_exploration,
)
from coffeechat.people.services import add_note
from coffeechat.today.services import tasks_on
from tests.conftest import make_ask, make_exploration, make_person

pytestmark = pytest.mark.django_db

ASKED_ON = date(2026, 11, 2)  # a Monday
MEETING = date(2026, 11, 10)


def met(me, exploration=None, name="Priya Raman"):
    """Asked, accepted, scheduled and held: a person met, not yet thanked."""
    conversation = make_ask(
        me, person=make_person(me, name=name), on=ASKED_ON, exploration=exploration
    )
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    book(me, conversation)
    log_event(me, conversation, EventKind.HELD, on=MEETING)
    return conversation


def book(me, conversation, on=date(2026, 11, 4), meeting_date=MEETING):
    from datetime import time

    return schedule(
        me,
        conversation,
        on=on,
        meeting_date=meeting_date,
        meeting_time=time(10),
        time_zone="Europe/Berlin",
        minutes=20,
        mode="workplace",
    )


def kinds(me, day):
    return [task.kind for task in tasks_on(me, day)]


# ---- 1 -------------------------------------------------------------------------------


def test_closing_keeps_the_thank_you_then_asks_to_tell_the_decision(me):
    conversation = met(me)
    exploration = conversation.exploration
    close_exploration(
        me,
        exploration.pk,
        exploration.version,
        decision="A master's in HCI",
        closed_on=date(2026, 11, 11),
    )
    for day in (date(2026, 11, 12), date(2026, 12, 12)):
        assert kinds(me, day) == [TaskKind.THANK_YOU]
    log_event(me, conversation, EventKind.THANKED, on=date(2026, 12, 12))
    assert kinds(me, date(2026, 12, 12)) == [TaskKind.TELL_DECISION]


def test_reopening_keeps_the_decision_on_the_page_and_in_the_report(me, client):
    exploration = make_exploration(me)
    close_exploration(
        me,
        exploration.pk,
        exploration.version,
        decision="A master's in HCI",
        closed_on=date(2026, 11, 11),
    )
    reopen_exploration(me, exploration.pk, get_exploration_for(me, exploration.pk).version)
    assert get_exploration_for(me, exploration.pk).decision == "A master's in HCI"
    assert "A master&#x27;s in HCI" in client.get(
        f"/explorations/{exploration.pk}/"
    ).content.decode().replace("&#39;", "&#x27;")
    report = client.get(f"/explorations/{exploration.pk}/report.md").content.decode()
    assert "## Decision" in report and "A master's in HCI" in report


# ---- 2 -------------------------------------------------------------------------------


def test_after_the_meeting_day_it_asks_to_be_logged_instead_of_prepare_and_confirm(me):
    conversation = make_ask(me, on=ASKED_ON)
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    book(me, conversation)
    assert kinds(me, date(2026, 11, 9)) == [
        TaskKind.CONFIRM,
        TaskKind.PREPARE,
        TaskKind.LOG_MEETING,
    ]
    for day in (date(2026, 11, 11), date(2027, 2, 1)):
        assert kinds(me, day) == [TaskKind.LOG_MEETING]
    assert "Log the meeting" in tasks_on(me, date(2026, 11, 11))[0].title


# ---- 3 -------------------------------------------------------------------------------


def test_the_reply_form_starts_on_a_reply_and_history_reads_as_words(me, client):
    conversation = make_ask(me, on=ASKED_ON)
    page = client.get(f"/conversations/{conversation.pk}/").content.decode()
    first_option = page.split('name="kind"', 1)[1].split("<option", 2)[1]
    assert 'value="replied"' in first_option
    log_event(
        me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.DECLINED_BUSY
    )
    page = client.get(f"/conversations/{conversation.pk}/").content.decode()
    history = page.split("<h2>History</h2>", 1)[1].split("</ol>", 1)[0]
    assert "They replied: declined, too busy" in history
    assert "_" not in history.replace("history", "")


def test_a_follow_up_with_an_answer_is_refused_by_form_and_service(me, client):
    conversation = make_ask(me, on=ASKED_ON)
    response = client.post(
        f"/conversations/{conversation.pk}/",
        {"kind": "followed_up", "on": "2026-11-12", "outcome": "accepted"},
    )
    assert (
        response.status_code == 400
        and "Only a reply has an answer" in response.content.decode().replace("&#x27;", "'")
    )
    with pytest.raises(Invalid, match="Only a reply has an answer"):
        log_event(
            me, conversation, EventKind.FOLLOWED_UP, on=date(2026, 11, 12), outcome=Outcome.ACCEPTED
        )
    assert conversation.events.count() == 1


# ---- 4 -------------------------------------------------------------------------------


@override_settings(
    CADENCE={
        "ask_another_after": 2,
        "follow_up_after": 5,
        "thank_you_within": 2,
        "horizon": 7,
        "keep_in_touch_weeks": 8,
    }
)
def test_the_advice_while_waiting_follows_the_settings(me, client):
    conversation = make_ask(me, on=ASKED_ON)
    page = client.get(f"/conversations/{conversation.pk}/").content.decode()
    assert "after 5 business days" in page and "seven" not in page


# ---- 5 -------------------------------------------------------------------------------


def test_impossible_dates_are_refused(me):
    conversation = make_ask(me, on=ASKED_ON)
    with pytest.raises(Invalid, match="not on the day of the ask"):
        log_event(me, conversation, EventKind.FOLLOWED_UP, on=ASKED_ON)
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    with pytest.raises(Invalid, match="before the ask") as refused:
        book(me, conversation, meeting_date=date(2026, 11, 1))
    assert refused.value.field == "meeting_date"
    book(me, conversation)
    with pytest.raises(Invalid, match="held on that day or later"):
        log_event(me, conversation, EventKind.HELD, on=date(2026, 11, 7))
    assert [e.kind for e in conversation.events.all()] == ["asked", "replied", "scheduled"]


def test_a_meeting_in_the_past_is_saved_with_a_warning_on_the_page(me, client):
    conversation = make_ask(me, on=ASKED_ON)
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    response = client.post(
        f"/conversations/{conversation.pk}/schedule/",
        {
            "meeting_date": "2026-11-10",
            "meeting_time": "10:00",
            "time_zone": "Europe/Berlin",
            "minutes": "20",
            "mode": "workplace",
            "on": "2026-11-04",
        },
        follow=True,
    )
    assert "logged late" in response.content.decode()
    cancel(me, conversation, on=date(2026, 11, 5), reason="ill")


# ---- 6 -------------------------------------------------------------------------------


def thanked(me, conversation, on=date(2026, 11, 12)):
    log_event(me, conversation, EventKind.THANKED, on=on)


def test_a_note_resets_keep_in_touch(me):
    conversation = met(me)
    thanked(me, conversation)
    due = date(2027, 1, 7)  # eight weeks after the thank-you
    assert kinds(me, due) == [TaskKind.KEEP_IN_TOUCH]
    add_note(me, conversation.person, "Met her again at a meetup.")  # dated today (later)
    assert kinds(me, due) == []


def test_an_ask_in_another_exploration_resets_keep_in_touch(me):
    conversation = met(me)
    thanked(me, conversation)
    other = make_exploration(me, title="Or product management?")
    make_ask(me, person=conversation.person, exploration=other, on=date(2026, 12, 1))
    keep = [t.due for t in tasks_on(me, date(2027, 1, 26)) if t.kind == TaskKind.KEEP_IN_TOUCH]
    assert keep == [date(2027, 1, 26)]
