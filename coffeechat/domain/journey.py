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
    CONFIRMED = "confirmed"
    HELD = "held"
    THANKED = "thanked"
    KEPT_IN_TOUCH = "kept_in_touch"  # any later contact; resets the keep-in-touch clock
    TOLD_DECISION = "told_decision"  # told them what I decided (SPEC F3)


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


# Which events may follow the current stage. Anything else is a step the method does
# not allow (thanking before the meeting, a second follow-up, asking after a clear no).
NEXT_STEPS: dict[Stage, frozenset[EventKind]] = {
    Stage.NOT_ASKED: frozenset({EventKind.ASKED}),
    Stage.ASKED: frozenset({EventKind.FOLLOWED_UP, EventKind.REPLIED}),
    Stage.FOLLOWED_UP: frozenset({EventKind.REPLIED}),
    Stage.ACCEPTED: frozenset({EventKind.SCHEDULED, EventKind.HELD}),
    Stage.CALLBACK: frozenset({EventKind.ASKED, EventKind.REPLIED}),
    Stage.DECLINED: frozenset(),
    Stage.REFUSED: frozenset(),
    Stage.SCHEDULED: frozenset({EventKind.RESCHEDULED, EventKind.CANCELLED, EventKind.CONFIRMED,
                                EventKind.HELD}),
    Stage.CANCELLED: frozenset({EventKind.SCHEDULED}),
    Stage.HELD: frozenset({EventKind.THANKED, EventKind.KEPT_IN_TOUCH}),
    Stage.THANKED: frozenset({EventKind.KEPT_IN_TOUCH, EventKind.TOLD_DECISION}),
}

REFUSALS = {
    EventKind.THANKED: "A thank-you follows the conversation: log that it was held first.",
    EventKind.HELD: "Log the reply (or the meeting) before logging the conversation as held.",
    EventKind.FOLLOWED_UP: "One polite follow-up, after an ask with no reply — never a chase.",
    EventKind.REPLIED: "A reply answers an ask: log the ask first.",
    EventKind.SCHEDULED: "Schedule once they have said yes.",
    EventKind.RESCHEDULED: "Only a scheduled meeting can be rescheduled.",
    EventKind.CANCELLED: "Only a scheduled meeting can be cancelled.",
    EventKind.ASKED: "This conversation has already been asked for.",
    EventKind.CONFIRMED: "Only a scheduled meeting can be confirmed.",
    EventKind.KEPT_IN_TOUCH: "Keeping in touch follows a conversation that was held.",
    EventKind.TOLD_DECISION: "Tell them your decision after you have thanked them.",
}


class StepRefused(ValueError):
    """An event that cannot follow the conversation's current stage."""


def check_next(events: Iterable[EventFact], kind: EventKind) -> Stage:
    """The stage after logging `kind`, or StepRefused with a reason a person can act on."""
    stage = derive_stage(events)
    if kind in NEXT_STEPS[stage]:
        return stage
    if stage == Stage.REFUSED:
        raise StepRefused("They gave a clear no: this conversation is closed. "
                          "Ask someone else instead.")
    if stage == Stage.DECLINED:
        raise StepRefused(f"This conversation is complete ({stage.label.lower()}).")
    raise StepRefused(REFUSALS[kind])


def allowed_next(events: Iterable[EventFact]) -> frozenset[EventKind]:
    return NEXT_STEPS[derive_stage(events)]
