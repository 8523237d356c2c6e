"""Who is working on an import job, so that a job whose worker died is known at once.

A worker holds a lock for the job for as long as its step runs, and the operating
system or the database lets go of that lock the moment the worker's process dies:
- PostgreSQL: a session advisory lock on the worker's connection. A killed process
  drops its connection and the server releases the lock; any process, on any machine,
  sees in `pg_locks` whether it is still held.
- SQLite (one machine): `flock` on a file in the data folder. The kernel releases it
  when the process dies; another process (or thread) finds it free.

A lock taken by no one while the job says "checking" or "saving" means its worker is
gone: the transaction it was in rolled back with it, so nothing was saved, and the job
can be discarded at once. A SQLite save holds the database's write lock for its whole
transaction, so a heartbeat written to the job's row could not be written while it
saves; these locks need no writes.
"""

import os
import socket
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

try:
    import fcntl
except ImportError:  # Windows: no flock; jobs then count as orphaned only after STALE
    fcntl = None

# Which process took the job, for the row (and for people reading it).
IDENTITY = f"{socket.gethostname()[:60]}:{os.getpid()}"
# Between its request's commit and its thread taking the lock, a job has no worker yet.
START_GRACE = timedelta(minutes=5)
# Without any lock to ask (no flock), a busy job untouched this long is orphaned.
STALE = timedelta(minutes=30)
NAMESPACE = 0x636F6A62  # "cojb": the advisory-lock key space of import jobs


def _key(pk: int) -> tuple[int, int]:
    return NAMESPACE, int(pk) & 0x7FFFFFFF


def _lock_file(pk: int) -> Path:
    return Path(settings.DATA_DIR) / "locks" / f"import-{int(pk)}.lock"


@contextmanager
def lease(pk: int):
    """Hold job `pk`'s lock while the block runs (on this thread's connection)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", _key(pk))
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", _key(pk))
        return
    if fcntl is None:
        yield
        return
    path = _lock_file(pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    path.unlink(missing_ok=True)


def orphaned(job) -> bool:
    """Whether a busy job's worker is gone (its process died, or never started)."""
    if not job.busy:
        return False
    if not job.worker:
        return job.updated_at < timezone.now() - START_GRACE
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = "
                           "'advisory' AND database = (SELECT oid FROM pg_database WHERE "
                           "datname = current_database()) AND classid = %s AND objid = %s "
                           "AND objsubid = 2 AND granted)", _key(job.pk))
            return cursor.fetchone()[0]
    if fcntl is None:
        return job.updated_at < timezone.now() - STALE
    try:
        handle = open(_lock_file(job.pk), "rb")  # never created here: a worker makes it
    except FileNotFoundError:
        return True
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # its worker holds it
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True
