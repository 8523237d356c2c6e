"""The long crash run, and what durability costs (docs/RELIABILITY.md).

    .venv/bin/python benchmarks/bench_crash.py                  # 1,000 SIGKILL cycles
    .venv/bin/python benchmarks/bench_crash.py --cycles 200     # what CI runs
    .venv/bin/python benchmarks/bench_crash.py --sync-cost      # synchronous FULL vs NORMAL
    DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_crash.py

The crash run starts `coffeechat serve` on throw-away workspaces (SQLite data dirs, or
scratch databases on the PostgreSQL server of DATABASE_URL), writes through HTTP, kills
the server with SIGKILL at random moments, restarts it and checks every acknowledged
write and PRAGMA integrity_check (tests/reliability/crashkit.py). It prints the figures.

--sync-cost saves people through the services, one transaction each as a request
would, alternating rounds with PRAGMA synchronous=NORMAL and =FULL on the same SQLite
file, and prints the time per committed write. The file goes in the temporary
directory: it must be on a real disk (not tmpfs, where fsync costs nothing).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def crash_run(cycles: int, lanes: int, seed: int) -> None:
    from tests.reliability.crashkit import run_campaign
    from tests.reliability.server import Store, postgres_url, scratch_postgres

    with tempfile.TemporaryDirectory(prefix="coffeechat-crash-") as root, ExitStack() as stack:
        stores = []
        for number in range(lanes):
            data_dir = Path(root) / f"lane-{number}"
            data_dir.mkdir()
            url = (
                stack.enter_context(scratch_postgres("coffeechat_bench_crash"))
                if postgres_url()
                else None
            )
            stores.append(Store(data_dir, url))
        started = time.monotonic()

        def progress(done, total):
            if done % 50 == 0:
                print(
                    f"  lane 0: {done}/{total} cycles, {time.monotonic() - started:.0f} s",
                    flush=True,
                )

        figures = run_campaign(stores, Path(root), cycles, seed, progress=progress)
    print(
        f"\n{stores[0].label}: {figures.cycles} SIGKILL cycles "
        f"({figures.killed_while_starting} while starting) in {figures.seconds:.0f} s"
    )
    print(
        f"  writes sent {figures.attempted}, acknowledged {figures.acknowledged}; "
        f"in flight at a kill: {figures.in_flight_found} found, "
        f"{figures.in_flight_absent} absent (either is allowed)"
    )
    print(
        f"  acknowledged writes looked up after a crash: {figures.checks}, missing: 0; "
        f"integrity checks: {figures.integrity_checks}, all ok"
    )


def sync_cost(writes: int, rounds: int) -> None:
    data_dir = tempfile.mkdtemp(prefix="coffeechat-sync-")  # on disk, not tmpfs (see --help)
    os.environ.pop("DATABASE_URL", None)
    os.environ["COFFEECHAT_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.people.services import create_person

    call_command("migrate", verbosity=0)
    user = local_user()
    timings = {"NORMAL": [], "FULL": []}
    for round_ in range(rounds):
        for mode in ("NORMAL", "FULL") if round_ % 2 else ("FULL", "NORMAL"):
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous={mode}")
                cursor.execute("PRAGMA synchronous")
                assert cursor.fetchone()[0] == {"NORMAL": 1, "FULL": 2}[mode]
            for n in range(writes):
                started = time.perf_counter()
                with transaction.atomic():
                    create_person(user, name=f"{mode} {round_}-{n}", notes="A short note.")
                timings[mode].append(time.perf_counter() - started)
    connection.close()
    shutil.rmtree(data_dir)
    print(
        f"SQLite WAL, {rounds} alternating rounds of {writes} person saves "
        f"(one transaction each), in {data_dir}:"
    )
    for mode, values in timings.items():
        values.sort()
        print(
            f"  synchronous={mode:6} median {statistics.median(values) * 1000:6.2f} ms, "
            f"p95 {values[int(len(values) * 0.95)] * 1000:6.2f} ms, "
            f"{len(values) / sum(values):6.0f} writes/s"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--lanes", type=int, default=2, help="servers side by side")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--sync-cost", action="store_true", help="measure synchronous=FULL against NORMAL instead"
    )
    parser.add_argument("--writes", type=int, default=200, help="per round, with --sync-cost")
    parser.add_argument("--rounds", type=int, default=6, help="with --sync-cost")
    args = parser.parse_args()
    if args.sync_cost:
        sync_cost(args.writes, args.rounds)
    else:
        crash_run(args.cycles, args.lanes, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
