"""The conversation and what follows it (SPEC C1-C4, F1-F4)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from coffeechat.conversations.models import Conversation, Finding
from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.people.models import Person
from coffeechat.questions.models import PlanItem, QuestionNote
from coffeechat.questions.services import build_plan
from tests.conftest import make_ask, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(me):
    conversation = make_ask(me, person=make_person(me, name="Priya Raman"), on=date(2026, 11, 2))
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    build_plan(me, conversation)
    return conversation


def test_live_mode_shows_the_plan_with_a_note_per_question(client, meeting):
    page = client.get(f"/conversations/{meeting.pk}/live/").content.decode()
    first = PlanItem.objects.first().question
    assert first.text in page and f'id="note-{first.pk}"' in page
    assert 'data-minutes="20"' in page and "Could you give me an example?" in page


def test_notes_save_as_you_type_and_survive_a_reload(client, meeting):
    question = PlanItem.objects.first().question
    response = client.post(
        f"/conversations/{meeting.pk}/live/note/",
        {"question": question.pk, "text": "Started in support"},
    )
    assert response.status_code == 204
    client.post(f"/conversations/{meeting.pk}/live/note/", {"text": "scratch thoughts"})
    page = client.get(f"/conversations/{meeting.pk}/live/").content.decode()
    assert "Started in support</textarea>" in page and "scratch thoughts</textarea>" in page


def test_a_referral_becomes_a_linked_person_with_a_task_the_next_business_day(client, me, meeting):
    response = client.post(
        f"/conversations/{meeting.pk}/live/referral/",
        {"name": "Lena Fischer", "title": "Principal", "organization": "Harbor"},
        HTTP_HX_REQUEST="true",
    )
    assert "Lena Fischer" in response.content.decode()
    lena = Person.objects.get(name="Lena Fischer")
    assert (lena.how_found, lena.found_via_conversation, lena.organization.name) == (
        "referral",
        Conversation.objects.get(pk=meeting.pk),
        "Harbor",
    )
    referred_on = lena.created_at.date()
    from coffeechat.domain.businessdays import add_business_days

    due = add_business_days(referred_on, 1)
    page = client.get(f"/?on={due.isoformat()}").content.decode()
    assert "Contact Lena Fischer, whom you were referred to" in page
    assert f"/people/{lena.pk}/" in page


def test_a_referral_needs_a_name(client, meeting):
    response = client.post(f"/conversations/{meeting.pk}/live/referral/", {"name": " "})
    assert response.status_code == 400
    assert not Person.objects.filter(how_found="referral").exists()


def test_ending_the_meeting_logs_it_and_prefills_findings_from_the_notes(client, meeting):
    item = PlanItem.objects.select_related("question").exclude(question__topic="").first()
    client.post(
        f"/conversations/{meeting.pk}/live/note/",
        {"question": item.question_id, "text": "Loves the research. Hates the admin."},
    )
    response = client.post(f"/conversations/{meeting.pk}/live/end/")
    assert response.status_code == 302
    assert Conversation.objects.get(pk=meeting.pk).stage_cache == "held"
    page = client.get(f"/conversations/{meeting.pk}/findings/").content.decode()
    assert "Loves the research. Hates the admin.</textarea>" in page
    assert "I keep thinking about what you said: “Loves the research”." in page
    client.post(f"/conversations/{meeting.pk}/findings/", {item.question.topic: "Edited"})
    assert Finding.objects.get().text == "Edited"


def test_recording_needs_consent_and_an_audio_file(client, meeting, tmp_path):
    wav = SimpleUploadedFile("talk.wav", b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav")
    with override_settings(MEDIA_ROOT=tmp_path):
        response = client.post(f"/conversations/{meeting.pk}/recording/", {"recording": wav})
        assert response.status_code == 400 and "permission" in response.content.decode()
        fake = SimpleUploadedFile("talk.mp3", b"<html>not audio", "audio/mpeg")
        response = client.post(
            f"/conversations/{meeting.pk}/recording/", {"consent": "on", "recording": fake}
        )
        assert response.status_code == 400 and "not an audio file" in response.content.decode()
        wav.seek(0)
        client.post(f"/conversations/{meeting.pk}/recording/", {"consent": "on", "recording": wav})
        played = client.get(f"/conversations/{meeting.pk}/recording/file")
        assert played.status_code == 200 and b"".join(played.streaming_content).startswith(b"RIFF")


def test_an_oversized_recording_is_refused(client, meeting, tmp_path):
    wav = SimpleUploadedFile("talk.wav", b"RIFF" + b"0" * 2048, "audio/wav")
    with override_settings(MEDIA_ROOT=tmp_path, MAX_RECORDING_BYTES=1024):
        response = client.post(
            f"/conversations/{meeting.pk}/recording/", {"consent": "on", "recording": wav}
        )
    assert response.status_code == 400 and "the limit is" in response.content.decode()


def test_a_strangers_recording_is_not_found(client, me, charlie):
    theirs = make_ask(charlie)
    assert client.get(f"/conversations/{theirs.pk}/recording/file").status_code == 404
    assert client.get(f"/conversations/{theirs.pk}/live/").status_code == 404


def test_an_employment_conversation_comes_only_after_the_informational_one(client, me, meeting):
    assert client.post(f"/conversations/{meeting.pk}/employment/").status_code == 400
    log_event(me, meeting, EventKind.HELD, on=date(2026, 11, 10))
    log_event(me, meeting, EventKind.THANKED, on=date(2026, 11, 11))
    response = client.post(f"/conversations/{meeting.pk}/employment/")
    employment = Conversation.objects.get(kind="employment")
    assert response["Location"] == f"/conversations/{employment.pk}/"
    assert Conversation.objects.get(pk=meeting.pk).stage_cache == "thanked"


def test_closing_the_exploration_asks_to_tell_everyone_met(client, me, meeting):
    log_event(me, meeting, EventKind.HELD, on=date(2026, 11, 10))
    log_event(me, meeting, EventKind.THANKED, on=date(2026, 11, 11))
    exploration = meeting.exploration
    client.post(
        f"/explorations/{exploration.pk}/close/",
        {"decision": "Bootcamp", "closed_on": "2027-01-15", "version": exploration.version},
    )
    page = client.get("/?on=2027-01-15").content.decode()
    assert "Tell Priya Raman what you decided" in page
    client.post(f"/conversations/{meeting.pk}/", {"kind": "told_decision", "on": "2027-01-15"})
    assert "Tell Priya Raman" not in client.get("/?on=2027-01-15").content.decode()


def test_keep_in_touch_comes_eight_weeks_after_the_last_contact(client, me, meeting):
    log_event(me, meeting, EventKind.HELD, on=date(2026, 11, 10))
    log_event(me, meeting, EventKind.THANKED, on=date(2026, 11, 11))
    assert "Keep in touch with Priya Raman" in client.get("/?on=2027-01-06").content.decode()
    assert QuestionNote.objects.count() == 0
