"""Background jobs (SPEC M3): work that outlives a request, on django-tasks' database
queue, with progress, cancelling, and recovery from a worker that died.

Define a job: a module-level function whose first parameter is a `Progress`, and
whose other arguments (and result) are JSON values::

    from coffeechat.jobs.services import RESUME, job

    @job(label="Transcribing the recording", queue="long", on_interrupt=RESUME)
    def transcribe(progress, recording_id: int) -> dict:
        start = progress.checkpoint.get("next", 0)     # where an interrupted try stopped
        progress.update(done=start, total=segments)
        for index in range(start, segments):
            ...                                         # the work of one segment
            progress.update(done=index + 1, message="…")  # raises Cancelled if asked
            progress.save_checkpoint({"next": index + 1})
        return {"words": 1234}                          # kept as job.result

Enqueue it, inside the request's (or command's) transaction: a worker sees the job
when that transaction commits, and never a job whose request rolled back::

    from coffeechat.jobs.services import enqueue
    row = enqueue(transcribe, recording.pk, owner=user, key=f"transcribe:{recording.pk}")

`row` is a `Job` (models.py): state, done/total, message, result, error. Read it again
with `get_job_for(user, pk)` (a stranger's is not found; a job whose worker died is
recovered on the spot), stop it with `cancel(user, pk)`, show it on a page with
`{% include "jobs/progress.html" with job=row %}` (the page polls while `row.active`).

What happens when:
- Two workers race: django-tasks claims each task for one worker (PostgreSQL: SELECT
  … FOR UPDATE SKIP LOCKED; SQLite: an EXCLUSIVE transaction), and the job's row moves
  from queued to running with a conditional UPDATE: it runs once.
- The worker dies (killed, power cut): its lease (leases.py) is let go with it. The
  next recovery pass (each worker's start and then every minute, or anyone reading the
  job) sees a running job nobody holds. `on_interrupt=RESUME` queues it again, up to
  `max_attempts` starts in all, with its checkpoint; FAIL (the default) marks it failed.
  A job's own transaction rolled back with its worker, so FAIL means nothing half-saved.
- Cancelling: a queued job is cancelled at once; a running one at its next
  `progress.update()` or `progress.check()` (raising `Cancelled` inside the function).
- The function raises: the job fails; a DomainError's message is shown as it is, any
  other exception is logged and shown as "Something unexpected stopped it".
`on_failure(job)`, if given, runs after the job ended failed or cancelled, in whichever
process decided it: the place to mark a record of your own as failed too.
"""

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from coffeechat.errors import DomainError, NotFound

from . import leases
from .models import ACTIVE, Job, JobState

logger = logging.getLogger(__name__)

RESUME, FAIL = "resume", "fail"
DEFAULT_QUEUE, LONG_QUEUE = "default", "long"
# A queued job whose task the queue no longer offers (its worker died in the instant
# between taking the task and the job) is queued again after this long.
LOST_AFTER = timedelta(minutes=1)
INTERRUPTED = "It was interrupted (was the app stopped?) and did not finish."
UNEXPECTED = "Something unexpected stopped it. It was logged."


class Cancelled(Exception):
    """Raised inside a job's function when someone asked to cancel it."""


@dataclass(frozen=True)
class Spec:
    label: str
    on_interrupt: str
    max_attempts: int
    on_failure: object  # callable(job) or None


def job(
    label: str = "",
    queue: str = DEFAULT_QUEUE,
    on_interrupt: str = FAIL,
    max_attempts: int = 3,
    on_failure=None,
) -> Callable[[Callable], Callable]:
    """Make `function(progress, *args, **kwargs)` a job (see the module's docstring).

    queue: "default" for short work; "long" for work of minutes (transcription), which
    a worker runs on a thread of its own so that short jobs never wait behind it.
    """
    if on_interrupt not in (RESUME, FAIL):
        raise ValueError("on_interrupt is RESUME or FAIL")
    spec = Spec(label, on_interrupt, max_attempts if on_interrupt == RESUME else 1, on_failure)

    def decorate(function):
        from django_tasks import task

        @functools.wraps(function)
        def runner(job_id, *args, **kwargs):
            return _execute(job_id, function, spec, args, kwargs)

        runner.spec = spec
        return task(queue_name=queue)(runner)

    return decorate


def enqueue(task, *args, owner=None, label: str = "", key: str = "", **kwargs) -> Job:
    """Queue `task` (a function decorated with @job) with JSON arguments. With `key`, at
    most one job of that key is queued or running: the existing one is returned."""
    spec = task.func.spec
    try:
        with transaction.atomic():
            row = Job.objects.create(
                owner=owner,
                name=task.module_path,
                key=key,
                label=(label or spec.label)[:200],
                args=list(args),
                kwargs=kwargs,
                max_attempts=spec.max_attempts,
            )
    except IntegrityError:
        existing = Job.objects.filter(key=key, state__in=ACTIVE).first() if key else None
        if existing is None:
            raise
        return existing
    _send(row, task)
    return row


def _send(row: Job, task) -> None:
    result = task.enqueue(row.pk, *row.args, **row.kwargs)
    Job.objects.filter(pk=row.pk).update(task_id=result.id)
    row.task_id = result.id


# ---- reading and cancelling --------------------------------------------------------


def jobs_for(user) -> QuerySet[Job]:
    return Job.objects.filter(owner=user)


def get_job_for(user, pk) -> Job:
    try:
        row = jobs_for(user).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such job.") from None
    if row.state == JobState.RUNNING and not leases.held(row):
        _interrupted(row)
        row.refresh_from_db()
    return row


def cancel(user, pk) -> Job:
    """Cancel a queued job now; ask a running one to stop at its next progress step."""
    row = get_job_for(user, pk)
    now = timezone.now()
    if Job.objects.filter(pk=row.pk, state=JobState.QUEUED).update(
        state=JobState.CANCELLED, finished_at=now, message="Cancelled"
    ):
        row.refresh_from_db()
        _after_failure(row)
        return row
    Job.objects.filter(pk=row.pk, state=JobState.RUNNING).update(
        cancel_requested=True, message="Cancelling…"
    )
    row.refresh_from_db()
    return row


# ---- running (in a worker) ---------------------------------------------------------


class Progress:
    """What a running job says about itself. Writes are kept to one every EVERY
    seconds (and never fail the job: on a busy SQLite file one is skipped). Call it
    outside any transaction of your own, or it is seen only when that commits."""

    EVERY = 0.5

    def __init__(self, row: Job):
        self.job_id = row.pk
        self.attempt = row.attempts  # 1 on the first start, 2 after one interruption...
        self.checkpoint = dict(row.checkpoint)
        self.total = row.total
        self._fields: dict = {}
        self._written = 0.0

    @property
    def pending(self) -> dict:
        """What was said since the last write."""
        return dict(self._fields)

    def update(
        self,
        done: int | None = None,
        total: int | None = None,
        message: str | None = None,
        force: bool = False,
    ) -> None:
        self.total = self.total if total is None else total
        for name, value in (("done", done), ("total", total), ("message", message)):
            if value is not None:
                self._fields[name] = value if name != "message" else value[:200]
        if force or time.monotonic() - self._written >= self.EVERY:
            self._write(dict(self._fields))

    def save_checkpoint(self, checkpoint: dict) -> None:
        """Keep what an interrupted job needs to go on (read back as `checkpoint`)."""
        self.checkpoint = dict(checkpoint)
        self._write({**self._fields, "checkpoint": self.checkpoint})

    def check(self) -> None:
        """Raise Cancelled if someone asked to cancel this job."""
        if time.monotonic() - self._written >= self.EVERY:
            self._write(dict(self._fields))

    def _write(self, fields: dict) -> None:
        self._written = time.monotonic()
        try:
            with transaction.atomic():
                Job.objects.filter(pk=self.job_id).update(updated_at=timezone.now(), **fields)
                asked = Job.objects.filter(pk=self.job_id, cancel_requested=True).exists()
        except OperationalError:
            logger.info("job %s: progress not written (database busy)", self.job_id)
            return
        self._fields.clear()
        if asked:
            raise Cancelled()


def _execute(job_id, function, spec: Spec, args, kwargs):
    with leases.lease(job_id):
        now = timezone.now()
        started = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.RUNNING,
            worker=leases.identity(),
            started_at=now,
            updated_at=now,
            attempts=F("attempts") + 1,
            error="",
        )
        if not started:
            return None  # cancelled while it waited
        row = Job.objects.get(pk=job_id)
        progress = Progress(row)
        try:
            progress.check()
            result = function(progress, *args, **kwargs)
        except Cancelled:
            _end(row, progress, JobState.CANCELLED, message="Cancelled")
        except DomainError as error:
            _end(row, progress, JobState.FAILED, error=error.message)
        except Exception:
            logger.exception("job %s (%s) failed", job_id, row.name)
            _end(row, progress, JobState.FAILED, error=UNEXPECTED)
        else:
            _end(row, progress, JobState.DONE, result=result)
            return result
    return None


def _end(row: Job, progress: Progress, state: str, **fields) -> None:
    """Record how a run ended, with its last progress, while its lease is still held."""
    fields = {**progress.pending, **fields}
    if state == JobState.DONE and progress.total:
        fields["done"] = progress.total
    Job.objects.filter(pk=row.pk, state=JobState.RUNNING, attempts=row.attempts).update(
        state=state, finished_at=timezone.now(), updated_at=timezone.now(), **fields
    )
    if state != JobState.DONE:
        row.refresh_from_db()
        _after_failure(row)


def _after_failure(row: Job) -> None:
    try:
        spec = import_string(row.name).func.spec
    except (ImportError, AttributeError):
        return
    if spec.on_failure is None:
        return
    try:
        spec.on_failure(row)
    except Exception:
        logger.exception("job %s: on_failure failed", row.pk)


# ---- recovery ------------------------------------------------------------------------


def recover() -> int:
    """Resume or fail every running job whose worker died; queue again a queued job the
    queue lost. Returns how many jobs it changed. Safe to run in many processes."""
    changed = 0
    for row in Job.objects.filter(state=JobState.RUNNING):
        if not leases.held(row):
            changed += _interrupted(row)
    for row in Job.objects.filter(
        state=JobState.QUEUED, updated_at__lt=timezone.now() - LOST_AFTER
    ):
        changed += _requeue_if_lost(row)
    return changed


def _interrupted(row: Job) -> int:
    """A running job nobody holds: its worker died, and its transaction with it."""
    now = timezone.now()
    resume = row.attempts < row.max_attempts and not row.cancel_requested
    same = Job.objects.filter(
        pk=row.pk, state=JobState.RUNNING, attempts=row.attempts, worker=row.worker
    )
    with transaction.atomic():
        if resume:
            won = same.update(
                state=JobState.QUEUED,
                worker="",
                updated_at=now,
                message="Interrupted; starting again",
            )
            if won:
                _task_died(row.task_id)
                _send(row, import_string(row.name))
        else:
            state = JobState.CANCELLED if row.cancel_requested else JobState.FAILED
            won = same.update(
                state=state,
                finished_at=now,
                updated_at=now,
                error="" if row.cancel_requested else INTERRUPTED,
            )
            if won:
                _task_died(row.task_id)
    if won and not resume:
        row.refresh_from_db()
        _after_failure(row)
    if won:
        logger.warning(
            "job %s (%s): its worker %s died; %s",
            row.pk,
            row.name,
            row.worker,
            "queued again" if resume else "ended",
        )
    return won


def _task_died(task_id: str) -> None:
    """django-tasks would show the task as running for ever: mark it failed."""
    from django_tasks_db.models import DBTaskResult

    if task_id:
        DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path="coffeechat.jobs.services.WorkerDied",
            traceback="The worker running this task died.",
        )


def _requeue_if_lost(row: Job) -> int:
    from django_tasks_db.models import DBTaskResult

    waiting = (
        DBTaskResult.objects.filter(id=row.task_id, status="READY").exists()
        if row.task_id
        else False
    )
    if waiting or leases.held(row):
        return 0
    with transaction.atomic():
        won = Job.objects.filter(
            pk=row.pk, state=JobState.QUEUED, updated_at=row.updated_at
        ).update(updated_at=timezone.now())
        if won:
            _task_died(row.task_id)
            _send(row, import_string(row.name))
    return won


def prune(now=None) -> int:
    """Forget finished jobs: the system's own after a day, people's after a week."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    finished = Job.objects.exclude(state__in=ACTIVE)
    gone = finished.filter(owner__isnull=True, finished_at__lt=now - timedelta(days=1)).delete()[0]
    gone += finished.filter(finished_at__lt=now - timedelta(days=7)).delete()[0]
    old = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=now - timedelta(days=1)
    )
    if old.exists():  # a DELETE takes SQLite's write lock even when it finds nothing
        old.delete()
    return gone
