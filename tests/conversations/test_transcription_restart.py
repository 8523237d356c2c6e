"""Issue 22's done-when: killing the server in the middle of a transcription and starting
it again finishes the job or fails it cleanly, never leaves it stuck, and never keeps
the words twice. A real `coffeechat serve` (its own worker in the process) on a SQLite
data dir, or on a scratch PostgreSQL database when the suite runs on PostgreSQL.

Run as a module, this file prepares the workspace from a process of its own (as
tests/jobs/driver.py does): `python -m tests.conversations.test_transcription_restart
DATA_DIR AUDIO SWITCH_SECONDS` prints the conversation's id."""

import subprocess
import sys
from contextlib import ExitStack

import pytest

from benchmarks.speech import meeting, to_ogg
from tests.jobs.test_workers import wait_for
from tests.reliability.server import (
    ROOT,
    Client,
    Server,
    Store,
    postgres_url,
    scratch_postgres,
    server_env,
)

# About 80 seconds of speech: long enough that the model takes several seconds on it.
SENTENCES = [
    "I started in customer support and moved into research after an evening course.",
    "Most of my day is spent on interviews with customers and writing short reports.",
    "The hardest part of the job is turning many small remarks into one clear decision.",
    "We meet the product team every Monday and agree on what to learn that week.",
    "I recruit people for studies from our own users and from a panel we pay for.",
    "A good interview starts with open questions and leaves the details for later.",
    "When I began I wrote everything down by hand and typed it up in the evening.",
    "Now I record each call, with permission, and listen to the tricky parts again.",
    "If you want to move into this work, start by talking to the people you serve.",
    "Read a few reports from other teams and notice what made them easy to act on.",
    "Salaries vary a lot between companies, so ask several people before you decide.",
    "I would be happy to introduce you to two colleagues who changed careers too.",
]


def prepare(data_dir: str, audio: str, switch: float) -> int:
    """A conversation with consent, a question plan, the clock started with the first
    question on screen and the second one `switch` seconds later, and the audio
    attached as a file."""
    from coffeechat.cli.setup import start_django

    start_django(data_dir, migrate=True)
    from datetime import date, timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone

    from coffeechat.accounts.services import local_user
    from coffeechat.conversations.models import Conversation, MarkKind
    from coffeechat.conversations.services import attach_recording, log_event, mark, start_clock
    from coffeechat.domain.journey import EventKind, Outcome
    from coffeechat.questions.services import build_plan, plan_items
    from tests.conftest import make_ask

    with transaction.atomic():
        me = local_user()
        conversation = make_ask(me, on=date(2026, 11, 2))
        log_event(
            me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED
        )
        build_plan(me, conversation)
        Conversation.objects.filter(pk=conversation.pk).update(recording_consent=True)
        conversation.refresh_from_db()
        first, second = [item.question for item in plan_items(conversation)][:2]
        started = timezone.now() - timedelta(hours=1)
        start_clock(me, conversation, started, first)
        mark(me, conversation, MarkKind.QUESTION, started + timedelta(seconds=switch), second)
        with open(audio, "rb") as handle:
            upload = SimpleUploadedFile("meeting.ogg", handle.read(), "audio/ogg")
        conversation.refresh_from_db()
        attach_recording(me, conversation, upload, max_bytes=100 * 1_048_576)
    return conversation.pk


@pytest.fixture
def store(tmp_path):
    with ExitStack() as stack:
        url = (
            stack.enter_context(scratch_postgres("coffeechat_transcribe"))
            if postgres_url()
            else None
        )
        yield Store(tmp_path / "data", url)


def the_job(store: Store, conversation: int) -> list[dict]:
    rows = store.rows(
        "SELECT state, done, total, attempts, error, message FROM jobs_job "
        f"WHERE key = 'transcribe:{conversation}'"
    )
    return [
        dict(zip(["state", "done", "total", "attempts", "error", "message"], row, strict=True))
        for row in rows
    ]


def test_a_server_killed_mid_transcription_finishes_or_fails_it_after_a_restart(store, tmp_path):
    from tests.conversations.test_transcription import packaged_model  # loads Django's models

    packaged_model()
    answers = meeting(SENTENCES, tmp_path / "meeting.wav", pause=1.0)
    assert answers[-1].end > 60
    audio = to_ogg(tmp_path / "meeting.wav", tmp_path / "meeting.ogg")
    switch = (answers[5].end + answers[6].start) / 2
    prepared = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.conversations.test_transcription_restart",
            str(store.data_dir),
            str(audio),
            str(switch),
        ],
        env=server_env(store),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert prepared.returncode == 0, prepared.stderr
    conversation = int(prepared.stdout.split()[-1])

    server = Server(store, tmp_path / "server.log")
    server.start()
    try:
        server.wait_ready()
        started = Client(server.port).post(f"/conversations/{conversation}/transcript/", {})
        assert started.status == 302, started.body[-2000:]
        wait_for(
            lambda: any(
                job["state"] == "running" and job["done"] > 0
                for job in the_job(store, conversation)
            ),
            seconds=180,
            what="the transcription to be under way",
        )
        server.kill()
        [killed] = the_job(store, conversation)
        assert killed["state"] == "running", killed  # as the dead server left it
        assert killed["done"] < killed["total"], killed
        assert store.rows("SELECT count(*) FROM conversations_transcriptsegment") == [(0,)]

        server.start()
        server.wait_ready()
        wait_for(
            lambda: the_job(store, conversation)[0]["state"] in ("done", "failed"),
            seconds=240,
            what="the transcription to finish or fail after the restart",
        )
    finally:
        server.kill()
    [job] = the_job(store, conversation)  # one job, started again, not a second one
    assert job["attempts"] == 2, job
    drafts = store.rows(
        "SELECT question_id, start_ms, text FROM "
        f"conversations_transcriptsegment WHERE conversation_id = {conversation}"
        " ORDER BY start_ms"
    )
    if job["state"] == "failed":
        assert job["error"] and "interrupted" in job["error"].lower(), job
        assert drafts == []
        return
    assert job["done"] == job["total"] > 60, job
    assert drafts, "the finished job placed its words"
    assert len({(start, text) for _, start, text in drafts}) == len(drafts), (
        "words kept twice after the restart"
    )
    text = {
        question: " ".join(t for q, _, t in drafts if q == question).lower()
        for question in {q for q, _, _ in drafts}
    }
    assert len(text) == 2, "the words went under the two questions of the timeline"
    first, second = sorted(text, key=lambda q: min(s for qq, s, _ in drafts if qq == q))
    assert "customer support" in text[first] and "introduce you" in text[second]
    assert "introduce you" not in text[first]


if __name__ == "__main__":
    print(prepare(sys.argv[1], sys.argv[2], float(sys.argv[3])))
