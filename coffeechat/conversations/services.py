"""Conversations and their event history (SPEC O5, O6, S, C, F)."""

from django.db.models import Prefetch

from coffeechat.domain.journey import EventKind, derive_stage
from coffeechat.domain.today import ConversationFacts
from coffeechat.errors import NotFound

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


def log_ask(user, *, person, exploration, on, channel, approach, text="") -> Conversation:
    """Record that I asked this person for a conversation (SPEC O5)."""
    conversation = informational_conversation(user, person, exploration)
    log_event(user, conversation, EventKind.ASKED, on=on, channel=channel,
              approach=approach, text=text)
    return conversation


def log_event(user, conversation, kind: EventKind, *, on, **fields) -> Event:
    """Append one event to a conversation's history and refresh its stage cache."""
    event = Event.objects.create(owner=user, conversation=conversation, kind=kind, on=on,
                                 **fields)
    refresh_stage(conversation)
    return event


def refresh_stage(conversation) -> None:
    """Recompute the cached stage from the full history (the history is the truth)."""
    facts = [event.fact() for event in Event.objects.filter(conversation=conversation)
             .order_by("on", "id")]
    conversation.stage_cache = derive_stage(facts)
    Conversation.objects.filter(pk=conversation.pk).update(stage_cache=conversation.stage_cache)


def open_conversation_facts(user) -> list[ConversationFacts]:
    """Every conversation as plain facts for the Today rules, in two queries."""
    return [
        ConversationFacts(
            conversation_id=conversation.pk,
            person_name=conversation.person.name,
            person_priority=conversation.person.priority,
            events=conversation.facts(),
        )
        for conversation in conversations_for(user).filter(exploration__closed_on__isnull=True)
    ]
