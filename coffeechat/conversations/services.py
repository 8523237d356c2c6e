"""Conversations and their event history (SPEC O5, O6, S, C, F)."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Prefetch

from coffeechat.domain.journey import (
    EventFact,
    EventKind,
    Outcome,
    StepRefused,
    check_step,
    derive_stage,
)
from coffeechat.domain.meeting import Slot, check_slot
from coffeechat.domain.today import OWING_ONCE_CLOSED, ConversationFacts
from coffeechat.errors import Invalid, NotFound

from .models import Conversation, ConversationKind, Event, Finding


def conversations_for(user):
    return (Conversation.objects.filter(owner=user)
            .select_related("person", "person__organization", "exploration")
            .prefetch_related(Prefetch("events", queryset=Event.objects.order_by("on", "id"))))


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
    from django.db import transaction

    with transaction.atomic():  # the lock needs a transaction, even when called bare
        # Two requests at once would both miss it and open two (PostgreSQL): queue on
        # the person.
        list(type(person).objects.select_for_update().filter(pk=person.pk).values_list("pk"))
        found = Conversation.objects.filter(owner=user, person=person, exploration=exploration,
                                            kind=kind).order_by("pk").first()
        return found or Conversation.objects.create(owner=user, person=person,
                                                    exploration=exploration, kind=kind)


def log_ask(user, *, person, exploration, on, channel, approach, text="",
            despite_no=False) -> Conversation:
    """Record that I asked this person for a conversation (SPEC O5)."""
    if person.do_not_ask and not despite_no:
        raise Invalid(f"{person.name} gave a clear no earlier and asked not to be contacted "
                      "again. Confirm if you really mean to ask anyway.", field="despite_no")
    conversation = informational_conversation(user, person, exploration)
    log_event(user, conversation, EventKind.ASKED, on=on, channel=channel,
              approach=approach, text=text)
    return conversation


def log_event(user, conversation, kind: EventKind, *, on, **fields) -> Event:
    """Append one event, if the method allows it after the current stage (SPEC O6) and its
    dates can be true. Warnings about dates that may be true (a meeting logged late) are
    on the returned event's `warnings`."""
    from django.utils import timezone

    history = [event.fact() for event in _history(conversation)]
    step = EventFact(kind=kind, on=on, outcome=Outcome(fields["outcome"])
                     if fields.get("outcome") else None,
                     meeting_on=fields.get("meeting_on"), callback_on=fields.get("callback_on"))
    if kind == EventKind.ASKED and conversation.exploration.closed_on is not None:
        raise Invalid("This exploration is closed: reopen it to ask someone.",
                      field="exploration")
    try:
        warnings = check_step(history, step, timezone.localdate())
    except StepRefused as refused:
        raise Invalid(str(refused), field=refused.field) from None
    event = Event.objects.create(owner=user, conversation=conversation, kind=kind, on=on,
                                 **fields)
    _after(conversation, event)
    if event.text:
        index_conversation(conversation)
    event.warnings = warnings
    return event


def _history(conversation):
    return Event.objects.filter(conversation=conversation).order_by("on", "id")


def _after(conversation, event) -> None:
    refresh_stage(conversation)
    # Any contact resets the keep-in-touch clock of the person's other conversations too.
    mark_due_stale(owner=conversation.owner_id, person=conversation.person_id)
    if event.outcome == Outcome.CLEAR_NO:
        # A clear no is respected everywhere: the person is not asked again.
        type(conversation.person).objects.filter(pk=conversation.person_id).update(
            do_not_ask=True)


def refresh_stage(conversation) -> None:
    """Recompute the cached stage from the full history (the history is the truth)."""
    conversation.stage_cache = derive_stage(event.fact() for event in _history(conversation))
    Conversation.objects.filter(pk=conversation.pk).update(stage_cache=conversation.stage_cache,
                                                           due_key="")


def open_conversations(user):
    """Conversations of open explorations, and of closed ones whose decision is still to
    be told: the ones Today looks at."""
    from django.db.models import Q

    still_to_tell = Q(exploration__closed_on__isnull=False,
                      stage_cache__in=sorted(OWING_ONCE_CLOSED))
    return conversations_for(user).filter(Q(exploration__closed_on__isnull=True) |
                                          still_to_tell)


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
    from django.db.models.functions import TruncDate

    from coffeechat.people.models import Note

    latest: dict[int, object] = {}
    person_ids = list(person_ids)
    rows = chain_rows(
        Event.objects.filter(conversation__person_id__in=person_ids)
        .values("conversation__person_id").annotate(last=Max("on"))
        .values_list("conversation__person_id", "last"),
        Note.objects.filter(person_id__in=person_ids).annotate(day=TruncDate("created_at"))
        .values("person_id").annotate(last=Max("day")).values_list("person_id", "last"))
    for person_id, day in rows:
        if day is not None and (person_id not in latest or day > latest[person_id]):
            latest[person_id] = day
    return latest


def chain_rows(*querysets):
    for queryset in querysets:
        yield from queryset


def mark_due_stale(**conversations_filter) -> None:
    """Their due dates must be recomputed (the Today cache): after anything that changes
    the tasks other than an event, e.g. closing an exploration."""
    Conversation.objects.filter(**conversations_filter).update(due_key="")


def next_person_to_ask(user, exploration, organization_id=None):
    """Whom to ask next: not yet asked in this exploration, never a clear no, highest
    priority first; someone at `organization_id` when there is one."""
    from coffeechat.people.services import people_for

    asked = Conversation.objects.filter(owner=user, exploration=exploration).values("person")
    candidates = (people_for(user).filter(do_not_ask=False).exclude(pk__in=asked)
                  .filter(exploration=exploration).order_by("-priority", "name"))
    if organization_id:
        same = candidates.filter(organization_id=organization_id).first()
        if same:
            return same
    return candidates.first()


# ---- scheduling (SPEC S1-S4) ------------------------------------------------------


def schedule(user, conversation, *, on, meeting_date, meeting_time, time_zone, minutes, mode,
             location="", link="", cost=None, reason="") -> Event:
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
    kind = EventKind.RESCHEDULED if conversation.stage_cache == "scheduled" else \
        EventKind.SCHEDULED
    return log_event(user, conversation, kind, on=on, meeting_on=meeting_date,
                     starts_at=starts_at, time_zone=time_zone, minutes=minutes, mode=mode,
                     location=location, link=link, cost=cost, text=reason)


def cancel(user, conversation, *, on, reason="") -> Event:
    return log_event(user, conversation, EventKind.CANCELLED, on=on, text=reason)


def meetings_for(user):
    """Conversations that have (or had) a meeting, with their events, for calendars."""
    return conversations_for(user).filter(events__kind=EventKind.SCHEDULED).distinct()


# ---- the conversation itself (SPEC C1-C4) ----------------------------------------


def add_referral(user, conversation, *, name: str, title: str = "", organization: str = ""):
    """Someone they suggested I talk to, linked to this conversation (SPEC C2, P3)."""
    from coffeechat.people.services import create_person

    # Typed in live mode without a form: drop what PostgreSQL refuses (U+0000, too long).
    name, title, organization = (text.replace("\x00", "").strip()[:200]
                                 for text in (name, title, organization))
    if not name:
        raise Invalid("Give at least a name.", field="name")
    # The person met in this conversation is the one who referred them: an ask can name
    # them ("Priya Raman suggested I write to you").
    person = create_person(user, name=name, title=title,
                           new_organization=organization, how_found="referral",
                           found_via_conversation=conversation,
                           found_via_person=conversation.person,
                           exploration=conversation.exploration)
    index_conversation(conversation)
    return person


def start_clock(user, conversation, now) -> None:
    """Start live mode's clock once; starting it again (a second click, another tab)
    keeps the first start, so the time left never jumps back to the full length."""
    Conversation.objects.filter(owner=user, pk=conversation.pk,
                                live_started_at__isnull=True).update(live_started_at=now)


def save_scratch(user, conversation, text: str) -> None:
    text = text.replace("\x00", "")[:100_000]  # saved as typed, without a form
    Conversation.objects.filter(owner=user, pk=conversation.pk).update(scratch=text)
    index_conversation(conversation)


def conversation_title(person_name: str) -> str:
    return f"Conversation with {person_name}"


def index_conversation(conversation) -> None:
    """Make what was said searchable (the search page covers notes): the texts of its
    events (the ask sent), the scratch pad, findings, question notes and the names of
    the people they referred me to."""
    from coffeechat.people.models import Person
    from coffeechat.questions.models import QuestionNote
    from coffeechat.search.models import Kind
    from coffeechat.search.services import index_document

    pk = conversation.pk
    texts = [*Event.objects.filter(conversation_id=pk).exclude(text="")
             .values_list("text", flat=True),
             *Conversation.objects.filter(pk=pk).values_list("scratch", flat=True),
             *Finding.objects.filter(conversation_id=pk).values_list("text", flat=True),
             *QuestionNote.objects.filter(conversation_id=pk).values_list("text", flat=True),
             *Person.objects.filter(found_via_conversation_id=pk).values_list("name",
                                                                              flat=True)]
    index_document(conversation.owner, Kind.CONVERSATION, pk,
                   conversation_title(conversation.person.name),
                   "\n".join(text for text in texts if text.strip()))


def findings_of(conversation) -> dict[str, str]:
    return dict(Finding.objects.filter(conversation=conversation).values_list("topic", "text"))


def save_findings(user, conversation, texts: dict[str, str]) -> None:
    """Keep what was written per topic (SPEC C4); an emptied topic is removed."""
    for topic, text in texts.items():
        text = text.replace("\x00", "")  # no form cleans it, and PostgreSQL refuses it
        if text.strip():
            Finding.objects.update_or_create(owner=user, conversation=conversation, topic=topic,
                                              defaults={"text": text.strip()})
        else:
            Finding.objects.filter(conversation=conversation, topic=topic).delete()
    index_conversation(conversation)


RECORDING_TYPES = {  # extension -> the bytes such a file starts with
    ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"), ".wav": (b"RIFF",),
    ".ogg": (b"OggS",), ".oga": (b"OggS",), ".opus": (b"OggS",), ".flac": (b"fLaC",),
    ".webm": (b"\x1a\x45\xdf\xa3",), ".m4a": (b"ftyp",), ".mp4": (b"ftyp",),
}


def attach_recording(user, conversation, upload, max_bytes: int) -> None:
    """Store an audio file with the conversation, only with consent (SPEC C3)."""
    import os

    if not conversation.recording_consent:
        raise Invalid("Record only with their permission: tick the consent box first.",
                      field="recording")
    if upload.size > max_bytes:
        raise Invalid(f"The file is {upload.size // 1_048_576} MB; the limit is "
                      f"{max_bytes // 1_048_576} MB.", field="recording")
    extension = os.path.splitext(upload.name)[1].lower()
    head = upload.read(12)
    upload.seek(0)
    signatures = RECORDING_TYPES.get(extension)
    if not signatures or not any(sig in head[:12] for sig in signatures):
        raise Invalid("That is not an audio file we can play (mp3, m4a, wav, ogg, opus, "
                      "flac or webm).", field="recording")
    if conversation.recording:
        conversation.recording.delete(save=False)
    conversation.recording.save(f"conversation-{conversation.pk}{extension}", upload)


def set_recording_consent(user, conversation, consent: bool) -> None:
    Conversation.objects.filter(owner=user, pk=conversation.pk).update(
        recording_consent=consent)


def start_employment_conversation(user, person, exploration) -> Conversation:
    """A later conversation about a job (SPEC F4): its own kind, never mixed in."""
    met = Conversation.objects.filter(owner=user, person=person,
                                      kind=ConversationKind.INFORMATIONAL,
                                      stage_cache__in=["held", "thanked"]).exists()
    if not met:
        raise Invalid("Hold the informational conversation first; ask about a job only "
                      "later, in a conversation of its own.", field="kind")
    return _conversation_of_kind(user, person, exploration, ConversationKind.EMPLOYMENT)


def referral_facts(user, limit: int | None = None):
    """People referred to me in conversations and not asked yet, oldest first."""
    from django.db.models import Exists, OuterRef

    from coffeechat.domain.today import ReferralFacts
    from coffeechat.people.models import Person

    asked = Conversation.objects.filter(person=OuterRef("pk"))
    people = (Person.objects.filter(owner=user, found_via_conversation__isnull=False,
                                    do_not_ask=False)
              .annotate(asked=Exists(asked)).filter(asked=False)
              .only("id", "name", "created_at", "priority").order_by("created_at", "id"))
    return [ReferralFacts(p.pk, p.name, p.created_at.date(), p.asked, p.priority)
            for p in people[:limit]]
