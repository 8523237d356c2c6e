"""Learning from the conversations (SPEC L1, L2, L5), as plain functions over plain values.

The 360° grid shows who was met at each level of each organization and spells out the
gaps; the numbers follow the funnel from asking to being referred on.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median

from .journey import EventFact, EventKind, Stage, derive_stage

LEVELS = ("above", "same", "below")
LEVEL_WORDS = {
    "above": "above the target",
    "same": "at the target level",
    "below": "below the target",
}
LEVEL_LABELS = {"above": "Above the target", "same": "At the target", "below": "Below the target"}
MET = {Stage.HELD, Stage.THANKED}
PENDING = {Stage.ASKED, Stage.FOLLOWED_UP, Stage.ACCEPTED, Stage.CALLBACK, Stage.SCHEDULED}
DECLINED = {Stage.DECLINED, Stage.REFUSED}  # a cancelled meeting is not a no: its own state


@dataclass(frozen=True)
class Contact:
    """A person of the exploration and where their conversation stands."""

    person_id: int
    name: str
    level: str
    organization: str  # "" when unknown
    stage: Stage = Stage.NOT_ASKED

    @property
    def state(self) -> str:
        if self.stage in MET:
            return "met"
        if self.stage in PENDING:
            return "pending"
        if self.stage in DECLINED:
            return "declined"
        if self.stage == Stage.CANCELLED:
            return "meeting cancelled"
        return "not asked"


@dataclass
class Grid:
    organizations: list[str]
    cells: dict[tuple[str, str], list[Contact]] = field(default_factory=dict)

    def cell(self, level: str, organization: str) -> list[Contact]:
        return self.cells.get((level, organization), [])

    def rows(self) -> list[tuple[str, str, list[list[Contact]]]]:
        """(level, label, one list of people per organization), above first."""
        return [
            (level, LEVEL_LABELS[level], [self.cell(level, o) for o in self.organizations])
            for level in LEVELS
        ]

    def labelled_rows(self) -> list[tuple[str, str, list[tuple[str, list[Contact]]]]]:
        """As `rows`, each cell with its organization: on a phone the grid becomes one card
        per level, whose cells name their organization themselves."""
        return [
            (level, label, list(zip(self.organizations, cells, strict=True)))
            for level, label, cells in self.rows()
        ]


def grid_of(contacts: Iterable[Contact]) -> Grid:
    """Levels (above / same / below) × organizations, people placed in their cell."""
    contacts = [c for c in contacts if c.level in LEVELS]
    organizations = sorted({c.organization for c in contacts}, key=lambda o: (o == "", o))
    grid = Grid(organizations)
    for contact in sorted(contacts, key=lambda c: c.name):
        grid.cells.setdefault((contact.level, contact.organization), []).append(contact)
    return grid


@dataclass(frozen=True)
class Gap:
    text: str
    level: str | None = None

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS.get(self.level, "")


def gaps_of(contacts: Iterable[Contact]) -> list[Gap]:
    """The holes in the picture, as suggestions a person can act on."""
    met = [c for c in contacts if c.state == "met" and c.level in LEVELS]
    gaps = []
    for level in LEVELS:
        at_level = {c.organization or "an unnamed organization" for c in met if c.level == level}
        if not at_level:
            gaps.append(Gap(f"Nobody {LEVEL_WORDS[level]} met yet.", level))
        elif len(at_level) == 1:
            gaps.append(
                Gap(f"Nobody {LEVEL_WORDS[level]} outside {next(iter(at_level))} yet.", level)
            )
    organizations = {c.organization for c in met if c.organization}
    if len(organizations) == 1:
        gaps.append(Gap(f"Only one organization covered ({next(iter(organizations))})."))
    elif not organizations and met:
        gaps.append(Gap("Note the organizations of the people you met."))
    return gaps


# ---- numbers (SPEC L5) -------------------------------------------------------------


@dataclass(frozen=True)
class ConversationRecord:
    """What the numbers need to know about one conversation."""

    events: Sequence[EventFact]
    channel: str = ""  # of the first ask
    approach: str = ""
    referrals: int = 0
    cost: Decimal | None = None


@dataclass(frozen=True)
class Rate:
    label: str
    asked: int
    replied: int

    @property
    def percent(self) -> int:
        return round(100 * self.replied / self.asked) if self.asked else 0


def _has(record: ConversationRecord, *kinds: EventKind) -> bool:
    return any(event.kind in kinds for event in record.events)


def funnel(records: Iterable[ConversationRecord]) -> list[tuple[str, int]]:
    """Asked → replied → met → thanked → referred on, counted by conversation."""
    records = list(records)
    steps = [
        ("Asked", lambda r: _has(r, EventKind.ASKED)),
        ("Replied", lambda r: _has(r, EventKind.REPLIED)),
        ("Met", lambda r: _has(r, EventKind.HELD)),
        ("Thanked", lambda r: _has(r, EventKind.THANKED)),
        ("Referred on", lambda r: r.referrals > 0),
    ]
    return [(label, sum(1 for r in records if test(r))) for label, test in steps]


def response_rates(
    records: Iterable[ConversationRecord], by: str, labels: dict[str, str] | None = None
) -> list[Rate]:
    """Share of asked conversations that got any reply, by channel or by approach;
    `labels` names the stored values in words ("email" -> "Email")."""
    asked, replied = Counter(), Counter()
    for record in records:
        if not _has(record, EventKind.ASKED):
            continue
        key = getattr(record, by) or "unknown"
        asked[key] += 1
        replied[key] += _has(record, EventKind.REPLIED)
    labels = labels or {}
    return [Rate(labels.get(key, key), asked[key], replied[key]) for key in sorted(asked)]


def days_to_reply(records: Iterable[ConversationRecord]) -> list[int]:
    """Calendar days from the first ask to the first reply, per replied conversation."""
    days = []
    for record in records:
        asks = [e.on for e in record.events if e.kind == EventKind.ASKED]
        replies = [e.on for e in record.events if e.kind == EventKind.REPLIED]
        if asks and replies:
            days.append((min(replies) - min(asks)).days)
    return days


def median_days(values: Sequence[int]) -> float | None:
    return median(values) if values else None


def referrals_per_meeting(records: Iterable[ConversationRecord]) -> float | None:
    records = list(records)
    met = sum(1 for r in records if _has(r, EventKind.HELD))
    return round(sum(r.referrals for r in records) / met, 2) if met else None


def activity_per_week(records: Iterable[ConversationRecord]) -> list[tuple[str, int]]:
    """Logged steps per ISO week ("2026-W47"), oldest first."""
    weeks = Counter()
    for record in records:
        for event in record.events:
            year, week, _ = event.on.isocalendar()
            weeks[f"{year}-W{week:02d}"] += 1
    return sorted(weeks.items())


def money_spent(records: Iterable[ConversationRecord]) -> Decimal:
    """What coffee and meals cost, for meetings that took place (the asker pays)."""
    return sum((r.cost for r in records if r.cost and _has(r, EventKind.HELD)), Decimal("0"))


def stage_of(events: Sequence[EventFact]) -> Stage:
    return derive_stage(events)


# ---- recurring terms (SPEC L2) -----------------------------------------------------

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just like me more most my myself no nor not now of off on once only or other our
ours out over own really said same she should so some such than that the their theirs them
then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves get got
lot lots much many thing things way well one two make made say says also even still yes
""".split()
)
_WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ'-]+")


def terms(text: str) -> list[str]:
    """Lower-cased words of a text, without stopwords and very short words."""
    words = [w.strip("'-") for w in _WORD.findall(text.lower())]
    return [w for w in words if len(w) > 2 and w not in STOPWORDS]


def recurring_terms(answers: Iterable[str | Sequence[str]], top: int = 10) -> list[tuple[str, int]]:
    """Terms (single words and two-word phrases) that come back across sources.

    A source is one answer, or all the texts of one person (a sequence): then a term
    one person used in six answers counts once, and "in 6" never hides "from 2 people".
    Ranked by how many sources use them, then by total use; a term of a single source
    is not "recurring" and is left out.
    """
    in_answers, total = Counter(), Counter()
    for source in answers:
        texts = [source] if isinstance(source, str) else list(source)
        seen = set()
        for text in texts:
            words = terms(text)
            grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
            total.update(grams)
            seen.update(grams)
        in_answers.update(seen)
    recurring = [(term, n) for term, n in in_answers.items() if n > 1]
    recurring.sort(key=lambda item: (-item[1], -total[item[0]], -len(item[0].split()), item[0]))
    return _without_parts(recurring)[:top]


def _without_parts(ranked: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Drop a single word when a phrase containing it ranks as high (no echo)."""
    phrases = [(term, n) for term, n in ranked if " " in term]
    return [
        (term, n)
        for term, n in ranked
        if " " in term or not any(term in p.split() and m >= n for p, m in phrases)
    ]


def by_week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def group_answers(rows: Iterable[tuple[str, str, str, str]]) -> dict[str, list[tuple]]:
    """(topic, person, level, text) rows as topic -> [(person, level, text)]."""
    grouped = defaultdict(list)
    for topic, person, level, text in rows:
        if text.strip():
            grouped[topic].append((person, level, text))
    return dict(grouped)
