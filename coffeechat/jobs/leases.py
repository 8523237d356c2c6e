"""A job's lease: a lock its worker holds while it runs, let go the moment it dies.

A heartbeat written to the job's row would tell a dead worker from a slow one only
after a delay, and on SQLite it could not even be written while a long transaction
(an import's save) holds the database's one write lock. These locks need no writes:
- PostgreSQL: a session advisory lock on the worker's connection. A killed process
  drops its connection and the server releases the lock; any process, on any machine,
  sees in `pg_locks` whether it is still held.
- SQLite (one machine): `flock` on a file in the data folder. The kernel releases it
  when the process dies; another process (or thread) finds it free.
Where neither exists (Windows), a running job untouched for STALE counts as dead.
(First written for imports in issue 18, coffeechat/transfer; now every job's.)
"""

import os
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

STALE = timedelta(minutes=30)
NAMESPACE = 0x636F6A71  # "cojq": the advisory-lock key space of jobs


def identity() -> str:
    """Which worker runs a job: host, process and thread, for the row and for people."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{threading.get_ident() % 100000}"


def _key(pk: int) -> tuple[int, int]:
    return NAMESPACE, int(pk) & 0x7FFFFFFF


def _lock_file(pk: int) -> Path:
    return Path(settings.DATA_DIR) / "locks" / f"job-{int(pk)}.lock"


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
            path.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)


def held(job) -> bool:
    """Whether some live process holds job's lease."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = "
                "'advisory' AND database = (SELECT oid FROM pg_database WHERE "
                "datname = current_database()) AND classid = %s AND objid = %s "
                "AND objsubid = 2 AND granted)",
                _key(job.pk),
            )
            return cursor.fetchone()[0]
    if fcntl is None:
        return job.updated_at >= timezone.now() - STALE
    try:
        handle = open(_lock_file(job.pk), "rb")  # never created here: a worker makes it
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True  # its worker holds it
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
