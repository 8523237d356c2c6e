from urllib.parse import quote

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.domain import checker, outreach
from coffeechat.errors import Invalid
from coffeechat.explorations.services import get_exploration_for
from coffeechat.people.services import get_person_for
from coffeechat.web.feedback import quiet, trashed

from . import services
from .forms import ComposeForm, EditTemplateForm, FileForm, TemplateForm


def start_values(request, person):
    """The first draft, from the query string's choices and the records."""
    exploration_pk = request.GET.get("exploration") or person.exploration_id
    exploration = get_exploration_for(request.user, exploration_pk) if exploration_pk else None
    approach = request.GET.get("approach") or services.default_approach(person)
    form = request.GET.get("form", "written")
    if approach not in {"direct", "referred", "advice"} or form not in {"written", "phone"}:
        raise Invalid(
            "Choose an approach (direct, referred, advice) and a form (written, phone).",
            field="approach",
        )
    draft = services.draft(
        request.user,
        person,
        exploration,
        approach=approach,
        form=form,
        template_pk=request.GET.get("template"),
    )
    initial = {
        "exploration": exploration,
        "approach": approach,
        "form": form,
        "channel": services.default_channel(form),
        "subject": draft.subject,
        "body": draft.body,
        "on": timezone.localdate(),
    }
    missing = [name.replace("_", " ") for name in draft.missing]
    return initial, missing, exploration


def compose_page(request, person, form, findings, missing=(), status=200):
    return TemplateResponse(
        request,
        "outreach/compose.html",
        {
            "person": person,
            "form": form,
            "findings": findings,
            "missing": missing,
            "has_errors": checker.has_errors(findings),
            "smtp": services.smtp_configured(),
            "templates": services.templates_for(request.user),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def compose(request, person_pk):
    person = get_person_for(request.user, person_pk)
    if request.method == "GET":
        initial, missing, exploration = start_values(request, person)
        form = ComposeForm(initial=initial, user=request.user)
        findings = services.check(
            initial["body"],
            person=person,
            exploration=exploration,
            approach=initial["approach"],
            channel=initial["channel"],
        )
        return compose_page(request, person, form, findings, missing)
    form = ComposeForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return compose_page(request, person, form, [], status=400)
    return act(request, person, form)


def attachments_of(request, person, form) -> list | None:
    """The files the ask carries: the résumé, files kept in Settings, one added here (not
    saved yet). None, with the error on its field, when one cannot be had."""
    data = form.cleaned_data
    found = list(data.get("files") or [])
    carried = request.POST.get("action") in ("smtp", "eml", "mailto")
    # Logged only (sent from elsewhere): the sentence is logged; the file went with it there.
    if data["resume"] and carried:
        resume = services.resume_of(request.user)
        if resume is None:
            form.add_error(
                "resume",
                "No résumé is kept yet: upload it under Settings → "
                "Files, or attach it to this ask below.",
            )
            return None
        found.insert(0, resume)
    upload = data.get("attachment")
    if upload:
        content = upload.read()
        try:
            name, content_type = services.checked_file(upload.name, content, "attachment")
        except Invalid as error:
            form.add_error("attachment", error.message)
            return None
        found.append(
            services.Attachment(
                owner=request.user,
                person=person,
                name=name,
                content_type=content_type,
                size=len(content),
                data=content,
            )
        )
    if found and request.POST.get("action") == "mailto":
        form.add_error(
            "attachment",
            "A link to your mail app cannot carry files: download "
            "the .eml instead, or send it by email from here.",
        )
        return None
    return found


def act(request, person, form):
    data = form.cleaned_data
    attachments = attachments_of(request, person, form)
    if attachments is None:
        return compose_page(request, person, form, [], status=400)
    data["attachments"] = attachments
    if data["resume"]:
        data["body"] = outreach.with_resume_note(data["body"])
    findings = services.check(
        data["body"],
        person=person,
        exploration=data["exploration"],
        approach=data["approach"],
        channel=data["channel"],
        profile=data["profile"],
    )
    action = request.POST.get("action", "log")
    if action == "eml":
        message = services.email_message(
            request.user, person, data["subject"], data["body"], attachments
        )
        response = HttpResponse(message.message().as_bytes(), content_type="message/rfc822")
        response["Content-Disposition"] = 'attachment; filename="ask.eml"'
        return response
    if action == "mailto":
        return MailtoRedirect(mailto(person.email, data["subject"], data["body"]))
    try:
        conversation = services.log_and_send(
            request.user,
            person,
            data,
            send=action == "smtp",
            findings=findings,
            despite_findings=data["despite_findings"],
        )
    except Invalid as error:
        if error.field != "despite_findings":
            raise
        form.add_error(
            "despite_findings",
            "The checker found an error (see above). Fix the "
            "message, or tick this box to send it anyway.",
        )
        return compose_page(request, person, form, findings, status=400)
    return redirect("conversations:detail", pk=conversation.pk)


class MailtoRedirect(HttpResponseRedirect):
    """Hands the message to the user's own mail app; nothing leaves from here."""

    allowed_schemes = ["mailto"]


def mailto(address: str, subject: str, body: str) -> str:
    return f"mailto:{quote(address)}?subject={quote(subject)}&body={quote(body)}"


@require_POST
@quiet
def check(request):
    """The checker's findings for the text being typed (htmx partial)."""
    text = request.POST.get("body", "")[:20000]
    person = None
    if request.POST.get("person"):
        person = get_person_for(request.user, request.POST["person"])
    profile = request.POST.get("profile", "relaxed")
    findings = services.check(
        text,
        person=person,
        channel=request.POST.get("channel") or None,
        approach=request.POST.get("approach", "direct"),
        profile=profile if profile in {"relaxed", "strict"} else "relaxed",
    )
    return TemplateResponse(
        request,
        "outreach/_findings.html",
        {"findings": findings, "has_errors": checker.has_errors(findings)},
    )


@require_http_methods(["GET", "POST"])
def template_list(request):
    form = TemplateForm(request.POST or None)
    if form.is_valid():
        try:
            services.save_template(request.user, **form.cleaned_data)
        except Invalid as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("outreach:templates")
    return TemplateResponse(
        request,
        "outreach/templates.html",
        {
            "form": form,
            "templates": services.templates_for(request.user),
            "built_in": services.outreach.DEFAULT_TEMPLATES,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def template_edit(request, pk):
    template = services.get_template_for(request.user, pk)
    form = EditTemplateForm(
        request.POST or None, instance=template, initial={"version": template.version}
    )
    if form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.save_template(request.user, pk=pk, **values)
        except Invalid as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("outreach:templates")
    return TemplateResponse(
        request,
        "outreach/template_edit.html",
        {"form": form, "template": template},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def file_list(request):
    """The résumé and other files kept for asks (U4)."""
    form = FileForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_file(
                request.user, upload.name, upload.read(), is_resume=form.cleaned_data["is_resume"]
            )
        except Invalid as error:
            form.add_error("file", error.message)
        else:
            return redirect("outreach:files")
    return TemplateResponse(
        request,
        "outreach/files.html",
        {
            "form": form,
            "files": services.files_for(request.user),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def file_delete(request, pk):
    services.remove_file(request.user, pk)
    return redirect("outreach:files")


@require_POST
def template_delete(request, pk):
    trashed(request, services.delete_template(request.user, pk))
    return redirect("outreach:templates")
