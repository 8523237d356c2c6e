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
    Stage.SCHEDULED: frozenset(
        {EventKind.RESCHEDULED, EventKind.CANCELLED, EventKind.CONFIRMED, EventKind.HELD}
    ),
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

    def __init__(self, message: str, field: str = "kind"):
        super().__init__(message)
        self.field = field


def check_next(events: Iterable[EventFact], kind: EventKind) -> Stage:
    """The stage after logging `kind`, or StepRefused with a reason a person can act on."""
    stage = derive_stage(events)
    if kind in NEXT_STEPS[stage]:
        return stage
    if stage == Stage.REFUSED:
        raise StepRefused(
            "They gave a clear no: this conversation is closed. Ask someone else instead."
        )
    if stage == Stage.DECLINED:
        raise StepRefused(f"This conversation is complete ({stage.label.lower()}).")
    raise StepRefused(REFUSALS[kind])


def allowed_next(events: Iterable[EventFact]) -> frozenset[EventKind]:
    return NEXT_STEPS[derive_stage(events)]


# ---- the history in words ---------------------------------------------------------

EVENT_LABELS = {
    EventKind.ASKED: "Asked for a conversation",
    EventKind.FOLLOWED_UP: "Sent the one follow-up",
    EventKind.REPLIED: "They replied",
    EventKind.SCHEDULED: "Meeting scheduled",
    EventKind.RESCHEDULED: "Meeting moved",
    EventKind.CANCELLED: "Meeting cancelled",
    EventKind.CONFIRMED: "Confirmation sent",
    EventKind.HELD: "Conversation held",
    EventKind.THANKED: "Thank-you sent",
    EventKind.KEPT_IN_TOUCH: "Kept in touch",
    EventKind.TOLD_DECISION: "Told them what I decided",
}

OUTCOME_LABELS = {
    Outcome.ACCEPTED: "yes, they accepted",
    Outcome.DECLINED_BUSY: "declined, too busy",
    Outcome.BUSY_NOW: "busy now, ask again later",
    Outcome.CLEAR_NO: "a clear no",
}


def event_label(kind: EventKind | str, outcome: Outcome | str | None = None) -> str:
    """One history line's head in words: "They replied: a clear no"."""
    label = EVENT_LABELS[EventKind(kind)]
    return f"{label}: {OUTCOME_LABELS[Outcome(outcome)]}" if outcome else label


# ---- the whole step: is it possible, and is it plausible (dates) -------------------


def check_step(events: list[EventFact], step: EventFact, today: date | None = None) -> list[str]:
    """Refuse a step that cannot be (StepRefused names the field); return warnings for one
    that may be true but looks odd, such as a meeting in the past logged late."""
    check_next(events, step.kind)
    if events and step.on < events[-1].on:
        raise StepRefused(
            f"This happened before the last logged step ({events[-1].on:%d %b %Y}).", "on"
        )
    if step.outcome is not None and step.kind != EventKind.REPLIED:
        raise StepRefused(
            "Only a reply has an answer: choose “They replied”, or leave their answer empty.",
            "outcome",
        )
    if step.kind == EventKind.REPLIED and step.outcome is None:
        raise StepRefused("Say what they answered.", "outcome")
    if step.outcome == Outcome.BUSY_NOW and (
        step.callback_on is None or step.callback_on <= step.on
    ):
        raise StepRefused("Pick a later day to ask again.", "callback_on")
    asked = last_event(events, EventKind.ASKED)
    if step.kind == EventKind.FOLLOWED_UP and asked and step.on <= asked.on:
        raise StepRefused(
            "A follow-up comes after some days without a reply, not on the day of the ask.", "on"
        )
    if step.kind in (EventKind.SCHEDULED, EventKind.RESCHEDULED):
        return _meeting_warnings(events, step, asked, today)
    meeting_on = current_meeting_on(events)
    if step.kind == EventKind.HELD and meeting_on and step.on < meeting_on:
        raise StepRefused(
            f"The meeting is on {meeting_on:%a %d %b %Y}: log it as held on that day or later.",
            "on",
        )
    return []


def _meeting_warnings(events, step, asked, today) -> list[str]:
    if step.meeting_on is None:
        raise StepRefused("Give the meeting's date.", "meeting_date")
    if asked and step.meeting_on < asked.on:
        raise StepRefused(
            f"The meeting cannot be before the ask ({asked.on:%d %b %Y}).", "meeting_date"
        )
    if today is not None and step.meeting_on < today:
        return [
            f"The meeting's date ({step.meeting_on:%d %b %Y}) has passed: saved as "
            "logged late. Log how it went next."
        ]
    if step.meeting_on < step.on:
        return ["The meeting is before the day it was agreed: saved as logged late."]
    return []


def current_meeting_on(events: Iterable[EventFact]) -> date | None:
    """The date of the meeting as it stands (None once cancelled or never booked)."""
    meeting_on = None
    for event in events:
        if event.kind in (EventKind.SCHEDULED, EventKind.RESCHEDULED):
            meeting_on = event.meeting_on
        elif event.kind == EventKind.CANCELLED:
            meeting_on = None
    return meeting_on


# ---- the model as a picture (docs/USER_GUIDE.md) -----------------------------------


def transitions() -> list[tuple[Stage, str, Stage]]:
    """(from, event in words, to) for every step the method allows: the diagram's edges."""
    edges = []
    for stage, kinds in NEXT_STEPS.items():
        for kind in sorted(kinds, key=list(EventKind).index):
            if kind == EventKind.REPLIED:
                edges += [
                    (stage, f"replied, {OUTCOME_LABELS[outcome]}", target)
                    for outcome, target in REPLY_STAGES.items()
                ]
            else:
                target = stage_after(stage, EventFact(kind, date.min))
                edges.append((stage, EVENT_LABELS[kind].lower(), target))
    return edges
