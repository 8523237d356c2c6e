"""What the API accepts and answers (SPEC I3). Pydantic validates; services decide.

Every text field has the length of its column and refuses characters no database
stores (NUL, lone surrogates), so bad input is a 422 naming the field, never a 500.
What the OpenAPI description says is exactly what is enforced (issue 18).
"""

import re
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from ninja import Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from coffeechat.conversations.models import Approach, Channel, ConversationKind
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.domain.limits import LONG_TEXT
from coffeechat.domain.planner import Shape
from coffeechat.domain.prep import MeetingMode
from coffeechat.domain.questions import Domain, FindingTopic, Tiara
from coffeechat.explorations.models import DecisionKind
from coffeechat.people.models import HiringStatus, HowFound, Level

# ---- building blocks -----------------------------------------------------------------
#
# Every rule is written where the OpenAPI description shows it (a pattern, an enum, a
# length, a description) and enforced by that same declaration, so a request valid by the
# description is never refused for its shape and an invalid one is never taken (issue 18).
# Patterns are written with literal characters (no \\u escapes) so that the description's
# regex dialect and pydantic's read them alike.

NUL = "\x00"
# Python's str.strip() whitespace, spelled out: a name must hold one character besides these.
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NO_NUL = f"^[^{NUL}]*$"
VISIBLE = f"^[^{NUL}]*[^{SPACES}{NUL}][^{NUL}]*$"


def storable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which no JSON encoder writes
        raise ValueError("must be valid Unicode text") from None
    return value


def Text(max_length: int):  # reads as a type: Text(200)
    return Annotated[
        str,
        StringConstraints(max_length=max_length, pattern=NO_NUL),
        AfterValidator(storable),
        Field(description="Any text without NUL characters."),
    ]


def _stripped(value: str) -> str:
    return value.strip()


def Name(max_length: int = 200):
    """Text with at least one character that is not white space; stored stripped."""
    return Annotated[
        str,
        StringConstraints(max_length=max_length, pattern=VISIBLE),
        AfterValidator(storable),
        AfterValidator(_stripped),
        Field(
            description="Text with at least one character other than white "
            "space, without NUL characters; kept without the white "
            "space around it."
        ),
    ]


# A web address: http or https, a host, then anything without white space. Written as the
# pattern alone (no other validator), so the description says exactly what is refused.
URL_PATTERN = r"^(?:https?://[A-Za-z0-9.\-\[\]:@_~%!$&'()*+,;=]+(?:[/?#][^\s" + NUL + r"]*)?)?$"
EMAIL_PATTERN = (
    r"^(?:[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*"
    r"[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+)?$"
)


@cache
def zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(available_timezones() - {"localtime", "Factory"})


def _zone(value: str) -> str:
    if value and value not in zones():
        raise ValueError("must be a time zone name such as Europe/Berlin")
    return value


Url = Annotated[
    str,
    StringConstraints(max_length=200, pattern=URL_PATTERN),
    Field(
        description="Empty, or a web address starting with http:// or https://, "
        "without white space."
    ),
]
Email = Annotated[
    str,
    StringConstraints(max_length=254, pattern=EMAIL_PATTERN),
    Field(
        description="Empty, or an email address such as ada@example.org "
        "(ASCII letters, digits and the usual signs)."
    ),
]
# The zone names as one pattern rather than an enum: the same set, but a description that
# tools can sample instead of listing 600 names in every request they try.
ZONE_PATTERN = "^(?:" + "|".join(re.escape(name).replace("\\-", "-") for name in zones()) + ")$"
Zone = Annotated[
    str,
    StringConstraints(pattern=ZONE_PATTERN),
    AfterValidator(_zone),
    Field(description="An IANA time zone name such as Europe/Berlin."),
]
OptionalZone = Annotated[
    str,
    StringConstraints(pattern=ZONE_PATTERN[:-1] + "?$"),
    AfterValidator(_zone),
    Field(description="Empty, or an IANA time zone name such as Europe/Berlin."),
]

# 1900-01-01 to 2200-12-31: business-day and holiday rules are defined for real calendars,
# not year 1 or 9999. Only this text form is a day: no timestamps, no times.
DAY_PATTERN = (
    r"^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[1-9]|1[0-2])-"
    r"(?:0[1-9]|[12][0-9]|3[01])$"
)


def _day_text(value):
    if not isinstance(value, str) or not re.fullmatch(DAY_PATTERN, value):
        raise ValueError("must be a day written YYYY-MM-DD, between 1900 and 2200")
    return value


Day = Annotated[
    date,
    BeforeValidator(_day_text),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": DAY_PATTERN,
            "description": "A day written YYYY-MM-DD, from 1900-01-01 to 2200-12-31.",
        }
    ),
]


def _number(value):
    """An integer as JSON Schema has it: 5 or 5.0, never "5" or true."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number")
    return value


# In a JSON body a number is a number: "5" and true are refused, as the description says.
def Whole(low: int, high: int, **field):  # reads as a type: Whole(1, 3)
    # The bounds come before the check so that the description shows them as bounds.
    return Annotated[int, Field(ge=low, le=high, **field), BeforeValidator(_number)]


Id = Annotated[int, Field(ge=1, le=2**63 - 1)]  # paths and queries: their text is parsed


def _flag(value):
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError("must be true or false")


Flag = Annotated[
    bool,
    BeforeValidator(_flag),
    WithJsonSchema({"type": "boolean", "description": "true or false."}),
]
BodyId = Whole(1, 2**63 - 1)
Version = Whole(
    1,
    2**31 - 1,
    description="The version you read; a save made meanwhile by someone else makes this a 409.",
)


class FieldError(Schema):
    field: str | None = Field(description="The input field at fault, when there is one.")
    message: str


class Error(Schema):
    """Every error: a sentence for people, and the fields at fault for programs."""

    detail: str
    errors: list[FieldError] = []


# ---- explorations (SPEC E1-E3) -----------------------------------------------------------


class ExplorationOut(Schema):
    id: int
    owner_id: int
    title: str
    field: str
    target_position: str
    decision_kind: DecisionKind
    notes: str
    closed_on: date | None
    decision: str
    version: int
    created_at: datetime
    updated_at: datetime


class ExplorationIn(Schema):
    title: Name()
    target_position: Name()
    field: Text(200) = ""
    decision_kind: DecisionKind = DecisionKind.JOB
    notes: Text(LONG_TEXT) = ""


class ExplorationPatch(Schema):
    version: Version
    title: Name() | None = None
    target_position: Name() | None = None
    field: Text(200) | None = None
    decision_kind: DecisionKind | None = None
    notes: Text(LONG_TEXT) | None = None


class ExplorationClose(Schema):
    version: Version
    decision: Name(LONG_TEXT)
    closed_on: Day


class ExplorationReopen(Schema):
    version: Version


# ---- organizations and people (SPEC P1-P4) ---------------------------------------------


class OrganizationOut(Schema):
    id: int
    owner_id: int
    name: str
    sector: str
    website: str
    would_like_to_work_here: bool
    hiring_status: HiringStatus
    research_notes: str
    version: int
    created_at: datetime
    updated_at: datetime


class OrganizationIn(Schema):
    name: Name()
    sector: Text(200) = ""
    website: Url = ""
    would_like_to_work_here: StrictBool = False
    hiring_status: HiringStatus = HiringStatus.UNKNOWN
    research_notes: Text(LONG_TEXT) = ""


class OrganizationPatch(Schema):
    version: Version
    name: Name() | None = None
    sector: Text(200) | None = None
    website: Url | None = None
    would_like_to_work_here: StrictBool | None = None
    hiring_status: HiringStatus | None = None
    research_notes: Text(LONG_TEXT) | None = None


Tag = Name(50)


class PersonOut(Schema):
    id: int
    owner_id: int
    name: str
    title: str
    organization_id: int | None
    exploration_id: int | None
    level: Level
    email: str
    phone: str
    profile_url: str
    location: str
    time_zone: str
    how_found: HowFound
    found_via_person_id: int | None
    found_via_conversation_id: int | None
    priority: int
    do_not_ask: bool
    keep_in_touch_weeks: int | None
    notes: str
    tags: list[str]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_tags(person) -> list[str]:
        return [tag.name for tag in person.tags.all()]


class PersonFields(Schema):
    title: Text(200) = ""
    organization_id: BodyId | None = None
    new_organization: Text(200) = Field(
        "", description="Name of an organization to create (or reuse) for this person."
    )
    exploration_id: BodyId | None = None
    level: Level = Level.UNKNOWN
    email: Email = ""
    phone: Text(50) = ""
    profile_url: Url = ""
    location: Text(200) = ""
    time_zone: OptionalZone = ""
    how_found: HowFound = HowFound.OTHER
    found_via_person_id: BodyId | None = None
    priority: Whole(1, 3) = 2
    keep_in_touch_weeks: Whole(1, 520) | None = None
    notes: Text(LONG_TEXT) = ""
    tags: list[Tag] = Field([], max_length=50)


class PersonIn(PersonFields):
    name: Name()


class PersonPatch(Schema):
    version: Version
    name: Name() | None = None
    title: Text(200) | None = None
    organization_id: BodyId | None = None
    new_organization: Text(200) | None = None
    exploration_id: BodyId | None = None
    level: Level | None = None
    email: Email | None = None
    phone: Text(50) | None = None
    profile_url: Url | None = None
    location: Text(200) | None = None
    time_zone: OptionalZone | None = None
    how_found: HowFound | None = None
    found_via_person_id: BodyId | None = None
    priority: Whole(1, 3) | None = None
    keep_in_touch_weeks: Whole(1, 520) | None = None
    notes: Text(LONG_TEXT) | None = None
    tags: list[Tag] | None = Field(None, max_length=50)


# ---- conversations and their events (SPEC O5, O6, S, C, F) -------------------------------


class EventOut(Schema):
    id: int
    kind: EventKind
    on: date
    channel: str
    approach: str
    outcome: str
    meeting_on: date | None
    callback_on: date | None
    starts_at: datetime | None
    time_zone: str
    minutes: int | None
    mode: str
    location: str
    link: str
    cost: str | None = Field(description='Decimal amount as text, e.g. "12.50".')
    text: str

    @staticmethod
    def resolve_cost(event) -> str | None:
        return None if event.cost is None else str(event.cost)


class ConversationOut(Schema):
    id: int
    owner_id: int
    person_id: int
    person_name: str
    exploration_id: int
    kind: ConversationKind
    stage: str
    recording_consent: bool
    created_at: datetime
    events: list[EventOut]

    @staticmethod
    def resolve_person_name(conversation) -> str:
        return conversation.person.name

    @staticmethod
    def resolve_stage(conversation) -> str:
        return conversation.stage.value

    @staticmethod
    def resolve_events(conversation) -> list:
        return list(conversation.events.all())


class AskIn(Schema):
    """Log an ask (SPEC O5): opens the informational conversation if there is none."""

    person_id: BodyId
    exploration_id: BodyId
    on: Day
    channel: Channel
    approach: Approach
    text: Text(20_000) = ""
    despite_no: StrictBool = Field(False, description="Ask someone who gave a clear no before.")


LOGGABLE = [
    EventKind.ASKED,
    EventKind.FOLLOWED_UP,
    EventKind.REPLIED,
    EventKind.CONFIRMED,
    EventKind.HELD,
    EventKind.THANKED,
    EventKind.KEPT_IN_TOUCH,
    EventKind.TOLD_DECISION,
]


LOGGABLE_KIND = Literal[tuple(kind.value for kind in LOGGABLE)]

# The cross-field rules of an event, written in the description as JSON Schema conditions
# (OpenAPI 3.1) and enforced by `_complete` below, rule for rule.
EVENT_RULES = {
    "allOf": [
        {
            "if": {
                "properties": {"kind": {"const": EventKind.REPLIED.value}},
                "required": ["kind"],
            },
            "then": {
                "properties": {"outcome": {"enum": [outcome.value for outcome in Outcome]}},
                "required": ["outcome"],
            },
            "else": {"properties": {"outcome": {"type": "null"}}},
        },
        {
            "if": {
                "properties": {"outcome": {"const": Outcome.BUSY_NOW.value}},
                "required": ["outcome"],
            },
            "then": {
                "properties": {"callback_on": {"type": "string"}},
                "required": ["callback_on"],
            },
        },
    ]
}


class EventIn(Schema):
    """What happened next; scheduling and cancelling have operations of their own.
    A reply needs its outcome (and only a reply has one); a busy_now outcome needs the
    day to ask again (callback_on)."""

    model_config = {"json_schema_extra": EVENT_RULES}

    kind: LOGGABLE_KIND
    on: Day
    outcome: Outcome | None = Field(
        None, description="Required when kind is replied; null otherwise."
    )
    callback_on: Day | None = Field(None, description="Required when the outcome is busy_now.")
    text: Text(20_000) = ""

    @model_validator(mode="after")
    def _complete(self):
        if self.kind == EventKind.REPLIED and self.outcome is None:
            raise ValueError("outcome: say what they answered")
        if self.kind != EventKind.REPLIED and self.outcome is not None:
            raise ValueError("outcome: only a reply has an outcome")
        if self.outcome == Outcome.BUSY_NOW and self.callback_on is None:
            raise ValueError("callback_on: pick a day to ask again")
        return self


TIME_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?$"
COST_PATTERN = r"^[0-9]{1,6}(?:\.[0-9]{1,2})?$"


def _matching(pattern: str, what: str):
    def check(value):
        if not isinstance(value, str) or not re.fullmatch(pattern, value):
            raise ValueError(f"must be {what}")
        return value

    return BeforeValidator(check)


MeetingTime = Annotated[
    time,
    _matching(TIME_PATTERN, "a time written HH:MM or HH:MM:SS"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIME_PATTERN,
            "description": "Wall-clock time HH:MM or HH:MM:SS in time_zone, without an offset.",
        }
    ),
]
Cost = Annotated[
    Decimal,
    _matching(COST_PATTERN, "an amount such as 12.50"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": COST_PATTERN,
            "description": 'An amount as text, such as "12.50": at most 6 digits and 2 decimals.',
        }
    ),
]
VIDEO_NEEDS_LINK = {
    "allOf": [
        {
            "if": {
                "properties": {"mode": {"const": MeetingMode.VIDEO.value}},
                "required": ["mode"],
            },
            "then": {"properties": {"link": {"minLength": 1}}, "required": ["link"]},
        },
    ]
}


class ScheduleIn(Schema):
    """Book (or move) the meeting. A video call needs its link."""

    model_config = {"json_schema_extra": VIDEO_NEEDS_LINK}

    on: Day = Field(description="When the meeting was agreed.")
    meeting_date: Day
    meeting_time: MeetingTime
    time_zone: Zone
    minutes: Annotated[Literal[10, 15, 20, 30], BeforeValidator(_number)] = 20
    mode: MeetingMode = MeetingMode.WORKPLACE
    location: Text(300) = ""
    link: Url = ""
    cost: Cost | None = None
    reason: Text(500) = ""

    @model_validator(mode="after")
    def _link(self):
        if self.mode == MeetingMode.VIDEO and not self.link:
            raise ValueError("link: a video call needs its link")
        return self


class CancelIn(Schema):
    on: Day
    reason: Name(500)


class FindingOut(Schema):
    topic: FindingTopic
    text: str


class FindingsIn(Schema):
    """Topic -> text; an empty text removes the topic, topics not named stay as they are."""

    findings: dict[FindingTopic, Text(LONG_TEXT)] = Field(max_length=len(FindingTopic))


# ---- questions and plans (SPEC Q1, Q2) -------------------------------------------------


class QuestionOut(Schema):
    id: int
    key: str
    text: str
    domain: Domain
    tiara: str
    minutes: int
    rank: int
    topic: str
    built_in: bool
    retired: bool
    version: int


class QuestionIn(Schema):
    text: Name(500)
    domain: Domain
    tiara: Tiara | None = None
    minutes: Whole(1, 30) = 3
    rank: Whole(1, 5) = 3
    topic: FindingTopic | None = None


class PlannedQuestion(Schema):
    key: str
    text: str
    minutes: int
    start: int = Field(description="Minute it starts at, counted from the first minute.")


class LeftOutQuestion(Schema):
    key: str
    text: str
    reason: str


class PlanOut(Schema):
    agreed_minutes: int
    opening_minutes: int
    reserve_minutes: int
    spare_minutes: int
    items: list[PlannedQuestion]
    left_out: list[LeftOutQuestion]
    gaps: list[str]


class PlanIn(Schema):
    shape: Shape = Shape.MIX_212


# ---- today, tokens, me ------------------------------------------------------------------


class TaskOut(Schema):
    key: str
    kind: str
    due: date
    bucket: str
    title: str
    person_name: str
    conversation_id: int | None
    person_id: int | None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: Name(100)


class NewTokenOut(TokenOut):
    secret: str = Field(description="Shown once: store it now.")


class ExplorerOut(Schema):
    id: int
    username: str


class MeOut(Schema):
    id: int
    username: str
    explorers: list[ExplorerOut] = Field(
        description="Explorers who let you read their records: pass ?explorer=<id> to a "
        "read operation to read theirs."
    )
