"""Restart the server in a fraction of a second, for the crash cycles.

    python -m tests.reliability.zygote --data-dir D --port P --log L [--threads 4]

Loads Django and the WSGI app once, opens no database connection, then on each
`start` line from stdin forks a server: a new session running granian with the same
app and options as `coffeechat serve`, its worker forked from that loaded state instead
of spawned afresh. A SIGKILL to the session is the same crash as for `coffeechat serve`
(the same app, transactions and database settings), but a restart costs milliseconds of
CPU instead of the two seconds of importing Django twice. `wait` reaps the last server
and answers its exit status.
"""

import argparse
import multiprocessing
import os
import sys

from granian import Granian
from granian.constants import Interfaces


def load(data_dir: str) -> None:
    from coffeechat.cli.setup import start_django

    start_django(data_dir, migrate=True)
    from django.db import connections
    from django.test import Client

    import coffeechat.wsgi  # noqa: F401 - the app the forked workers serve

    # Compile the URLs and templates of the first page once, for every fork.
    Client(HTTP_HOST="127.0.0.1").get("/people/?q=ready")
    connections.close_all()  # a connection must never be shared by forked processes


def serve(port: int, threads: int, log: str) -> None:
    """In the forked child: a session of its own (one killpg takes it all), then granian."""
    os.setsid()
    out = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    multiprocessing.set_start_method("fork", force=True)
    Granian(
        "coffeechat.wsgi:application",
        address="127.0.0.1",
        port=port,
        interface=Interfaces.WSGI,
        workers=1,
        blocking_threads=threads,
        workers_kill_timeout=5,
        log_level="warning",
    ).serve()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    load(args.data_dir)
    print("loaded", flush=True)
    child = None
    for line in sys.stdin:
        command = line.strip()
        if command == "start":
            child = os.fork()
            if child == 0:
                try:
                    serve(args.port, args.threads, args.log)
                finally:
                    os._exit(0)
            print(child, flush=True)
        elif command == "wait" and child:
            _, status = os.waitpid(child, 0)
            print(os.waitstatus_to_exitcode(status), flush=True)
            child = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
