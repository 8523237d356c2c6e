"""An import whose worker died (the server was killed mid-import) is never stuck on
"Saving…" (issue 18, finding 9; issue 22): the save is run again once by the next
worker, and after a second death it shows as interrupted and can be discarded. The
worker's lease is a lock that its process's death releases (coffeechat/jobs/leases.py).
A save killed halfway leaves nothing half-saved: it is one transaction."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from coffeechat.jobs import worker
from coffeechat.jobs.models import Job, JobState
from coffeechat.people.models import Person
from coffeechat.transfer.models import ImportJob
from tests.reliability.server import Client, Server, Store, pk_from
from tests.transfer.helpers import file_bytes

pytestmark = pytest.mark.django_db(transaction=True)  # the worker process reads the rows

HOLD = """
import os, sys, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "coffeechat.settings"
django.setup()
from coffeechat.jobs import leases
with leases.lease(int(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def worker_process(pk: int) -> subprocess.Popen:
    """A process of its own, as a worker running job `pk`, holding its lease."""
    env = {**os.environ, "COFFEECHAT_DATA_DIR": str(settings.DATA_DIR)}
    if connection.vendor == "postgresql":  # the lock lives in the test database
        env["DATABASE_URL"] = (
            os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
        )
    else:
        env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(pk)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "held"
    return process


def save_in_the_background(client, settings) -> ImportJob:
    """A file read and previewed, then handed to a worker to save (which takes it)."""
    settings.COFFEECHAT_IMPORT_INLINE_BYTES = 0  # everything counts as large
    client.post("/data/import/", {"file": _file("linkedin_connections.csv")})
    job = ImportJob.objects.get()
    worker.run_once()
    client.post(f"/data/import/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.state == "saving" and job.background.state == JobState.QUEUED
    return job


def _file(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, file_bytes(name))


def taken_by_a_worker(job: ImportJob, attempts: int) -> Job:
    """As a worker leaves the row the moment it starts the save."""
    Job.objects.filter(pk=job.background_id).update(
        state=JobState.RUNNING, attempts=attempts, worker="server:4242:1"
    )
    return Job.objects.get(pk=job.background_id)


def test_a_save_whose_worker_is_killed_is_run_again_and_saves_once(client, me, settings):
    job = save_in_the_background(client, settings)
    process = worker_process(taken_by_a_worker(job, attempts=1).pk)
    try:
        page = client.get(f"/data/import/{job.pk}/").content.decode()
        assert "Saving" in page and "interrupted" not in page
        refused = client.post(f"/data/import/{job.pk}/discard/")
        assert (
            refused.status_code == 400 and "can no longer be cancelled" in refused.content.decode()
        )
    finally:
        process.send_signal(signal.SIGKILL)  # as the server dies: no clean-up runs
        process.wait()
    page = client.get(f"/data/import/{job.pk}/").content.decode()  # finds it orphaned
    assert "Saving" in page and Job.objects.get(pk=job.background_id).state == "queued"
    assert "to start again after an interruption" in page
    worker.run_once()
    job.refresh_from_db()
    assert job.state == "done" and Person.objects.count() == 5
    assert Job.objects.get(pk=job.background_id).attempts == 2


def test_a_save_whose_worker_died_twice_is_interrupted_and_can_be_discarded(client, me, settings):
    job = save_in_the_background(client, settings)
    taken_by_a_worker(job, attempts=2)  # its second start; nobody holds its lease
    page = client.get(f"/data/import/{job.pk}/").content.decode()
    assert "The import was interrupted" in page and "Nothing was saved" in page
    assert client.post(f"/data/import/{job.pk}/discard/").status_code == 302
    assert not ImportJob.objects.exists() and Person.objects.count() == 0


def test_a_worker_recovers_an_interrupted_save_at_its_start_without_a_page_read(
    client, me, settings
):
    job = save_in_the_background(client, settings)
    taken_by_a_worker(job, attempts=2)
    worker.run_once()  # its chores come first
    job.refresh_from_db()
    assert job.state == "failed" and job.error.startswith("The import was interrupted")
    assert Person.objects.count() == 0


def big_linkedin_file(rows: int) -> bytes:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Person{n},Tester{n},https://www.linkedin.com/in/p{n},p{n}@example.org,"
        f"Company {n % 500},Engineer,12 Mar 2024"
        for n in range(rows)
    ]
    return "\n".join(lines).encode()


def test_a_server_killed_halfway_through_a_save_leaves_nothing_and_saves_it_after(tmp_path):
    """A real `coffeechat serve`, SIGKILLed while its worker saves 30,000 people."""
    from tests.reliability.server import postgres_url, scratch_postgres

    rows = 30_000
    with scratch_postgres("coffeechat_import") if postgres_url() else _nothing() as url:
        store = Store(tmp_path, url)
        server = Server(store, tmp_path / "server.log")
        server.start()
        try:
            server.wait_ready()
            http = Client(server.port, timeout=300)
            answer = http.upload(
                "/data/import/", {"format": ""}, "file", "big.csv", big_linkedin_file(rows)
            )
            pk = pk_from(answer.location)
            wait_until(store, f"SELECT state FROM transfer_importjob WHERE id = {pk}", "ready")
            assert http.post(f"/data/import/{pk}/commit/", {}).status == 302
            wait_until(
                store,
                "SELECT j.state FROM jobs_job j JOIN transfer_importjob i ON "
                f"i.background_id = j.id WHERE i.id = {pk}",
                "running",
            )
            time.sleep(1.0)  # well into the save's transaction
            server.kill()
            assert store.rows(f"SELECT state FROM transfer_importjob WHERE id = {pk}") == [
                ("saving",)
            ], "the save ended before the kill: make the file larger"
            assert people(store) == 0, "a killed save left people behind"
            server.start()
            server.wait_ready()
            wait_until(store, f"SELECT state FROM transfer_importjob WHERE id = {pk}", "done")
        finally:
            server.kill()
        assert people(store) == rows  # saved once, by the next attempt
        assert store.integrity() == []


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def people(store: Store) -> int:
    return store.rows("SELECT count(*) FROM people_person")[0][0]


def wait_until(store: Store, sql: str, value: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while (found := store.rows(sql)[0][0]) != value:
        assert found != "failed", store.rows("SELECT error FROM transfer_importjob")
        if time.monotonic() > deadline:
            raise TimeoutError(f"still {found}, not {value}")
        time.sleep(0.1)
