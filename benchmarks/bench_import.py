"""Time `coffeechat import FILE` of a LinkedIn CSV end to end, as a user runs it, into a
workspace that already holds as many people (issue 10: 10,000 rows in <= 5 s,
100,000 in <= 60 s, "dedupe against 10,000 existing people").

    .venv/bin/python benchmarks/bench_import.py                 # 10,000 rows
    .venv/bin/python benchmarks/bench_import.py --rows 10000 100000
    .venv/bin/python benchmarks/bench_import.py --empty         # also into an empty one
    DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_import.py

The timed command is the real one (`coffeechat import --data-dir DIR FILE --json`, a new
process: start-up, preview and commit in one transaction). The workspace is seeded
beforehand in another process and is already migrated, so only the import is timed;
`--empty` also times an import into a migrated workspace with nobody in it. After the
first import the same file is imported again, which must add nobody.

On PostgreSQL the database named by DATABASE_URL is used and its coffeechat tables are
emptied first. One row in ten of the file is someone already there (same profile URL,
other case), one in fifty a close name at the same organization, so the duplicate paths
are timed too.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    'Notes:\n"When exporting your connection data, you may notice that some of the '
    'email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,'
    "Position,Connected On\n"
)
FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Margaret",
    "Priya",
    "Tomás",
    "Wen",
    "Ngozi",
    "Jürgen",
    "Mei",
    "Daniel",
    "Lena",
    "Omar",
    "Sofia",
    "Kenji",
    "Amara",
    "Lucas",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Johnson",
    "Hamilton",
    "Raman",
    "Ortega",
    "Li",
    "Okafor",
    "Müller",
    "Tanaka",
    "Okafor",
    "Novak",
    "Haddad",
    "Rossi",
    "Sato",
    "Diallo",
]


def person(rng, n):
    # A made-up family name per person: real colleagues rarely share a near-identical name.
    family = rng.choice(LAST) + "".join(rng.choice("aeiourstnlkm") for _ in range(6))
    return rng.choice(FIRST), family, f"Company {n % 2000}, Inc"


def existing_records(count, rng):
    for n in range(count):
        first, last, company = person(rng, n)
        yield (
            {
                "name": f"{first} {last}",
                "profile_url": f"https://www.linkedin.com/in/p-{n}",
                "title": "Engineer",
            },
            company,
            [],
        )


def linkedin_file(rows, existing, rng) -> bytes:
    lines = []
    for n in range(rows):
        if n % 10 == 0 and n < existing:  # already there: same profile URL, other case
            first, last, company = person(random.Random(n), n)
            url = f"https://www.LinkedIn.com/in/P-{n}/"
        else:
            first, last, company = person(rng, n + existing)
            url = f"https://www.linkedin.com/in/new-{n}"
        if n % 50 == 5 and n < existing:  # a close name at the same organization
            first, last, company = f"{first}", f"{last}x", person(random.Random(n), n)[2]
        lines.append(f'{first},{last},{url},,"{company}",Engineer,12 Mar 2024')
    return (HEADER + "\n".join(lines) + "\n").encode()


def coffeechat_import(folder: Path, source: Path) -> tuple[str, dict]:
    """The command's wall time and, as the machine may be shared, the CPU time it used."""
    exe = str(Path(sys.executable).with_name("coffeechat"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's code, not the install's
    done = subprocess.run(
        [exe, "import", "--data-dir", str(folder), str(source), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"coffeechat import failed ({done.returncode}): {done.stderr.strip()}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return f"{seconds:.2f} s (CPU {cpu:.2f} s)", json.loads(done.stdout)


def run(work: Path, rows: int, existing: int) -> None:
    folder = work / f"import-{rows}-{existing}"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, __file__, "--seed", str(folder), str(existing)], check=True, cwd=ROOT
    )
    source = folder / "Connections.csv"
    source.write_bytes(linkedin_file(rows, existing, random.Random(2)))
    load = os.getloadavg()[0]
    first, report = coffeechat_import(folder, source)
    again, repeat = coffeechat_import(folder, source)
    found, saved = report["counts"], report["saved"]
    print(
        f"{rows:,} rows ({source.stat().st_size / 1e6:.1f} MB) against {existing:,} people: "
        f"{first}, load {load:.1f} — {found['new']:,} new, {found['same']:,} same, "
        f"{found['possible']:,} possible, {found['rejected']:,} refused; saved "
        f"{saved['added']:,} added, {saved['updated']:,} updated. Same file again: "
        f"{again}, {repeat['saved']['added']:,} added, "
        f"{repeat['saved']['updated']:,} updated",
        flush=True,
    )
    if repeat["saved"]["added"] or repeat["saved"]["updated"]:
        sys.exit("importing the same file twice changed the workspace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000])
    parser.add_argument(
        "--empty", action="store_true", help="also import into a workspace with nobody in it"
    )
    parser.add_argument("--work-dir", help="where workspaces go (default: a new temp folder)")
    parser.add_argument("--seed", nargs=2, metavar=("DIR", "PEOPLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:  # the child process that fills the workspace
        sys.path.insert(0, str(ROOT))
        from benchmarks.data import seed_people

        seed_people(args.seed[0], existing_records(int(args.seed[1]), random.Random(1)))
        return 0
    work = Path(args.work_dir or tempfile.mkdtemp(prefix="coffeechat-bench-import-"))
    print("database: " + ("postgresql" if os.environ.get("DATABASE_URL") else "sqlite"))
    for rows in args.rows:
        run(work, rows, existing=rows)
        if args.empty:
            run(work, rows, existing=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
