"""Composing an ask: templates filled from the records, checked, then sent or logged."""

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet

from coffeechat.accounts.services import profile_for
from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import log_ask
from coffeechat.domain import checker, outreach
from coffeechat.errors import Invalid, NotFound
from coffeechat.trash.models import TrashItem
from coffeechat.trash.services import move_to_trash
from coffeechat.versioning import save_if_unchanged

from .models import Attachment, MessageTemplate

DEFAULT_MINUTES = 15


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    missing: list[str]


def templates_for(user) -> QuerySet[MessageTemplate]:
    return MessageTemplate.objects.filter(owner=user)


def get_template_for(user, pk) -> MessageTemplate:
    try:
        return templates_for(user).get(pk=pk)
    except (MessageTemplate.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such template.") from None


def check_placeholders(subject: str, body: str) -> None:
    """An unknown placeholder is refused at save time, naming it (SPEC O2)."""
    for field, text in (("subject", subject), ("body", body)):
        problem = outreach.explain_unknown(text)
        if problem:
            raise Invalid(problem, field=field)


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def save_template(user, *, pk=None, version=None, **values) -> MessageTemplate:
    check_placeholders(values.get("subject", ""), values["body"])
    if pk is None:
        return MessageTemplate.objects.create(owner=user, **values)
    template = get_template_for(user, pk)
    save_if_unchanged(template, version, values, "template")
    return get_template_for(user, pk)


def delete_template(user, pk) -> TrashItem:
    """Move one of my templates to the Trash (SPEC U1); the built-in ones stay."""
    template = get_template_for(user, pk)
    return move_to_trash(user, [template], "template", template.name)


def referrer_name(person) -> str:
    """Who sent me to this person: the acquaintance named, else the person met in the
    conversation they were referred in (people added before that link was kept)."""
    if person.found_via_person_id:
        return person.found_via_person.name
    if person.found_via_conversation_id:
        return person.found_via_conversation.person.name
    return ""


def record_values(user, person, exploration, minutes: int = DEFAULT_MINUTES) -> dict:
    """What the placeholders stand for, from the records."""
    return {
        "my_name": profile_for(user).display_name,
        "their_name": person.name,
        "their_role": person.title,
        "organization": person.organization.name if person.organization_id else "",
        "field": exploration.field if exploration else "",
        "acquaintance": referrer_name(person),
        "minutes": minutes,
    }


def draft(
    user,
    person,
    exploration,
    *,
    approach: str,
    form: str,
    template_pk=None,
    minutes: int = DEFAULT_MINUTES,
) -> Draft:
    """The message to start from: the user's template if chosen, else the built-in one."""
    if template_pk:
        template = get_template_for(user, template_pk)
        subject, body = template.subject, template.body
    else:
        built_in = outreach.template_for(outreach.Approach(approach), outreach.Form(form))
        subject, body = built_in.subject, built_in.body
    values = record_values(user, person, exploration, minutes)
    rendered_subject = outreach.render(subject, values)
    rendered_body = outreach.render(body, values)
    missing = list(dict.fromkeys(rendered_subject.missing + rendered_body.missing))
    return Draft(rendered_subject.text, rendered_body.text, missing)


def recipient_facts(person, exploration, approach: str) -> checker.RecipientFacts:
    acquaintance = referrer_name(person) if approach == "referred" else ""
    return checker.RecipientFacts(
        name=person.name,
        role=person.title,
        acquaintance=acquaintance,
        organization=person.organization.name if person.organization_id else "",
        field=exploration.field if exploration else "",
    )


def check(
    text: str,
    *,
    person=None,
    exploration=None,
    approach="direct",
    channel=None,
    profile="relaxed",
    strict=False,
) -> list[checker.Finding]:
    recipient = recipient_facts(person, exploration, approach) if person else None
    return checker.check_message(
        text, profile=checker.Profile(profile), channel=channel, recipient=recipient, strict=strict
    )


def smtp_configured() -> bool:
    return bool(settings.EMAIL_HOST)


def email_message(user, person, subject: str, body: str, attachments=()) -> EmailMessage:
    if not person.email:
        raise Invalid(f"{person.name} has no email address: add one first.", field="body")
    sender = settings.DEFAULT_FROM_EMAIL
    name = profile_for(user).display_name
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[person.email],
        from_email=f"{name} <{sender}>" if name else sender,
    )
    for attachment in attachments:
        message.attach(attachment.name, bytes(attachment.data), attachment.content_type)
    return message


def send_email(user, person, subject: str, body: str, attachments=()) -> None:
    """Send through the configured SMTP server (only when the user asks)."""
    if not smtp_configured():
        raise Invalid("No mail server is set up (COFFEECHAT_EMAIL_HOST).", field="body")
    try:
        email_message(user, person, subject, body, attachments).send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        # Raised inside the caller's transaction, so the ask is not logged either.
        raise Invalid(
            f"The mail server did not take the message: {error}. Nothing was "
            "sent or logged; try again or send it from your mail app.",
            field="body",
        ) from None


def default_approach(person) -> str:
    """Referred when someone connects us, else direct (SPEC O1)."""
    return "referred" if person.found_via_person_id else "direct"


def default_channel(form: str) -> str:
    """A phone script is for a call; a written message goes by email unless chosen."""
    return "phone" if form == "phone" else "email"


def log_and_send(
    user, person, data: dict, *, send: bool, findings=(), despite_findings: bool = False
) -> Conversation:
    """Log the ask with the exact text; send it too when asked. Both or neither: a
    refused message leaves no ask logged (moved from the web view for the CLI). A message
    the checker found an error in (`findings`) goes only when the user confirms it."""
    if checker.has_errors(findings) and not despite_findings:
        raise Invalid(
            "The checker found an error: fix the message, or confirm that it goes as it is.",
            field="despite_findings",
        )
    text = f"Subject: {data['subject']}\n\n{data['body']}" if data["subject"] else data["body"]
    with transaction.atomic():
        conversation = log_ask(
            user,
            person=person,
            exploration=data["exploration"],
            on=data["on"],
            channel=data["channel"],
            approach=data["approach"],
            text=text,
            despite_no=True,
        )
        if send:
            send_email(user, person, data["subject"], data["body"], data.get("attachments", ()))
        for attachment in data.get("attachments", ()):
            if attachment.pk is None:  # added to this ask only: kept with the person
                attachment.save()
    return conversation


# ---- files sent with an ask (U4) ------------------------------------------------------

MAX_FILE_BYTES = 5 * 1024 * 1024
# What a résumé or a portfolio page comes as, and how each kind's bytes begin (None: text).
FILE_KINDS = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ".doc": ("application/msword", b"\xd0\xcf\x11\xe0"),
    ".rtf": ("application/rtf", b"{\\rtf"),
    ".txt": ("text/plain", None),
    ".md": ("text/markdown", None),
}


def files_for(user) -> QuerySet[Attachment]:
    """The files kept in Settings (not those added to one ask), without their bytes."""
    return Attachment.objects.filter(owner=user, person=None).defer("data")


def get_file_for(user, pk) -> Attachment:
    try:
        return Attachment.objects.filter(owner=user).get(pk=pk)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such file.") from None


def resume_of(user) -> Attachment | None:
    return Attachment.objects.filter(owner=user, person=None, is_resume=True).first()


def checked_file(name: str, content: bytes, field: str = "file") -> tuple[str, str]:
    """(a safe file name, its content type); Invalid naming `field` when the file is too
    big, empty, of a kind not taken, or not what its name says."""
    import os.path

    name = os.path.basename(name.replace("\\", "/")).strip()[:200] or "file"
    extension = os.path.splitext(name)[1].lower()
    if extension not in FILE_KINDS:
        raise Invalid(
            f"“{name}” is not a kind of file taken here: a PDF, Word (.docx, "
            ".doc), OpenDocument (.odt), RTF or plain text file.",
            field=field,
        )
    if not content:
        raise Invalid(f"“{name}” is empty.", field=field)
    if len(content) > MAX_FILE_BYTES:
        raise Invalid(
            f"“{name}” is {len(content) / 1_048_576:.1f} MB; a file may have "
            f"{MAX_FILE_BYTES // 1_048_576} MB at most.",
            field=field,
        )
    content_type, magic = FILE_KINDS[extension]
    if magic and not content.startswith(magic):
        raise Invalid(
            f"“{name}” is not a {extension[1:].upper()} file inside, whatever its name says.",
            field=field,
        )
    if magic is None:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise Invalid(f"“{name}” is not plain text (UTF-8).", field=field) from None
    return name, content_type


@transaction.atomic  # a refusal after a write leaves nothing behind (ARCHITECTURE.md)
def add_file(
    user, name: str, content: bytes, *, is_resume=False, person=None, field: str = "file"
) -> Attachment:
    """Keep a file for asks: in Settings, or (`person`) with one ask. A new résumé
    replaces the one before it."""
    name, content_type = checked_file(name, content, field)
    if is_resume:
        Attachment.objects.filter(owner=user, person=None, is_resume=True).delete()
    return Attachment.objects.create(
        owner=user,
        person=person,
        name=name,
        content_type=content_type,
        size=len(content),
        data=content,
        is_resume=is_resume and person is None,
    )


def remove_file(user, pk) -> None:
    get_file_for(user, pk).delete()
