"""Issue 23's walk: set up the endpoint, draft an ask the model first writes as a job
request, see it written again into a passing draft with the checker's findings, edit it,
log it; then the thank-you draft quotes that conversation's notes. The model is the
scripted OpenAI-compatible server on 127.0.0.1; the app's real client talks to it."""

import re
import time
from datetime import date

import pytest
from django.db import transaction
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.assistant import services
from coffeechat.assistant.models import SentLog
from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.questions.models import PlanItem
from coffeechat.questions.services import build_plan, save_note
from tests.assistant.fake_openai import quote_notes, scripted_server, text
from tests.assistant.helpers import GOOD_ASK, JOB_REQUEST, NOTE, priya

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def model_server(monkeypatch):
    yield from scripted_server(monkeypatch, timeout=30)


def turn_on(page, server):
    page.goto("/settings/")
    page.get_by_role("link", name="Writing assistant settings").click()
    expect(page.locator("#assistant-state")).to_contain_text("No model is set up yet")
    page.get_by_label("Endpoint address").fill(server.url)
    page.get_by_label("Model").fill("tiny-test")
    page.get_by_label("Use the writing assistant").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#assistant-state")).to_contain_text(
        f"On: drafts go to tiny-test at {server.url}"
    )


def test_a_job_request_is_written_again_edited_and_logged_and_the_thanks_quotes_notes(
    page, model_server, screenshot
):
    with transaction.atomic():
        person = priya(local_user())
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    turn_on(page, model_server)

    model_server.reply(text(JOB_REQUEST, delay=0.02), text(GOOD_ASK, delay=0.01))
    page.goto(f"/people/{person.pk}/compose/?approach=direct&form=written")
    page.get_by_role("button", name="Draft with assistant").click()
    preview = page.locator("[data-assistant-preview]")
    expect(preview).to_contain_text("exactly what will be sent")
    expect(preview).to_contain_text("Priya Raman")
    assert model_server.requests == []  # nothing left before the user agreed
    screenshot("1-preview")
    preview.get_by_role("button", name=f"Send to {model_server.url}").click()
    expect(page.locator("[data-assistant-status]")).to_have_text(
        "Draft ready: the checker has nothing to flag."
    )
    verdict = page.locator(".assistant-verdict")
    expect(verdict).to_contain_text("Draft 1 was not used — the checker found: asks for a job")
    expect(verdict).to_contain_text("The checker has nothing to flag in this draft.")
    expect(page.get_by_label("Message", exact=True)).to_have_value(GOOD_ASK)
    expect(page.locator("#findings")).to_contain_text("The checker has nothing to flag")
    assert len(model_server.requests) == 2
    screenshot("2-regenerated")

    edited = GOOD_ASK.replace("With thanks,\nSam", "With many thanks,\nSam Jones")
    page.get_by_label("Message", exact=True).fill(edited)
    page.get_by_label("Date").fill("2026-11-02")
    page.get_by_role("button", name="Log as sent").click()
    expect(page.get_by_text("Asked, waiting for a reply")).to_be_visible()
    expect(page.locator(".history blockquote")).to_contain_text("With many thanks,")

    page.goto("/settings/assistant/")
    expect(page.locator(".assistant-log > li")).to_have_count(2)
    expect(page.locator(".assistant-log")).to_contain_text("ask to tiny-test")

    with transaction.atomic():  # the meeting is held and noted
        me = local_user()
        conversation = Conversation.objects.get(person=person)
        log_event(
            me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED
        )
        build_plan(me, conversation)
        first = PlanItem.objects.filter(conversation=conversation).order_by("question_id")[0]
        save_note(me, conversation, first.question_id, NOTE)
        log_event(me, conversation, EventKind.HELD, on=date(2026, 11, 10))
    model_server.reply(
        quote_notes(
            "Dear Priya,\n\nThank you for your time last week. You "
            "said “{note}”, and I am starting there.\n\nSam"
        )
    )
    page.goto(f"/conversations/{conversation.pk}/findings/")
    thanks = page.locator("[data-kind=thanks]")
    thanks.get_by_role("button", name="Draft with assistant").click()
    expect(thanks.locator("[data-assistant-status]")).to_contain_text("Draft ready")
    expect(page.get_by_label("Thank-you note (edit before sending)")).to_have_value(
        "Dear Priya,\n\nThank you for your time last week. You said “She said the best "
        "research changes a roadmap”, and I am starting there.\n\nSam"
    )
    screenshot("3-thanks")
    assert refused == []


def test_cancel_gives_the_editor_its_template_back_and_stops_the_draft(page, model_server):
    with transaction.atomic():
        me = local_user()
        person = priya(me)
        services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
        services.consent(me)
    model_server.reply(text("Dear Priya, " + "slowly " * 200, delay=0.1))
    page.goto(f"/people/{person.pk}/compose/")
    template = page.get_by_label("Message", exact=True).input_value()
    page.get_by_role("button", name="Draft with assistant").click()
    # The template starts "Dear Priya," too: wait for a word only the model sends, so the
    # request has surely left (and been logged) before the cancel. A cancel that beats it
    # sends nothing and logs nothing (tests/assistant/test_cancel.py).
    expect(page.get_by_label("Message", exact=True)).to_have_value(
        re.compile("^Dear Priya, slowly")
    )
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("[data-assistant-status]")).to_contain_text("Cancelled")
    expect(page.get_by_label("Message", exact=True)).to_have_value(template)
    expect(page.get_by_role("button", name="Draft with assistant")).to_be_enabled()
    for _ in range(200):  # the server stops at its next piece and says so in the log
        if SentLog.objects.filter(outcome="cancelled by the user").exists():
            break
        time.sleep(0.1)
    assert len(model_server.requests) == 1
    assert SentLog.objects.get().outcome == "cancelled by the user"


def test_live_notes_become_findings_the_user_accepts_edits_and_saves(
    page, model_server, screenshot
):
    from tests.assistant.helpers import held_conversation

    with transaction.atomic():
        me = local_user()
        conversation = held_conversation(me)
        services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
        services.consent(me)
    model_server.reply(
        text(
            "likes: She likes seeing research change a roadmap. [N1]\n"
            "working_conditions: Hours are long in launch weeks. [N2]"
        )
    )
    page.goto(f"/conversations/{conversation.pk}/findings/")
    page.get_by_role("button", name="Draft findings from my notes").click()
    summary = page.locator(".assistant-summary")
    expect(summary).to_contain_text("She likes seeing research change a roadmap.")
    link = summary.locator("a.note-link", has_text="[N2]")
    expect(link).to_have_attribute("href", "#note-N2")
    expect(summary.locator("#note-N2 + dd")).to_have_text("Hours are long in launch weeks.")
    screenshot("summary")
    summary.locator("[data-assistant-accept='#finding-working_conditions']").click()
    box = page.locator("#finding-working_conditions")
    expect(box).to_have_value(re.compile(r"Hours are long in launch weeks\.$"))
    box.fill(box.input_value() + " Calm otherwise.")
    page.get_by_role("button", name="Save findings").click()
    expect(page.locator("#finding-working_conditions")).to_have_value(
        re.compile(r"Hours are long in launch weeks\. Calm otherwise\.$")
    )
