"""Conversations and their event history (SPEC O5, O6, S, C, F)."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Prefetch

from coffeechat.domain.journey import EventKind, Outcome, StepRefused, check_next, derive_stage
from coffeechat.domain.meeting import Slot, check_slot
from coffeechat.domain.today import ConversationFacts
from coffeechat.errors import Invalid, NotFound

from .models import Conversation, ConversationKind, Event


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
    conversation, _ = Conversation.objects.get_or_create(
        owner=user, person=person, exploration=exploration,
        kind=ConversationKind.INFORMATIONAL,
    )
    return conversation


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
    """Append one event, if the method allows it after the current stage (SPEC O6)."""
    history = [event.fact() for event in _history(conversation)]
    try:
        check_next(history, kind)
    except StepRefused as refused:
        raise Invalid(str(refused), field="kind") from None
    if history and on < history[-1].on:
        raise Invalid(f"This happened before the last logged step ({history[-1].on:%d %b %Y}).",
                      field="on")
    event = Event.objects.create(owner=user, conversation=conversation, kind=kind, on=on,
                                 **fields)
    _after(conversation, event)
    return event


def _history(conversation):
    return Event.objects.filter(conversation=conversation).order_by("on", "id")


def _after(conversation, event) -> None:
    refresh_stage(conversation)
    if event.outcome == Outcome.CLEAR_NO:
        # A clear no is respected everywhere: the person is not asked again.
        type(conversation.person).objects.filter(pk=conversation.person_id).update(
            do_not_ask=True)


def refresh_stage(conversation) -> None:
    """Recompute the cached stage from the full history (the history is the truth)."""
    conversation.stage_cache = derive_stage(event.fact() for event in _history(conversation))
    Conversation.objects.filter(pk=conversation.pk).update(stage_cache=conversation.stage_cache)


def open_conversation_facts(user) -> list[ConversationFacts]:
    """Every conversation of open explorations as plain facts for the Today rules."""
    return [
        ConversationFacts(
            conversation_id=conversation.pk,
            person_name=conversation.person.name,
            person_priority=conversation.person.priority,
            events=conversation.facts(),
        )
        for conversation in conversations_for(user).filter(exploration__closed_on__isnull=True)
    ]


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
    except (ZoneInfoNotFoundError, ValueError):
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
