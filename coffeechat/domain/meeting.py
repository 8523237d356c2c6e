"""The meeting of a conversation (SPEC S1, S4), folded from its scheduling events.

A meeting keeps one identity across reschedules; its sequence number grows with
each change, which is what a subscribed calendar needs to update the same event.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from .journey import EventKind

LENGTHS = (10, 15, 20, 30)
DEFAULT_LENGTH = 20
PHONE_LENGTH = 15
MODES = ("workplace", "coffee", "video", "phone")
DEFAULT_MODE = "workplace"  # their workplace: easiest for them (SPEC S1)
COSTLY_MODES = ("coffee",)  # the asker pays: the cost is tracked (SPEC S1)


@dataclass(frozen=True)
class Slot:
    """What a scheduling event says about the meeting."""

    starts_at: datetime  # timezone-aware
    time_zone: str
    minutes: int = DEFAULT_LENGTH
    mode: str = DEFAULT_MODE
    location: str = ""
    link: str = ""
    cost: Decimal | None = None

    @property
    def local_start(self) -> datetime:
        """The start as a clock on the wall where the meeting happens reads it."""
        return self.starts_at.astimezone(ZoneInfo(self.time_zone))


@dataclass(frozen=True)
class Meeting:
    slot: Slot
    sequence: int = 0
    cancelled: bool = False
    changes: tuple[tuple[str, date, str], ...] = ()  # (kind, on, reason): the history

    @property
    def ends_at(self) -> datetime:
        return self.slot.starts_at + timedelta(minutes=self.slot.minutes)


@dataclass(frozen=True)
class SchedulingEvent:
    kind: EventKind
    on: date
    slot: Slot | None = None
    reason: str = ""


def current_meeting(events: Iterable[SchedulingEvent]) -> Meeting | None:
    """The meeting as it stands after every scheduling event, oldest first."""
    meeting = None
    for event in events:
        meeting = _apply(meeting, event)
    return meeting


def _apply(meeting: Meeting | None, event: SchedulingEvent) -> Meeting | None:
    change = (event.kind.value, event.on, event.reason)
    if event.kind in (EventKind.SCHEDULED, EventKind.RESCHEDULED) and event.slot:
        if meeting is None:
            return Meeting(event.slot, 0, False, (change,))
        return Meeting(event.slot, meeting.sequence + 1, False, meeting.changes + (change,))
    if event.kind == EventKind.CANCELLED and meeting is not None:
        return replace(
            meeting,
            sequence=meeting.sequence + 1,
            cancelled=True,
            changes=meeting.changes + (change,),
        )
    return meeting


def default_length(mode: str) -> int:
    """Twenty minutes is the usual ask; a phone call is shorter."""
    return PHONE_LENGTH if mode == "phone" else DEFAULT_LENGTH


def check_slot(slot: Slot) -> None:
    """ValueError naming what is wrong with a proposed meeting."""
    if slot.starts_at.tzinfo is None:
        raise ValueError("starts_at: a meeting time needs its time zone.")
    if slot.minutes not in LENGTHS:
        raise ValueError("minutes: choose 10, 15, 20 or 30 minutes — short is the promise.")
    if slot.mode not in MODES:
        raise ValueError(f"mode: choose one of {', '.join(MODES)}.")
    if slot.mode == "video" and not slot.link:
        raise ValueError("link: a video call needs its link.")
    if slot.cost is not None and slot.cost < 0:
        raise ValueError("cost: a cost cannot be negative.")
