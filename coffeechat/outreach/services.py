"""Composing an ask: templates filled from the records, checked, then sent or logged."""

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage

from coffeechat.accounts.services import profile_for
from coffeechat.domain import checker, outreach
from coffeechat.errors import Invalid, NotFound
from coffeechat.versioning import save_if_unchanged

from .models import MessageTemplate

DEFAULT_MINUTES = 15


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    missing: list[str]


def templates_for(user):
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


def save_template(user, *, pk=None, version=None, **values) -> MessageTemplate:
    check_placeholders(values.get("subject", ""), values["body"])
    if pk is None:
        return MessageTemplate.objects.create(owner=user, **values)
    template = get_template_for(user, pk)
    save_if_unchanged(template, version, values, "template")
    return get_template_for(user, pk)


def delete_template(user, pk):
    """Move one of my templates to the Trash (SPEC U1); the built-in ones stay."""
    from coffeechat.trash.services import move_to_trash

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


def draft(user, person, exploration, *, approach: str, form: str, template_pk=None,
          minutes: int = DEFAULT_MINUTES) -> Draft:
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
        name=person.name, role=person.title, acquaintance=acquaintance,
        organization=person.organization.name if person.organization_id else "",
        field=exploration.field if exploration else "")


def check(text: str, *, person=None, exploration=None, approach="direct", channel=None,
          profile="relaxed", strict=False) -> list[checker.Finding]:
    recipient = recipient_facts(person, exploration, approach) if person else None
    return checker.check_message(text, profile=checker.Profile(profile), channel=channel,
                                 recipient=recipient, strict=strict)


def smtp_configured() -> bool:
    return bool(settings.EMAIL_HOST)


def email_message(user, person, subject: str, body: str) -> EmailMessage:
    if not person.email:
        raise Invalid(f"{person.name} has no email address: add one first.", field="body")
    sender = settings.DEFAULT_FROM_EMAIL
    name = profile_for(user).display_name
    return EmailMessage(subject=subject, body=body, to=[person.email],
                        from_email=f"{name} <{sender}>" if name else sender)


def send_email(user, person, subject: str, body: str) -> None:
    """Send through the configured SMTP server (only when the user asks)."""
    if not smtp_configured():
        raise Invalid("No mail server is set up (COFFEECHAT_EMAIL_HOST).", field="body")
    try:
        email_message(user, person, subject, body).send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        # Raised inside the caller's transaction, so the ask is not logged either.
        raise Invalid(f"The mail server did not take the message: {error}. Nothing was "
                      "sent or logged; try again or send it from your mail app.",
                      field="body") from None


def default_approach(person) -> str:
    """Referred when someone connects us, else direct (SPEC O1)."""
    return "referred" if person.found_via_person_id else "direct"


def default_channel(form: str) -> str:
    """A phone script is for a call; a written message goes by email unless chosen."""
    return "phone" if form == "phone" else "email"


def log_and_send(user, person, data: dict, *, send: bool):
    """Log the ask with the exact text; send it too when asked. Both or neither: a
    refused message leaves no ask logged (moved from the web view for the CLI)."""
    from django.db import transaction

    from coffeechat.conversations.services import log_ask

    text = f"Subject: {data['subject']}\n\n{data['body']}" if data["subject"] else data["body"]
    with transaction.atomic():
        conversation = log_ask(user, person=person, exploration=data["exploration"],
                               on=data["on"], channel=data["channel"],
                               approach=data["approach"], text=text, despite_no=True)
        if send:
            send_email(user, person, data["subject"], data["body"])
    return conversation
