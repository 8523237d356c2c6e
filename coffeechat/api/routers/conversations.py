"""Conversations, their events, findings and plans (SPEC O5, O6, S, C4, Q2)."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from coffeechat.conversations import services
from coffeechat.domain.journey import EventKind
from coffeechat.domain.questions import FindingTopic
from coffeechat.errors import Conflict
from coffeechat.explorations.services import get_exploration_for
from coffeechat.people.services import get_person_for
from coffeechat.questions import services as questions

from ..common import Paged, actor, answers, hold, owned, reader, state_rules
from ..schemas import (
    AskIn,
    CancelIn,
    ConversationOut,
    EventIn,
    EventOut,
    FindingOut,
    FindingsIn,
    Id,
    PlanIn,
    PlanOut,
    ScheduleIn,
)

router = Router(tags=["conversations"])


@router.get("/conversations", response=answers({200: list[ConversationOut]}))
@paginate(Paged)
def list_conversations(
    request,
    explorer: Query[Id | None] = None,
    person_id: Query[Id | None] = None,
    exploration_id: Query[Id | None] = None,
):
    """Conversations, newest first, each with its events and derived stage."""
    return services.conversations_matching(
        reader(request, explorer), person_id=person_id, exploration_id=exploration_id
    )


@router.post("/conversations", response=answers({201: ConversationOut}))
def log_ask(request, payload: AskIn):
    """Log an ask (SPEC O5); opens the informational conversation if needed. 409 when
    the exploration is closed, the person gave a clear no (unless `despite_no`), or the
    conversation was already asked for."""
    user = actor(request)
    person = owned(get_person_for, user, payload.person_id, "person_id")
    exploration = owned(get_exploration_for, user, payload.exploration_id, "exploration_id")
    if not exploration.is_open:
        raise Conflict(
            "That exploration is closed: reopen it to ask someone new.", field="exploration_id"
        )
    values = payload.dict(exclude={"person_id", "exploration_id"})
    with state_rules():
        conversation = services.log_ask(user, person=person, exploration=exploration, **values)
    return Status(201, services.get_conversation_for(user, conversation.pk))


@router.get("/conversations/{conversation_id}", response=answers({200: ConversationOut}))
def get_conversation(request, conversation_id: Id, explorer: Query[Id | None] = None):
    return services.get_conversation_for(reader(request, explorer), conversation_id)


@router.get("/conversations/{conversation_id}/events", response=answers({200: list[EventOut]}))
def list_events(request, conversation_id: Id, explorer: Query[Id | None] = None):
    """The history, oldest first: asked, replied, scheduled, held, thanked…"""
    conversation = services.get_conversation_for(reader(request, explorer), conversation_id)
    return list(conversation.events.all())


@router.post("/conversations/{conversation_id}/events", response=answers({201: EventOut}))
def log_event(request, conversation_id: Id, payload: EventIn):
    """Append what happened next, if the method allows it after the current stage (409
    when the history does not allow that step, or the day is before the last step's)."""
    user = actor(request)
    conversation = hold(services.get_conversation_for(user, conversation_id))
    values = {name: value for name, value in payload.dict(exclude={"kind"}).items() if value}
    with state_rules():
        event = services.log_event(user, conversation, EventKind(payload.kind), **values)
    return Status(201, event)


@router.post("/conversations/{conversation_id}/schedule", response=answers({201: EventOut}))
def schedule(request, conversation_id: Id, payload: ScheduleIn):
    """Book the meeting, or move it (the history keeps what was planned before)."""
    user = actor(request)
    conversation = hold(services.get_conversation_for(user, conversation_id))
    with state_rules():
        return Status(201, services.schedule(user, conversation, **payload.dict()))


@router.post("/conversations/{conversation_id}/cancel", response=answers({201: EventOut}))
def cancel(request, conversation_id: Id, payload: CancelIn):
    user = actor(request)
    conversation = hold(services.get_conversation_for(user, conversation_id))
    with state_rules():
        return Status(
            201, services.cancel(user, conversation, on=payload.on, reason=payload.reason)
        )


# ---- findings (SPEC C4) ----------------------------------------------------------------


def _findings(conversation) -> list[dict]:
    saved = services.findings_of(conversation)
    return [{"topic": topic, "text": saved[topic]} for topic in FindingTopic if topic in saved]


@router.get("/conversations/{conversation_id}/findings", response=answers({200: list[FindingOut]}))
def get_findings(request, conversation_id: Id, explorer: Query[Id | None] = None):
    """What the conversation taught, per topic."""
    return _findings(services.get_conversation_for(reader(request, explorer), conversation_id))


@router.put("/conversations/{conversation_id}/findings", response=answers({200: list[FindingOut]}))
def save_findings(request, conversation_id: Id, payload: FindingsIn):
    """Set the topics given; an empty text removes a topic."""
    user = actor(request)
    conversation = hold(services.get_conversation_for(user, conversation_id))
    services.save_findings(user, conversation, dict(payload.findings))
    return _findings(conversation)


# ---- the plan of questions (SPEC Q2) ---------------------------------------------------


def _plan(plan) -> dict:
    return {
        "agreed_minutes": plan.agreed_minutes,
        "opening_minutes": plan.opening_minutes,
        "reserve_minutes": plan.reserve_minutes,
        "spare_minutes": plan.spare_minutes,
        "items": [
            {
                "key": item.question.key,
                "text": item.question.text,
                "minutes": item.minutes,
                "start": item.start,
            }
            for item in plan.items
        ],
        "left_out": [
            {"key": left.question.key, "text": left.question.text, "reason": left.reason}
            for left in plan.left_out
        ],
        "gaps": list(plan.gaps),
    }


@router.get("/conversations/{conversation_id}/plan", response=answers({200: PlanOut}))
def get_plan(request, conversation_id: Id, explorer: Query[Id | None] = None):
    """The saved plan, fitted to the agreed length; what does not fit is said."""
    owner = reader(request, explorer)
    conversation = services.get_conversation_for(owner, conversation_id)
    return _plan(questions.current_plan(owner, conversation))


@router.post("/conversations/{conversation_id}/plan", response=answers({200: PlanOut}))
def build_plan(request, conversation_id: Id, payload: PlanIn):
    """Plan the questions afresh from the bank (2-1-2 mix or TIARA)."""
    user = actor(request)
    conversation = hold(services.get_conversation_for(user, conversation_id))
    return _plan(questions.build_plan(user, conversation, payload.shape))
