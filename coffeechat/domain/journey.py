"""A conversation's stage, derived from its append-only event history.

Nothing about a conversation's progress is stored as a status field: the stage is
a fold over the events (asked, replied, scheduled, held, thanked, ...), so the
history can never disagree with what the app shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class EventKind(StrEnum):
    ASKED = "asked"
    FOLLOWED_UP = "followed_up"
    REPLIED = "replied"
    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    HELD = "held"
    THANKED = "thanked"


class Outcome(StrEnum):
    """What a reply to an ask said (SPEC O6)."""

    ACCEPTED = "accepted"
    DECLINED_BUSY = "declined_busy"
    BUSY_NOW = "busy_now"
    CLEAR_NO = "clear_no"


class Stage(StrEnum):
    NOT_ASKED = "not_asked"
    ASKED = "asked"
    FOLLOWED_UP = "followed_up"
    ACCEPTED = "accepted"
    CALLBACK = "callback"
    DECLINED = "declined"
    REFUSED = "refused"
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    HELD = "held"
    THANKED = "thanked"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.NOT_ASKED: "Not asked yet",
    Stage.ASKED: "Asked, waiting for a reply",
    Stage.FOLLOWED_UP: "Followed up once",
    Stage.ACCEPTED: "Accepted, to schedule",
    Stage.CALLBACK: "Busy now, call back later",
    Stage.DECLINED: "Declined, too busy",
    Stage.REFUSED: "Clear no",
    Stage.SCHEDULED: "Meeting scheduled",
    Stage.CANCELLED: "Meeting cancelled",
    Stage.HELD: "Conversation held",
    Stage.THANKED: "Thanked",
}

REPLY_STAGES = {
    Outcome.ACCEPTED: Stage.ACCEPTED,
    Outcome.DECLINED_BUSY: Stage.DECLINED,
    Outcome.BUSY_NOW: Stage.CALLBACK,
    Outcome.CLEAR_NO: Stage.REFUSED,
}

SIMPLE_STAGES = {
    EventKind.ASKED: Stage.ASKED,
    EventKind.FOLLOWED_UP: Stage.FOLLOWED_UP,
    EventKind.SCHEDULED: Stage.SCHEDULED,
    EventKind.RESCHEDULED: Stage.SCHEDULED,
    EventKind.CANCELLED: Stage.CANCELLED,
    EventKind.HELD: Stage.HELD,
    EventKind.THANKED: Stage.THANKED,
}


@dataclass(frozen=True)
class EventFact:
    """The part of a logged event that the rules need."""

    kind: EventKind
    on: date
    outcome: Outcome | None = None
    meeting_on: date | None = None
    callback_on: date | None = None


def stage_after(stage: Stage, event: EventFact) -> Stage:
    if event.kind == EventKind.REPLIED and event.outcome is not None:
        return REPLY_STAGES[event.outcome]
    return SIMPLE_STAGES.get(event.kind, stage)


def derive_stage(events: Iterable[EventFact]) -> Stage:
    """Fold the events, oldest first, into the conversation's current stage."""
    stage = Stage.NOT_ASKED
    for event in events:
        stage = stage_after(stage, event)
    return stage


def last_event(events: Iterable[EventFact], *kinds: EventKind) -> EventFact | None:
    found = None
    for event in events:
        if event.kind in kinds:
            found = event
    return found
