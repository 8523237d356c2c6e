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
from .journey import EventFact, EventKind, Stage, current_meeting_on, derive_stage, last_event


class TaskKind(StrEnum):
    FOLLOW_UP = "follow_up"
    ASK_ANOTHER = "ask_another"
    CALLBACK = "callback"
    SCHEDULE = "schedule"
    CONFIRM = "confirm"
    PREPARE = "prepare"
    LOG_MEETING = "log_meeting"
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
    # The latest contact with this person anywhere: another conversation, a dated note
    # (SPEC F3: any logged interaction resets the keep-in-touch clock).
    last_contact_on: date | None = None


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
    until: date | None = None  # the last day it is still owed (None: until it is done)

    @property
    def key(self) -> str:
        """Names this task at this due date; a mark made on it lapses if the date moves."""
        target = f"c{self.conversation_id}" if self.conversation_id else f"p{self.person_id}"
        return f"{self.kind.value}:{target}:{self.due.isoformat()}"

    def bucket(self, today: date) -> Bucket:
        if self.due < today:
            return Bucket.OVERDUE
        return Bucket.TODAY if self.due == today else Bucket.UPCOMING

    def owed_on(self, today: date) -> bool:
        """Still owed on `today`: confirming or preparing a meeting that is over is not."""
        return self.until is None or today <= self.until


# ---- the journey's obligations: what each stage owes, and when ----------------------
#
# The one table of what the method owes someone at each stage of a conversation, in an
# open exploration and in a closed one. `tasks_for` builds the tasks from it, and the
# diagram in docs/USER_GUIDE.md is drawn from it (scripts/journey_diagram.py).

OWED_WHILE_OPEN: dict[Stage, tuple[TaskKind, ...]] = {
    Stage.NOT_ASKED: (),
    Stage.ASKED: (TaskKind.ASK_ANOTHER, TaskKind.FOLLOW_UP),
    Stage.FOLLOWED_UP: (),
    Stage.ACCEPTED: (TaskKind.SCHEDULE,),
    Stage.CALLBACK: (TaskKind.CALLBACK,),
    Stage.DECLINED: (),
    Stage.REFUSED: (),
    Stage.SCHEDULED: (TaskKind.CONFIRM, TaskKind.PREPARE, TaskKind.LOG_MEETING),
    Stage.CANCELLED: (),
    Stage.HELD: (TaskKind.THANK_YOU,),
    Stage.THANKED: (TaskKind.KEEP_IN_TOUCH,),
}

# Once the exploration is closed nobody new is asked, but what is owed to people already
# met stays owed: a booked meeting, the thank-you, then telling them the decision.
OWED_ONCE_CLOSED: dict[Stage, tuple[TaskKind, ...]] = {
    **{stage: () for stage in Stage},
    Stage.SCHEDULED: (TaskKind.CONFIRM, TaskKind.PREPARE, TaskKind.LOG_MEETING),
    Stage.HELD: (TaskKind.THANK_YOU,),
    Stage.THANKED: (TaskKind.TELL_DECISION,),
}

# Stages whose conversations Today still reads once their exploration is closed.
OWING_ONCE_CLOSED = frozenset(stage for stage, kinds in OWED_ONCE_CLOSED.items() if kinds)

DUE_RULES: dict[TaskKind, str] = {
    TaskKind.ASK_ANOTHER: "{ask_another_after} business days after the ask",
    TaskKind.FOLLOW_UP: "{follow_up_after} business days after the ask",
    TaskKind.CALLBACK: "on the day they named",
    TaskKind.SCHEDULE: "the day they said yes",
    TaskKind.CONFIRM: "{confirm_before} days before the meeting, until the day before",
    TaskKind.PREPARE: "the day before the meeting, until the meeting",
    TaskKind.LOG_MEETING: "on the meeting's day",
    TaskKind.THANK_YOU: "{thank_you_within} days after the conversation",
    TaskKind.CONTACT_REFERRAL: "{referral_within} business day after the referral",
    TaskKind.TELL_DECISION: "when the exploration is closed",
    TaskKind.KEEP_IN_TOUCH: "{keep_in_touch_weeks} weeks after the last contact",
}

TASK_LABELS: dict[TaskKind, str] = {
    TaskKind.ASK_ANOTHER: "ask another person as well",
    TaskKind.FOLLOW_UP: "one polite follow-up",
    TaskKind.CALLBACK: "ask again for a better time",
    TaskKind.SCHEDULE: "agree on a time",
    TaskKind.CONFIRM: "confirm the meeting",
    TaskKind.PREPARE: "prepare your questions",
    TaskKind.LOG_MEETING: "log how the meeting went",
    TaskKind.THANK_YOU: "thank them",
    TaskKind.CONTACT_REFERRAL: "contact each referral",
    TaskKind.TELL_DECISION: "tell them your decision",
    TaskKind.KEEP_IN_TOUCH: "keep in touch",
}


def due_rule(kind: TaskKind, cadence: "Cadence") -> str:
    """The due-date rule of one obligation in words, with the settings' day counts."""
    return DUE_RULES[kind].format(**cadence.__dict__)


def owed_kinds(stage: Stage, closed: bool) -> tuple[TaskKind, ...]:
    return (OWED_ONCE_CLOSED if closed else OWED_WHILE_OPEN)[stage]


def _task(
    facts: ConversationFacts, kind: TaskKind, due: date, title: str, until: date | None = None
) -> Task:
    return Task(
        kind,
        due,
        facts.conversation_id,
        facts.person_name,
        facts.person_priority,
        title,
        until=until,
    )


def tasks_for(
    facts: ConversationFacts, cadence: Cadence = Cadence(), holidays: Container[date] = frozenset()
) -> list[Task]:
    """Every open task of one conversation, whatever its due date: what the stage owes
    (OWED_WHILE_OPEN / OWED_ONCE_CLOSED), each with its due date."""
    stage = derive_stage(facts.events)
    closed = facts.exploration_closed_on is not None
    tasks = []
    for kind in owed_kinds(stage, closed):
        task = _BUILDERS[kind](facts, cadence, holidays)
        if task is not None:
            tasks.append(task)
    return tasks


def _ask_another(facts, cadence, holidays):
    asked = last_event(facts.events, EventKind.ASKED)
    return _task(
        facts,
        TaskKind.ASK_ANOTHER,
        add_business_days(asked.on, cadence.ask_another_after, holidays),
        f"No reply from {facts.person_name} yet: ask another person as well",
    )


def _follow_up(facts, cadence, holidays):
    asked = last_event(facts.events, EventKind.ASKED)
    return _task(
        facts,
        TaskKind.FOLLOW_UP,
        add_business_days(asked.on, cadence.follow_up_after, holidays),
        f"Send {facts.person_name} one polite follow-up (then let it rest)",
    )


def _schedule(facts, cadence, holidays):
    return _task(
        facts,
        TaskKind.SCHEDULE,
        facts.events[-1].on,
        f"{facts.person_name} said yes: agree on a time",
    )


def _callback(facts, cadence, holidays):
    reply = last_event(facts.events, EventKind.REPLIED)
    if reply is None or reply.callback_on is None:
        return None
    return _task(
        facts,
        TaskKind.CALLBACK,
        reply.callback_on,
        f"Ask {facts.person_name} again for a better time",
    )


def _confirm(facts, cadence, holidays):
    """One to two days before, unless confirmed since the last change; owed until the
    day before the meeting."""
    booked = _last_index(facts.events, EventKind.SCHEDULED, EventKind.RESCHEDULED)
    meeting_on = current_meeting_on(facts.events)
    confirmed = _last_index(facts.events, EventKind.CONFIRMED)
    if meeting_on is None or (confirmed is not None and confirmed > booked):
        return None
    due = meeting_on - timedelta(days=cadence.confirm_before)
    return _task(
        facts,
        TaskKind.CONFIRM,
        due,
        f"Confirm the meeting with {facts.person_name} and send your questions",
        until=max(due, meeting_on - timedelta(days=1)),
    )


def _prepare(facts, cadence, holidays):
    meeting_on = current_meeting_on(facts.events)
    if meeting_on is None:
        return None
    return _task(
        facts,
        TaskKind.PREPARE,
        meeting_on - timedelta(days=1),
        f"Prepare your questions for {facts.person_name} ({meeting_on:%a %d %b})",
        until=meeting_on,
    )


def _log_meeting(facts, cadence, holidays):
    meeting_on = current_meeting_on(facts.events)
    if meeting_on is None:
        return None
    return _task(
        facts,
        TaskKind.LOG_MEETING,
        meeting_on,
        f"How did it go with {facts.person_name}? Log the meeting ({meeting_on:%a %d %b})",
    )


def _thank_you(facts, cadence, holidays):
    held = last_event(facts.events, EventKind.HELD)
    return _task(
        facts,
        TaskKind.THANK_YOU,
        held.on + timedelta(days=cadence.thank_you_within),
        f"Thank {facts.person_name}, recalling something specific they said",
    )


def _tell_decision(facts, cadence, holidays):
    if last_event(facts.events, EventKind.TOLD_DECISION):
        return None
    due = max(facts.exploration_closed_on, facts.events[-1].on)
    return _task(
        facts,
        TaskKind.TELL_DECISION,
        due,
        f"Tell {facts.person_name} what you decided, and thank them again",
    )


def _keep_in_touch(facts, cadence, holidays):
    """Any contact with the person resets the clock, in this conversation or elsewhere."""
    weeks = facts.keep_in_touch_weeks or cadence.keep_in_touch_weeks
    last_contact = max(filter(None, (facts.events[-1].on, facts.last_contact_on)))
    return _task(
        facts,
        TaskKind.KEEP_IN_TOUCH,
        last_contact + timedelta(weeks=weeks),
        f"Keep in touch with {facts.person_name}: a short update on how your search goes",
    )


_BUILDERS = {
    TaskKind.ASK_ANOTHER: _ask_another,
    TaskKind.FOLLOW_UP: _follow_up,
    TaskKind.SCHEDULE: _schedule,
    TaskKind.CALLBACK: _callback,
    TaskKind.CONFIRM: _confirm,
    TaskKind.PREPARE: _prepare,
    TaskKind.LOG_MEETING: _log_meeting,
    TaskKind.THANK_YOU: _thank_you,
    TaskKind.TELL_DECISION: _tell_decision,
    TaskKind.KEEP_IN_TOUCH: _keep_in_touch,
}


def next_due(
    facts: ConversationFacts, cadence: Cadence = Cadence(), holidays: Container[date] = frozenset()
) -> date | None:
    """The earliest due date among a conversation's tasks, or None when it has none."""
    return min((task.due for task in tasks_for(facts, cadence, holidays)), default=None)


def referral_tasks(
    referrals: Iterable[ReferralFacts],
    cadence: Cadence = Cadence(),
    holidays: Container[date] = frozenset(),
) -> list[Task]:
    """Contact each person I was referred to by the next business day (SPEC F2)."""
    return [
        Task(
            TaskKind.CONTACT_REFERRAL,
            add_business_days(r.referred_on, cadence.referral_within, holidays),
            None,
            r.person_name,
            r.person_priority,
            f"Contact {r.person_name}, whom you were referred to",
            person_id=r.person_id,
        )
        for r in referrals
        if not r.asked
    ]


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
        if mark is None or (
            mark.action == MarkAction.SNOOZED and mark.until and mark.until <= today
        ):
            shown.append(task)
    return shown


def today_list(
    conversations: Iterable[ConversationFacts],
    today: date,
    cadence: Cadence = Cadence(),
    holidays: Container[date] = frozenset(),
    referrals: Iterable[ReferralFacts] = (),
    marks: Iterable[Mark] = (),
) -> list[Task]:
    """The prioritized list for `today`: overdue first, then today, then coming up.

    Within a bucket: earlier due date, then the kind's urgency, then the person's
    priority (higher first).
    """
    last_day = today + timedelta(days=cadence.horizon)
    tasks = [task for facts in conversations for task in tasks_for(facts, cadence, holidays)]
    tasks += referral_tasks(referrals, cadence, holidays)
    tasks = [task for task in apply_marks(tasks, marks, today) if task.owed_on(today)]
    shown = [task for task in _current(tasks, today) if task.due <= last_day]
    return sorted(
        shown,
        key=lambda t: (
            t.bucket(today),
            t.due,
            KIND_ORDER[t.kind],
            -t.person_priority,
            t.person_name,
        ),
    )


def _current(tasks: list[Task], today: date) -> list[Task]:
    """Drop "ask another" once the follow-up it leads to has fallen due."""
    follow_ups = {
        t.conversation_id for t in tasks if t.kind == TaskKind.FOLLOW_UP and t.due <= today
    }
    return [
        t for t in tasks if not (t.kind == TaskKind.ASK_ANOTHER and t.conversation_id in follow_ups)
    ]
