"""The résumé an ask promises arrives with it (issue 24, point 3; SPEC O3): uploaded once
under Settings → Files, then sent with the ask by email to a real SMTP server on loopback."""

import email
from email import policy

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from tests.conftest import make_exploration, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CV = b"%PDF-1.4\n% Sam Lee, curriculum vitae\n%%EOF\n"


def test_the_resume_arrives_with_the_ask(page, settings, smtp_server, tmp_path):
    inbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    me = local_user()
    exploration = make_exploration(me, field="UX research")
    person = make_person(me, name="Priya Raman", email="priya@nw.example", exploration=exploration)
    cv = tmp_path / "Sam Lee CV.pdf"
    cv.write_bytes(CV)

    page.goto("/settings/")
    page.get_by_role("link", name="Files").click()
    page.get_by_label("File", exact=True).set_input_files(cv)
    page.get_by_label("This is my résumé").check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("listitem").filter(has_text="Sam Lee CV.pdf")).to_contain_text("résumé")

    page.goto(f"/people/{person.pk}/compose/")
    page.get_by_label("Attach my résumé").check()
    page.get_by_label("Send anyway, despite the checker's errors").check()
    page.get_by_role("button", name="Send by email and log").click()
    page.wait_for_url("**/conversations/*/")

    [envelope] = inbox.messages
    assert envelope.rcpt_tos == ["priya@nw.example"]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "Sam Lee CV.pdf"
    assert attached.get_content() == CV
    assert "résumé" in message.get_body(("plain",)).get_content()
