"""Clearing tasks in place (SPEC T1) and due tasks in the calendar feed (T2)."""

from datetime import date

import pytest
import vobject

from coffeechat.accounts.services import profile_for
from coffeechat.today.models import TaskMark
from tests.conftest import make_ask, make_person
from tests.web.test_scheduling import feed_token_in

pytestmark = pytest.mark.django_db

DAY3 = "2026-11-25"


@pytest.fixture
def waiting(me):
    return make_ask(me, person=make_person(me, name="Grace"), on=date(2026, 11, 20))


def key(conversation):
    return f"ask_another:c{conversation.pk}:{DAY3}"


def test_done_in_place_returns_the_list_without_the_task(client, waiting):
    response = client.post(
        "/tasks/mark/", {"task": key(waiting), "action": "done", "on": DAY3}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'id="tasks"' in body and "<html" not in body
    assert "No reply from Grace" not in body
    assert TaskMark.objects.get().action == "done"


def test_a_snoozed_task_returns_the_next_day(client, waiting):
    client.post("/tasks/mark/", {"task": key(waiting), "action": "snoozed", "on": DAY3})
    assert "No reply from Grace" not in client.get(f"/?on={DAY3}").content.decode()
    assert "No reply from Grace" in client.get("/?on=2026-11-26").content.decode()


def test_the_list_for_an_earlier_day_is_unchanged_by_a_later_mark(client, waiting):
    client.post("/tasks/mark/", {"task": key(waiting), "action": "dismissed", "on": "2026-11-26"})
    assert "No reply from Grace" in client.get(f"/?on={DAY3}").content.decode()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"action": "shredded"}, "Choose done, dismiss or snooze."),
        ({"task": "nonsense"}, "That is not a task of yours."),
        ({"on": "someday"}, "is not a date"),
        ({"action": "snoozed", "days": "x"}, "Snooze for 1 to 365 days."),
    ],
)
def test_bad_marks_are_refused_with_a_reason(client, waiting, data, field):
    values = {"task": key(waiting), "action": "done", "on": DAY3, **data}
    response = client.post("/tasks/mark/", values)
    assert response.status_code == 400 and field in response.content.decode()
    assert not TaskMark.objects.exists()


def test_the_feed_carries_due_tasks_only_when_asked(client, me, waiting):
    token = feed_token_in(client.post("/settings/feed/renew/"))
    feed = vobject.readOne(client.get(f"/calendar/{token}.ics").content.decode())
    assert not hasattr(feed, "vevent")
    client.post(
        "/settings/",
        {
            "display_name": "",
            "country": "",
            "digest_hour": 7,
            "feed_tasks": "on",
            "version": profile_for(me).version,
        },
    )
    feed = vobject.readOne(client.get(f"/calendar/{token}.ics").content.decode())
    summaries = [event.summary.value for event in feed.vevent_list]
    assert any("Grace" in summary for summary in summaries)
    assert all(isinstance(e.dtstart.value, date) for e in feed.vevent_list)


def test_the_digest_needs_an_address(client, me):
    response = client.post(
        "/settings/", {"digest_enabled": "on", "digest_hour": 7, "version": profile_for(me).version}
    )
    assert response.status_code == 400
    assert "Send the digest to</a>: Where should the digest go?" in response.content.decode()


def test_today_reads_a_bounded_number_of_conversations_and_says_how_many_wait(client, me, settings):
    from coffeechat.today import services

    old = services.MOST_PRESSING
    services.MOST_PRESSING = 3
    try:
        for n in range(5):
            make_ask(me, person=make_person(me, name=f"Person {n}"), on=date(2026, 11, 2))
        page = client.get("/?on=2026-11-25").content.decode()
    finally:
        services.MOST_PRESSING = old
    assert page.count("one polite follow-up (then let it rest)</a>") == 3
    assert "2 more conversations have something due" in page


def test_a_new_event_refreshes_the_due_date_cache(client, me):
    from coffeechat.conversations.models import Conversation
    from coffeechat.conversations.services import log_event
    from coffeechat.domain.journey import EventKind, Outcome

    conversation = make_ask(me, on=date(2026, 11, 20))
    client.get("/?on=2026-11-25")
    assert Conversation.objects.get().next_due == date(2026, 11, 25)
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 23), outcome=Outcome.CLEAR_NO)
    client.get("/?on=2026-11-25")
    assert Conversation.objects.get().next_due is None
