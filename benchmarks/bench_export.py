"""Time and peak memory of `coffeechat export` (JSON) and `coffeechat restore` of a
workspace of 100,000 people (issue 27 point 11: the export must stream in constant memory).

    .venv/bin/python benchmarks/bench_export.py                     # 100,000 people
    .venv/bin/python benchmarks/bench_export.py --people 10000 100000

Each command is a new process, as a user runs it; its peak memory is the child's maximum
resident set (os.wait4). The workspace is seeded beforehand in another process: people
with a title, an organization (one per 50), notes and two tags each; the workspace
restored into is migrated (and on PostgreSQL, where it is the same database, emptied)
beforehand too, so that only the restore is timed.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def records(people: int):
    """People with a title, an email, notes, an organization (one per 50) and two tags."""
    return (
        (
            {
                "name": f"Person {n}",
                "title": "Engineer",
                "email": f"p{n}@example.org",
                "notes": "Met at the meetup; ask about the team. " * 3,
            },
            f"Company {n % (people // 50 or 1)}",
            [f"tag {n % 7}", f"group {n % 13}"],
        )
        for n in range(people)
    )


def measure(arguments: list[str]) -> tuple[str, float]:
    """(wall and CPU seconds, peak MB) of one `coffeechat …` process: on a shared machine
    the CPU time is the steadier figure. The code is this checkout's, not the one the
    virtual environment was installed from (an editable install elsewhere)."""
    exe = str(Path(sys.executable).with_name("coffeechat"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(
        [exe, *arguments], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        sys.exit(f"coffeechat {' '.join(arguments)} failed: {child.stderr.read().decode()}")
    cpu = usage.ru_utime + usage.ru_stime
    return f"{seconds:.1f} s (CPU {cpu:.1f} s)", usage.ru_maxrss / 1024


def seed(folder: Path, people: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, __file__, "--seed", str(folder), str(people)], check=True, cwd=ROOT
    )


def run(work: Path, people: int) -> None:
    folder = work / f"export-{people}"
    seed(folder, people)
    out = work / f"export-{people}.json"
    seconds, peak = measure(["export", "--data-dir", str(folder), str(out)])
    size = out.stat().st_size / 1e6
    target = work / f"restore-{people}"
    seed(target, 0)  # migrated and empty (on PostgreSQL: the same database, emptied)
    restore_seconds, restore_peak = measure(["restore", "--data-dir", str(target), str(out)])
    print(
        f"{people:,} people: export {seconds}, peak {peak:.0f} MB, {size:.0f} MB of "
        f"JSON; restore {restore_seconds}, peak {restore_peak:.0f} MB "
        f"(load {os.getloadavg()[0]:.1f})",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[100_000])
    parser.add_argument("--work-dir", help="where workspaces go (default: a new temp folder)")
    parser.add_argument("--seed", nargs=2, metavar=("DIR", "PEOPLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:  # the child process that fills (or, with 0 people, empties) a workspace
        sys.path.insert(0, str(ROOT))
        from benchmarks.data import seed_people

        seed_people(args.seed[0], records(int(args.seed[1])))
        return 0
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="coffeechat-bench-export-"))
    print("database: " + ("postgresql" if os.environ.get("DATABASE_URL") else "sqlite"))
    for people in args.people:
        run(work, people)
    return 0


if __name__ == "__main__":
    sys.exit(main())
