"""A person's timeline (U3): newest first, one kind at a time."""

from datetime import date

from coffeechat.domain.journey import EventKind
from coffeechat.domain.timeline import EVENT_KINDS, KINDS, Entry, kind_of_event, timeline


def test_every_event_kind_has_a_timeline_kind():
    assert set(EVENT_KINDS) == set(EventKind)
    assert set(EVENT_KINDS.values()) <= set(KINDS)
    assert kind_of_event("held") == "meeting" and kind_of_event("thanked") == "thanks"


def test_newest_first_and_later_written_first_within_a_day():
    asked = Entry(date(2026, 11, 2), "ask", "Asked", order=1)
    note = Entry(date(2026, 11, 5), "note", "Note", order=2)
    replied = Entry(date(2026, 11, 5), "reply", "They replied", order=5)
    assert timeline([asked, note, replied]) == [replied, note, asked]


def test_one_kind_or_everything_for_an_unknown_one():
    asked = Entry(date(2026, 11, 2), "ask", "Asked")
    note = Entry(date(2026, 11, 5), "note", "Note")
    assert timeline([asked, note], "note") == [note]
    assert timeline([asked, note], "meeting") == []
    assert timeline([asked, note], "nonsense") == [note, asked]
