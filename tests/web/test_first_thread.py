"""The first thread: ask someone, and see the follow-up fall due 3 business days later."""

from datetime import date

import pytest

from coffeechat.conversations.models import Event
from tests.conftest import make_ask, make_exploration, make_person, queries_for_get

pytestmark = pytest.mark.django_db


def test_logging_an_ask_records_date_channel_and_text(client, me):
    person = make_person(me)
    exploration = make_exploration(me)
    response = client.post(
        f"/people/{person.pk}/ask/",
        {
            "exploration": exploration.pk,
            "on": "2026-11-20",
            "channel": "email",
            "approach": "direct",
            "text": "Could I have 15 minutes of your time?",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/conversations/{event.conversation_id}/"
    assert (event.kind, event.on, event.channel, event.text) == (
        "asked",
        date(2026, 11, 20),
        "email",
        "Could I have 15 minutes of your time?",
    )


def test_a_date_in_the_wrong_format_is_named_and_nothing_is_saved(client, me):
    person = make_person(me)
    exploration = make_exploration(me)
    response = client.post(
        f"/people/{person.pk}/ask/",
        {
            "exploration": exploration.pk,
            "on": "20/11/2026",
            "channel": "email",
            "approach": "direct",
        },
    )
    assert response.status_code == 400
    assert "Date asked</a>: Enter a valid date." in response.content.decode()
    assert not Event.objects.exists()


def test_the_follow_up_falls_due_three_business_days_after_the_ask(client, me):
    make_ask(me, person=make_person(me, name="Grace Hopper"), on=date(2026, 11, 20))  # a Friday
    before = client.get("/?on=2026-11-24").content.decode()
    due = client.get("/?on=2026-11-25").content.decode()
    assert "Coming up" in before and "Overdue" not in before
    assert "No reply from Grace Hopper yet" in due
    assert '<h2 id="bucket-1">Today' in due


def test_a_bad_as_of_date_is_explained(client, me):
    response = client.get("/?on=tomorrow")
    assert response.status_code == 400
    assert "“tomorrow” is not a date: use YYYY-MM-DD." in response.content.decode()


def test_today_runs_as_many_queries_for_25_conversations_as_for_one(client, me):
    exploration = make_exploration(me)
    make_ask(me, person=make_person(me, name="P0"), exploration=exploration)
    one = queries_for_get(client, "/?on=2026-11-25")
    for n in range(1, 25):
        make_ask(me, person=make_person(me, name=f"P{n}"), exploration=exploration)
    assert queries_for_get(client, "/?on=2026-11-25") == one


def test_logging_a_reply_moves_the_stage(client, me):
    conversation = make_ask(me)
    response = client.post(
        f"/conversations/{conversation.pk}/",
        {"kind": "replied", "on": "2026-11-23", "outcome": "accepted"},
    )
    assert response.status_code == 302
    page = client.get(f"/conversations/{conversation.pk}/").content.decode()
    assert "Accepted, to schedule" in page


def test_a_reply_without_its_answer_is_refused(client, me):
    conversation = make_ask(me)
    response = client.post(
        f"/conversations/{conversation.pk}/", {"kind": "replied", "on": "2026-11-23"}
    )
    assert response.status_code == 400
    assert "Their answer</a>: Say what they answered." in response.content.decode()
    assert Event.objects.count() == 1


def test_a_strangers_conversation_is_not_found(client, me, charlie):
    theirs = make_ask(charlie)
    assert client.get(f"/conversations/{theirs.pk}/").status_code == 404
    assert (
        client.post(
            f"/conversations/{theirs.pk}/", {"kind": "held", "on": "2026-11-23"}
        ).status_code
        == 404
    )


def test_the_home_page_says_what_to_do_first_when_empty(client, me):
    assert "Create your first exploration" in client.get("/").content.decode()
