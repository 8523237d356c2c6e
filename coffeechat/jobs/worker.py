"""The worker: takes jobs from django-tasks' database queue and runs them.

One `Runner` thread per queue: "default" (short jobs: imports, digests) and "long"
(transcription), so a short job never waits behind a long one. The first runner of a
process also does the chores, at its start and then every CHORES_EVERY: recover jobs
whose worker died, queue the periodic jobs that are due, forget old finished jobs.
`coffeechat serve` runs these threads inside its own process (personal mode: one
command runs everything); `coffeechat worker` runs them alone (team mode).
"""

import logging
import threading
import time
from datetime import timedelta

from django.db import close_old_connections, connections
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from . import leases, services
from .models import ACTIVE, Job

logger = logging.getLogger(__name__)

QUEUES = (services.DEFAULT_QUEUE, services.LONG_QUEUE)
CHORES_EVERY = 60.0
# Periodic jobs: import path -> (how often, a function of `now` that says whether a run
# would have anything to do). Each is queued with its path as key, so any number of
# workers queue one at a time; and only when due, so that an idle workspace sees no
# writes (each would also make the kept pages stale, coffeechat/web/pagecache.py).
PERIODIC = {
    "coffeechat.today.jobs.send_digests": (
        timedelta(minutes=1),
        "coffeechat.today.services.digests_due",
    )
}


class Runner(Worker):
    """django-tasks-db's worker loop, with a stop event (it runs on a thread, where
    signals cannot be used), the chores, and a record of the tasks it ran."""

    def __init__(
        self,
        queue: str,
        stop: threading.Event,
        interval: float = 1.0,
        chores: bool = False,
        batch: bool = False,
    ):
        super().__init__(
            queue_names=[queue],
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="-",
            excluded_queue_names=[],
        )
        self.stop, self.chores, self.ran = stop, chores, []
        self.next_chores = 0.0

    def run(self) -> None:
        self.worker_id = leases.identity()[:64]
        while not self.stop.is_set():
            try:
                busy, done = self.step()
            except Exception:  # noqa: BLE001 - the database went away: wait, try again
                logger.exception("job worker: could not take a job")
                busy, done = False, False
            if done:
                return
            if not busy:
                self.stop.wait(self.interval)
        close_old_connections()

    def step(self) -> tuple[bool, bool]:
        """(ran a task, nothing left in batch mode)."""
        close_old_connections()
        if self.chores and time.monotonic() >= self.next_chores:
            do_chores()
            self.next_chores = time.monotonic() + CHORES_EVERY
        claimed, found = self.claim()
        if found is not None:
            self.ran.append(str(found.id))
            self.run_task(found)
            return True, False
        return False, self.batch and claimed

    def claim(self):
        """(asked, task): one ready task of this queue, taken for this worker alone."""
        tasks = DBTaskResult.objects.ready().filter(
            backend_name=self.backend_name, queue_name__in=self.queue_names
        )
        if not tasks.exists():
            # Only a read: an idle worker does not take SQLite's write lock every second,
            # which the web processes' writes would have to wait for.
            return True, None
        try:
            with exclusive_transaction(tasks.db):
                found = tasks.get_locked()
                if found is not None:
                    found.claim(self.worker_id)
                return True, found
        except OperationalError as error:
            if is_locked_database_exception(error):
                return False, None  # SQLite busy with a long write: ask again later
            raise


def do_chores() -> None:
    for chore in (services.recover, schedule, services.prune):
        try:
            chore()
        except Exception:  # noqa: BLE001 - a chore must not stop the worker; it is logged
            logger.exception("worker chore %s failed", chore.__name__)


def schedule(now=None) -> int:
    """Queue each periodic job whose last run began at least its period ago."""
    now = now or timezone.now()
    queued = 0
    for path, (every, due) in PERIODIC.items():
        if not import_string(due)(now):
            continue
        last = Job.objects.filter(key=path).order_by("-created_at").first()
        if last is None or (last.state not in ACTIVE and last.created_at <= now - every):
            services.enqueue(import_string(path), key=path)
            queued += 1
    return queued


def start(stop: threading.Event, interval: float = 1.0) -> list[threading.Thread]:
    """Run a runner per queue on daemon threads until `stop` is set."""
    threads = []
    for index, queue in enumerate(QUEUES):
        runner = Runner(queue, stop, interval, chores=index == 0)
        thread = threading.Thread(
            target=_on_thread, args=(runner,), daemon=True, name=f"coffeechat-jobs-{queue}"
        )
        thread.start()
        threads.append(thread)
    return threads


def _on_thread(runner: Runner) -> None:
    try:
        runner.run()
    finally:
        connections.close_all()  # this thread's own


def run_once() -> list[str]:
    """Do the chores, then run every ready job of every queue, and return the ids of the
    tasks this process ran (`coffeechat worker --once`)."""
    do_chores()
    ran = []
    for queue in QUEUES:
        runner = Runner(queue, threading.Event(), interval=0.2, batch=True)
        runner.run()
        ran += runner.ran
    return ran
