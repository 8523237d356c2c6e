"""Data in and out, through the real commands: import, full export, online backup.

Each is timed as a user runs it (`coffeechat import|export|backup`). A command that
fails or runs past its limit is recorded as such, not retried.
"""

import json
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import bench_import
from .load import ROOT, clean_env


def seed_people(folder: str, records) -> None:
    """(Child process of bench_import.py and bench_export.py) the migrated workspace in
    `folder` emptied, then given the people of `records`: (fields, organization name,
    tags) for each, as `create_people` takes them. On PostgreSQL (DATABASE_URL) it is
    that database's local user whose workspace this is."""
    import os

    os.environ["COFFEECHAT_DATA_DIR"] = folder
    from coffeechat.cli.setup import start_django

    start_django(folder, migrate=True)
    from django.db import transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.transfer import archive
    from coffeechat.transfer.saving import create_people

    user = local_user()
    with transaction.atomic():
        for model, field in reversed(archive.owned_models()):
            model._base_manager.filter(**{field: user}).delete()
        create_people(user, records)


def coffeechat(args: list[str], limit: float) -> dict:
    exe = str(Path(sys.executable).with_name("coffeechat"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [exe, *args], env=clean_env(), capture_output=True, text=True, timeout=limit
        )
    except subprocess.TimeoutExpired:
        return {"ok": False, "seconds": limit, "error": f"still running after {limit:.0f} s"}
    seconds = round(time.perf_counter() - started, 2)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return {"ok": False, "seconds": seconds, "error": f"exit {done.returncode}: {tail}"}
    return {"ok": True, "seconds": seconds, "cpu_seconds": round(cpu, 2)}


def imports(work: Path, sizes: tuple[int, ...], limit: float) -> list[dict]:
    """Issue 10's case: a file of N rows into a migrated workspace already holding N
    people, some of them in the file (bench_import.py seeds it in another process)."""
    results = []
    for rows in sizes:
        folder = work / f"import-{rows}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_import", "--seed", str(folder), str(rows)],
            env=clean_env(),
            cwd=ROOT,
            check=True,
        )
        source = folder / "Connections.csv"
        source.write_bytes(bench_import.linkedin_file(rows, rows, random.Random(2)))
        result = coffeechat(["import", "--data-dir", str(folder), str(source), "--json"], limit)
        results.append({"rows": rows, "existing": rows, **result})
    return results


def export(workspace: str, work: Path, limit: float) -> dict:
    out = work / "export.json"
    result = coffeechat(["export", "--data-dir", workspace, str(out)], limit)
    if result["ok"]:
        result["mb"] = round(out.stat().st_size / 2**20, 1)
        out.unlink()
    return result


def backup(workspace: str, work: Path, limit: float) -> dict:
    """The online backup, with a writer committing small transactions the whole time."""
    out, stop = work / "backup.sqlite3", work / "writer.stop"
    stop.unlink(missing_ok=True)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.inprocess",
            "writer",
            "--data-dir",
            workspace,
            "--stop-file",
            str(stop),
        ],
        env=clean_env(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # the writer's pace before the backup starts
    started = time.time()
    result = coffeechat(["backup", "--data-dir", workspace, str(out)], limit)
    ended = time.time()
    time.sleep(1)
    stop.touch()
    writes = json.loads(writer.communicate(timeout=60)[0])
    database = Path(workspace) / "coffeechat.sqlite3"
    during = [ms for at, ms in writes if started <= at <= ended]
    before = [ms for at, ms in writes if at < started]
    result.update(
        database_mb=round(database.stat().st_size / 2**20, 1),
        writes_during=len(during),
        longest_write_ms=round(max(during, default=0), 1),
        writes_per_s_before=round(len(before) / max(started - writes[0][0], 0.001), 1)
        if writes
        else 0,
        writes_per_s_during=round(len(during) / max(ended - started, 0.001), 1),
    )
    if out.exists():
        result["backup_mb"] = round(out.stat().st_size / 2**20, 1)
        out.unlink()
    return result
