"""Background jobs (issue 22): how long a queued job waits for an idle worker, and how
many short jobs two `coffeechat worker` processes run per second.

    .venv/bin/python benchmarks/bench_jobs.py                  # SQLite data dir
    .venv/bin/python benchmarks/bench_jobs.py --jobs 400
    DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_jobs.py

The jobs are tests/jobs/sample.py's `count` (a loop of one step: the cost is the queue's
own). Waiting: one job queued at a time while two workers idle with their default
interval (1 s between looks at an empty queue), timed from its commit to its end.
Throughput: N jobs queued in one transaction, from the first one's start to the last
one's end. Both are read from the jobs' own timestamps. On
PostgreSQL the database named by DATABASE_URL is used and its job tables emptied first.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.server import Store  # noqa: E402


def env(store: Store) -> dict:
    variables = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    variables["PYTHONPATH"] = str(ROOT)
    if store.database_url:
        variables["DATABASE_URL"] = store.database_url
    return variables


def enqueue(store: Store, count: int) -> list[int]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.jobs.driver", str(store.data_dir), "count", *["[1]"] * count],
        env=env(store),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def all_done(store: Store, ids: list[int]) -> bool:
    rows = store.rows(
        f"SELECT count(*) FROM jobs_job WHERE state = 'done' AND id IN ({','.join(map(str, ids))})"
    )
    return rows[0][0] == len(ids)


def wait(store: Store, ids: list[int]) -> None:
    while not all_done(store, ids):
        time.sleep(0.005)


def seconds(store: Store, ids: list[int], start: str) -> float:
    """From the first job's `start` (created_at or started_at) to the last one's end,
    on the database's own clock."""
    low, high = store.rows(
        f"SELECT min({start}), max(finished_at) FROM jobs_job "
        f"WHERE id IN ({','.join(map(str, ids))})"
    )[0]
    if isinstance(low, str):  # SQLite keeps ISO text
        from datetime import datetime

        low, high = datetime.fromisoformat(low), datetime.fromisoformat(high)
    return (high - low).total_seconds()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--waits", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder), os.environ.get("DATABASE_URL") or None)
        enqueue(store, 1)  # migrates
        if store.database_url:
            store.rows("DELETE FROM jobs_job RETURNING 1")
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "coffeechat.cli.main", "worker", "--data-dir", folder],
                env=env(store),
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            for _ in range(2)
        ]
        try:
            for worker in workers:
                worker.stdout.readline()
            waits = []
            for _ in range(args.waits):
                ids = enqueue(store, 1)
                wait(store, ids)
                waits.append(seconds(store, ids, "created_at"))
            ids = enqueue(store, args.jobs)
            wait(store, ids)
            took = seconds(store, ids, "started_at")
        finally:
            for worker in workers:
                worker.kill()
                worker.wait()
    print(
        f"{store.label}: one job on idle workers, queued to done: median "
        f"{statistics.median(waits) * 1000:.0f} ms, max {max(waits) * 1000:.0f} ms "
        f"({args.waits} jobs)"
    )
    print(
        f"{store.label}: {args.jobs} jobs on 2 workers: {took:.2f} s, {args.jobs / took:.0f} jobs/s"
    )


if __name__ == "__main__":
    main()
