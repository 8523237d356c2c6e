"""A consistent copy of a running instance (SPEC D3), and erasing a person for good (D4).

SQLite: the online backup API copies the database page by page inside one read
transaction, so the copy is the state at one instant even while the server keeps
writing (WAL lets the writers go on). PostgreSQL: pg_dump, which also reads one
snapshot; see docs/DATA.md. The recordings the copy names are copied next to it, into
the folder `<backup file>.media/`, laid out as the data folder's `media/`.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, transaction

from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import recording_belongs
from coffeechat.errors import Invalid
from coffeechat.people import services as people
from coffeechat.trash import services as trash

from .models import ImportJob, JobState


def backup(path: str | os.PathLike) -> Path:
    """Write a consistent copy of the database to `path` (a file, replaced if present),
    and the audio files it names to `recordings_folder(path)`."""
    target = Path(path).expanduser().resolve()
    if target.is_dir():
        raise Invalid(f"{target} is a folder: give the backup file's name.", field="path")
    if not target.parent.is_dir():
        raise Invalid(f"There is no folder {target.parent}.", field="path")
    if connection.vendor == "postgresql":
        _pg_dump(target)
        # pg_dump's snapshot is gone: the rows as they are now. A recording replaced
        # during the dump is the only file that can be missing (docs/DATA.md).

        _copy_recordings(
            target, Conversation.objects.exclude(recording="").values_list("pk", "recording")
        )
        return target
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{connection.settings_dict['NAME']}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # all pages in one step: one read snapshot
        # quick_check: every page, the structure and each row's format. The full
        # integrity_check also compares every index with its table: on a 1 GB workspace
        # it took 13 s of CPU where the copy and this check take 5 (docs/DATA.md).
        check = copy.execute("PRAGMA quick_check").fetchone()[0]
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        named = copy.execute(
            "SELECT id, recording FROM conversations_conversation WHERE recording <> ''"
        ).fetchall()
    finally:
        copy.close()
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise Invalid(f"The copy failed its integrity check ({check}); nothing was written.")
    partial.replace(target)
    _copy_recordings(target, named)
    return target


def recordings_folder(target: str | os.PathLike) -> Path:
    """Where the backup `target` keeps its audio files."""
    target = Path(target)
    return target.with_name(target.name + ".media")


def _copy_recordings(target: Path, named) -> int:
    """Copy each conversation's audio that the backup names, under the same name, into
    a folder written beside it and renamed into place once complete (an older backup's
    folder of the same name is replaced). Returns how many files were copied."""
    from django.core.files.storage import default_storage

    folder = recordings_folder(target)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    copied = 0
    for pk, name in named:
        if not recording_belongs(pk, name) or not default_storage.exists(name):
            continue
        destination = partial / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(default_storage.path(name), destination)
        copied += 1
    shutil.rmtree(folder, ignore_errors=True)
    if copied:
        partial.replace(folder)
    return copied


def _pg_dump(target: Path) -> Path:
    program = shutil.which("pg_dump")
    if not program:
        raise Invalid(
            "pg_dump is not installed: install the PostgreSQL client tools, or see "
            "docs/DATA.md for the backup commands."
        )
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    command = [
        program,
        "--format=custom",
        "--no-owner",
        f"--file={target}",
        f"--host={settings.get('HOST') or 'localhost'}",
        f"--port={settings.get('PORT') or 5432}",
        f"--username={settings.get('USER') or 'postgres'}",
        settings["NAME"],
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise Invalid(f"pg_dump failed: {result.stderr.strip()[:500]}")
    return target


# ---- erase (SPEC D4) ---------------------------------------------------------------


def erase_person(user, pk) -> dict:
    """Delete a person and everything said about them, then make the bytes go too.

    The rows go through `destroy_person`, never the Trash (conversations, events, notes,
    search entries, imported ids), and Trash items holding them go too; once that
    commits, their recordings are overwritten and deleted (conversations/apps.py). On
    SQLite, `secure_delete` overwrites the freed pages with zeros, the full-text index
    is rewritten without the old terms, and once the transaction commits the write-ahead
    log is checkpointed and truncated, so no old copy of a page stays on disk. Returns
    what was erased, for the confirmation.
    """
    summary = people.deletion_summary(user, pk)
    summary = {key: value for key, value in summary.items() if key != "person"} | {
        "name": summary["person"].name
    }
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    people.destroy_person(user, pk)
    summary["trash_items"] = trash.forget_person(user, pk)
    # Import reports may quote the person's row: finished ones are dropped.
    summary["import_reports"] = (
        ImportJob.objects.filter(owner=user)
        .exclude(state__in=[JobState.CHECKING, JobState.SAVING])
        .delete()[0]
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        transaction.on_commit(checkpoint)
    summary["purged"] = connection.vendor == "sqlite"
    return summary


def checkpoint() -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
