"""A real `coffeechat serve` process and a plain HTTP client for it.

The reliability tests talk to the app the way a browser does: form posts with a CSRF
token, redirects read from the Location header, nothing followed automatically.
The server runs on a SQLite data dir, or on a scratch PostgreSQL database when the
suite itself runs on PostgreSQL (DATABASE_URL).
"""

import http.client
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parents[2]
CSRF = secrets.token_hex(16)  # 32 characters: Django takes an unmasked secret as the token
# What a client sees when the server dies under it.
DROPPED = (ConnectionError, http.client.HTTPException, TimeoutError, OSError)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


@contextmanager
def scratch_postgres(prefix: str = "coffeechat_reliability"):
    """A database of its own on the suite's PostgreSQL server, dropped afterwards."""
    url = postgres_url()
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"  # unique among parallel runs
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@dataclass
class Store:
    """Where a server keeps its data: a data dir, and a PostgreSQL URL or None (SQLite)."""

    data_dir: Path
    database_url: str | None = None

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "coffeechat.sqlite3"

    @property
    def label(self) -> str:
        return "PostgreSQL" if self.database_url else "SQLite"

    def connect(self):
        """A DB-API connection for checking what the server wrote (autocommit reads)."""
        if self.database_url:
            return psycopg.connect(self.database_url, autocommit=True)
        connection = sqlite3.connect(self.sqlite_path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA busy_timeout=30000")
        return connection

    def rows(self, sql: str) -> list[tuple]:
        connection = self.connect()
        try:
            return list(connection.execute(sql).fetchall())
        finally:
            connection.close()

    def integrity(self) -> list[str]:
        """Problems found by SQLite's own checks; PostgreSQL's pages are its own affair."""
        if self.database_url:
            return []
        found = [row[0] for row in self.rows("PRAGMA integrity_check") if row[0] != "ok"]
        return found + [f"foreign key: {row}" for row in self.rows("PRAGMA foreign_key_check")]


def server_env(store: Store) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(COFFEECHAT_TIME_ZONE="UTC", PYTHONUNBUFFERED="1")
    if store.database_url:
        env["DATABASE_URL"] = store.database_url
    return env


class Server:
    """`coffeechat serve` in its own process group, so that one SIGKILL takes
    the granian supervisor and its worker down together, as a crash would."""

    def __init__(self, store: Store, log: Path, workers: int = 1, threads: int = 4):
        self.store, self.log, self.workers, self.threads = store, log, workers, threads
        self.port = free_port()
        self.process = None
        self.zygote = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, quick: bool = False) -> None:
        """`coffeechat serve`, or with `quick` the same app forked by a zygote that has
        Django loaded already (tests/reliability/zygote.py): a restart in milliseconds."""
        if quick:
            self.process = self.fork()
            return
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "coffeechat.cli.main",
                    "serve",
                    "--data-dir",
                    str(self.store.data_dir),
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                ],
                env=server_env(self.store),
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def fork(self) -> "Forked":
        if self.zygote is None:
            with open(self.log, "ab") as log:
                self.zygote = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "tests.reliability.zygote",
                        "--data-dir",
                        str(self.store.data_dir),
                        "--port",
                        str(self.port),
                        "--log",
                        str(self.log),
                        "--threads",
                        str(self.threads),
                    ],
                    env=server_env(self.store),
                    cwd=ROOT,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=log,
                    text=True,
                )
            if self.zygote.stdout.readline().strip() != "loaded":
                raise RuntimeError("the zygote did not load:\n" + self.log_tail())
        self.zygote.stdin.write("start\n")
        self.zygote.stdin.flush()
        return Forked(self.zygote, int(self.zygote.stdout.readline()))

    def close(self) -> None:
        """End the zygote, if one was started."""
        if self.zygote is not None:
            self.zygote.stdin.close()
            self.zygote.wait(timeout=30)
            self.zygote = None

    def wait_ready(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the server exited with {self.process.returncode}:\n" + self.log_tail()
                )
            try:
                if Client(self.port).get("/people/?q=ready").status == 200:
                    return
            except DROPPED:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the server did not answer in time:\n" + self.log_tail())
            time.sleep(0.03)

    def kill(self) -> None:
        """SIGKILL the whole process group: no handler runs, nothing is flushed."""
        for kill in (os.killpg, os.kill):  # os.kill: a fork killed before its setsid()
            try:
                kill(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()

    def stop(self) -> int:
        """Ctrl-C, as a user stops it."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return -9

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


class Forked:
    """A server forked by the zygote: what Server needs of a Popen (poll, wait, pid)."""

    def __init__(self, zygote: subprocess.Popen, pid: int):
        self.zygote, self.pid, self.returncode = zygote, pid, None

    def poll(self) -> int | None:
        if self.returncode is None and not alive(self.pid):
            self.wait()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:  # the zygote is its parent: only it can reap it
            self.zygote.stdin.write("wait\n")
            self.zygote.stdin.flush()
            self.returncode = int(self.zygote.stdout.readline())
        return self.returncode


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


@dataclass
class Response:
    status: int
    location: str
    body: str


class Client:
    """One request per connection; redirects are returned, not followed."""

    def __init__(self, port: int, timeout: float = 60):
        self.port, self.timeout = port, timeout

    def request(
        self, method: str, path: str, body: bytes = b"", content_type: str = ""
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Cookie": f"csrftoken={CSRF}", "Host": "127.0.0.1"}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(method, path, body=body or None, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode(errors="replace")
            return Response(answer.status, answer.getheader("Location") or "", text)
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: dict) -> Response:
        data = urlencode({**fields, "csrfmiddlewaretoken": CSRF}, doseq=True).encode()
        return self.request("POST", path, data, "application/x-www-form-urlencoded")

    def upload(
        self, path: str, fields: dict, name: str, file_name: str, content: bytes
    ) -> Response:
        boundary = secrets.token_hex(12)
        parts = []
        for key, value in {**fields, "csrfmiddlewaretoken": CSRF}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: application/octet-stream'
            "\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            "POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}"
        )


def pk_from(location: str) -> int:
    """The id in a redirect such as /people/12/ or /data/import/3/."""
    return int([part for part in location.split("/") if part.isdigit()][-1])
