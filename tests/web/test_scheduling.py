"""Scheduling, moving and cancelling a meeting, and the calendar it shows up in (S1-S4)."""

import re
from datetime import UTC, date, datetime

import icalendar
import pytest
import vobject

from coffeechat.conversations.models import Event
from tests.conftest import make_ask, make_person

pytestmark = pytest.mark.django_db

BOOK = {
    "meeting_date": "2026-11-27",
    "meeting_time": "10:30",
    "time_zone": "Europe/Berlin",
    "minutes": "20",
    "mode": "workplace",
    "location": "Acme, 3rd floor",
    "on": "2026-11-23",
}


@pytest.fixture
def accepted(client, me):
    conversation = make_ask(me, person=make_person(me, name="Priya Raman", title="Researcher"))
    client.post(
        f"/conversations/{conversation.pk}/",
        {"kind": "replied", "on": "2026-11-23", "outcome": "accepted"},
    )
    return conversation


def book(client, conversation, **changes):
    return client.post(f"/conversations/{conversation.pk}/schedule/", {**BOOK, **changes})


def ics(client, conversation):
    response = client.get(f"/conversations/{conversation.pk}/meeting.ics")
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar"
    return response.content


def test_scheduling_stores_time_zone_length_and_place(client, accepted):
    assert book(client, accepted).status_code == 302
    event = Event.objects.get(kind="scheduled")
    assert event.starts_at == datetime(2026, 11, 27, 9, 30, tzinfo=UTC)  # 10:30 in Berlin
    assert (event.meeting_on, event.minutes, event.location) == (
        date(2026, 11, 27),
        20,
        "Acme, 3rd floor",
    )


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"time_zone": "Mars/Olympus"}, "Time zone</a>: Use a zone name such as Europe/Berlin."),
        ({"minutes": "45"}, "Length</a>: Select a valid choice."),
        ({"mode": "video"}, "Video link</a>: a video call needs its link."),
        ({"meeting_time": "25:00"}, "Time</a>: Enter a valid time."),
        ({"cost": "-3"}, "Cost (coffee or meal — you pay)</a>: Ensure this value is greater"),
    ],
)
def test_bad_meeting_details_name_the_field_and_save_nothing(client, accepted, changes, message):
    response = book(client, accepted, **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Event.objects.filter(kind="scheduled").exists()


def test_the_ics_parses_with_two_independent_parsers(client, accepted):
    book(client, accepted)
    data = ics(client, accepted)
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert event["UID"] == f"conversation-{accepted.pk}@coffeechat.local"
    assert event.decoded("DTSTART") == datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 11, 27, 9, 50, tzinfo=UTC)
    assert int(event["SEQUENCE"]) == 0 and "DTSTAMP" in event
    parsed = vobject.readOne(data.decode())
    assert parsed.vevent.summary.value == "Informational interview with Priya Raman"
    assert parsed.vevent.location.value == "Acme, 3rd floor"
    assert parsed.vevent.dtstart.value == datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def test_a_reschedule_updates_the_same_event_with_a_higher_sequence(client, accepted):
    book(client, accepted)
    first = icalendar.Calendar.from_ical(ics(client, accepted)).walk("VEVENT")[0]
    book(client, accepted, meeting_time="14:00", reason="their travel")
    second = icalendar.Calendar.from_ical(ics(client, accepted)).walk("VEVENT")[0]
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) == 1
    assert second.decoded("DTSTART").hour == 13
    assert Event.objects.filter(kind="rescheduled", text="their travel").exists()
    body = client.get(f"/conversations/{accepted.pk}/").content.decode()
    assert "their travel" in body  # the history keeps what was planned and why


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(client, accepted):
    book(client, accepted)
    client.post(f"/conversations/{accepted.pk}/cancel/", {"reason": "ill", "on": "2026-11-25"})
    event = icalendar.Calendar.from_ical(ics(client, accepted)).walk("VEVENT")[0]
    assert event["STATUS"] == "CANCELLED" and int(event["SEQUENCE"]) == 1
    vevent = vobject.readOne(ics(client, accepted).decode()).vevent
    assert vevent.status.value == "CANCELLED"


def test_a_cancel_needs_a_reason(client, accepted):
    book(client, accepted)
    response = client.post(f"/conversations/{accepted.pk}/cancel/", {"on": "2026-11-25"})
    assert response.status_code == 400
    assert not Event.objects.filter(kind="cancelled").exists()


def feed_token_in(response) -> str:
    """The feed's secret, as the settings page shows it once after (re)making it."""
    return re.search(r'/calendar/([^"/]+)\.ics', response.content.decode())[1]


def test_the_feed_lists_meetings_and_stops_when_revoked(client, me, accepted):
    book(client, accepted)
    token = feed_token_in(client.post("/settings/feed/renew/"))
    feed = client.get(f"/calendar/{token}.ics")
    assert feed.status_code == 200
    assert len(vobject.readOne(feed.content.decode()).vevent_list) == 1
    renewed = feed_token_in(client.post("/settings/feed/renew/"))
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get(f"/calendar/{renewed}.ics").status_code == 200
    client.post("/settings/feed/revoke/")
    assert client.get(f"/calendar/{renewed}.ics").status_code == 404


def test_confirmation_is_due_two_days_before_and_cleared_by_sending_it(client, accepted):
    book(client, accepted)
    assert "Confirm the meeting with Priya Raman" in client.get("/?on=2026-11-25").content.decode()
    page = client.get(f"/conversations/{accepted.pk}/").content.decode()
    assert "Just confirming our 20-minute conversation on Friday 27 November at 10:30" in page
    client.post(f"/conversations/{accepted.pk}/", {"kind": "confirmed", "on": "2026-11-25"})
    assert "Confirm the meeting" not in client.get("/?on=2026-11-25").content.decode()


def test_a_strangers_meeting_file_is_not_found(client, me, charlie):
    theirs = make_ask(charlie)
    assert client.get(f"/conversations/{theirs.pk}/meeting.ics").status_code == 404


def test_the_meeting_shows_in_its_own_zone_and_the_persons(client, me, accepted):
    person = accepted.person
    person.time_zone = "America/New_York"
    person.save()
    book(client, accepted)
    page = client.get(f"/conversations/{accepted.pk}/").content.decode()
    assert "Friday 27 November 2026, 10:30</strong> (Europe/Berlin" in page
    assert "04:30 for Priya Raman" in page
