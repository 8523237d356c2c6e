"""Issue 20, points 3 (channel names), 9 and 10: the 360° view and the recurring terms."""

from datetime import date, time

import pytest

from coffeechat.conversations.services import cancel, log_event, save_findings, schedule
from coffeechat.domain.insights import recurring_terms
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.people.services import create_person
from tests.conftest import make_ask, make_exploration

pytestmark = pytest.mark.django_db


def test_a_cancelled_meeting_is_not_shown_as_declined(client, me):
    exploration = make_exploration(me)
    conversation = make_ask(
        me,
        person=create_person(me, name="Noor Haddad", level="same"),
        exploration=exploration,
        on=date(2026, 11, 2),
    )
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    schedule(
        me,
        conversation,
        on=date(2026, 11, 3),
        meeting_date=date(2026, 11, 10),
        meeting_time=time(10),
        time_zone="Europe/Berlin",
        minutes=20,
        mode="workplace",
    )
    cancel(me, conversation, on=date(2026, 11, 5), reason="They moved team")
    page = client.get(f"/explorations/{exploration.pk}/insights/").content.decode()
    assert "Noor Haddad <small>(meeting cancelled)</small>" in page
    assert "(declined)" not in page


def test_channels_in_the_charts_are_named_in_words(client, me):
    exploration = make_exploration(me)
    make_ask(
        me, person=create_person(me, name="Noor Haddad"), exploration=exploration, channel="network"
    )
    page = client.get(f"/explorations/{exploration.pk}/insights/").content.decode()
    assert "Professional-network message" in page
    assert ">network<" not in page and ">direct<" not in page


def test_a_term_one_person_repeats_counts_once():
    two_people = [
        ("Stakeholder interviews.", "More stakeholder work.", "stakeholder maps"),
        ("A stakeholder asked.",),
    ]
    assert recurring_terms(two_people) == [("stakeholder", 2)]
    assert recurring_terms([("stakeholder", "stakeholder", "stakeholder")]) == []


def test_the_side_by_side_page_counts_people_not_answers(client, me):
    exploration = make_exploration(me)
    for name, texts in (
        ("Ada", ["stakeholder maps", "stakeholder interviews", "stakeholder talks"]),
        ("Noor", ["stakeholder work"]),
    ):
        conversation = make_ask(me, person=create_person(me, name=name), exploration=exploration)
        save_findings(
            me,
            conversation,
            dict(zip(["likes", "dislikes", "path_into_role"], texts, strict=False)),
        )
    page = client.get(f"/explorations/{exploration.pk}/side-by-side/").content.decode()
    assert "<strong>stakeholder</strong> <small>from 2 people</small>" in page
