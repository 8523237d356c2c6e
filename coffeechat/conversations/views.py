from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.domain.journey import EventKind
from coffeechat.domain.questions import FOLLOW_UP_PROMPTS, FindingTopic
from coffeechat.errors import Invalid, NotFound
from coffeechat.jobs import services as jobs
from coffeechat.people.services import get_person_for
from coffeechat.questions import services as questions
from coffeechat.security import LIVE_PERMISSIONS_POLICY
from coffeechat.web.feedback import changed, quiet, trashed

from . import services, transcription
from .calendar import calendar_of
from .forms import AskForm, CancelForm, EventForm, ScheduleForm
from .models import MarkKind
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
            logged(
                request,
                conversation.events.last(),
                conversation,
                f"Logged the ask to {person.name}.",
            )
            return redirect("conversations:detail", pk=conversation.pk)
    return TemplateResponse(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "conversations": services.conversations_with(request.user, person),
            "ask_form": form,
        },
        status=400,
    )


def detail_page(request, conversation, status=200, **forms):
    """The conversation page; a sub-form that failed comes back with its errors."""
    allowed = services.allowed_kinds(conversation)
    today = timezone.localdate()
    meeting = conversation.meeting
    context = {
        "conversation": conversation,
        "allowed": allowed,
        "meeting": meeting,
        "form": EventForm(allowed=allowed, initial={"on": today}),
        "schedule_form": ScheduleForm(
            initial=schedule_initial(request.user, conversation, meeting, today)
        ),
        "cancel_form": CancelForm(initial={"on": today}),
        "advice": reply_advice(request.user, conversation),
        "confirmation": questions.confirmation_for(request.user, conversation),
        **forms,
    }
    return TemplateResponse(request, "conversations/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def conversation_detail(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    if request.method == "GET":
        return detail_page(request, conversation)
    allowed = services.allowed_kinds(conversation)
    form = EventForm(request.POST, allowed=allowed)
    if form.is_valid():
        values = {name: value for name, value in form.cleaned_data.items() if value}
        try:
            event = services.log_event(
                request.user, conversation, EventKind(values.pop("kind")), **values
            )
        except Invalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return saved(request, event, pk)
    return detail_page(request, conversation, 400, form=form)


def saved(request, event, pk):
    """Back to the conversation, saying what was logged (with Undo) and what about the
    dates looked odd (logged late)."""
    conversation = event.conversation
    logged(request, event, conversation, f"Logged “{event.label}” for {conversation.person.name}.")
    for warning in getattr(event, "warnings", ()):
        messages.warning(request, warning)
    return redirect("conversations:detail", pk=pk)


def logged(request, event, conversation, text: str) -> None:
    changed(
        request, text, undo=reverse("conversations:event_delete", args=[conversation.pk, event.pk])
    )


@require_POST
def event_delete(request, pk, event_pk):
    """A wrongly logged event goes to the Trash (SPEC U1)."""
    conversation = services.get_conversation_for(request.user, pk)
    trashed(request, services.delete_event(request.user, conversation, event_pk))
    if services.still_there(request.user, pk):
        return redirect("conversations:detail", pk=pk)
    return redirect("people:detail", pk=conversation.person_id)


@require_POST
def conversation_schedule(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
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
            logged(
                request,
                conversation.events.last(),
                conversation,
                f"Logged the cancellation with {conversation.person.name}.",
            )
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
    conversation = services.get_conversation_for(request.user, pk)
    plan, items = questions.live_items(request.user, conversation)
    shown = services.current_question_id(conversation)
    current = next((i for i, (item, _) in enumerate(items) if item.question_id == shown), 0)
    response = TemplateResponse(
        request,
        "conversations/live.html",
        {
            "conversation": conversation,
            "plan": plan,
            "items": items,
            "current": current,
            "current_question": items[current][0].question_id if items else "",
            "prompts": FOLLOW_UP_PROMPTS,
            "referrals": services.referrals_of(conversation),
            "held": services.was_held(conversation),
        },
    )
    response["Permissions-Policy"] = LIVE_PERMISSIONS_POLICY
    return response


@require_POST
def live_start(request, pk):
    """Start the clock on the server (the page shows it running from then on)."""
    conversation = services.get_conversation_for(request.user, pk)
    question = request.POST.get("question")
    services.start_clock(
        request.user,
        conversation,
        timezone.now(),
        questions.get_question_for(request.user, question) if question else None,
    )
    return redirect("conversations:live", pk=pk)


@require_POST
@quiet
def live_mark(request, pk):
    """Live mode showed another question: the timeline notes when (C6)."""
    conversation = services.get_conversation_for(request.user, pk)
    question = questions.get_question_for(request.user, request.POST.get("question"))
    services.mark(request.user, conversation, MarkKind.QUESTION, timezone.now(), question)
    return HttpResponse(status=204)


@require_POST
@quiet
def live_note(request, pk):
    """Save one note as it is typed (htmx); answers 204 so nothing on the page moves."""
    conversation = services.get_conversation_for(request.user, pk)
    text = request.POST.get("text", "")
    if request.POST.get("question"):
        questions.save_note(request.user, conversation, request.POST["question"], text)
        services.mark(
            request.user,
            conversation,
            MarkKind.NOTE,
            timezone.now(),
            questions.get_question_for(request.user, request.POST["question"]),
        )
    else:
        services.save_scratch(request.user, conversation, text)
    return HttpResponse(status=204)


@require_POST
def live_referral(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    services.add_referral(
        request.user,
        conversation,
        name=request.POST.get("name", ""),
        title=request.POST.get("title", ""),
        organization=request.POST.get("organization", ""),
    )
    if request.headers.get("HX-Request"):
        return TemplateResponse(
            request,
            "conversations/_referrals.html",
            {"referrals": services.referrals_of(conversation)},
        )
    # A decline can come with a name too ("ask my colleague"): back to the conversation.
    back = "conversations:detail" if request.POST.get("back") == "detail" else "conversations:live"
    return redirect(back, pk=pk)


@require_POST
def live_end(request, pk):
    """The meeting is over: log it as held and go on to the findings."""
    conversation = services.get_conversation_for(request.user, pk)
    services.end_clock(request.user, conversation, timezone.now())
    services.log_event(request.user, conversation, EventKind.HELD, on=timezone.localdate())
    return redirect("conversations:findings", pk=pk)


@require_http_methods(["GET", "POST"])
def findings_page(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    if request.method == "POST":
        services.save_findings(
            request.user,
            conversation,
            {topic.value: request.POST.get(topic.value, "") for topic in FindingTopic},
        )
        return redirect("conversations:findings", pk=pk)
    values = services.prefilled_findings(conversation, services.findings_of(conversation))
    saved = services.findings_of(conversation)
    return TemplateResponse(
        request,
        "conversations/findings.html",
        {
            "conversation": conversation,
            "topics": [
                (topic, values[topic.value], topic.value in saved) for topic in FindingTopic
            ],
            "thanks": services.thank_you_for(request.user, conversation),
        },
    )


@require_POST
def recording_upload(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    if "consent" in request.POST:
        services.set_recording_consent(request.user, conversation, request.POST["consent"] == "on")
        conversation.refresh_from_db()
    upload = request.FILES.get("recording")
    if upload is not None:
        services.attach_recording(request.user, conversation, upload, settings.MAX_RECORDING_BYTES)
    if request.POST.get("back") == "live":
        return redirect("conversations:live", pk=pk)
    return redirect(reverse("conversations:detail", args=[pk]) + "#recording")


def recording_file(request, pk):
    """Play a recording back: only its owner can fetch it, not even a coach."""
    conversation = services.get_conversation_for(request.user, pk)
    if getattr(request, "coach", None) is not None:
        raise NotFound("A coach reads the notes, never the audio.")  # issue 22, point 6
    if not conversation.recording or not services.recording_belongs(
        conversation.pk, conversation.recording.name
    ):
        raise NotFound("No recording attached.")
    return FileResponse(conversation.recording.open("rb"))


@require_POST
def recording_chunk(request, pk):
    """A few seconds recorded in the browser (C3), appended at once; answers 204."""
    conversation = services.get_conversation_for(request.user, pk)
    chunk = request.FILES.get("chunk")
    try:
        number, elapsed = int(request.POST.get("number", "")), int(request.POST.get("elapsed", 0))
    except ValueError:
        raise Invalid("The piece of recording has no number.", field="number") from None
    services.append_chunk(
        request.user,
        conversation,
        take=request.POST.get("take", ""),
        number=number,
        elapsed_ms=elapsed,
        data=chunk.read() if chunk else b"",
        now=timezone.now(),
        max_bytes=settings.MAX_RECORDING_BYTES,
    )
    return HttpResponse(status=204)


@require_http_methods(["GET", "POST"])
def transcript_page(request, pk):
    """The recording's words under each question, beside the notes typed live (C5);
    POST transcribes (again)."""
    conversation = services.get_conversation_for(request.user, pk)
    if request.method == "POST":
        try:
            transcription.start_transcription(request.user, conversation)
        except Invalid as error:
            messages.error(request, error.message)
        return redirect("conversations:transcript", pk=pk)
    return TemplateResponse(
        request, "conversations/transcript.html", transcript_context(request.user, conversation)
    )


def transcript_context(user, conversation) -> dict:
    segments = list(services.transcript_of(conversation))
    rows, elsewhere = questions.drafts_beside_notes(conversation, segments)
    return {
        "conversation": conversation,
        "rows": rows,
        "elsewhere": elsewhere,
        "segments": segments,
        "topics": list(FindingTopic),
        "unavailable": transcription.unavailable(),
        "job": transcription.latest_job(user, conversation),
        "model": transcription.model_description(),
        "no_download": transcription.NO_DOWNLOAD,
    }


@require_POST
def transcript_cancel(request, pk):
    """Stop this conversation's transcription (the drafts from before stay)."""
    conversation = services.get_conversation_for(request.user, pk)
    job = transcription.latest_job(request.user, conversation)
    if job is None or not job.active:
        raise NotFound("No transcription is running.")
    jobs.cancel(request.user, job.pk)
    return redirect("conversations:transcript", pk=pk)


@require_POST
def transcript_accept(request, pk):
    """Keep one draft, as corrected, in a question's note or under a finding."""
    conversation = services.get_conversation_for(request.user, pk)
    question = request.POST.get("question")
    question = questions.get_question_for(request.user, question) if question else None
    questions.accept_draft(
        request.user,
        conversation,
        text=request.POST.get("text", ""),
        question=question,
        topic=request.POST.get("topic", "") if request.POST.get("keep") == "finding" else "",
    )
    messages.success(
        request,
        "Kept as a finding." if request.POST.get("keep") == "finding" else "Added to your note.",
    )
    return redirect("conversations:transcript", pk=pk)


@require_POST
def employment_start(request, pk):
    conversation = services.get_conversation_for(request.user, pk)
    employment = services.start_employment_conversation(
        request.user, conversation.person, conversation.exploration
    )
    return redirect("conversations:detail", pk=employment.pk)
