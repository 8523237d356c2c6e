"""Settings, the streamed draft, summaries and the sent-log: translate, call services."""

import json

from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.conversations.services import get_conversation_for
from coffeechat.errors import Invalid
from coffeechat.web.feedback import quiet

from . import config, prompts, services
from .forms import SettingsForm

DRAFT_FIELDS = ("person", "exploration", "approach", "form", "channel", "conversation")


@require_http_methods(["GET", "POST"])
def settings_page(request):
    row = services.settings_for(request.user)
    form = SettingsForm(
        request.POST or None, initial={"enabled": row.enabled, "url": row.url, "model": row.model}
    )
    if form.is_valid():
        try:
            services.save_settings(request.user, **form.cleaned_data)
        except Invalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("assistant:settings")
    return TemplateResponse(
        request,
        "assistant/settings.html",
        {
            "form": form,
            "status": services.status_for(request.user),
            "row": row,
            "may_choose": config.user_may_choose_endpoint(),
            "environment": config.environment_endpoint(),
            "log": services.sent_log_for(request.user)[:50],
            "log_count": services.sent_log_count(request.user),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def erase_log(request):
    services.erase_log(request.user)
    return redirect("assistant:settings")


def _panel(request, template, context, status=200):
    return TemplateResponse(request, f"assistant/{template}", context, status=status)


@require_POST
@quiet
def draft(request):
    """A draft streamed as server-sent events; before the first use, the preview instead."""
    kind = request.POST.get("kind", "")
    status = services.status_for(request.user)
    if not status.ready:
        return _panel(request, "_off.html", {"status": status})
    values = {name: request.POST.get(name, "") for name in DRAFT_FIELDS}
    draft_request = services.draft_request(request.user, kind, values)
    if request.POST.get("consent") == "yes":
        services.consent(request.user)
    elif not status.consented:
        return _panel(
            request,
            "_preview.html",
            {
                "endpoint": status.endpoint,
                "kind": kind,
                "messages": draft_request.messages,
                "sent": json.dumps(draft_request.messages, indent=2, ensure_ascii=False),
            },
        )
    events = services.draft_events(request.user, draft_request, status.endpoint)
    response = StreamingHttpResponse(_server_sent(events, kind), content_type="text/event-stream")
    response["X-Accel-Buffering"] = "no"  # a reverse proxy must pass each piece on at once
    return response


def _event(name: str, data: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _server_sent(events, kind: str):
    try:
        yield from _formatted(events, kind)
    finally:
        # A browser that cancels closes this generator; close the draft's at once too,
        # so it stops reading the model and logs the cancel now, not at garbage collection.
        events.close()


def _formatted(events, kind: str):
    for event in events:
        name = event[0]
        if name == "token":
            yield _event("token", {"text": event[1]})
        elif name == "attempt":
            yield _event("attempt", {"number": event[1]})
        elif name == "retry":
            yield _event("retry", {"findings": list(dict.fromkeys(f.title for f in event[1]))})
        elif name == "done":
            _, text, findings, history = event
            yield _event(
                "done",
                {
                    "text": text,
                    "severity": services.severity_of(findings),
                    "html": render_to_string(
                        "assistant/_verdict.html",
                        {"findings": findings, "history": history, "kind": kind},
                    ),
                },
            )
        else:
            yield _event("error", {"message": event[1]})


@require_POST
@quiet
def summary(request, pk):
    """Draft findings per topic from the live notes, each tied to its note (SPEC C4)."""
    conversation = get_conversation_for(request.user, pk)
    status = services.status_for(request.user)
    if not status.ready:
        return _panel(request, "_off.html", {"status": status})
    if request.POST.get("consent") == "yes":
        services.consent(request.user)
    elif not status.consented:
        notes = services.notes_of(conversation)
        topics = {topic.value: topic.label for topic in services.FindingTopic}
        messages = prompts.summary_messages(topics, notes)
        return _panel(
            request,
            "_preview.html",
            {
                "endpoint": status.endpoint,
                "kind": "summary",
                "messages": messages,
                "sent": json.dumps(messages, indent=2, ensure_ascii=False),
            },
        )
    try:
        result = services.summarize(request.user, conversation, status.endpoint)
    except Invalid as error:
        return _panel(request, "_failed.html", {"message": error.message})
    return _panel(request, "_summary.html", {"summary": result, "conversation": conversation})
