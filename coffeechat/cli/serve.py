"""Run the coffeechat web app with a production server (granian, WSGI).

Applies pending migrations first. In personal mode the server binds only to a
loopback address: your notes are about real people, and nobody else on the
network should reach them. For several users, run in team mode (see docs/DEPLOY.md).
"""

import argparse
import ipaddress
import sys


def describe(name: str) -> str:
    return __doc__


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to bind (default 8000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="threads per worker (default 4; see docs/DECISIONS.md)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="fill an empty workspace with a realistic example first"
    )
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="do not run background jobs (imports, digests, "
        "transcription) in this process: run `coffeechat worker`",
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args) -> int:
    from coffeechat.config import mode

    # The very mode the settings will use (config.mode); a bad value stops here.
    if mode() == "personal" and not is_loopback(args.host):
        print(
            f"coffeechat: refusing to listen on {args.host} in personal mode.\n"
            "Personal mode has no login: anyone who can reach the port could read your "
            "notes.\nUse --host 127.0.0.1, or run team mode (COFFEECHAT_MODE=team with "
            "DATABASE_URL), which has accounts and login.",
            file=sys.stderr,
        )
        return 2
    from .setup import start_django

    start_django(args.data_dir, migrate=True)
    if args.demo:
        _fill_demo()
    stop = None if args.no_worker else _start_worker()
    try:
        _serve(args)
    finally:
        if stop is not None:
            stop.set()
    return 0


def _start_worker():
    """Background jobs without a second command: worker threads in the serving process
    (coffeechat/jobs/worker.py). Killed with it, their jobs are recovered at the next
    start."""
    import threading

    from django.db import connections

    from coffeechat.jobs import worker

    connections.close_all()  # nothing opened here may leak into the server's workers
    stop = threading.Event()
    worker.start(stop)
    return stop


def _fill_demo() -> None:
    from django.db import transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.demo.services import build_demo_workspace

    with transaction.atomic():
        created = build_demo_workspace(local_user())
    print("Demo workspace created." if created else "Workspace not empty: demo data skipped.")


def _serve(args) -> None:
    import multiprocessing

    from django.conf import settings
    from granian import Granian
    from granian.constants import Interfaces

    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"coffeechat is running at http://{host}:{args.port}/  (data: {settings.DATA_DIR})")
    print("Press Ctrl-C to stop.", flush=True)
    # Workers start fresh ("spawn", as on macOS and Windows) rather than as forks of a
    # process that runs the job threads and holds database connections.
    multiprocessing.set_start_method("spawn", force=True)
    Granian(
        "coffeechat.wsgi:application",
        address=args.host,
        port=args.port,
        interface=Interfaces.WSGI,
        workers=args.workers,
        # granian's default of 256 threads doubled memory and p99 on a Django page.
        blocking_threads=args.threads,
        # Ctrl-C must stop the server even when a worker is slow to finish its request.
        workers_kill_timeout=5,
        log_level="warning",
    ).serve()
