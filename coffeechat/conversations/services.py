"""Conversations and their event history (SPEC O5, O6, S, C, F)."""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from coffeechat.accounts.services import profile_for
from coffeechat.domain import timeline
from coffeechat.domain.journey import (
    EventFact,
    EventKind,
    Outcome,
    StepRefused,
    allowed_next,
    check_step,
    derive_stage,
)
from coffeechat.domain.meeting import DEFAULT_MODE, Slot, check_slot, default_length
from coffeechat.domain.questions import FindingTopic
from coffeechat.domain.replies import (
    NEXT_STEP,
    first_sentence,
    proposed_answer,
    thank_you_note,
    waiting_advice_text,
)
from coffeechat.domain.today import OWING_ONCE_CLOSED, Cadence, ConversationFacts, ReferralFacts
from coffeechat.errors import Conflict, Invalid, NotFound
from coffeechat.people.models import Note, Person
from coffeechat.people.services import create_person, people_for
from coffeechat.search.models import Kind
from coffeechat.search.services import conversation_title, index_document
from coffeechat.trash.models import TrashItem
from coffeechat.trash.services import move_to_trash

from .models import (
    Conversation,
    ConversationKind,
    Event,
    Finding,
    MarkKind,
    TimelineMark,
    TranscriptSegment,
)


def conversations_for(user) -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(owner=user)
        .select_related("person", "person__organization", "exploration")
        .prefetch_related(Prefetch("events", queryset=Event.objects.order_by("on", "id")))
    )


def conversations_with(user, person) -> QuerySet[Conversation]:
    """A person's conversations as their page lists them: the cached stage, no events."""
    return conversations_for(user).filter(person=person).prefetch_related(None)


def conversations_in(user, exploration) -> QuerySet[Conversation]:
    """An exploration's conversations, newest first, with the cached stage: no events."""
    return conversations_for(user).filter(exploration=exploration).prefetch_related(None)


def conversations_matching(user, *, person_id=None, exploration_id=None) -> QuerySet[Conversation]:
    """The API's list: all of the user's, or those with one person or in one exploration."""
    conversations = conversations_for(user)
    if person_id:
        conversations = conversations.filter(person_id=person_id)
    if exploration_id:
        conversations = conversations.filter(exploration_id=exploration_id)
    return conversations


def findings_in(user, exploration) -> QuerySet[Finding]:
    """The findings written in an exploration's conversations: evidence for its options."""
    return (
        Finding.objects.filter(owner=user, conversation__exploration=exploration)
        .exclude(text="")
        .select_related("conversation__person")
    )


def get_conversation_for(user, pk) -> Conversation:
    try:
        return conversations_for(user).get(pk=pk)
    except (Conversation.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such conversation.") from None


def informational_conversation(user, person, exploration) -> Conversation:
    """The informational conversation with this person in this exploration, opened if new."""
    return _conversation_of_kind(user, person, exploration, ConversationKind.INFORMATIONAL)


def _conversation_of_kind(user, person, exploration, kind) -> Conversation:
    """Merging two people who were both asked leaves two: the oldest is carried on."""
    with transaction.atomic():  # the lock needs a transaction, even when called bare
        # Two requests at once would both miss it and open two (PostgreSQL): queue on
        # the person.
        list(type(person).objects.select_for_update().filter(pk=person.pk).values_list("pk"))
        found = (
            Conversation.objects.filter(
                owner=user, person=person, exploration=exploration, kind=kind
            )
            .order_by("pk")
            .first()
        )
        return found or Conversation.objects.create(
            owner=user, person=person, exploration=exploration, kind=kind
        )


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def log_ask(
    user, *, person, exploration, on, channel, approach, text="", despite_no=False
) -> Conversation:
    """Record that I asked this person for a conversation (SPEC O5)."""
    if person.do_not_ask and not despite_no:
        raise Invalid(
            f"{person.name} gave a clear no earlier and asked not to be contacted "
            "again. Confirm if you really mean to ask anyway.",
            field="despite_no",
        )
    conversation = informational_conversation(user, person, exploration)
    log_event(
        user, conversation, EventKind.ASKED, on=on, channel=channel, approach=approach, text=text
    )
    return conversation


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def log_event(user, conversation, kind: EventKind, *, on, **fields) -> Event:
    """Append one event, if the method allows it after the current stage (SPEC O6) and its
    dates can be true. Warnings about dates that may be true (a meeting logged late) are
    on the returned event's `warnings`."""
    history = [event.fact() for event in _history(conversation)]
    step = EventFact(
        kind=kind,
        on=on,
        outcome=Outcome(fields["outcome"]) if fields.get("outcome") else None,
        meeting_on=fields.get("meeting_on"),
        callback_on=fields.get("callback_on"),
    )
    if kind == EventKind.ASKED and conversation.exploration.closed_on is not None:
        raise Invalid("This exploration is closed: reopen it to ask someone.", field="exploration")
    try:
        warnings = check_step(history, step, timezone.localdate())
    except StepRefused as refused:
        raise Invalid(str(refused), field=refused.field) from None
    event = Event.objects.create(owner=user, conversation=conversation, kind=kind, on=on, **fields)
    _after(conversation, event)
    if event.text:
        index_conversation(conversation)
    event.warnings = warnings
    return event


def still_there(user, pk) -> bool:
    """Whether my conversation `pk` exists (deleting its only ask takes it away)."""
    return conversations_for(user).filter(pk=pk).exists()


def delete_event(user, conversation, event_pk) -> TrashItem:
    """Move a wrongly logged event to the Trash (SPEC U1). Only the latest one: the
    later steps were logged on top of the earlier ones. An ask that was all there was
    takes its conversation with it, as if it had never been logged."""
    events = list(_history(conversation))
    event = next((e for e in events if str(e.pk) == str(event_pk)), None)
    if event is None:
        raise NotFound("No such event in this conversation.")
    if event is not events[-1]:
        raise Invalid(
            "Only the latest event can be deleted: delete the ones logged after it first.",
            field="event",
        )
    label = f"{event.label.lower()} ({conversation.person.name}, {event.on:%d %b %Y})"
    with transaction.atomic():
        if len(events) == 1:
            return move_to_trash(user, [conversation], "event", label)
        item = move_to_trash(user, [event], "event", label)
        refresh_stage(conversation)
        mark_due_stale(owner=conversation.owner_id, person=conversation.person_id)
        index_conversation(conversation)
        return item


def _history(conversation):
    return Event.objects.filter(conversation=conversation).order_by("on", "id")


def _after(conversation, event) -> None:
    refresh_stage(conversation)
    # Any contact resets the keep-in-touch clock of the person's other conversations too.
    mark_due_stale(owner=conversation.owner_id, person=conversation.person_id)
    if event.outcome == Outcome.CLEAR_NO:
        # A clear no is respected everywhere: the person is not asked again.
        type(conversation.person).objects.filter(pk=conversation.person_id).update(do_not_ask=True)


def refresh_stage(conversation) -> None:
    """Recompute the cached stage from the full history (the history is the truth)."""
    conversation.stage_cache = derive_stage(event.fact() for event in _history(conversation))
    Conversation.objects.filter(pk=conversation.pk).update(
        stage_cache=conversation.stage_cache, due_key=""
    )


def open_conversations(user) -> QuerySet[Conversation]:
    """Conversations of open explorations, and of closed ones whose decision is still to
    be told: the ones Today looks at."""
    from django.db.models import Q

    still_to_tell = Q(
        exploration__closed_on__isnull=False, stage_cache__in=sorted(OWING_ONCE_CLOSED)
    )
    return conversations_for(user).filter(Q(exploration__closed_on__isnull=True) | still_to_tell)


_LOOK_UP = object()


def conversation_facts(conversation, last_contact_on=_LOOK_UP) -> ConversationFacts:
    """A conversation as plain facts for the Today rules (uses prefetched events); the
    person's last contact is looked up unless the caller read it for many at once."""
    if last_contact_on is _LOOK_UP:
        last_contact_on = last_contacts([conversation.person_id]).get(conversation.person_id)
    return ConversationFacts(
        conversation_id=conversation.pk,
        person_name=conversation.person.name,
        person_priority=conversation.person.priority,
        events=conversation.facts(),
        keep_in_touch_weeks=conversation.person.keep_in_touch_weeks,
        exploration_closed_on=conversation.exploration.closed_on,
        last_contact_on=last_contact_on,
    )


def last_contacts(person_ids) -> dict[int, object]:
    """The latest interaction with each person anywhere (an event in any of their
    conversations, a dated note): it resets the keep-in-touch clock (SPEC F3)."""
    from django.db.models import Max

    latest: dict[int, object] = {}
    person_ids = list(person_ids)
    # The latest note's moment, made a local day here: the same day as the latest of
    # the notes' days, without TruncDate, which SQLite runs as a Python function on
    # every note (two thirds of this function's time on Today).
    notes = (
        (person_id, timezone.localdate(moment))
        for person_id, moment in Note.objects.filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(last=Max("created_at"))
        .values_list("person_id", "last")
    )
    rows = chain_rows(
        Event.objects.filter(conversation__person_id__in=person_ids)
        .values("conversation__person_id")
        .annotate(last=Max("on"))
        .values_list("conversation__person_id", "last"),
        notes,
    )
    for person_id, day in rows:
        if day is not None and (person_id not in latest or day > latest[person_id]):
            latest[person_id] = day
    return latest


def chain_rows(*querysets) -> Iterator:
    for queryset in querysets:
        yield from queryset


def mark_due_stale(**conversations_filter) -> None:
    """Their due dates must be recomputed (the Today cache): after anything that changes
    the tasks other than an event, e.g. closing an exploration."""
    Conversation.objects.filter(**conversations_filter).mark_due_stale()


def next_person_to_ask(user, exploration, organization_id=None) -> Person | None:
    """Whom to ask next: not yet asked in this exploration, never a clear no, highest
    priority first; someone at `organization_id` when there is one."""
    asked = Conversation.objects.filter(owner=user, exploration=exploration).values("person")
    candidates = (
        people_for(user)
        .filter(do_not_ask=False)
        .exclude(pk__in=asked)
        .filter(exploration=exploration)
        .order_by("-priority", "name")
    )
    if organization_id:
        same = candidates.filter(organization_id=organization_id).first()
        if same:
            return same
    return candidates.first()


# ---- scheduling (SPEC S1-S4) ------------------------------------------------------


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def schedule(
    user,
    conversation,
    *,
    on,
    meeting_date,
    meeting_time,
    time_zone,
    minutes,
    mode,
    location="",
    link="",
    cost=None,
    reason="",
) -> Event:
    """Book the meeting, or move it: the history keeps what was planned before."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        raise Invalid("Use a zone name such as Europe/Berlin.", field="time_zone") from None
    starts_at = datetime.combine(meeting_date, meeting_time, tzinfo=zone)
    slot = Slot(starts_at, time_zone, minutes, mode, location, link, cost)
    try:
        check_slot(slot)
    except ValueError as error:
        field, _, message = str(error).partition(": ")
        raise Invalid(message, field=field) from None
    kind = EventKind.RESCHEDULED if conversation.stage_cache == "scheduled" else EventKind.SCHEDULED
    return log_event(
        user,
        conversation,
        kind,
        on=on,
        meeting_on=meeting_date,
        starts_at=starts_at,
        time_zone=time_zone,
        minutes=minutes,
        mode=mode,
        location=location,
        link=link,
        cost=cost,
        text=reason,
    )


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def cancel(user, conversation, *, on, reason="") -> Event:
    return log_event(user, conversation, EventKind.CANCELLED, on=on, text=reason)


def meetings_for(user) -> QuerySet[Conversation]:
    """Conversations that have (or had) a meeting, with their events, for calendars."""
    return conversations_for(user).filter(events__kind=EventKind.SCHEDULED).distinct()


# ---- the conversation itself (SPEC C1-C4) ----------------------------------------


def referrals_of(conversation) -> QuerySet[Person]:
    """The people this conversation referred me to, with their organizations (one query)."""
    return conversation.referrals.select_related("organization")


def add_referral(
    user, conversation, *, name: str, title: str = "", organization: str = ""
) -> Person:
    """Someone they suggested I talk to, linked to this conversation (SPEC C2, P3)."""
    # Typed in live mode without a form: drop what PostgreSQL refuses (U+0000, too long).
    name, title, organization = (
        text.replace("\x00", "").strip()[:200] for text in (name, title, organization)
    )
    if not name:
        raise Invalid("Give at least a name.", field="name")
    # The person met in this conversation is the one who referred them: an ask can name
    # them ("Priya Raman suggested I write to you").
    person = create_person(
        user,
        name=name,
        title=title,
        new_organization=organization,
        how_found="referral",
        found_via_conversation=conversation,
        found_via_person=conversation.person,
        exploration=conversation.exploration,
    )
    index_conversation(conversation)
    return person


def start_clock(user, conversation, now, first_question=None) -> None:
    """Start live mode's clock once; starting it again (a second click, another tab)
    keeps the first start, so the time left never jumps back to the full length. The
    timeline (C6) notes the start and the question on screen then."""
    started = Conversation.objects.filter(
        owner=user, pk=conversation.pk, live_started_at__isnull=True
    ).update(live_started_at=now)
    if started:
        mark(user, conversation, MarkKind.CLOCK_START, now)
        if first_question is not None:
            mark(user, conversation, MarkKind.QUESTION, now, first_question)


def mark(user, conversation, kind: MarkKind, now, question=None) -> TimelineMark:
    """Add a moment to the meeting's timeline (C6). `question` is the user's own
    (the caller loaded it through the owner)."""
    return TimelineMark.objects.create(
        owner=user, conversation=conversation, kind=kind, question=question, at=now
    )


def current_question_id(conversation) -> int | None:
    """The question live mode last showed, so a reload opens on it again."""
    last = (
        TimelineMark.objects.filter(conversation=conversation, kind=MarkKind.QUESTION)
        .order_by("-at", "-id")
        .values_list("question_id", flat=True)
        .first()
    )
    return last


def end_clock(user, conversation, now) -> None:
    if not TimelineMark.objects.filter(conversation=conversation, kind=MarkKind.CLOCK_END).exists():
        mark(user, conversation, MarkKind.CLOCK_END, now)


def save_scratch(user, conversation, text: str) -> None:
    text = text.replace("\x00", "")[:100_000]  # saved as typed, without a form
    Conversation.objects.filter(owner=user, pk=conversation.pk).update(scratch=text)
    index_conversation(conversation)


def index_conversation(conversation) -> None:
    """Make what was said searchable (the search page covers notes): the texts of its
    events (the ask sent), the scratch pad, findings, question notes and the names of
    the people they referred me to."""
    pk = conversation.pk
    texts = [
        *Event.objects.filter(conversation_id=pk).exclude(text="").values_list("text", flat=True),
        *Conversation.objects.filter(pk=pk).values_list("scratch", flat=True),
        *Finding.objects.filter(conversation_id=pk).values_list("text", flat=True),
        *conversation.question_notes.values_list("text", flat=True),
        *Person.objects.filter(found_via_conversation_id=pk).values_list("name", flat=True),
    ]
    index_document(
        conversation.owner,
        Kind.CONVERSATION,
        pk,
        conversation_title(conversation.person.name),
        "\n".join(text for text in texts if text.strip()),
    )


def cadence() -> Cadence:
    """The settings' waiting times (3B7 and after), for the advice here and for Today."""
    return Cadence(**settings.CADENCE)


def prefilled_findings(conversation, saved: dict[str, str]) -> dict[str, str]:
    """Each finding topic as saved, or else gathered from the notes of the questions
    that feed it (SPEC C4)."""
    gathered: dict[str, list[str]] = {}
    for note in conversation.question_notes.select_related("question"):
        if note.question.topic and note.text.strip():
            gathered.setdefault(note.question.topic, []).append(note.text.strip())
    return {
        topic.value: saved.get(topic.value) or "\n\n".join(gathered.get(topic.value, []))
        for topic in FindingTopic
    }


def findings_of(conversation) -> dict[str, str]:
    return dict(Finding.objects.filter(conversation=conversation).values_list("topic", "text"))


FINDING_CHARS = 20_000


def allowed_kinds(conversation) -> set[str]:
    """The events the method allows next, after the conversation's history (SPEC O6)."""
    return {kind.value for kind in allowed_next(conversation.facts())}


def was_held(conversation) -> bool:
    return any(event.kind == EventKind.HELD for event in conversation.events.all())


def save_findings(user, conversation, texts: dict[str, str]) -> None:
    """Keep what was written per topic (SPEC C4); an emptied topic is removed."""
    for topic, text in texts.items():
        text = text.replace("\x00", "")[:FINDING_CHARS]  # no form cleans it; PostgreSQL refuses NUL
        if text.strip():
            Finding.objects.update_or_create(
                owner=user, conversation=conversation, topic=topic, defaults={"text": text.strip()}
            )
        else:
            Finding.objects.filter(conversation=conversation, topic=topic).delete()
    index_conversation(conversation)


RECORDING_TYPES = {  # extension -> the bytes such a file starts with
    ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    ".wav": (b"RIFF",),
    ".ogg": (b"OggS",),
    ".oga": (b"OggS",),
    ".opus": (b"OggS",),
    ".flac": (b"fLaC",),
    ".webm": (b"\x1a\x45\xdf\xa3",),
    ".m4a": (b"ftyp",),
    ".mp4": (b"ftyp",),
}


def audio_extension(name: str, head: bytes) -> str | None:
    """The file's extension when `name` is one we play and `head` (its first bytes)
    looks like that kind of audio; None otherwise."""
    import os

    extension = os.path.splitext(name)[1].lower()
    signatures = RECORDING_TYPES.get(extension)
    if not signatures or not any(sig in head[:12] for sig in signatures):
        return None
    return extension


def recording_name(conversation_pk: int, extension: str) -> str:
    """A fresh, unguessable name for a conversation's audio: a new upload or a restore
    never lands on a file that exists, and no one can name another's file."""
    import secrets

    return f"recordings/conversation-{conversation_pk}-{secrets.token_hex(8)}{extension}"


def recording_belongs(conversation_pk, name: str) -> bool:
    """Whether `name` is a file this conversation stored (conversation-<its id>, then a
    dash, underscore or dot: "conversation-12.ogg", "conversation-12-ab12cd34.ogg").
    A stored name is served, exported or deleted only when it is the conversation's own."""
    import re

    return bool(
        re.fullmatch(rf"recordings/conversation-{int(conversation_pk)}[-_.][\w.-]*", name or "")
    )


def attach_recording(user, conversation, upload, max_bytes: int) -> None:
    """Store an audio file with the conversation, only with consent (SPEC C3)."""
    if not conversation.recording_consent:
        raise Invalid(
            "Record only with their permission: tick the consent box first.", field="recording"
        )
    if upload.size > max_bytes:
        raise Invalid(
            f"The file is {upload.size // 1_048_576} MB; the limit is {max_bytes // 1_048_576} MB.",
            field="recording",
        )
    head = upload.read(12)
    upload.seek(0)
    extension = audio_extension(upload.name, head)
    if extension is None:
        raise Invalid(
            "That is not an audio file we can play (mp3, m4a, wav, ogg, opus, flac or webm).",
            field="recording",
        )
    old = conversation.recording.name
    conversation.recording_takes = []  # a file of its own, not the browser's takes
    # The field adds its folder ("recordings/") itself.
    conversation.recording.save(recording_name(conversation.pk, extension).split("/")[-1], upload)
    if old and recording_belongs(conversation.pk, old):
        # Only once the new name is committed: a failed save keeps the old audio.
        transaction.on_commit(lambda: remove_recordings([old]))


BROWSER_TYPES = {".webm": (b"\x1a\x45\xdf\xa3",), ".ogg": (b"OggS",)}  # MediaRecorder's


def append_chunk(
    user, conversation, *, take: str, number: int, elapsed_ms: int, data: bytes, now, max_bytes: int
) -> None:
    """Append a few seconds recorded in the browser to the conversation's audio (C3),
    so a closed tab loses only the chunk under way. A take is one MediaRecorder stream:
    its first chunk starts a new file (or, when the browser's takes already fill it,
    is appended with its offset noted) and says how long it had been recording, so the
    take's start is known on the server's clock. A chunk sent again is ignored; one
    that skips a number is refused, the browser sends them in order."""
    conversation = Conversation.objects.select_for_update().get(owner=user, pk=conversation.pk)
    if not conversation.recording_consent:
        raise Invalid(
            "Record only with their permission: tick the consent box first.", field="recording"
        )
    if not take or len(take) > 40 or not data:
        raise Invalid("An empty or unnamed piece of recording.", field="recording")
    takes = list(conversation.recording_takes or [])
    current = next((t for t in takes if t["id"] == take), None)
    if current is not None and current is not takes[-1]:
        raise Invalid("That recording has ended; start recording again.", field="recording")
    if current is None:
        if number != 0:
            raise Invalid(
                "The recording's first piece is missing; start recording again.", field="recording"
            )
        extension = next(
            (
                ext
                for ext, heads in BROWSER_TYPES.items()
                if any(data.startswith(head) for head in heads)
            ),
            None,
        )
        if extension is None:
            raise Invalid(
                "That is not audio recorded by the browser (WebM or Ogg).", field="recording"
            )
        return _first_chunk(
            conversation, takes, take, extension, data, now - _duration(elapsed_ms), max_bytes
        )
    if number < current["next"]:
        return None  # sent again after a lost answer: already kept
    if number > current["next"]:
        raise Invalid(
            "A piece of the recording is missing; start recording again.", field="recording"
        )
    _append(conversation, data, max_bytes)
    current["next"] += 1
    Conversation.objects.filter(pk=conversation.pk).update(recording_takes=takes)
    return None


def _duration(elapsed_ms):
    from datetime import timedelta

    return timedelta(milliseconds=max(0, min(int(elapsed_ms), 60_000)))


def _first_chunk(conversation, takes, take, extension, data, started_at, max_bytes):
    from django.core.files.base import ContentFile

    name = conversation.recording.name
    if takes and name and name.endswith(extension) and recording_belongs(conversation.pk, name):
        offset = conversation.recording.size
        _append(conversation, data, max_bytes)
    else:  # the first take, or after an uploaded file: a file of its own
        offset, takes = 0, []
        old = name
        conversation.recording.save(
            recording_name(conversation.pk, extension).split("/")[-1], ContentFile(data), save=False
        )
        Conversation.objects.filter(pk=conversation.pk).update(
            recording=conversation.recording.name
        )
        if old and recording_belongs(conversation.pk, old):
            transaction.on_commit(lambda: remove_recordings([old]))
    takes.append({"id": take, "offset": offset, "at": started_at.isoformat(), "next": 1})
    Conversation.objects.filter(pk=conversation.pk).update(recording_takes=takes)


def _append(conversation, data: bytes, max_bytes: int) -> None:
    import os

    from django.core.files.storage import default_storage

    path = default_storage.path(conversation.recording.name)
    if os.path.getsize(path) + len(data) > max_bytes:
        raise Invalid(
            f"The recording has reached its size limit ({max_bytes // 1_048_576} MB).",
            field="recording",
        )
    with open(path, "ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def transcript_of(conversation) -> QuerySet[TranscriptSegment]:
    return TranscriptSegment.objects.filter(conversation=conversation)


def remove_recordings(names) -> int:
    """Delete these audio files (after the rows naming them are gone), overwriting them
    with zeros first so the audio does not linger in the freed blocks (SPEC D4; a
    copy-on-write file system or an SSD may still keep old blocks). Returns how many
    there were. A missing file is no error: it is gone either way."""
    import os

    from django.core.files.storage import default_storage

    removed = 0
    for name in names:
        if not name or not default_storage.exists(name):
            continue
        path = default_storage.path(name)
        with open(path, "r+b") as handle:
            left = os.fstat(handle.fileno()).st_size
            while left > 0:
                left -= handle.write(b"\0" * min(left, 1 << 20))
            handle.flush()
            os.fsync(handle.fileno())
        default_storage.delete(name)
        removed += 1
    return removed


def set_recording_consent(user, conversation, consent: bool) -> None:
    Conversation.objects.filter(owner=user, pk=conversation.pk).update(recording_consent=consent)


def start_employment_conversation(user, person, exploration) -> Conversation:
    """A later conversation about a job (SPEC F4): its own kind, never mixed in."""
    met = Conversation.objects.filter(
        owner=user,
        person=person,
        kind=ConversationKind.INFORMATIONAL,
        stage_cache__in=["held", "thanked"],
    ).exists()
    if not met:
        raise Invalid(
            "Hold the informational conversation first; ask about a job only "
            "later, in a conversation of its own.",
            field="kind",
        )
    return _conversation_of_kind(user, person, exploration, ConversationKind.EMPLOYMENT)


def referral_facts(user, limit: int | None = None) -> list[ReferralFacts]:
    """People referred to me in conversations and not asked yet, oldest first."""
    from django.db.models import Exists, OuterRef

    asked = Conversation.objects.filter(person=OuterRef("pk"))
    people = (
        Person.objects.filter(owner=user, found_via_conversation__isnull=False, do_not_ask=False)
        .annotate(asked=Exists(asked))
        .filter(asked=False)
        .only("id", "name", "created_at", "priority")
        .order_by("created_at", "id")
    )
    return [
        ReferralFacts(p.pk, p.name, p.created_at.date(), p.asked, p.priority)
        for p in people[:limit]
    ]


# ---- advice shown with a conversation (the web page and the CLI) ------------------


def reply_advice(user, conversation) -> dict | None:
    """After a reply: the gracious answer to propose, the next step, whom to ask next."""
    events = list(conversation.events.all())
    reply = events[-1] if events and events[-1].kind == EventKind.REPLIED else None
    if reply is None:
        return waiting_advice(user, conversation, events)
    outcome = Outcome(reply.outcome)
    next_person = None
    if outcome in (Outcome.DECLINED_BUSY, Outcome.CLEAR_NO):
        next_person = next_person_to_ask(
            user, conversation.exploration, conversation.person.organization_id
        )
    return {
        "outcome": outcome,
        "answer": proposed_answer(
            outcome, their_name=conversation.person.name, my_name=profile_for(user).display_name
        ),
        "next_step": NEXT_STEP[outcome],
        "next_person": next_person,
    }


def waiting_advice(user, conversation, events) -> dict | None:
    """While waiting for a reply: whom to ask as well, at the same organization if possible
    (3B7: after three business days, do not wait on one person)."""
    if not events or events[-1].kind not in (EventKind.ASKED, EventKind.FOLLOWED_UP):
        return None
    return {
        "next_step": waiting_advice_text(
            cadence(), followed_up=events[-1].kind == EventKind.FOLLOWED_UP
        ),
        "answer": None,
        "next_person": next_person_to_ask(
            user, conversation.exploration, conversation.person.organization_id
        ),
    }


def recalled_line(conversation, values) -> str:
    """Something specific they said, for the thank-you: the first note written."""
    for text in values.values():
        if text.strip():
            return first_sentence(text)
    return first_sentence(conversation.scratch) if conversation.scratch.strip() else ""


def thank_you_for(user, conversation) -> str:
    """The thank-you note to start from, recalling something they said (SPEC F1)."""
    values = prefilled_findings(conversation, findings_of(conversation))
    return thank_you_note(
        their_name=conversation.person.name,
        my_name=profile_for(user).display_name,
        recalled=recalled_line(conversation, values),
    )


def schedule_initial(user, conversation, meeting, today) -> dict:
    """What the schedule form starts from: the meeting as booked, else the person's
    zone (or mine), twenty minutes at their workplace."""
    if meeting:
        slot = meeting.slot
        local = slot.local_start
        return {
            "meeting_date": local.date(),
            "meeting_time": local.time(),
            "on": today,
            "time_zone": slot.time_zone,
            "minutes": slot.minutes,
            "mode": slot.mode,
            "location": slot.location,
            "link": slot.link,
            "cost": slot.cost,
        }
    zone = conversation.person.time_zone or settings.TIME_ZONE
    return {
        "time_zone": zone,
        "minutes": default_length(DEFAULT_MODE),
        "mode": DEFAULT_MODE,
        "on": today,
    }


# ---- a person's timeline (U3) -----------------------------------------------


def timeline_of(user, person, kind: str | None = None) -> list[timeline.Entry]:
    """Every event of their conversations, every dated note and everyone they introduced
    me to, newest first (`kind`: one of timeline.KINDS)."""
    entries = []
    events = (
        Event.objects.filter(owner=user, conversation__person=person)
        .select_related("conversation__exploration")
        .order_by()
    )
    for event in events:
        conversation = event.conversation
        entries.append(
            timeline.Entry(
                event.on,
                timeline.kind_of_event(event.kind),
                event.label,
                event.text,
                order=event.pk * 3,
                link=reverse("conversations:detail", args=[conversation.pk]),
                link_text=conversation.exploration.title,
            )
        )
    for note in person.dated_notes.all():
        entries.append(
            timeline.Entry(
                timezone.localdate(note.created_at),
                "note",
                "Note",
                note.text,
                order=note.pk * 3 + 1,
            )
        )
    referred = (
        people_for(user)
        .filter(Q(found_via_person=person) | Q(found_via_conversation__person=person))
        .distinct()
    )
    for other in referred.select_related(None).only("id", "name", "created_at"):
        entries.append(
            timeline.Entry(
                timezone.localdate(other.created_at),
                "referral",
                f"Introduced me to {other.name}",
                order=other.pk * 3 + 2,
                link=reverse("people:detail", args=[other.pk]),
                link_text=other.name,
            )
        )
    return timeline.timeline(entries, kind)


# ---- the Trash's questions to this area (registered in apps.py) ---------------------


def check_restorable(records, present) -> None:
    """An event comes back only as its conversation's latest step: a step logged since
    was checked against a history without it."""
    for record in records:
        if (
            isinstance(record, Event)
            and ("conversations.conversation", record.conversation_id) not in present
        ):
            if Event.objects.filter(
                conversation_id=record.conversation_id, pk__gt=record.pk
            ).exists():
                raise Conflict(
                    "Something was logged in this conversation after this step "
                    "was deleted: delete that first to bring this one back."
                )


def refresh_restored(records, relinked_people) -> None:
    """Each conversation a restore touched gets its stage and due date again."""
    touched = {record.pk for record in records if isinstance(record, Conversation)}
    touched |= {record.conversation_id for record in records if isinstance(record, Event)}
    for conversation in Conversation.objects.filter(pk__in=touched):
        refresh_stage(conversation)


def discard_trashed_recordings(rows) -> None:
    """The audio of the conversations a Trash item kept (`rows`, serialized), once the
    item is gone for good and that commits."""
    names = [
        row["fields"]["recording"]
        for row in rows
        if row["model"] == "conversations.conversation"
        and row["fields"].get("recording")
        and recording_belongs(row["pk"], row["fields"]["recording"])
    ]
    if names:
        transaction.on_commit(lambda: remove_recordings(names))
