from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.accounts.services import profile_for
from coffeechat.domain.journey import EventKind, allowed_next
from coffeechat.domain.replies import confirmation_note
from coffeechat.errors import Invalid, NotFound
from coffeechat.people.services import get_person_for
from coffeechat.web.feedback import changed, quiet, trashed

from . import services
from .calendar import calendar_of
from .forms import AskForm, CancelForm, EventForm, ScheduleForm
from .services import reply_advice, schedule_initial  # moved there for the CLI (issue 21)


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
            logged(request, conversation.events.last(), conversation,
                   f"Logged the ask to {person.name}.")
            return redirect("conversations:detail", pk=conversation.pk)
    return TemplateResponse(request, "people/person_detail.html", {
        "person": person,
        "conversations": services.conversations_for(request.user).filter(person=person),
        "ask_form": form,
    }, status=400)


def detail_page(request, conversation, status=200, **forms):
    """The conversation page; a sub-form that failed comes back with its errors."""
    allowed = {kind.value for kind in allowed_next(conversation.facts())}
    today = timezone.localdate()
    meeting = conversation.meeting
    context = {
        "conversation": conversation, "allowed": allowed, "meeting": meeting,
        "form": EventForm(allowed=allowed, initial={"on": today}),
        "schedule_form": ScheduleForm(initial=schedule_initial(request.user, conversation,
                                                               meeting, today)),
        "cancel_form": CancelForm(initial={"on": today}),
        "advice": reply_advice(request.user, conversation),
        "confirmation": confirmation(request.user, conversation, meeting),
        **forms,
    }
    return TemplateResponse(request, "conversations/detail.html", context, status=status)


def confirmation(user, conversation, meeting):
    if meeting is None or meeting.cancelled:
        return None
    slot = meeting.slot
    local = slot.local_start
    place = slot.link if slot.mode == "video" else (slot.location or "at your workplace")
    return confirmation_note(their_name=conversation.person.name,
                             my_name=profile_for(user).display_name,
                             when=f"{local:%A %d %B at %H:%M} ({slot.time_zone})",
                             place=place, minutes=slot.minutes,
                             questions=planned_questions(user, conversation))


def planned_questions(user, conversation) -> list[str]:
    """The questions planned for this meeting that fit its length (SPEC Q2): the ones the
    planner said do not fit are not promised in the confirmation."""
    from coffeechat.questions import services as questions

    return [question.text for question in questions.current_plan(user, conversation).questions]


@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    if request.method == "GET":
        return detail_page(request, conversation)
    allowed = {kind.value for kind in allowed_next(conversation.facts())}
    form = EventForm(request.POST, allowed=allowed)
    if form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if value}
        try:
            event = services.log_event(request.user, conversation,
                                       EventKind(values.pop("kind")), **values)
        except Invalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return saved(request, event, pk)
    return detail_page(request, conversation, 400, form=form)


def saved(request, event, pk):
    """Back to the conversation, saying what was logged (with Undo) and what about the
    dates looked odd (logged late)."""
    conversation = event.conversation
    logged(request, event, conversation,
           f"Logged “{event.label}” for {conversation.person.name}.")
    for warning in getattr(event, "warnings", ()):
        messages.warning(request, warning)
    return redirect("conversations:detail", pk=pk)


def logged(request, event, conversation, text: str) -> None:
    changed(request, text, undo=reverse("conversations:event_delete",
                                        args=[conversation.pk, event.pk]))


@require_POST
def event_delete(request, pk, event_pk):
    """A wrongly logged event goes to the Trash (SPEC U1)."""
    conversation = services.get_conversation_for(request.user, pk)
    trashed(request, services.delete_event(request.user, conversation, event_pk))
    if services.conversations_for(request.user).filter(pk=pk).exists():
        return redirect("conversations:detail", pk=pk)
    return redirect("people:detail", pk=conversation.person_id)


@require_POST
def conversation_schedule(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                event = services.schedule(request.user, conversation, **form.cleaned_data)
        except Invalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return saved(request, event, pk)
    return detail_page(request, conversation, 400, schedule_form=form)


@require_POST
def conversation_cancel(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel(request.user, conversation, **form.cleaned_data)
        except Invalid as error:
            form.add_error(None, error.message)
        else:
            logged(request, conversation.events.last(), conversation,
                   f"Logged the cancellation with {conversation.person.name}.")
            return redirect("conversations:detail", pk=pk)
    return detail_page(request, conversation, 400, cancel_form=form)


def meeting_ics(request, pk):
    """One meeting as an .ics file to open in any calendar app."""
    conversation = services.get_conversation_for(request.user, pk)
    if conversation.meeting is None:
        raise NotFound("This conversation has no meeting yet.")
    response = HttpResponse(calendar_of([conversation]), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{pk}.ics"'
    return response


# ---- live mode (SPEC C1-C3) and after the meeting (C4, F1, F4) --------------------


def live_page(request, pk):
    from coffeechat.domain.questions import FOLLOW_UP_PROMPTS
    from coffeechat.questions import services as questions

    conversation = services.get_conversation_for(request.user, pk)
    plan = questions.current_plan(request.user, conversation)
    notes = questions.notes_by_question(conversation)
    fits = {question.key for question in plan.questions}  # "does not fit": not shown live
    items = [(item, notes.get(item.question_id, "")) for item in
             questions.plan_items(conversation) if item.question.key in fits]
    return TemplateResponse(request, "conversations/live.html", {
        "conversation": conversation, "plan": plan, "items": items,
        "prompts": FOLLOW_UP_PROMPTS, "referrals": conversation.referrals.all(),
        "held": "held" in {e.kind for e in conversation.events.all()},
    })


@require_POST
def live_start(request, pk):
    """Start the clock on the server (the page shows it running from then on)."""
    conversation = services.get_conversation_for(request.user, pk)
    services.start_clock(request.user, conversation, timezone.now())
    return redirect("conversations:live", pk=pk)


@require_POST
@quiet
def live_note(request, pk):
    """Save one note as it is typed (htmx); answers 204 so nothing on the page moves."""
    from coffeechat.questions import services as questions

    conversation = services.get_conversation_for(request.user, pk)
    text = request.POST.get("text", "")
    if request.POST.get("question"):
        questions.save_note(request.user, conversation, request.POST["question"], text)
    else:
        services.save_scratch(request.user, conversation, text)
    return HttpResponse(status=204)


@require_POST
def live_referral(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    services.add_referral(request.user, conversation, name=request.POST.get("name", ""),
                          title=request.POST.get("title", ""),
                          organization=request.POST.get("organization", ""))
    if request.headers.get("HX-Request"):
        return TemplateResponse(request, "conversations/_referrals.html",
                                {"referrals": conversation.referrals.all()})
    # A decline can come with a name too ("ask my colleague"): back to the conversation.
    back = "conversations:detail" if request.POST.get("back") == "detail" else "conversations:live"
    return redirect(back, pk=pk)


@require_POST
def live_end(request, pk):
    """The meeting is over: log it as held and go on to the findings."""
    conversation = services.get_conversation_for(request.user, pk)
    services.log_event(request.user, conversation, EventKind.HELD, on=timezone.localdate())
    return redirect("conversations:findings", pk=pk)


@require_http_methods(["GET", "POST"])
def findings_page(request, pk):
    from coffeechat.domain.questions import FindingTopic
    from coffeechat.questions import services as questions

    conversation = services.get_conversation_for(request.user, pk)
    if request.method == "POST":
        services.save_findings(request.user, conversation, {
            topic.value: request.POST.get(topic.value, "")[:20000] for topic in FindingTopic})
        return redirect("conversations:findings", pk=pk)
    values = questions.prefilled_findings(conversation, services.findings_of(conversation))
    saved = services.findings_of(conversation)
    return TemplateResponse(request, "conversations/findings.html", {
        "conversation": conversation,
        "topics": [(topic, values[topic.value], topic.value in saved)
                   for topic in FindingTopic],
        "thanks": services.thank_you_for(request.user, conversation),
    })


@require_POST
def recording_upload(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    if "consent" in request.POST:
        services.set_recording_consent(request.user, conversation,
                                       request.POST["consent"] == "on")
        conversation.refresh_from_db()
    upload = request.FILES.get("recording")
    if upload is not None:
        services.attach_recording(request.user, conversation, upload,
                                  settings.MAX_RECORDING_BYTES)
    return redirect(f"/conversations/{pk}/#recording")


def recording_file(request, pk):
    """Play a recording back: only its owner can fetch it."""
    conversation = services.get_conversation_for(request.user, pk)
    if not conversation.recording or not services.recording_belongs(
            conversation.pk, conversation.recording.name):
        raise NotFound("No recording attached.")
    return FileResponse(conversation.recording.open("rb"))


@require_POST
def employment_start(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    employment = services.start_employment_conversation(request.user, conversation.person,
                                                        conversation.exploration)
    return redirect("conversations:detail", pk=employment.pk)
