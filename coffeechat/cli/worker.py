"""Run background jobs: imports, transcriptions, the daily digests (no cron needed).

`coffeechat serve` already runs them in its own process; in team mode start the web
processes with --no-worker and run one or more `coffeechat worker` beside them. Each
job runs once however many workers there are, and a job whose worker was killed is
resumed or marked failed when a worker starts again (docs/DEPLOY.md).
"""

import argparse
import threading
from datetime import datetime


def describe(name: str) -> str:
    return __doc__


def moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time: use YYYY-MM-DDTHH:MM+00:00"
        ) from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give the time zone too, e.g. 2026-11-25T08:00+00:00")
    return value


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--once",
        action="store_true",
        help="run the jobs that are waiting (and the digests due), then exit",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between looks at an empty queue (default 1)",
    )
    parser.add_argument(
        "--now",
        type=moment,
        metavar="DATETIME",
        help="pretend it is this moment (with --once; for tests and replays)",
    )


def run(args) -> int:
    from .setup import start_django

    start_django(args.data_dir, migrate=True)
    from coffeechat.jobs import worker

    if args.once:
        return _once(args)
    stop = threading.Event()
    threads = worker.start(stop, interval=args.interval)
    print("coffeechat worker: running background jobs; Ctrl-C to stop.", flush=True)
    try:
        while any(thread.is_alive() for thread in threads):
            threads[0].join(0.5)
    except KeyboardInterrupt:
        stop.set()  # a job that is running is recovered by the next worker to start
    return 0


def _once(args) -> int:
    from coffeechat.jobs import worker
    from coffeechat.jobs.models import Job
    from coffeechat.jobs.services import enqueue
    from coffeechat.today.jobs import send_digests

    path = send_digests.module_path
    if args.now:
        enqueue(send_digests, now=args.now.isoformat(), key=path)
    ran = worker.run_once()
    sent = sum(
        (job.result or {}).get("sent", 0) for job in Job.objects.filter(task_id__in=ran, name=path)
    )
    print(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
    return 0
