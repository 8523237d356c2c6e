"""A person's timeline (U3): every ask, reply, meeting, note, thank-you and referral in
one list, newest first, filterable by kind. Plain entries in, plain entries out."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .journey import EventKind

# The kinds a user filters by, in the order the filter offers them.
KINDS = {
    "ask": "Asks",
    "reply": "Replies",
    "meeting": "Meetings",
    "note": "Notes",
    "thanks": "Thanks",
    "referral": "Referrals",
    "contact": "Keeping in touch",
}

EVENT_KINDS = {
    EventKind.ASKED: "ask",
    EventKind.FOLLOWED_UP: "ask",
    EventKind.REPLIED: "reply",
    EventKind.SCHEDULED: "meeting",
    EventKind.RESCHEDULED: "meeting",
    EventKind.CANCELLED: "meeting",
    EventKind.CONFIRMED: "meeting",
    EventKind.HELD: "meeting",
    EventKind.THANKED: "thanks",
    EventKind.KEPT_IN_TOUCH: "contact",
    EventKind.TOLD_DECISION: "contact",
}


@dataclass(frozen=True)
class Entry:
    on: date
    kind: str  # a key of KINDS
    label: str  # what happened, in words
    text: str = ""
    order: int = 0  # within a day: the later written, the higher
    link: str = ""  # where it is told in full
    link_text: str = ""


def kind_of_event(kind: str) -> str:
    return EVENT_KINDS[EventKind(kind)]


def timeline(entries: Iterable[Entry], kind: str | None = None) -> list[Entry]:
    """Newest first; only `kind` when one is given (an unknown kind shows everything)."""
    chosen = [e for e in entries if kind not in KINDS or e.kind == kind]
    return sorted(chosen, key=lambda e: (e.on, e.order), reverse=True)
