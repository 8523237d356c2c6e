from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.accounts.services import profile_for
from coffeechat.domain.journey import EventKind, Outcome, allowed_next
from coffeechat.domain.replies import NEXT_STEP, proposed_answer
from coffeechat.errors import Invalid
from coffeechat.people.services import get_person_for

from . import services
from .forms import AskForm, EventForm


@require_POST
def ask(request, person_pk):
    person = get_person_for(request.user, person_pk)
    form = AskForm(request.POST, user=request.user, person=person)
    if form.is_valid():
        try:
            conversation = services.log_ask(request.user, person=person, **form.cleaned_data)
        except Invalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("conversations:detail", pk=conversation.pk)
    return TemplateResponse(request, "people/person_detail.html", {
        "person": person,
        "conversations": services.conversations_for(request.user).filter(person=person),
        "ask_form": form,
    }, status=400)


def reply_advice(user, conversation):
    """After a reply: the gracious answer to propose, the next step, whom to ask next."""
    events = list(conversation.events.all())
    reply = events[-1] if events and events[-1].kind == EventKind.REPLIED else None
    if reply is None:
        return waiting_advice(user, conversation, events)
    outcome = Outcome(reply.outcome)
    next_person = None
    if outcome in (Outcome.DECLINED_BUSY, Outcome.CLEAR_NO):
        next_person = services.next_person_to_ask(user, conversation.exploration,
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
    if not events or events[-1].kind not in (EventKind.ASKED, EventKind.FOLLOWED_UP):
        return None
    return {
        "next_step": "While you wait, ask someone else as well; after seven business days "
                     "without a reply, send one polite follow-up, then let it rest.",
        "answer": None,
        "next_person": services.next_person_to_ask(user, conversation.exploration,
                                                   conversation.person.organization_id),
    }


@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    allowed = {kind.value for kind in allowed_next(conversation.facts())}
    form = EventForm(request.POST or None, allowed=allowed,
                     initial={"on": timezone.localdate()})
    if form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if value}
        try:
            services.log_event(request.user, conversation, EventKind(values.pop("kind")),
                               **values)
        except Invalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("conversations:detail", pk=pk)
    return TemplateResponse(request, "conversations/detail.html", {
        "conversation": conversation, "form": form, "allowed": allowed,
        "advice": reply_advice(request.user, conversation),
    }, status=400 if form.errors else 200)
