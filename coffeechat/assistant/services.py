"""The writing assistant (SPEC O7): settings, what is sent, drafts held to the checker.

Nothing is sent until the user has turned the assistant on, named (or been given)
an endpoint, and seen exactly what goes there. Every request is logged locally
before it leaves, with how it ended. A draft is only ever put in an editor: the
user still sends or logs it through the usual buttons.
"""

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import connection, transaction
from django.db.models import QuerySet

from coffeechat.accounts.services import profile_for
from coffeechat.conversations.services import findings_of, get_conversation_for
from coffeechat.domain import checker
from coffeechat.domain.journey import EventKind
from coffeechat.domain.questions import FindingTopic
from coffeechat.errors import Invalid, NotFound
from coffeechat.explorations.services import get_exploration_for
from coffeechat.outreach import services as outreach
from coffeechat.people.models import Person
from coffeechat.people.services import people_for
from coffeechat.questions.models import QuestionNote

from . import client, config, prompts
from .models import AssistantSettings, SentLog

MAX_RETRIES = 2  # regenerations after the first draft (issue 23, point 3)

# The checker's rules that speak to each kind; the others are about asks only.
ANY_MESSAGE = {"job_request", "too_long", "channel_limit"}
RULES_FOR = {
    "ask": None,
    "follow_up": ANY_MESSAGE | {"no_question"},
    "too_busy": ANY_MESSAGE,
    "thanks": ANY_MESSAGE,
    "decision": ANY_MESSAGE,
    "confirmation": {"job_request", "channel_limit"},
}


# ---- settings and policy ------------------------------------------------------------


def settings_for(user) -> AssistantSettings:
    row, _ = AssistantSettings.objects.get_or_create(owner=user)
    return row


def endpoint_for(user, row: AssistantSettings | None = None) -> config.Endpoint:
    """The endpoint this user's drafts would go to (empty when none is named)."""
    from_environment = config.environment_endpoint()
    if not config.user_may_choose_endpoint():
        return from_environment
    row = row or settings_for(user)
    if row.url:
        return config.Endpoint(row.url, row.model or from_environment.model, row.api_key)
    return config.Endpoint(
        from_environment.url, row.model or from_environment.model, from_environment.api_key
    )


@dataclass(frozen=True)
class Status:
    allowed: bool  # the administrator (team mode) or the environment allows it
    enabled: bool  # the user turned it on
    endpoint: config.Endpoint
    consented: bool  # the user saw what goes to this endpoint and agreed

    @property
    def ready(self) -> bool:
        return self.allowed and self.enabled and self.endpoint.complete

    @property
    def why_not(self) -> str:
        if not self.allowed:
            return "The administrator has not allowed the writing assistant here."
        if not self.endpoint.complete:
            return "No model is set up yet: name an endpoint and a model in Settings."
        if not self.enabled:
            return "The writing assistant is off: turn it on in Settings."
        return ""


def status_for(user) -> Status:
    row = settings_for(user)
    endpoint = endpoint_for(user, row)
    return Status(
        config.allowed(),
        row.enabled,
        endpoint,
        bool(row.consented_to) and row.consented_to == endpoint.label,
    )


def check_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise Invalid(
            "Give the endpoint's address starting with http:// or https://, "
            "e.g. http://127.0.0.1:11434/v1.",
            field="url",
        )
    return url.rstrip("/")


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def save_settings(
    user,
    *,
    enabled: bool,
    url: str = "",
    model: str = "",
    api_key: str = "",
    forget_key: bool = False,
) -> AssistantSettings:
    """Save the choice; turning on needs an endpoint and a model (from here or the env)."""
    if enabled and not config.allowed():
        raise Invalid(
            "The administrator has not allowed the writing assistant here.", field="enabled"
        )
    row = settings_for(user)
    if config.user_may_choose_endpoint():
        row.url = check_url(url)
        row.model = model.strip()[:200]
        if forget_key:
            row.api_key = ""
        elif api_key.strip():
            row.api_key = api_key.strip()[:500]
    if enabled and not endpoint_for(user, row).complete:
        raise Invalid(
            "Name the endpoint's address and the model before turning the assistant on.",
            field="url" if not endpoint_for(user, row).url else "model",
        )
    row.enabled = enabled
    row.save()
    return row


def consent(user) -> None:
    """The user saw what goes where and agreed, for this endpoint and model."""
    row = settings_for(user)
    row.consented_to = endpoint_for(user, row).label
    row.save(update_fields=["consented_to", "updated_at"])


def sent_log_for(user) -> QuerySet[SentLog]:
    return SentLog.objects.filter(owner=user)


def sent_log_count(user) -> int:
    return sent_log_for(user).count()


def erase_log(user) -> int:
    return sent_log_for(user).delete()[0]


# ---- what a draft needs ---------------------------------------------------------------


@dataclass
class DraftRequest:
    kind: str
    messages: list[dict]
    person: object = None
    exploration: object = None
    approach: str = "direct"
    channel: str | None = None

    def check(self, text: str) -> list:
        rules = RULES_FOR[self.kind]
        if rules is None:
            return outreach.check(
                text,
                person=self.person,
                exploration=self.exploration,
                approach=self.approach,
                channel=self.channel,
            )
        findings = outreach.check(text, channel=self.channel)
        return [finding for finding in findings if str(finding.rule) in rules]


def draft_request(user, kind: str, values: dict) -> DraftRequest:
    """The prompt for one kind of message, from the records the user owns."""
    if kind not in prompts.KINDS:
        raise Invalid(f"Unknown kind of draft “{kind}”.", field="kind")
    my_name = profile_for(user).display_name
    if kind == "ask":
        return _ask_request(user, values, my_name)
    conversation = get_conversation_for(user, values.get("conversation"))
    return _conversation_request(user, kind, conversation, my_name)


def _person_lines(person, my_name: str) -> dict[str, str]:
    return {
        "My name": my_name,
        "Their name": person.name,
        "Their role": person.title,
        "Their organization": person.organization.name if person.organization_id else "",
    }


def _person_for(user, pk):
    """The person with what the ask needs in one query (a draft waits for it)."""
    try:
        return people_for(user).select_related("found_via_person").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such person.") from None


def _ask_request(user, values: dict, my_name: str) -> DraftRequest:
    person = _person_for(user, values.get("person"))
    exploration_pk = values.get("exploration") or person.exploration_id
    exploration = (
        person.exploration
        if str(exploration_pk) == str(person.exploration_id)
        else get_exploration_for(user, exploration_pk)
        if exploration_pk
        else None
    )
    approach = values.get("approach") or "direct"
    form = values.get("form") or "written"
    channel = values.get("channel") or ("phone" if form == "phone" else "email")
    if approach not in {"direct", "referred", "advice"} or form not in {"written", "phone"}:
        raise Invalid(
            "Choose an approach (direct, referred, advice) and a form (written, phone).",
            field="approach",
        )
    acquaintance = (
        person.found_via_person.name
        if approach == "referred" and person.found_via_person_id
        else ""
    )
    lines = _person_lines(person, my_name) | {
        "The field I am exploring": exploration.field if exploration else "",
        "The position I am curious about": exploration.target_position if exploration else "",
        "Who suggested them": acquaintance,
        "Approach": {
            "direct": "I write to them directly",
            "referred": "someone we both know suggested them",
            "advice": "I ask for their advice",
        }[approach],
        "Channel": channel,
        "Minutes I ask for": str(outreach.DEFAULT_MINUTES),
    }
    messages = prompts.messages(
        "ask",
        prompts.Facts(lines),
        minutes=outreach.DEFAULT_MINUTES,
        form=form,
        channel=channel,
        acquaintance=acquaintance,
    )
    return DraftRequest("ask", messages, person, exploration, approach, channel)


def _conversation_request(user, kind: str, conversation, my_name: str) -> DraftRequest:
    person = conversation.person
    lines = _person_lines(person, my_name)
    lines["The field I am exploring"] = conversation.exploration.field
    notes, earlier, minutes = [], "", outreach.DEFAULT_MINUTES
    if kind == "follow_up":
        asked = [e for e in conversation.events.all() if e.kind == EventKind.ASKED]
        earlier = asked[-1].text if asked else ""
        lines["Asked on"] = f"{asked[-1].on:%d %B %Y}" if asked else ""
    elif kind == "confirmation":
        lines |= _meeting_lines(conversation)
        minutes = int(lines.get("Minutes", minutes) or minutes)
    elif kind in {"thanks", "decision"}:
        notes = said_in(conversation)
        if kind == "decision":
            exploration = conversation.exploration
            lines["What I decided"] = exploration.decision or "[what you decided]"
    messages = prompts.messages(kind, prompts.Facts(lines, notes, earlier), minutes=minutes)
    channel = (
        conversation.events.filter(kind=EventKind.ASKED).values_list("channel", flat=True).last()
    )
    return DraftRequest(kind, messages, person, conversation.exploration, channel=channel)


def _meeting_lines(conversation) -> dict[str, str]:
    meeting = conversation.meeting
    if meeting is None or meeting.cancelled:
        raise Invalid("There is no meeting to confirm.", field="conversation")
    slot = meeting.slot
    place = slot.link if slot.mode == "video" else (slot.location or "at your workplace")
    questions = [item.question.text for item in conversation.plan_items.select_related("question")]
    lines = {
        "When": f"{slot.local_start:%A %d %B at %H:%M} ({slot.time_zone})",
        "Where": place,
        "Minutes": str(slot.minutes),
    }
    for number, question in enumerate(questions, 1):
        lines[f"Planned question {number}"] = question
    return lines


def said_in(conversation) -> list[str]:
    """What they said, from the saved findings, else the live notes and scratch pad."""
    saved = [text.strip() for text in findings_of(conversation).values() if text.strip()]
    if saved:
        return saved
    return [text for _, _, text in notes_of(conversation)]


def notes_of(conversation) -> list[tuple[str, str, str]]:
    """Each live note as (id, question, text): N1, N2… in the plan's order; the scratch
    pad last. The ids are what the summary's sentences point back to."""
    notes = (
        QuestionNote.objects.filter(conversation=conversation)
        .exclude(text="")
        .select_related("question")
        .order_by("question_id")
    )
    rows = [(note.question.text, note.text.strip()) for note in notes if note.text.strip()]
    if conversation.scratch.strip():
        rows.append(("", conversation.scratch.strip()))
    return [(f"N{number}", question, text) for number, (question, text) in enumerate(rows, 1)]


# ---- drafting: stream, check, regenerate --------------------------------------------------


@contextmanager
def _without_waiting_for_the_disk():
    """Commit the log row without waiting for the disk: the draft waits for this row.

    A crash of the app loses nothing (SQLite's WAL and PostgreSQL's WAL have the row);
    only a power cut within a moment of it could lose this one row of the log. The
    user's records keep the full wait (settings.py: synchronous=FULL). This took the
    disk's flush, ~15 ms on a busy machine, out of the time to the first token.
    """
    # SQLite takes this setting only between transactions (a draft's stream runs after
    # the request's own transaction); inside one, the row simply waits for the disk.
    sqlite = connection.vendor == "sqlite" and not connection.in_atomic_block
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            yield
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=FULL")


def _log(user, kind: str, endpoint: config.Endpoint, messages: list[dict], person=None) -> SentLog:
    """Written before the request leaves, so the log holds every request sent."""
    with _without_waiting_for_the_disk():
        return SentLog.objects.create(
            owner=user,
            person=person,
            kind=kind,
            endpoint=endpoint.url,
            model=endpoint.model,
            messages=messages,
            outcome="sent, no answer yet",
        )


def _close_log(entry: SentLog, outcome: str, reply: str) -> None:
    with transaction.atomic():
        SentLog.objects.filter(pk=entry.pk).update(outcome=outcome[:300], reply=reply)


def clean(text: str) -> str:
    """The message without the wrappers models like to add (a subject line, quotes)."""
    text = text.strip()
    text = re.sub(r"\A(?:subject|re):[^\n]*\n+", "", text, flags=re.IGNORECASE)
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1].strip()
    return text


def draft_events(user, request: DraftRequest, endpoint: config.Endpoint) -> Iterator[tuple]:
    """Events for the editor: ("attempt", n), ("token", text), ("retry", findings),
    ("done", text, findings, history) or ("error", message); `history` holds the titles
    of what the checker found in each draft that was written again.

    Each attempt streams; a draft that asks for a job, runs too long or breaks
    another rule of its kind is asked for again with the findings fed back, at most
    MAX_RETRIES times; the last one is shown with whatever the checker still finds.
    """
    deadline = time.monotonic() + config.total_seconds()
    messages = list(request.messages)
    history: list[list] = []
    for attempt in range(1, MAX_RETRIES + 2):
        yield ("attempt", attempt)
        entry = _log(user, request.kind, endpoint, messages, request.person)
        pieces: list[str] = []
        try:
            for piece in client.stream_chat(
                endpoint, messages, timeout=config.timeout_seconds(), deadline=deadline
            ):
                pieces.append(piece)
                yield ("token", piece)
        except client.Unavailable as error:
            _close_log(entry, f"failed: {error}", "".join(pieces))
            yield ("error", str(error))
            return
        except GeneratorExit:
            _close_log(entry, "cancelled by the user", "".join(pieces))
            raise
        text = clean("".join(pieces))
        findings = request.check(text)
        _close_log(entry, "answered", "".join(pieces))
        if not findings or attempt == MAX_RETRIES + 1:
            yield ("done", text, findings, history)
            return
        history.append(list(dict.fromkeys(finding.title for finding in findings)))
        yield ("retry", findings)
        messages = messages + prompts.feedback(
            text, [(f.title, f.words, f.message) for f in findings]
        )


def severity_of(findings) -> str:
    return "error" if checker.has_errors(findings) else ("warning" if findings else "ok")


# ---- summaries (SPEC C4) --------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    text: str
    note_id: str


@dataclass(frozen=True)
class Summary:
    topics: list[tuple[FindingTopic, list[Sentence]]]
    notes: list[tuple[str, str, str]]
    dropped: int  # lines with no topic or no note they came from


_LINE = re.compile(r"^\s*[-*]?\s*([a-z_]+)\s*:\s*(.+?)\s*\[(N\d+)\]\s*\.?\s*$")


def parse_summary(text: str, note_ids: set[str]) -> tuple[dict[str, list[Sentence]], int]:
    """Keep only sentences that name a known topic and a note that exists."""
    topics = {topic.value for topic in FindingTopic}
    found: dict[str, list[Sentence]] = {}
    dropped = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match or match[1] not in topics or match[3] not in note_ids:
            dropped += 1
            continue
        found.setdefault(match[1], []).append(Sentence(match[2].strip(), match[3]))
    return found, dropped


def summarize(user, conversation, endpoint: config.Endpoint) -> Summary:
    """Draft findings per topic from the live notes; nothing is saved here."""
    notes = notes_of(conversation)
    if not notes:
        raise Invalid("There are no notes to summarize yet.", field="conversation")
    topics = {topic.value: topic.label for topic in FindingTopic}
    messages = prompts.summary_messages(topics, notes)
    entry = _log(user, "summary", endpoint, messages, conversation.person)
    try:
        text = "".join(
            client.stream_chat(
                endpoint,
                messages,
                timeout=config.timeout_seconds(),
                deadline=time.monotonic() + config.total_seconds(),
                max_tokens=1200,
            )
        )
    except client.Unavailable as error:
        _close_log(entry, f"failed: {error}", "")
        raise Invalid(str(error), field="summary") from None
    _close_log(entry, "answered", text)
    found, dropped = parse_summary(text, {note_id for note_id, _, _ in notes})
    if not found:
        raise Invalid(
            "The model's answer had no finding tied to a note; nothing to show. "
            "Try again, or write the findings yourself.",
            field="summary",
        )
    ordered = [(topic, found[topic.value]) for topic in FindingTopic if topic.value in found]
    return Summary(ordered, notes, dropped)
