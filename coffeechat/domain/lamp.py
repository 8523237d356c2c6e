"""The LAMP target list (SPEC P6), after Steve Dalton's *The 2-Hour Job Search*.

Each organization gets Advocacy (do I have a contact there), Motivation (0 = don't
know, 1-3, bumped to 4 for a dream employer) and Postings (3 relevant, 2 somewhat,
1 none). The list is sorted by Motivation, then Postings, then Advocacy, and the
first five are the first batch to contact.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

FIRST_BATCH_SIZE = 5
MOTIVATION_RANGE = range(0, 5)
POSTINGS_RANGE = range(1, 4)
STARTERS_PER_ORGANIZATION = 2


@dataclass(frozen=True)
class LampScore:
    organization_id: int
    name: str
    advocacy: bool = False
    motivation: int = 0
    postings: int = 1

    def __post_init__(self):
        if self.motivation not in MOTIVATION_RANGE:
            raise ValueError("Motivation is 0 (don't know), 1-3, or 4 for a dream employer.")
        if self.postings not in POSTINGS_RANGE:
            raise ValueError("Postings is 1 (none), 2 (somewhat relevant) or 3 (relevant).")


@dataclass(frozen=True)
class Ranked:
    score: LampScore
    rank: int

    @property
    def first_batch(self) -> bool:
        return self.rank <= FIRST_BATCH_SIZE


def lamp_order(scores: Iterable[LampScore]) -> list[Ranked]:
    """Motivation, then Postings, then Advocacy, all highest first; name breaks ties."""
    ordered = sorted(
        scores, key=lambda s: (-s.motivation, -s.postings, not s.advocacy, s.name.lower())
    )
    return [Ranked(score, rank) for rank, score in enumerate(ordered, start=1)]


@dataclass(frozen=True)
class Candidate:
    """A person at a target organization, as the starter-contact rule sees them."""

    id: int
    name: str
    title: str = ""
    level: str = "unknown"  # above / same / below / unknown
    how_found: str = "other"
    priority: int = 2
    do_not_ask: bool = False


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}


def starter_score(candidate: Candidate, target_position: str) -> tuple[int, int, int]:
    """Functional relevance first, then shared affinity (alumni), then being one or
    two levels above the target (the people who hire, or know who does); compared
    in that order."""
    relevance = 1 if _words(candidate.title) & _words(target_position) else 0
    affinity = 1 if candidate.how_found == "alumni" else 0
    level = {"above": 2, "same": 1}.get(candidate.level, 0)
    return relevance, affinity, level


def starter_contacts(
    candidates: Iterable[Candidate], target_position: str, count: int = STARTERS_PER_ORGANIZATION
) -> list[Candidate]:
    """The two people to approach first at one organization."""
    askable = [c for c in candidates if not c.do_not_ask]
    ranked = sorted(
        askable,
        key=lambda c: (
            *(-x for x in starter_score(c, target_position)),
            -c.priority,
            c.name.lower(),
        ),
    )
    return ranked[:count]
