"""The question plan for one conversation (SPEC Q2, Q1b).

A plan is a promise about someone else's time: the agreed length is a hard limit,
so the planner never stretches it. It sets aside a minute or two for the opening
and a share at the end for *their* questions about me, fits the questions into
what remains, most important first, and names every question that did not fit
and why, so the user can swap it in by hand rather than discover it at the door.

Time left for their questions: 20% of the agreed length, rounded up, and never
less than 3 minutes. Twenty per cent keeps a 20-minute talk a conversation rather
than a questionnaire (4 minutes); the 3-minute floor matters for short phone calls,
where 20% would be one or two minutes, too short for even one real answer.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .questions import Domain, Question, Tiara, in_domain, index_by_key

MIN_AGREED_MINUTES, MAX_AGREED_MINUTES = 5, 90
MIN_RESERVE_MINUTES = 3
RESERVE_PERCENT = 20
# Greetings, thanks for the time, and restating the purpose (learning, not a job).
SHORT_OPENING, LONG_OPENING = 1, 2
SHORT_CONVERSATION = 15  # minutes; up to this length the opening is kept to one minute


class Shape(StrEnum):
    MIX_212 = "mix_212"
    TIARA = "tiara"

    @property
    def label(self) -> str:
        return SHAPE_LABELS[self]


SHAPE_LABELS = {
    Shape.MIX_212: "Two about them, one about the field, two advice",
    Shape.TIARA: "TIARA: Trends, Insights, Advice, Resources, Assignments",
}

# The 2-1-2 mix: how many questions of each domain a default plan asks.
MIX_212 = {Domain.ABOUT_THEM: 2, Domain.FIELD: 1, Domain.ADVICE: 2}
DOMAIN_ORDER = {domain: position for position, domain in enumerate(Domain)}


@dataclass(frozen=True)
class PlanItem:
    """A question with its minutes and when it starts, counted from the first minute."""

    question: Question
    minutes: int
    start: int

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class LeftOut:
    """A wanted question that is not in the plan, with a reason the user can read."""

    question: Question
    reason: str


@dataclass(frozen=True)
class Plan:
    """What to ask, in order, within the agreed length.

    The minutes line up as: opening, then the items back to back, then any spare
    minutes, then the reserve for their questions, which starts at `wrap_up_at`.
    `shape` is None when the user chose the questions.
    """

    agreed_minutes: int
    opening_minutes: int
    reserve_minutes: int
    items: tuple[PlanItem, ...]
    left_out: tuple[LeftOut, ...] = ()
    shape: Shape | None = None
    gaps: tuple[str, ...] = ()  # e.g. "Resources: 0 of 1 wanted" when the bank runs short

    @property
    def total_minutes(self) -> int:
        """Minutes of planned questions (opening and reserve not included)."""
        return sum(item.minutes for item in self.items)

    @property
    def question_minutes(self) -> int:
        """Minutes available for questions: the agreed length less opening and reserve."""
        return self.agreed_minutes - self.opening_minutes - self.reserve_minutes

    @property
    def spare_minutes(self) -> int:
        return self.question_minutes - self.total_minutes

    @property
    def wrap_up_at(self) -> int:
        """The minute at which to stop asking and invite their questions (C1 warning)."""
        return self.agreed_minutes - self.reserve_minutes

    @property
    def questions(self) -> list[Question]:
        return [item.question for item in self.items]


def default_reserve(agreed_minutes: int) -> int:
    """Minutes kept for their questions: 20% rounded up, at least 3 (see module doc)."""
    share = -(-agreed_minutes * RESERVE_PERCENT // 100)  # ceiling without floats
    return max(MIN_RESERVE_MINUTES, share)


def opening_minutes(agreed_minutes: int) -> int:
    return SHORT_OPENING if agreed_minutes <= SHORT_CONVERSATION else LONG_OPENING


def plan_conversation(
    questions: Iterable[Question],
    agreed_minutes: int,
    *,
    shape: Shape = Shape.MIX_212,
    reserve_minutes: int | None = None,
    chosen: Sequence[str] | None = None,
) -> Plan:
    """Plan which of `questions` to ask in a conversation of `agreed_minutes`.

    Without `chosen`, the questions follow `shape`: the 2-1-2 mix ordered most
    important first (rank, then about them / field / advice, then bank order), or
    the most important question of each TIARA area in T-I-A-R-A order. With
    `chosen` (question keys), the user's questions are planned in the user's order
    and `shape` is ignored. Either way a question that does not fit in the time
    left is skipped, with the reason, and a shorter one after it may still fit.
    """
    _check_agreed(agreed_minutes)
    opening = opening_minutes(agreed_minutes)
    if reserve_minutes is None:
        reserve = default_reserve(agreed_minutes)
    else:
        reserve = _checked_reserve(reserve_minutes, agreed_minutes, opening)
    bank = index_by_key(questions)
    if chosen is None:
        shape = Shape(shape)
        wanted, gaps = PICKERS[shape](list(bank.values()))
        repeated: list[LeftOut] = []
    else:
        shape, gaps = None, []
        wanted, repeated = _pick_chosen(bank, chosen)
    items, too_long = _fit(wanted, opening, agreed_minutes - opening - reserve)
    return Plan(
        agreed_minutes,
        opening,
        reserve,
        tuple(items),
        tuple(repeated + too_long),
        shape,
        tuple(gaps),
    )


def _check_agreed(agreed_minutes) -> None:
    if isinstance(agreed_minutes, bool) or not isinstance(agreed_minutes, int):
        raise ValueError(f"agreed length must be a whole number of minutes, not {agreed_minutes!r}")
    if not MIN_AGREED_MINUTES <= agreed_minutes <= MAX_AGREED_MINUTES:
        raise ValueError(
            f"agreed length must be between {MIN_AGREED_MINUTES} and "
            f"{MAX_AGREED_MINUTES} minutes, not {agreed_minutes}"
        )


def _checked_reserve(reserve_minutes, agreed_minutes: int, opening: int) -> int:
    if isinstance(reserve_minutes, bool) or not isinstance(reserve_minutes, int):
        raise ValueError(
            f"time for their questions must be a whole number of minutes, not {reserve_minutes!r}"
        )
    most = agreed_minutes - opening
    if not 0 <= reserve_minutes <= most:
        raise ValueError(
            f"time for their questions must be between 0 and {most} minutes "
            f"in a {agreed_minutes}-minute conversation, not {reserve_minutes}"
        )
    return reserve_minutes


def _most_important_first(questions: Iterable[Question]) -> list[Question]:
    """By rank; the sort is stable, so equal ranks keep the bank's order."""
    return sorted(questions, key=lambda question: question.rank)


def _gap(label: str, found: int, wanted: int) -> str:
    return f"{label}: {found} of {wanted} wanted"


def _pick_mix(bank: list[Question]) -> tuple[list[Question], list[str]]:
    picked, gaps = [], []
    for domain, wanted in MIX_212.items():
        found = _most_important_first(in_domain(bank, domain))[:wanted]
        if len(found) < wanted:
            gaps.append(_gap(domain.label, len(found), wanted))
        picked += found
    return sorted(picked, key=lambda q: (q.rank, DOMAIN_ORDER[q.domain])), gaps


def _pick_tiara(bank: list[Question]) -> tuple[list[Question], list[str]]:
    picked, gaps = [], []
    for area in Tiara:
        found = _most_important_first(q for q in bank if q.tiara == area)[:1]
        if not found:
            gaps.append(_gap(area.label, 0, 1))
        picked += found
    return picked, gaps


PICKERS = {Shape.MIX_212: _pick_mix, Shape.TIARA: _pick_tiara}


def _pick_chosen(
    bank: dict[str, Question], chosen: Sequence[str]
) -> tuple[list[Question], list[LeftOut]]:
    unknown = [key for key in chosen if key not in bank]
    if unknown:
        raise ValueError(f"no question with the key {unknown[0]!r}")
    picked: dict[str, Question] = {}
    repeated: list[LeftOut] = []
    for key in chosen:
        if key in picked:
            repeated.append(LeftOut(bank[key], "already in the plan"))
        else:
            picked[key] = bank[key]
    return list(picked.values()), repeated


def _fit(
    questions: Iterable[Question], start: int, available: int
) -> tuple[list[PlanItem], list[LeftOut]]:
    """Place questions back to back from `start`, skipping any that would overrun."""
    items: list[PlanItem] = []
    left_out: list[LeftOut] = []
    clock, left = start, available
    for question in questions:
        if question.minutes <= left:
            items.append(PlanItem(question, question.minutes, clock))
            clock += question.minutes
            left -= question.minutes
        else:
            left_out.append(LeftOut(question, no_room_reason(question.minutes, left)))
    return items, left_out


def no_room_reason(needed: int, left: int) -> str:
    """The reason shown for a question that does not fit, e.g. "needs 4 min, only 2 left"."""
    if left <= 0:
        return f"needs {needed} min, none left"
    return f"needs {needed} min, only {left} left"
