"""An import whose worker died (the server was killed mid-import) is not stuck on
"Saving…": it shows as interrupted and can be discarded at once (issue 18, finding 9).
The worker's lease is a lock that its process's death releases (transfer/workers.py)."""

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from coffeechat.transfer.models import ImportJob, JobState

pytestmark = pytest.mark.django_db(transaction=True)  # the worker process reads the rows

HOLD = """
import os, sys, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "coffeechat.settings"
django.setup()
from coffeechat.transfer import workers
with workers.lease(int(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def saving_job(owner, worker="") -> ImportJob:
    return ImportJob.objects.create(owner=owner, file_name="big.csv", data=b"x",
                                    state=JobState.SAVING, worker=worker)


def worker_process(pk: int) -> subprocess.Popen:
    """A process of its own, as a server's import thread, holding job `pk`'s lease."""
    env = {**os.environ, "COFFEECHAT_DATA_DIR": str(settings.DATA_DIR)}
    if connection.vendor == "postgresql":  # the lock lives in the test database
        env["DATABASE_URL"] = (os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/"
                               + connection.settings_dict["NAME"])
    else:
        env.pop("DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(pk)], env=env,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_job_whose_worker_process_is_killed_can_be_discarded_at_once(client, me):
    job = saving_job(me, worker="server:4242")
    process = worker_process(job.pk)
    try:
        page = client.get(f"/data/import/{job.pk}/").content.decode()
        assert "Saving" in page and "interrupted" not in page
        refused = client.post(f"/data/import/{job.pk}/discard/")
        assert refused.status_code == 400 and "can no longer be cancelled" in \
            refused.content.decode()
    finally:
        process.send_signal(signal.SIGKILL)  # as the server dies: no clean-up runs
        process.wait()
    page = client.get(f"/data/import/{job.pk}/").content.decode()
    assert "The import was interrupted" in page and "Nothing was saved" in page
    assert client.post(f"/data/import/{job.pk}/discard/").status_code == 302
    assert not ImportJob.objects.filter(pk=job.pk).exists()


def test_a_job_whose_worker_left_no_lease_is_interrupted_not_saving(client, me):
    """The row names a worker, and no one holds its lease: its process is gone."""
    job = saving_job(me, worker="server-that-was-killed:4242")
    assert client.post(f"/data/import/{job.pk}/discard/").status_code == 302
    assert not ImportJob.objects.exists()


def test_a_job_just_handed_to_its_thread_is_not_taken_for_dead(client, me):
    """Between the request's commit and its thread taking the lease, no worker yet."""
    job = saving_job(me)
    assert client.post(f"/data/import/{job.pk}/discard/").status_code == 400
    ImportJob.objects.filter(pk=job.pk).update(updated_at=job.updated_at.replace(year=2020))
    assert client.post(f"/data/import/{job.pk}/discard/").status_code == 302
