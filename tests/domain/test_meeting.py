from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from coffeechat.domain.journey import EventKind
from coffeechat.domain.meeting import (
    SchedulingEvent,
    Slot,
    check_slot,
    current_meeting,
    default_length,
)

BERLIN = ZoneInfo("Europe/Berlin")
D = date(2026, 11, 20)


def slot(hour=10, **values):
    return Slot(datetime(2026, 11, 27, hour, 0, tzinfo=BERLIN), "Europe/Berlin", **values)


def test_no_scheduling_means_no_meeting():
    assert current_meeting([]) is None


def test_rescheduling_keeps_the_meeting_and_raises_the_sequence():
    meeting = current_meeting(
        [
            SchedulingEvent(EventKind.SCHEDULED, D, slot(10)),
            SchedulingEvent(EventKind.RESCHEDULED, D, slot(14), reason="their travel"),
        ]
    )
    assert meeting.sequence == 1 and meeting.slot.starts_at.hour == 14
    assert [c[0] for c in meeting.changes] == ["scheduled", "rescheduled"]
    assert meeting.changes[1][2] == "their travel"


def test_cancelling_keeps_what_was_planned():
    meeting = current_meeting(
        [
            SchedulingEvent(EventKind.SCHEDULED, D, slot(10)),
            SchedulingEvent(EventKind.CANCELLED, D, reason="ill"),
        ]
    )
    assert meeting.cancelled and meeting.sequence == 1 and meeting.slot.starts_at.hour == 10


def test_a_meeting_ends_after_its_length():
    meeting = current_meeting([SchedulingEvent(EventKind.SCHEDULED, D, slot(10, minutes=20))])
    assert meeting.ends_at.minute == 20


def test_a_phone_call_is_shorter_by_default():
    assert (default_length("phone"), default_length("workplace")) == (15, 20)


@pytest.mark.parametrize(
    "values, field",
    [
        ({"minutes": 45}, "minutes"),
        ({"mode": "zoom"}, "mode"),
        ({"mode": "video"}, "link"),
        ({"cost": Decimal("-1")}, "cost"),
    ],
)
def test_bad_slots_name_the_field(values, field):
    with pytest.raises(ValueError, match=f"^{field}:"):
        check_slot(slot(**values))
