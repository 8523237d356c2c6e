"""Data in and out (SPEC D1-D4): import jobs, export, restore, backup, erase.

An import is a job: the file is checked and previewed, then committed in one
transaction. Small files run inside the request; large ones as a background job
(coffeechat/jobs, transfer/jobs.py) queued with the request's commit, which writes
its progress on the import's row between steps (never inside its own transaction, so
the page can read it). A worker killed in the middle of a step rolled back what it
was saving; the step is run again once by the next worker, then marked interrupted.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from coffeechat.errors import DomainError, Invalid, NotFound, UnknownColumns
from coffeechat.explorations.services import explorations_for
from coffeechat.jobs import services as jobs

from . import importers, importing
from . import jobs as steps  # its steps call back here: attributes read at call time
from .importing import Choice, Status
from .models import ImportJob, JobState

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
# Files up to this size are read and saved inside the request (about 2,000 LinkedIn rows).
INLINE_BYTES = 256 * 1024
SHOWN = {Status.NEW: 50, Status.SAME: 200}  # rows listed in the preview, per status
KEEP_FINISHED = timedelta(days=1)
INTERRUPTED = (
    "The import was interrupted (was the app stopped?). Nothing was saved: upload the file again."
)


def check_size(size: int) -> None:
    if size > max_bytes():
        raise Invalid(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{max_bytes() // 1024 // 1024} MB. Split it, or import it with "
            "`coffeechat import`, which has no limit.",
            field="file",
        )


def max_bytes() -> int:
    return getattr(settings, "COFFEECHAT_IMPORT_MAX_BYTES", MAX_BYTES)


def inline(size: int) -> bool:
    return size <= getattr(settings, "COFFEECHAT_IMPORT_INLINE_BYTES", INLINE_BYTES)


# ---- the whole import in one call (CLI, tests) -----------------------------------


def preview(user, data: bytes, format: str | None = None, progress=None, columns=None) -> tuple:
    """(parsed file, planned rows): what importing `data` would do. Changes nothing.
    `columns` maps fields to the file's columns for a CSV whose header is not known."""
    parsed = importers.read(data, format, columns)
    return parsed, importing.plan(user, parsed, progress)


def import_contacts(
    user,
    data: bytes,
    format: str | None = None,
    choices=None,
    default: Choice = Choice.MERGE,
    progress=None,
    columns=None,
) -> tuple:
    """Plan and commit; the caller owns the transaction (all-or-nothing)."""
    parsed, planned = preview(user, data, format, progress, columns)
    return parsed, planned, importing.commit(user, planned, choices, default)


# ---- import jobs (web) -----------------------------------------------------------


def jobs_for(user) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(owner=user).defer("data")


def get_job_for(user, pk) -> ImportJob:
    try:
        job = jobs_for(user).get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such import.") from None
    if job.busy and job.background_id is not None:
        # Reading it finds a job whose worker died: queued again, or ended (interrupted).
        if not jobs.get_job_for(user, job.background_id).active:
            interrupted(job.pk)
        job.refresh_from_db()
    return job


def interrupted(pk) -> None:
    """A step that ended without moving the import on: its worker died (the transaction
    it was in rolled back with it) and will not be started again."""
    ImportJob.objects.filter(pk=pk, state__in=[JobState.CHECKING, JobState.SAVING]).update(
        state=JobState.FAILED, data=b"", updated_at=timezone.now(), error=INTERRUPTED
    )


def start_job(user, file_name: str, data: bytes, format: str = "") -> ImportJob:
    """Check that the file is one we read, then preview it now or in the background."""
    check_size(len(data))
    try:
        importers.sniff(data, format or None)
    except UnknownColumns as error:
        return _waiting_for_columns(user, file_name, data, error)
    jobs_for(user).filter(created_at__lt=timezone.now() - KEEP_FINISHED).exclude(
        state__in=[JobState.CHECKING, JobState.SAVING]
    ).delete()
    job = ImportJob.objects.create(owner=user, file_name=file_name[:255], format=format, data=data)
    _run(check_job, job, inline=inline(len(data)))
    return get_job_for(user, job.pk)


def _waiting_for_columns(user, file_name: str, data: bytes, error) -> ImportJob:
    """A CSV whose columns were not recognised: kept, with its columns, until the user
    says which holds what (`map_columns`). Nothing is read from it before that."""
    columns = importers.header_of(data)
    if not columns:
        raise error
    return ImportJob.objects.create(
        owner=user,
        file_name=file_name[:255],
        format="csv",
        data=data,
        state=JobState.FAILED,
        error=error.message,
        report={"columns": columns, "fields": importers.MAPPABLE},
    )


def map_columns(user, pk, mapping: dict[str, str]) -> ImportJob:
    """Read a held CSV with the columns the user chose (field -> column name)."""
    job = get_job_for(user, pk)
    columns = job.report.get("columns")
    if job.state != JobState.FAILED or not columns or not job.data:
        raise Invalid("This import is not waiting for its columns.")
    mapping = {
        field: column for field, column in mapping.items() if field in importers.MAPPABLE and column
    }
    if not mapping:
        raise Invalid(
            "Choose which column holds what: at least the name, an email or a phone.",
            field="columns",
        )
    importers.sniff(bytes(job.data), "csv", mapping)  # Invalid names the missing column
    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.CHECKING,
        error="",
        updated_at=timezone.now(),
        report={"columns": columns, "mapping": mapping},
    )
    _run(check_job, job, inline=inline(len(job.data)))
    return get_job_for(user, pk)


def commit_job(user, pk, choices: dict[int, str], for_new: dict | None = None) -> ImportJob:
    """Save a previewed import as the user resolved its possible duplicates; `for_new`
    gives the people it creates an exploration, a level and tags (validated by the form)."""
    job = get_job_for(user, pk)
    if job.state != JobState.READY:
        raise Invalid("This import is not waiting to be saved (it may be saved already).")
    bad = [line for line, choice in choices.items() if choice not in set(Choice)]
    if bad:
        raise Invalid(f"Line {bad[0]}: choose merge, new or skip.", field=f"line-{bad[0]}")
    report = {
        **job.report,
        "choices": {str(k): v for k, v in choices.items()},
        "for_new": for_new or {},
    }
    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.SAVING, report=report, updated_at=timezone.now()
    )
    _run(save_job, job, inline=inline(len(job.data)))
    return get_job_for(user, pk)


def discard_job(user, pk) -> None:
    job = get_job_for(user, pk)
    if job.state == JobState.SAVING:
        raise Invalid("This import is being saved and can no longer be cancelled.")
    if job.busy and job.background_id is not None:
        jobs.cancel(user, job.background_id)  # stops reading the file at its next step
    job.delete()


def _run(step, job, inline: bool) -> None:
    if inline:
        step(job.pk)
        return
    # Queued in the request's transaction: a worker takes it once this row is committed.
    background = jobs.enqueue(
        steps.import_step,
        job.pk,
        step.__name__,
        owner=job.owner,
        label=f"Import of {job.file_name}"[:200],
    )
    ImportJob.objects.filter(pk=job.pk).update(background=background)


def check_job(pk, progress=None) -> None:
    """Read and preview an import; `progress` is its background job's, if it has one."""
    job = ImportJob.objects.get(pk=pk)

    def step(done, total):
        _update(pk, done=done)
        if progress is not None:
            progress.update(done=done, total=total)  # raises Cancelled when discarded

    try:
        mapping = job.report.get("mapping")
        parsed = importers.read(bytes(job.data), job.format or None, mapping)
        _update(pk, total=len(parsed.rows), format=parsed.format)
        planned = importing.plan(job.owner, parsed, progress=step)
        _update(
            pk,
            state=JobState.READY,
            done=len(planned),
            report={**preview_report(parsed, planned), **({"mapping": mapping} if mapping else {})},
        )
    except Exception as error:
        if isinstance(error, jobs.Cancelled):
            raise
        _failed(pk, error)


def save_job(pk, progress=None) -> None:
    job = ImportJob.objects.get(pk=pk)
    try:
        parsed = importers.read(bytes(job.data), job.format or None, job.report.get("mapping"))
        choices = {int(line): choice for line, choice in job.report.get("choices", {}).items()}
        with transaction.atomic():
            # Planned again inside the transaction: someone may have added people since.
            planned = importing.plan(job.owner, parsed)
            summary = importing.commit(
                job.owner, planned, choices, for_new=_for_new(job.owner, job.report)
            )
            _update(
                pk, state=JobState.DONE, data=b"", report={**job.report, "summary": vars(summary)}
            )
    except Exception as error:
        _failed(pk, error)


def _for_new(owner, report) -> dict:
    """The settings for new people, the exploration checked again: it may be gone."""

    settings = dict(report.get("for_new") or {})
    if (
        settings.get("exploration_id")
        and not explorations_for(owner).filter(pk=settings["exploration_id"]).exists()
    ):
        settings["exploration_id"] = None
    return settings


def _update(pk, **fields) -> None:
    # A savepoint: should PostgreSQL refuse the write, the job can still be marked failed.
    with transaction.atomic():
        ImportJob.objects.filter(pk=pk).update(updated_at=timezone.now(), **fields)


def _failed(pk, error: Exception) -> None:
    if isinstance(error, DomainError):
        message = error.message
    else:
        logger.exception("import %s failed", pk)
        message = "Something unexpected stopped the import. Nothing was saved."
    _update(pk, state=JobState.FAILED, error=message, data=b"")


def preview_report(parsed, planned) -> dict:
    shown, rows = Counter(), []
    for row in planned:
        limit = SHOWN.get(row.status)
        if row.status == Status.SAME and not row.fills:
            continue
        shown[row.status] += 1
        if limit is None or shown[row.status] <= limit:
            rows.append(row.as_dict())
    return {
        "format": parsed.format,
        "label": parsed.label,
        "encoding": parsed.encoding,
        "counts": importing.counts(planned),
        "rows": rows,
        "moved": importing.moved_counts(planned),
    }
