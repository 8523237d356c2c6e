from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.domain.journey import EventKind
from coffeechat.people.services import get_person_for

from . import services
from .forms import AskForm, EventForm


@require_POST
def ask(request, person_pk):
    person = get_person_for(request.user, person_pk)
    form = AskForm(request.POST, user=request.user)
    if form.is_valid():
        conversation = services.log_ask(request.user, person=person, **form.cleaned_data)
        return redirect("conversations:detail", pk=conversation.pk)
    return TemplateResponse(request, "people/person_detail.html", {
        "person": person,
        "conversations": services.conversations_for(request.user).filter(person=person),
        "ask_form": form,
    }, status=400)


@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    form = EventForm(request.POST or None, initial={"on": timezone.localdate()})
    if form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if value}
        services.log_event(request.user, conversation, EventKind(values.pop("kind")), **values)
        return redirect("conversations:detail", pk=pk)
    return TemplateResponse(request, "conversations/detail.html",
                            {"conversation": conversation, "form": form},
                            status=400 if form.errors else 200)
