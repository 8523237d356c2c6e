"""What to do now (SPEC T1, O6 "3B7", F1): tasks derived from conversation histories.

Nothing here is stored: each task and its due date follow from the events and
the cadence settings, so the list for any day (T3) is the same function called
with another `today`.
"""

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from .businessdays import add_business_days
from .journey import EventFact, EventKind, Stage, derive_stage, last_event


class TaskKind(StrEnum):
    FOLLOW_UP = "follow_up"
    ASK_ANOTHER = "ask_another"
    CALLBACK = "callback"
    SCHEDULE = "schedule"
    CONFIRM = "confirm"
    PREPARE = "prepare"
    THANK_YOU = "thank_you"
    CONTACT_REFERRAL = "contact_referral"
    TELL_DECISION = "tell_decision"
    KEEP_IN_TOUCH = "keep_in_touch"


# Within one day, the more time-sensitive kinds come first.
KIND_ORDER = {kind: rank for rank, kind in enumerate(TaskKind)}


class Bucket(IntEnum):
    OVERDUE = 0
    TODAY = 1
    UPCOMING = 2

    @property
    def label(self) -> str:
        return ("Overdue", "Today", "Coming up")[self]


@dataclass(frozen=True)
class Cadence:
    """Day counts of the method; settings, not constants (SPEC O6, F1)."""

    ask_another_after: int = 3  # business days without a reply
    follow_up_after: int = 7  # business days without a reply
    thank_you_within: int = 2  # calendar days after the conversation
    confirm_before: int = 2  # calendar days before the meeting (SPEC S3: one to two)
    keep_in_touch_weeks: int = 8  # while the exploration is open (SPEC F3)
    referral_within: int = 1  # business days to contact someone you were referred to (F2)
    horizon: int = 7  # calendar days of upcoming tasks shown


@dataclass(frozen=True)
class ConversationFacts:
    conversation_id: int
    person_name: str
    person_priority: int = 0
    events: Sequence[EventFact] = field(default_factory=tuple)
    keep_in_touch_weeks: int | None = None  # the person's own rhythm, if set
    exploration_closed_on: date | None = None


@dataclass(frozen=True)
class ReferralFacts:
    """Someone a conversation referred me to (SPEC C2, F2)."""

    person_id: int
    person_name: str
    referred_on: date
    asked: bool = False
    person_priority: int = 2


@dataclass(frozen=True)
class Task:
    kind: TaskKind
    due: date
    conversation_id: int | None
    person_name: str
    person_priority: int
    title: str
    person_id: int | None = None  # for tasks about a person rather than a conversation

    @property
    def key(self) -> str:
        """Names this task at this due date; a mark made on it lapses if the date moves."""
        target = f"c{self.conversation_id}" if self.conversation_id else f"p{self.person_id}"
        return f"{self.kind.value}:{target}:{self.due.isoformat()}"

    def bucket(self, today: date) -> Bucket:
        if self.due < today:
            return Bucket.OVERDUE
        return Bucket.TODAY if self.due == today else Bucket.UPCOMING


def _task(facts: ConversationFacts, kind: TaskKind, due: date, title: str) -> Task:
    return Task(kind, due, facts.conversation_id, facts.person_name, facts.person_priority, title)


def _waiting_tasks(facts, cadence, holidays):
    asked = last_event(facts.events, EventKind.ASKED)
    name = facts.person_name
    follow_up_due = add_business_days(asked.on, cadence.follow_up_after, holidays)
    ask_another_due = add_business_days(asked.on, cadence.ask_another_after, holidays)
    return [
        _task(facts, TaskKind.ASK_ANOTHER, ask_another_due,
              f"No reply from {name} yet: ask another person as well"),
        _task(facts, TaskKind.FOLLOW_UP, follow_up_due,
              f"Send {name} one polite follow-up (then let it rest)"),
    ]


def tasks_for(facts: ConversationFacts, cadence: Cadence = Cadence(),
              holidays: Container[date] = frozenset()) -> list[Task]:
    """Every open task of one conversation, whatever its due date."""
    stage = derive_stage(facts.events)
    name = facts.person_name
    if stage == Stage.ASKED:
        return _waiting_tasks(facts, cadence, holidays)
    if not facts.events:  # opened, nothing logged yet: an employment conversation (F4)
        return []
    latest = facts.events[-1]
    if stage == Stage.ACCEPTED:
        return [_task(facts, TaskKind.SCHEDULE, latest.on, f"{name} said yes: agree on a time")]
    if stage == Stage.CALLBACK and latest.callback_on:
        return [_task(facts, TaskKind.CALLBACK, latest.callback_on,
                      f"Ask {name} again for a better time")]
    if stage == Stage.SCHEDULED:
        return _meeting_tasks(facts, cadence)
    if stage == Stage.HELD:
        held = last_event(facts.events, EventKind.HELD)
        due = held.on + timedelta(days=cadence.thank_you_within)
        return [_task(facts, TaskKind.THANK_YOU, due,
                      f"Thank {name}, recalling something specific they said")]
    if stage == Stage.THANKED:
        return _after_thanks(facts, cadence)
    return []


def _after_thanks(facts, cadence):
    """Keep in touch while the exploration is open; tell them the decision once closed."""
    name = facts.person_name
    if facts.exploration_closed_on is not None:
        if last_event(facts.events, EventKind.TOLD_DECISION):
            return []
        return [_task(facts, TaskKind.TELL_DECISION, facts.exploration_closed_on,
                      f"Tell {name} what you decided, and thank them again")]
    weeks = facts.keep_in_touch_weeks or cadence.keep_in_touch_weeks
    last_contact = facts.events[-1].on
    return [_task(facts, TaskKind.KEEP_IN_TOUCH, last_contact + timedelta(weeks=weeks),
                  f"Keep in touch with {name}: a short update on how your search goes")]


def next_due(facts: ConversationFacts, cadence: Cadence = Cadence(),
             holidays: Container[date] = frozenset()) -> date | None:
    """The earliest due date among a conversation's tasks, or None when it has none."""
    return min((task.due for task in tasks_for(facts, cadence, holidays)), default=None)


def referral_tasks(referrals: Iterable[ReferralFacts], cadence: Cadence = Cadence(),
                   holidays: Container[date] = frozenset()) -> list[Task]:
    """Contact each person I was referred to by the next business day (SPEC F2)."""
    return [
        Task(TaskKind.CONTACT_REFERRAL,
             add_business_days(r.referred_on, cadence.referral_within, holidays), None,
             r.person_name, r.person_priority,
             f"Contact {r.person_name}, whom you were referred to", person_id=r.person_id)
        for r in referrals if not r.asked
    ]


def _meeting_tasks(facts, cadence):
    """Confirm one to two days before (unless done since the last change), prepare the
    day before."""
    booked = _last_index(facts.events, EventKind.SCHEDULED, EventKind.RESCHEDULED)
    meeting_on = facts.events[booked].meeting_on if booked is not None else None
    if meeting_on is None:
        return []
    name = facts.person_name
    tasks = [_task(facts, TaskKind.PREPARE, meeting_on - timedelta(days=1),
                   f"Prepare your questions for {name} ({meeting_on:%a %d %b})")]
    confirmed = _last_index(facts.events, EventKind.CONFIRMED)
    if confirmed is None or confirmed < booked:
        tasks.insert(0, _task(facts, TaskKind.CONFIRM,
                              meeting_on - timedelta(days=cadence.confirm_before),
                              f"Confirm the meeting with {name} and send your questions"))
    return tasks


def _last_index(events, *kinds) -> int | None:
    found = None
    for position, event in enumerate(events):
        if event.kind in kinds:
            found = position
    return found


class MarkAction(StrEnum):
    DONE = "done"
    DISMISSED = "dismissed"
    SNOOZED = "snoozed"


@dataclass(frozen=True)
class Mark:
    """What the user did with a task: done, dismissed, or snoozed until a day."""

    task_key: str
    action: MarkAction
    on: date
    until: date | None = None


def apply_marks(tasks: Iterable[Task], marks: Iterable[Mark], today: date) -> list[Task]:
    """Hide what was done or dismissed (as of `today`); a snoozed task returns on its day.

    Marks made after `today` are ignored, so the list for an earlier day (T3) is
    what it was then.
    """
    latest: dict[str, Mark] = {}
    for mark in sorted(marks, key=lambda m: m.on):
        if mark.on <= today:
            latest[mark.task_key] = mark
    shown = []
    for task in tasks:
        mark = latest.get(task.key)
        if mark is None or (mark.action == MarkAction.SNOOZED and mark.until
                            and mark.until <= today):
            shown.append(task)
    return shown


def today_list(conversations: Iterable[ConversationFacts], today: date,
               cadence: Cadence = Cadence(),
               holidays: Container[date] = frozenset(),
               referrals: Iterable[ReferralFacts] = (),
               marks: Iterable[Mark] = ()) -> list[Task]:
    """The prioritized list for `today`: overdue first, then today, then coming up.

    Within a bucket: earlier due date, then the kind's urgency, then the person's
    priority (higher first).
    """
    last_day = today + timedelta(days=cadence.horizon)
    tasks = [task for facts in conversations for task in tasks_for(facts, cadence, holidays)]
    tasks += referral_tasks(referrals, cadence, holidays)
    tasks = apply_marks(tasks, marks, today)
    shown = [task for task in _current(tasks, today) if task.due <= last_day]
    return sorted(shown, key=lambda t: (t.bucket(today), t.due, KIND_ORDER[t.kind],
                                        -t.person_priority, t.person_name))


def _current(tasks: list[Task], today: date) -> list[Task]:
    """Drop "ask another" once the follow-up it leads to has fallen due."""
    follow_ups = {t.conversation_id for t in tasks
                  if t.kind == TaskKind.FOLLOW_UP and t.due <= today}
    return [t for t in tasks
            if not (t.kind == TaskKind.ASK_ANOTHER and t.conversation_id in follow_ups)]
