"""Conversations and their event history (SPEC O5, O6, S, C, F)."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
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


def delete_event(user, conversation, event_pk):
    """Move a wrongly logged event to the Trash (SPEC U1). Only the latest one: the
    later steps were logged on top of the earlier ones. An ask that was all there was
    takes its conversation with it, as if it had never been logged."""
    from coffeechat.trash.services import move_to_trash

    events = list(_history(conversation))
    event = next((e for e in events if str(e.pk) == str(event_pk)), None)
    if event is None:
        raise NotFound("No such event in this conversation.")
    if event is not events[-1]:
        raise Invalid("Only the latest event can be deleted: delete the ones logged after "
                      "it first.", field="event")
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

    return bool(re.fullmatch(rf"recordings/conversation-{int(conversation_pk)}[-_.][\w.-]*",
                             name or ""))


def attach_recording(user, conversation, upload, max_bytes: int) -> None:
    """Store an audio file with the conversation, only with consent (SPEC C3)."""
    if not conversation.recording_consent:
        raise Invalid("Record only with their permission: tick the consent box first.",
                      field="recording")
    if upload.size > max_bytes:
        raise Invalid(f"The file is {upload.size // 1_048_576} MB; the limit is "
                      f"{max_bytes // 1_048_576} MB.", field="recording")
    head = upload.read(12)
    upload.seek(0)
    extension = audio_extension(upload.name, head)
    if extension is None:
        raise Invalid("That is not an audio file we can play (mp3, m4a, wav, ogg, opus, "
                      "flac or webm).", field="recording")
    old = conversation.recording.name
    # The field adds its folder ("recordings/") itself.
    conversation.recording.save(recording_name(conversation.pk, extension).split("/")[-1],
                                upload)
    if old and recording_belongs(conversation.pk, old):
        # Only once the new name is committed: a failed save keeps the old audio.
        transaction.on_commit(lambda: remove_recordings([old]))


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


# ---- advice shown with a conversation (the web page and the CLI) ------------------


def reply_advice(user, conversation):
    """After a reply: the gracious answer to propose, the next step, whom to ask next."""
    from coffeechat.accounts.services import profile_for
    from coffeechat.domain.replies import NEXT_STEP, proposed_answer

    events = list(conversation.events.all())
    reply = events[-1] if events and events[-1].kind == EventKind.REPLIED else None
    if reply is None:
        return waiting_advice(user, conversation, events)
    outcome = Outcome(reply.outcome)
    next_person = None
    if outcome in (Outcome.DECLINED_BUSY, Outcome.CLEAR_NO):
        next_person = next_person_to_ask(user, conversation.exploration,
                                         conversation.person.organization_id)
    return {
        "outcome": outcome,
        "answer": proposed_answer(outcome, their_name=conversation.person.name,
                                  my_name=profile_for(user).display_name),
        "next_step": NEXT_STEP[outcome],
        "next_person": next_person,
    }


def waiting_advice(user, conversation, events):
    """While waiting for a reply: whom to ask as well, at the same organization if possible
    (3B7: after three business days, do not wait on one person)."""
    from coffeechat.domain.replies import waiting_advice_text
    from coffeechat.today.services import cadence

    if not events or events[-1].kind not in (EventKind.ASKED, EventKind.FOLLOWED_UP):
        return None
    return {
        "next_step": waiting_advice_text(cadence(), followed_up=events[-1].kind ==
                                         EventKind.FOLLOWED_UP),
        "answer": None,
        "next_person": next_person_to_ask(user, conversation.exploration,
                                          conversation.person.organization_id),
    }


def recalled_line(conversation, values) -> str:
    """Something specific they said, for the thank-you: the first note written."""
    from coffeechat.domain.replies import first_sentence

    for text in values.values():
        if text.strip():
            return first_sentence(text)
    return first_sentence(conversation.scratch) if conversation.scratch.strip() else ""


def thank_you_for(user, conversation) -> str:
    """The thank-you note to start from, recalling something they said (SPEC F1)."""
    from coffeechat.accounts.services import profile_for
    from coffeechat.domain.replies import thank_you_note
    from coffeechat.questions.services import prefilled_findings

    values = prefilled_findings(conversation, findings_of(conversation))
    return thank_you_note(their_name=conversation.person.name,
                          my_name=profile_for(user).display_name,
                          recalled=recalled_line(conversation, values))


def schedule_initial(user, conversation, meeting, today) -> dict:
    """What the schedule form starts from: the meeting as booked, else the person's
    zone (or mine), twenty minutes at their workplace."""
    from django.conf import settings

    if meeting:
        slot = meeting.slot
        local = slot.local_start
        return {"meeting_date": local.date(), "meeting_time": local.time(), "on": today,
                "time_zone": slot.time_zone, "minutes": slot.minutes, "mode": slot.mode,
                "location": slot.location, "link": slot.link, "cost": slot.cost}
    zone = conversation.person.time_zone or settings.TIME_ZONE
    return {"time_zone": zone, "minutes": 20, "mode": "workplace", "on": today}
