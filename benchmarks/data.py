"""Data in and out, through the real commands: import, full export, online backup.

Each is timed as a user runs it (`coffeechat import|export|backup`). A command that
fails or runs past its limit is recorded as such, not retried.
"""

import csv
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .load import ROOT, clean_env

# Names of their own: this process does not start Django (the generator's lists need it).
FIRST = ("Ana Ben Chen Dara Eli Femi Gita Hugo Ines Jae Kemi Lars Mona Nils Omar Pia Quinn "
         "Rui Sana Tomas Uma Vera Wen Xavi Yara Zeno").split()
LAST = ("Abara Berg Costa Dahl Eze Fox Gil Haas Ito Jovanovic Kaur Lund Moss Naidoo Ortiz "
        "Pike Quist Rana Sato Tran Ueda Voss Wolfe Xu Yilmaz Zulu").split()
ORG_HEADS = [f"{word}{n or ''}" for n in range(25) for word in
             ("Acme", "Blue", "Civic", "Delta", "Echo", "Fern", "Gale", "Helix")]
ORG_TAILS = ("Health", "Labs", "Studio", "Transit", "Analytics")
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]


def coffeechat(args: list[str], limit: float) -> dict:
    exe = str(Path(sys.executable).with_name("coffeechat"))
    started = time.perf_counter()
    try:
        done = subprocess.run([exe, *args], env=clean_env(), capture_output=True, text=True,
                              timeout=limit)
    except subprocess.TimeoutExpired:
        return {"ok": False, "seconds": limit, "error": f"still running after {limit:.0f} s"}
    seconds = round(time.perf_counter() - started, 2)
    if done.returncode:
        tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return {"ok": False, "seconds": seconds, "error": f"exit {done.returncode}: {tail}"}
    return {"ok": True, "seconds": seconds}


def linkedin_csv(path: Path, rows: int, seed: int = 1) -> None:
    """A LinkedIn Connections.csv of `rows` people: seeded names, 1,000 companies."""
    rng = random.Random(seed)
    companies = [f"{head} {tail}" for head in ORG_HEADS for tail in ORG_TAILS]
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("Notes:\n\"When exporting your connection data, you may notice that some "
                     "of the email addresses are missing.\"\n\n")
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            slug = f"{first}-{last}-{i}".lower()
            writer.writerow([first, last, f"https://www.linkedin.com/in/{slug}",
                             f"{slug}@example.org" if rng.random() < 0.2 else "",
                             rng.choice(companies), "Researcher",
                             f"{rng.randint(1, 28)} Mar {rng.randint(2015, 2026)}"])


def imports(work: Path, sizes: tuple[int, ...], limit: float) -> list[dict]:
    results = []
    for rows in sizes:
        folder = work / f"import-{rows}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        source = folder / "Connections.csv"
        linkedin_csv(source, rows)
        result = coffeechat(["import", "--data-dir", str(folder), str(source), "--json"], limit)
        results.append({"rows": rows, **result})
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
        [sys.executable, "-m", "benchmarks.inprocess", "writer", "--data-dir", workspace,
         "--stop-file", str(stop)], env=clean_env(), cwd=ROOT, stdout=subprocess.PIPE,
        text=True)
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
        writes_during=len(during), longest_write_ms=round(max(during, default=0), 1),
        writes_per_s_before=round(len(before) / max(started - writes[0][0], 0.001), 1)
        if writes else 0,
        writes_per_s_during=round(len(during) / max(ended - started, 0.001), 1))
    if out.exists():
        result["backup_mb"] = round(out.stat().st_size / 2**20, 1)
        out.unlink()
    return result
