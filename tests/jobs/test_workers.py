"""Real worker processes on a real database (a SQLite data dir, or a scratch PostgreSQL
database when the suite runs on PostgreSQL): each job runs once however many workers
race for it, and a worker killed mid-job leaves the job resumed or cleanly failed at
the next start, never stuck."""

import json
import signal
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager

import pytest

from tests.reliability.server import ROOT, Server, Store, postgres_url, scratch_postgres, server_env


@pytest.fixture
def store(tmp_path):
    with ExitStack() as stack:
        url = stack.enter_context(scratch_postgres("coffeechat_jobs")) if postgres_url() else None
        yield Store(tmp_path, url)


def enqueue(store: Store, name: str, *calls: list) -> list[int]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.jobs.driver",
            str(store.data_dir),
            name,
            *(json.dumps(call) for call in calls),
        ],
        env=server_env(store),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@contextmanager
def worker(store: Store, log):
    """`coffeechat worker` in a process group of its own; SIGKILLed at the end."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "worker",
            "--data-dir",
            str(store.data_dir),
            "--interval",
            "0.1",
        ],
        env=server_env(store),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    try:
        assert "running background jobs" in process.stdout.readline()
        yield process
    finally:
        kill(process)


def kill(process) -> None:
    """SIGKILL: no handler runs, nothing is cleaned up, as when the machine dies."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()


def job(store: Store, pk: int) -> dict:
    state, done, attempts, result, error, worker_name = store.rows(
        f"SELECT state, done, attempts, result, error, worker FROM jobs_job WHERE id = {pk}"
    )[0]
    if isinstance(result, str):
        result = json.loads(result)
    return {
        "state": state,
        "done": done,
        "attempts": attempts,
        "result": result,
        "error": error,
        "worker": worker_name,
    }


def wait_for(predicate, seconds: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds} s for {what}")
        time.sleep(0.05)


def test_each_job_runs_once_with_two_workers_racing(store, tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    enqueue(store, "count", [1])  # creates the database before two workers open it
    with open(tmp_path / "workers.log", "w") as log, worker(store, log), worker(store, log):
        ids = enqueue(store, "mark", *([str(marks), f"job{n}"] for n in range(40)))
        wait_for(
            lambda: all(job(store, pk)["state"] == "done" for pk in ids), what="40 jobs to be done"
        )
        names = sorted(path.name.split(".")[0] for path in marks.iterdir())
        runners = {job(store, pk)["worker"].split(":")[1] for pk in ids}
    assert names == sorted(f"job{n}" for n in range(40))  # each exactly once
    assert len(runners) == 2, "both workers took jobs"
    assert {job(store, pk)["attempts"] for pk in ids} == {1}


def test_a_worker_killed_mid_job_resumes_or_fails_it_at_the_next_start(store, tmp_path):
    log = open(tmp_path / "workers.log", "w")
    (resumable,) = enqueue(store, "slow_resumable", [30, 0.1])
    with worker(store, log) as first:
        wait_for(lambda: job(store, resumable)["done"] >= 3, what="three steps")
        (plain,) = enqueue(store, "slow", [30, 0.1])  # on the other queue's thread
        wait_for(lambda: job(store, plain)["done"] >= 1, what="the second job")
        kill(first)
    killed_at = job(store, resumable)["done"]
    assert job(store, resumable)["state"] == "running"  # as the dead worker left it
    with worker(store, log):
        wait_for(lambda: job(store, resumable)["state"] == "done", what="the resumed job")
        wait_for(lambda: job(store, plain)["state"] != "running", what="the plain job")
    log.close()
    resumed = job(store, resumable)
    assert resumed["attempts"] == 2 and resumed["result"]["attempt"] == 2
    assert resumed["result"]["resumed_from"] >= killed_at - 1 >= 2
    assert job(store, plain)["state"] == "failed"
    assert "interrupted" in job(store, plain)["error"]


def test_serve_runs_jobs_itself_and_finishes_one_it_was_killed_in(store, tmp_path):
    """Personal mode: one command runs everything. Killed in the middle of a long job
    (as a transcription), started again, it finishes the job."""
    server = Server(store, tmp_path / "server.log")
    server.start()
    try:
        server.wait_ready()
        (quick,) = enqueue(store, "count", [3])
        wait_for(lambda: job(store, quick)["state"] == "done", what="a job run by serve")
        (long_one,) = enqueue(store, "slow_resumable", [30, 0.1])
        wait_for(lambda: job(store, long_one)["done"] >= 3, what="three steps")
        server.kill()
        assert job(store, long_one)["state"] == "running"
        server.start()
        server.wait_ready()
        wait_for(lambda: job(store, long_one)["state"] == "done", what="the resumed job")
    finally:
        server.kill()
    assert job(store, long_one)["attempts"] == 2
    assert job(store, quick)["result"] == {"counted": 3}
