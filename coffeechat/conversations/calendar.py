"""Meetings as iCalendar (RFC 5545): one .ics per meeting and a private feed (SPEC S2).

Times are written in UTC ("Z"), which every calendar shows in its own zone; the
meeting's own zone is named in the description. The UID is stable per meeting and
SEQUENCE grows with each change, so a subscribed calendar updates the same event.
"""

from datetime import UTC, datetime

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODUCT = "-//coffeechat//informational interviews//EN"


def uid_for(conversation) -> str:
    return f"conversation-{conversation.pk}@coffeechat.local"


def calendar_of(conversations, name: str = "coffeechat", tasks=()) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    now = datetime.now(UTC)
    for conversation in conversations:
        meeting = conversation.meeting
        if meeting is not None:
            calendar.add_component(_event(conversation, meeting, now))
    for task in tasks:
        calendar.add_component(_task_item(task, now))
    return calendar.to_ical()


def _task_item(task, stamp):
    """A due task as an all-day item (opt-in), named by its task key."""
    from datetime import timedelta

    item = CalendarEvent()
    item.add("uid", f"task-{task.key}@coffeechat.local")
    item.add("dtstamp", stamp)
    item.add("dtstart", task.due)
    item.add("dtend", task.due + timedelta(days=1))
    item.add("summary", task.title)
    item.add("transp", "TRANSPARENT")
    return item


def _event(conversation, meeting, stamp):
    slot, person = meeting.slot, conversation.person
    event = CalendarEvent()
    event.add("uid", uid_for(conversation))
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.sequence)
    event.add("dtstart", slot.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", f"Informational interview with {person.name}")
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    location = slot.link if slot.mode == "video" else slot.location
    if location:
        event.add("location", location)
    event.add("description", _description(conversation, meeting))
    return event


def _description(conversation, meeting) -> str:
    slot, person = meeting.slot, conversation.person
    local = slot.local_start
    lines = [
        f"{slot.minutes} minutes, {slot.mode}. {local:%A %d %B %Y, %H:%M} ({slot.time_zone}).",
        f"With {person.name}"
        + (f", {person.title}" if person.title else "")
        + (f" at {person.organization.name}" if person.organization_id else "")
        + ".",
        f"Exploration: {conversation.exploration.title}",
        "Keep to the time you asked for. Ask who else you should talk to.",
    ]
    if settings.DEBUG:
        lines.append(f"(conversation {conversation.pk})")
    return "\n".join(lines)
