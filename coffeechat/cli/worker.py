"""Send the daily digests (and any other background work) without cron.

`coffeechat serve` already does this in the background; run `coffeechat worker`
instead when the web processes should not, e.g. behind a proxy in team mode. Each
digest is claimed with a conditional UPDATE, so any number of workers send it once.
"""

import argparse
import os
import socket
import threading
from datetime import datetime


def describe(name: str) -> str:
    return __doc__


def moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date and time: use "
                                         "YYYY-MM-DDTHH:MM+00:00") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give the time zone too, e.g. 2026-11-25T08:00+00:00")
    return value


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="do one round and exit")
    parser.add_argument("--interval", type=float, default=60.0,
                        help="seconds between rounds (default 60)")
    parser.add_argument("--now", type=moment, metavar="DATETIME",
                        help="pretend it is this moment (with --once; for tests and replays)")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run(args) -> int:
    from .setup import start_django

    start_django(args.data_dir, migrate=True)
    from django.utils import timezone

    from coffeechat.today.services import digest_loop, run_digests_once

    if args.once:
        sent = run_digests_once(worker_name(), args.now or timezone.now())
        print(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
        return 0
    stop = threading.Event()
    print("coffeechat worker: sending digests; Ctrl-C to stop.", flush=True)
    try:
        digest_loop(worker_name(), stop, args.interval)
    except KeyboardInterrupt:
        stop.set()
    return 0
