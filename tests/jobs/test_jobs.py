"""The job API in one process (coffeechat/jobs/services.py): progress, results,
failures, cancelling, keys, and recovery of a job whose worker is gone."""

import threading

import pytest
from django.db import connections

from coffeechat.errors import NotFound
from coffeechat.jobs import services, worker
from coffeechat.jobs.models import Job, JobState
from tests.jobs import sample

pytestmark = pytest.mark.django_db(transaction=True)


def run_all() -> list[str]:
    return worker.run_once()


def run_all_on_a_thread() -> threading.Thread:
    def target():
        try:
            run_all()
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    return thread


def test_a_job_runs_with_progress_and_keeps_its_result(me):
    row = services.enqueue(sample.count, 5, owner=me)
    assert row.state == JobState.QUEUED and row.label == "Counting"
    run_all()
    row.refresh_from_db()
    assert row.state == JobState.DONE and row.result == {"counted": 5}
    assert (row.done, row.total, row.percent) == (5, 5, 100)
    assert row.attempts == 1 and row.finished_at is not None


def test_progress_is_seen_while_the_job_runs(me):
    row = services.enqueue(sample.count, 40, 0.05, owner=me)
    thread = run_all_on_a_thread()
    seen = set()
    while thread.is_alive():
        seen.add(Job.objects.get(pk=row.pk).done)
        thread.join(0.1)
    assert len(seen - {0, 40}) >= 2  # values between the start and the end


def test_a_domain_error_fails_the_job_with_its_message(me):
    row = services.enqueue(sample.refuse, owner=me)
    run_all()
    row.refresh_from_db()
    assert row.state == JobState.FAILED and row.error == "The recording is empty."


def test_an_unexpected_error_fails_the_job_without_showing_the_exception(me):
    row = services.enqueue(sample.crash, owner=me)
    run_all()
    row.refresh_from_db()
    assert row.state == JobState.FAILED and "boom" not in row.error
    assert row.error == services.UNEXPECTED


def test_a_queued_job_cancelled_never_runs(me, tmp_path):
    row = services.enqueue(sample.mark, str(tmp_path), "m", owner=me)
    assert services.cancel(me, row.pk).state == JobState.CANCELLED
    run_all()
    assert Job.objects.get(pk=row.pk).state == JobState.CANCELLED
    assert list(tmp_path.iterdir()) == []


def test_a_running_job_stops_at_its_next_step_when_cancelled(me):
    row = services.enqueue(sample.count, 200, 0.02, owner=me)
    thread = run_all_on_a_thread()
    while Job.objects.get(pk=row.pk).done < 3:
        thread.join(0.05)
    assert services.cancel(me, row.pk).cancel_requested
    thread.join(30)
    row.refresh_from_db()
    assert row.state == JobState.CANCELLED and 3 <= row.done < 200


def test_a_strangers_job_is_not_found(me, charlie):
    row = services.enqueue(sample.count, 1, owner=me)
    with pytest.raises(NotFound):
        services.get_job_for(charlie, row.pk)
    with pytest.raises(NotFound):
        services.cancel(charlie, row.pk)


def test_one_active_job_per_key(me):
    first = services.enqueue(sample.count, 1, owner=me, key="recording:1")
    assert services.enqueue(sample.count, 1, owner=me, key="recording:1").pk == first.pk
    run_all()
    assert services.enqueue(sample.count, 1, owner=me, key="recording:1").pk != first.pk


def test_a_running_job_nobody_holds_is_failed_on_read(me):
    """Its worker died: the row says running, its lease is free."""
    row = services.enqueue(sample.slow, 3, 0.0, owner=me)
    Job.objects.filter(pk=row.pk).update(state=JobState.RUNNING, attempts=1, worker="gone:1:1")
    row = services.get_job_for(me, row.pk)
    assert row.state == JobState.FAILED and row.error == services.INTERRUPTED


def test_a_resumable_job_whose_worker_died_goes_on_from_its_checkpoint(me):
    row = services.enqueue(sample.slow_resumable, 4, 0.0, owner=me)
    Job.objects.filter(pk=row.pk).update(
        state=JobState.RUNNING, attempts=1, worker="gone:1:1", checkpoint={"next": 2}
    )
    assert services.recover() == 1
    assert Job.objects.get(pk=row.pk).state == JobState.QUEUED
    run_all()
    row.refresh_from_db()
    assert row.state == JobState.DONE and row.result == {"attempt": 2, "resumed_from": 2}


def test_a_resumable_job_is_failed_once_its_attempts_are_used_up(me):
    row = services.enqueue(sample.slow_resumable, 4, 0.0, owner=me)
    Job.objects.filter(pk=row.pk).update(state=JobState.RUNNING, attempts=2, worker="gone:1:1")
    services.recover()
    assert Job.objects.get(pk=row.pk).state == JobState.FAILED


def test_the_progress_partial_says_where_a_job_is(me):
    from django.template.loader import render_to_string

    row = services.enqueue(sample.count, 5, owner=me)
    assert "waiting for the background worker" in render_to_string(
        "jobs/progress.html", {"job": row}
    )
    Job.objects.filter(pk=row.pk).update(
        state=JobState.RUNNING, done=2, total=5, message="segment 2"
    )
    html = render_to_string("jobs/progress.html", {"job": Job.objects.get(pk=row.pk)})
    assert 'value="2" max="5"' in html and "Counting: 2 of 5 — segment 2" in html
