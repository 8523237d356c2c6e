"""Issue 22 done: a meeting recorded in live mode (Chromium's fake microphone plays speech
made with espeak-ng), transcribed on this machine with the packaged model, its words
found under the question on screen when they were spoken, and one accepted as a finding."""

import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from benchmarks.speech import meeting
from coffeechat.accounts.services import local_user
from coffeechat.conversations.models import Conversation, Finding, TranscriptSegment
from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.jobs import worker
from coffeechat.questions.services import build_plan, plan_items
from tests.browser.conftest import ARTIFACTS, CHROMIUM_ARGS, chromium_path
from tests.conftest import make_ask, make_person
from tests.conversations.test_transcription import ANSWERS, packaged_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def spoken(tmp_path):
    packaged_model()
    wav = tmp_path / "meeting.wav"
    return wav, meeting(ANSWERS, wav, lead=1.5, pause=4.0)


@pytest.fixture
def microphone_page(browser, live_server, spoken, settings, tmp_path):
    """A Chromium of its own whose microphone plays the meeting once (%noloop)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    wav, _ = spoken
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}%noloop",
    ]
    chromium = browser.browser_type.launch(executable_path=chromium_path(), args=args)
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.grant_permissions(["microphone"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    chromium.close()


@pytest.fixture
def planned():
    me = local_user()
    today = timezone.localdate()
    conversation = make_ask(
        me, person=make_person(me, name="Priya Raman"), on=today - timezone.timedelta(days=7)
    )
    log_event(
        me,
        conversation,
        EventKind.REPLIED,
        on=today - timezone.timedelta(days=6),
        outcome=Outcome.ACCEPTED,
    )
    build_plan(me, conversation)
    return conversation


def test_a_recorded_meeting_becomes_drafts_under_its_questions(microphone_page, planned, spoken):
    page, (_, answers) = microphone_page, spoken
    first, second = [item.question for item in plan_items(planned)][:2]
    page.goto(f"/conversations/{planned.pk}/live/")
    expect(page.get_by_role("button", name="Start recording")).to_have_count(0)  # no consent
    page.get_by_label("They agreed to be recorded").check()
    page.get_by_role("button", name="Start the clock").click()

    page.get_by_role("button", name="Start recording").click()
    began = time.monotonic()
    expect(page.get_by_text("Recording…")).to_be_visible()
    page.locator(".live-question textarea").nth(0).fill("Support, then research")
    time.sleep(max(0.0, began + (answers[0].end + answers[1].start) / 2 - time.monotonic()))
    page.get_by_role("button", name="Next question →").click()
    time.sleep(max(0.0, began + answers[1].end + 1.5 - time.monotonic()))
    page.get_by_role("button", name="Stop recording").click()
    expect(page.get_by_text("Recording saved.")).to_be_visible(timeout=15_000)
    assert len(Conversation.objects.get(pk=planned.pk).recording_takes) == 1

    page.get_by_role("button", name="End the meeting").click()
    page.goto(f"/conversations/{planned.pk}/transcript/")
    page.get_by_role("button", name="Transcribe the recording").click()
    expect(page.get_by_role("button", name="Stop transcribing")).to_be_visible()
    worker.run_once()  # the worker that `coffeechat serve` runs beside the app
    expect(page.get_by_text("Transcribed. Nothing is kept until you accept it")).to_be_visible(
        timeout=15_000
    )  # the page asks every 2 s while the job runs
    heard_first = page.get_by_label("Heard (draft, correct it)").nth(0)
    heard_second = page.get_by_label("Heard (draft, correct it)").nth(1)
    expect(heard_first).to_have_value(_containing("customer support"))
    expect(heard_second).to_have_value(_containing("customers"))
    expect(page.locator(f"#tq-{first.pk}").locator("..")).to_contain_text(
        "Support, then research"
    )  # typed live, beside what was heard
    assert not Finding.objects.filter(conversation=planned).exists()
    folder = ARTIFACTS / "test_a_recorded_meeting_becomes_drafts_under_its_questions"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "transcript.png"), full_page=True)

    heard_second.fill("Most of the day: interviews with customers, then reports.")
    section = page.locator("[data-transcript-question]").nth(1)
    section.get_by_label("Finding heading").select_option("duties_typical_day")
    section.get_by_role("button", name="Keep as a finding").click()
    expect(page.get_by_text("Kept as a finding.")).to_be_visible()
    assert (
        Finding.objects.get(conversation=planned, topic="duties_typical_day").text
        == "Most of the day: interviews with customers, then reports."
    )
    assert TranscriptSegment.objects.filter(conversation=planned, question=second).exists()
    page.goto(f"/conversations/{planned.pk}/findings/")
    expect(page.get_by_label("Duties and a typical day", exact=False)).to_have_value(
        "Most of the day: interviews with customers, then reports."
    )


def _containing(words):
    import re

    return re.compile(re.escape(words), re.IGNORECASE)
