"""What the API accepts and answers (SPEC I3). Pydantic validates; services decide.

Every text field has the length of its column and refuses characters no database
stores (NUL, lone surrogates), so bad input is a 422 naming the field, never a 500.
"""

from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints, model_validator

from coffeechat.conversations.models import Approach, Channel, ConversationKind
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.domain.planner import Shape
from coffeechat.domain.prep import MeetingMode
from coffeechat.domain.questions import Domain, FindingTopic, Tiara
from coffeechat.explorations.models import DecisionKind
from coffeechat.people.models import HiringStatus, HowFound, Level

# ---- building blocks -----------------------------------------------------------------


def storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def Text(max_length: int):  # reads as a type: Text(200)
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(storable)]


def Name(max_length: int = 200):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=max_length), AfterValidator(storable)]


def _url(value: str) -> str:
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError("must be a web address starting with http:// or https://") from None
    return value


def _email(value: str) -> str:
    if value:
        try:
            EmailValidator()(value)
        except DjangoValidationError:
            raise ValueError("must be an email address") from None
    return value


@cache
def _zones() -> frozenset[str]:
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def _zone(value: str) -> str:
    if value and value not in _zones():
        raise ValueError("must be a time zone name such as Europe/Berlin")
    return value


def _plausible_day(value: date) -> date:
    # Business-day and holiday rules are defined for real calendars, not year 1 or 9999.
    if not 1900 <= value.year <= 2200:
        raise ValueError("must be a date between 1900 and 2200")
    return value


Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200),
                AfterValidator(storable), AfterValidator(_url)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254),
                  AfterValidator(storable), AfterValidator(_email)]
Zone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_zone)]
Day = Annotated[date, AfterValidator(_plausible_day)]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Version = Annotated[int, Field(ge=1, le=2**31 - 1,
                               description="The version you read; a save made meanwhile "
                                           "by someone else makes this a 409.")]
LONG_TEXT = 100_000


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
    decision: Text(LONG_TEXT)
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
    would_like_to_work_here: bool = False
    hiring_status: HiringStatus = HiringStatus.UNKNOWN
    research_notes: Text(LONG_TEXT) = ""


class OrganizationPatch(Schema):
    version: Version
    name: Name() | None = None
    sector: Text(200) | None = None
    website: Url | None = None
    would_like_to_work_here: bool | None = None
    hiring_status: HiringStatus | None = None
    research_notes: Text(LONG_TEXT) | None = None


Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
                AfterValidator(storable)]


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
    organization_id: Id | None = None
    new_organization: Text(200) = Field("", description="Name of an organization to create "
                                                        "(or reuse) for this person.")
    exploration_id: Id | None = None
    level: Level = Level.UNKNOWN
    email: Email = ""
    phone: Text(50) = ""
    profile_url: Url = ""
    location: Text(200) = ""
    time_zone: Zone = ""
    how_found: HowFound = HowFound.OTHER
    found_via_person_id: Id | None = None
    priority: int = Field(2, ge=1, le=3)
    keep_in_touch_weeks: int | None = Field(None, ge=1, le=520)
    notes: Text(LONG_TEXT) = ""
    tags: list[Tag] = Field([], max_length=50)


class PersonIn(PersonFields):
    name: Name()


class PersonPatch(Schema):
    version: Version
    name: Name() | None = None
    title: Text(200) | None = None
    organization_id: Id | None = None
    new_organization: Text(200) | None = None
    exploration_id: Id | None = None
    level: Level | None = None
    email: Email | None = None
    phone: Text(50) | None = None
    profile_url: Url | None = None
    location: Text(200) | None = None
    time_zone: Zone | None = None
    how_found: HowFound | None = None
    found_via_person_id: Id | None = None
    priority: int | None = Field(None, ge=1, le=3)
    keep_in_touch_weeks: int | None = Field(None, ge=1, le=520)
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
    cost: str | None = Field(description="Decimal amount as text, e.g. \"12.50\".")
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

    person_id: Id
    exploration_id: Id
    on: Day
    channel: Channel
    approach: Approach
    text: Text(20_000) = ""
    despite_no: bool = Field(False, description="Ask someone who gave a clear no before.")


LOGGABLE = [EventKind.ASKED, EventKind.FOLLOWED_UP, EventKind.REPLIED, EventKind.CONFIRMED,
            EventKind.HELD, EventKind.THANKED, EventKind.KEPT_IN_TOUCH, EventKind.TOLD_DECISION]


class EventIn(Schema):
    """What happened next; scheduling and cancelling have operations of their own."""

    kind: EventKind = Field(description="One of: " + ", ".join(k.value for k in LOGGABLE))
    on: Day
    outcome: Outcome | None = Field(None, description="Required when kind is replied.")
    callback_on: Day | None = Field(None, description="Required when the outcome is busy_now.")
    text: Text(20_000) = ""

    @model_validator(mode="after")
    def _complete(self):
        if self.kind not in LOGGABLE:
            raise ValueError("kind: use the schedule or cancel operation for that step")
        if self.kind == EventKind.REPLIED and self.outcome is None:
            raise ValueError("outcome: say what they answered")
        if self.kind != EventKind.REPLIED and self.outcome is not None:
            raise ValueError("outcome: only a reply has an outcome")
        if self.outcome == Outcome.BUSY_NOW and self.callback_on is None:
            raise ValueError("callback_on: pick a day to ask again")
        return self


class ScheduleIn(Schema):
    on: Day = Field(description="When the meeting was agreed.")
    meeting_date: Day
    meeting_time: time
    time_zone: Zone
    minutes: Literal[10, 15, 20, 30] = 20
    mode: MeetingMode = MeetingMode.WORKPLACE
    location: Text(300) = ""
    link: Url = ""
    cost: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    reason: Text(500) = ""


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
    minutes: int = Field(3, ge=1, le=30)
    rank: int = Field(3, ge=1, le=5)
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
                    "read operation to read theirs.")
