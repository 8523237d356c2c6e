"""The preparation checklist (SPEC Q5), adjusted to how the meeting happens (S1).

The checklist is data, not code: each item names the meeting modes it applies to,
and an item that reads differently per mode (the résumé, the dress code) appears
once per wording under the same key. The key is what a conversation stores when
the user ticks an item, so keys stay stable across wordings and releases.

Each item carries a short "why": people skip advice they do not understand, and
the reasons are the part of the method that transfers to situations no checklist
foresees.
"""

from dataclasses import dataclass
from enum import StrEnum


class MeetingMode(StrEnum):
    WORKPLACE = "workplace"
    COFFEE = "coffee"  # coffee or a meal
    VIDEO = "video"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return MODE_LABELS[self]


MODE_LABELS = {
    MeetingMode.WORKPLACE: "At their workplace",
    MeetingMode.COFFEE: "Over coffee or a meal",
    MeetingMode.VIDEO: "Video call",
    MeetingMode.PHONE: "Phone call",
}

# Their workplace is the suggestion: the meeting costs nothing, tends to achieve
# more, and they have their material at hand.
DEFAULT_MODE = MeetingMode.WORKPLACE


class Moment(StrEnum):
    """When an item matters, so the checklist reads in the order it is lived."""

    BEFOREHAND = "beforehand"
    AT_THE_START = "at_the_start"
    DURING = "during"
    AT_THE_END = "at_the_end"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str
    why: str
    moment: Moment
    modes: frozenset[MeetingMode]


_ALL = frozenset(MeetingMode)
_IN_PERSON = frozenset({MeetingMode.WORKPLACE, MeetingMode.COFFEE})
_REMOTE = frozenset({MeetingMode.VIDEO, MeetingMode.PHONE})
_WORKPLACE = frozenset({MeetingMode.WORKPLACE})
_COFFEE = frozenset({MeetingMode.COFFEE})
_VIDEO = frozenset({MeetingMode.VIDEO})
_PHONE = frozenset({MeetingMode.PHONE})
_B, _S, _D, _E = Moment.BEFOREHAND, Moment.AT_THE_START, Moment.DURING, Moment.AT_THE_END

CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "question_plan",
        "Have your question plan ready and a way to take notes.",
        "Nerves make good questions vanish; notes are what your findings are made of.",
        _B,
        _ALL,
    ),
    ChecklistItem(
        "dress",
        "Dress the way people dress where they work, or a little smarter.",
        "You are a guest in their world, and looking the part says you take it seriously.",
        _B,
        _IN_PERSON,
    ),
    ChecklistItem(
        "dress",
        "Dress as you would to visit their workplace, and check what the camera shows behind you.",
        "They still see you, and a tidy frame keeps their attention on the conversation.",
        _B,
        _VIDEO,
    ),
    ChecklistItem(
        "resume",
        "Bring a copy of your résumé, but hand it over only if they ask for it.",
        "Offering it unasked turns a request for advice into a quiet request for a job.",
        _B,
        _IN_PERSON,
    ),
    ChecklistItem(
        "resume",
        "Keep your résumé within reach, and send it afterwards only if they ask.",
        "It helps you answer questions about yourself; sending it unasked looks like a "
        "job request.",
        _B,
        _REMOTE,
    ),
    ChecklistItem(
        "test_setup",
        "Test the link, camera and microphone well before the start.",
        "Minutes lost to a bad connection come out of their time, not yours.",
        _B,
        _VIDEO,
    ),
    ChecklistItem(
        "quiet_room",
        "Take the call in a quiet room, with your notes and a pen at hand.",
        "Neither of you should have to repeat things, and you will catch more.",
        _B,
        _REMOTE,
    ),
    ChecklistItem(
        "arrive_early",
        "Arrive 10 to 15 minutes early and use the wait to reread your questions.",
        "They set the time aside for you; the spare minutes also settle your nerves.",
        _S,
        _IN_PERSON,
    ),
    ChecklistItem(
        "be_courteous",
        "Be friendly to everyone on the way in, the front desk included.",
        "How you treat their colleagues tends to reach the person you are meeting.",
        _S,
        _WORKPLACE,
    ),
    ChecklistItem(
        "join_early",
        "Join the call two or three minutes early.",
        "Waiting for you in an empty call eats into time they gave you.",
        _S,
        _VIDEO,
    ),
    ChecklistItem(
        "call_on_time",
        "Call at the agreed minute: you asked, so you are the one who dials.",
        "Calling early interrupts them; calling late spends time they set aside.",
        _S,
        _PHONE,
    ),
    ChecklistItem(
        "ask_to_record",
        "Ask before you record anything; if they hesitate, take notes instead.",
        "Recording someone without consent breaks trust, and in some places the law.",
        _S,
        _ALL,
    ),
    ChecklistItem(
        "no_job_request",
        "Do not ask for a job, however well the conversation goes.",
        "You asked to learn. If you want a job there later, ask for a separate "
        "conversation about that.",
        _D,
        _ALL,
    ),
    ChecklistItem(
        "keep_time",
        "Watch the clock and finish when you promised, even mid-flow.",
        "Keeping to the agreed length is the easiest way to be remembered well.",
        _D,
        _ALL,
    ),
    ChecklistItem(
        "ask_who_else",
        "Before you say goodbye, ask who else you should talk to.",
        "Every name is your next conversation, and a mention of their name opens doors.",
        _E,
        _ALL,
    ),
    ChecklistItem(
        "pay",
        "Pick up the bill, since you invited them, and keep the receipt.",
        "Paying is the custom for whoever asks; the receipt lets you track what your "
        "exploration costs.",
        _E,
        _COFFEE,
    ),
)


def checklist_for(mode: MeetingMode | str = DEFAULT_MODE) -> tuple[ChecklistItem, ...]:
    """The checklist for a meeting held in `mode`, in the order it is lived."""
    mode = _meeting_mode(mode)
    items = [item for item in CHECKLIST if mode in item.modes]
    order = list(Moment)
    return tuple(sorted(items, key=lambda item: order.index(item.moment)))


def _meeting_mode(mode: MeetingMode | str) -> MeetingMode:
    try:
        return MeetingMode(mode)
    except ValueError:
        choices = ", ".join(MeetingMode)
        raise ValueError(f"unknown meeting mode {mode!r}; choose one of {choices}") from None
