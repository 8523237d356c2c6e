"""Composing, checking, sending and logging an ask (SPEC O2-O5)."""

import email
from email import policy

import pytest
from django.test import override_settings

from coffeechat.accounts.services import profile_for, update_profile
from coffeechat.conversations.models import Event
from coffeechat.outreach.models import MessageTemplate
from tests.conftest import free_port, make_exploration, make_organization, make_person

pytestmark = pytest.mark.django_db

GOOD = (
    "Hello Priya, Tomás suggested I write to you. I am exploring UX research and your "
    "work at Northwind on patient apps caught my eye. Could you spare 15 minutes next "
    "week to tell me how you got into the field?"
)
JOB = "Hi Priya, are you hiring? I would love to be considered for any openings on your team."


@pytest.fixture
def priya(me):
    update_profile(me, profile_for(me).version, display_name="Sam Lee")
    exploration = make_exploration(me, field="UX research")
    tomas = make_person(me, name="Tomás Ortega")
    return make_person(
        me,
        name="Priya Raman",
        title="Head of Research",
        email="priya@nw.example",
        organization=make_organization(me, name="Northwind"),
        exploration=exploration,
        how_found="acquaintance",
        found_via_person=tomas,
    )


def compose(client, person, **values):
    data = {
        "exploration": person.exploration_id,
        "approach": "referred",
        "form": "written",
        "channel": "email",
        "subject": "15 minutes?",
        "body": GOOD,
        "profile": "relaxed",
        "on": "2026-11-20",
        **values,
    }
    return client.post(f"/people/{person.pk}/compose/", data)


def test_the_draft_is_filled_from_the_records(client, priya):
    body = client.get(f"/people/{priya.pk}/compose/").content.decode()
    for value in ("Priya", "Tomás Ortega", "Sam Lee", "Northwind", "15"):
        assert value in body, value
    assert "not" in body and "job" in body  # written requests say it is not a job request


def test_missing_data_is_highlighted_before_sending(client, me):
    exploration = make_exploration(me)
    person = make_person(me, name="Ann", exploration=exploration)
    body = client.get(f"/people/{person.pk}/compose/?approach=direct").content.decode()
    assert "Fill in before sending" in body and "[my name]" in body


def test_logging_records_the_exact_text_channel_and_approach(client, priya):
    response = compose(client, priya, action="log")
    event = Event.objects.get()
    assert response.status_code == 302
    assert (event.kind, event.channel, event.approach) == ("asked", "email", "referred")
    assert event.text == f"Subject: 15 minutes?\n\n{GOOD}"


def test_a_job_request_is_an_error_that_blocks_until_confirmed(client, priya):
    refused = compose(client, priya, body=JOB, action="log")
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Error: " in page and "are you hiring" in page
    assert not Event.objects.exists()
    assert compose(client, priya, body=JOB, action="log", despite_findings="on").status_code == 302


def test_mailto_opens_the_mail_app_with_subject_and_body(client, priya):
    response = compose(client, priya, action="mailto")
    assert response.status_code == 302
    assert response["Location"].startswith("mailto:priya%40nw.example?subject=15%20minutes%3F")
    assert not Event.objects.exists()


def test_the_eml_download_is_a_real_message(client, priya):
    response = compose(client, priya, action="eml")
    message = email.message_from_bytes(response.content, policy=policy.default)
    assert message["To"] == "priya@nw.example" and message["Subject"] == "15 minutes?"
    assert "Sam Lee" in message["From"]
    assert message.get_content().strip() == GOOD


def test_sending_by_smtp_delivers_the_message_and_logs_it(client, priya, smtp_server):
    inbox, port = smtp_server
    with override_settings(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    ):
        response = compose(client, priya, action="smtp")
    assert response.status_code == 302
    [envelope] = inbox.messages
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert envelope.rcpt_tos == ["priya@nw.example"]
    assert message["Subject"] == "15 minutes?"
    assert message.get_content().strip() == GOOD
    assert Event.objects.get().text.endswith(GOOD)


def test_a_failed_send_logs_nothing(client, priya):
    with override_settings(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_USE_TLS=False,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    ):
        response = compose(client, priya, action="smtp")
    assert response.status_code == 400
    assert "Nothing was sent or logged" in response.content.decode()
    assert not Event.objects.exists()


def test_the_checker_runs_as_you_type(client, priya):
    response = client.post(
        "/outreach/check/",
        {"body": JOB, "person": priya.pk, "profile": "strict", "channel": "email"},
    )
    body = response.content.decode()
    assert 'id="findings"' in body and "Error: " in body and "<html" not in body


def test_an_unknown_placeholder_is_refused_when_saving_a_template(client, me):
    response = client.post(
        "/outreach/templates/",
        {
            "name": "Mine",
            "approach": "direct",
            "form": "written",
            "subject": "Hi",
            "body": "Hello {their_nmae}, may I have {minutes} minutes?",
        },
    )
    assert response.status_code == 400
    assert "their_nmae" in response.content.decode()
    assert not MessageTemplate.objects.exists()


def test_a_saved_template_can_start_a_draft(client, me, priya):
    client.post(
        "/outreach/templates/",
        {
            "name": "Short",
            "approach": "advice",
            "form": "written",
            "subject": "Advice?",
            "body": "Dear {their_name}, what would you tell someone entering {field}?",
        },
    )
    template = MessageTemplate.objects.get()
    page = client.get(f"/people/{priya.pk}/compose/?template={template.pk}").content.decode()
    assert "Dear Priya Raman, what would you tell someone entering UX research?" in page


def test_the_resume_option_adds_a_sentence_saying_so(client, priya):
    compose(client, priya, action="log", resume="on")
    assert "attached my résumé only so you can see where I am coming from" in (
        Event.objects.get().text
    )


def test_a_phone_script_is_logged_as_a_call(client, priya):
    page = client.get(f"/people/{priya.pk}/compose/?approach=direct&form=phone").content.decode()
    assert "Log the call" in page
    compose(client, priya, action="log", form="phone", channel="phone", subject="")
    assert Event.objects.get().channel == "phone"
