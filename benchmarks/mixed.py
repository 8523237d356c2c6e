"""A mixed workload: many users at once, reading pages and writing now and then (issue 26).

    python -m benchmarks.mixed team     [--seconds 60] [--users 16] [--people 300]
    python -m benchmarks.mixed personal [--seconds 60] [--people 1000]
    python -m benchmarks.mixed setup ...   # (internal) the workspaces, printed as JSON

*team*: team mode on PostgreSQL (`BENCH_DATABASE_URL`, default the local server's
`coffeechat_bench` database, created when missing), `coffeechat serve` with 2 worker
processes, 16 simulated users each logged in to an account of their own with their own
workspace. *personal*: personal mode on a SQLite workspace, one user. Each simulated
user sends one request after the other with no think time, for `--seconds` (bounded),
over loopback only: 90 % page views (Today, the people list at a random page, a random
person, a random conversation, a search for a random name; equal shares) and 10 %
writes (a dated note, a logged ask, a reply to an open ask, an edit of a person; equal
shares). Every write moves the database's version, so the pages kept by
coffeechat/web/pagecache.py stop being current: the *kept* column says how many page
views were still answered from a kept copy (the server tells with a response header
that only benchmarks/settings.py adds). CPU per request is the server processes' CPU
time (the granian workers; PostgreSQL's own processes are counted apart, from
/proc, and on a shared machine include other sessions' queries) divided by requests.
Prints JSON.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .load import HOST, ROOT, Server, busy_seconds, clean_env, cpu_seconds

PAGES = ("Today", "People list", "Person page", "Conversation", "Search")
WRITES = ("note", "ask", "reply", "edit")
CSRF_SECRET = "benchmarkmixedcsrfsecret00000000"  # 32 characters: an unmasked secret
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/coffeechat_bench"


# ---- the workspaces (runs inside Django, in a child process) ------------------------------


def setup(people: int, users: int, seed: int) -> dict:
    """Accounts with their own generated workspace (made once, reused), and for each
    what the simulated user needs: a session, ids to visit, and writes it may make."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from coffeechat.accounts.services import local_user
    from coffeechat.demo import generator
    from coffeechat.people.models import Person

    today = timezone.localdate()
    accounts = []
    if settings.MODE == "team":
        model = get_user_model()
        for n in range(1, users + 1):
            user, _ = model.objects.get_or_create(
                username=f"bench-{n:02}", defaults={"email": f"bench-{n:02}@example.org"}
            )
            accounts.append(user)
    else:
        accounts.append(local_user())
    for n, user in enumerate(accounts, 1):
        if not Person.objects.filter(owner=user).exists():
            with transaction.atomic():
                generator.generate(
                    user,
                    generator.Plan(
                        people=people,
                        conversations=3 * people,
                        notes=10 * people,
                        seed=seed + n,
                        today=today,
                    ),
                )
    return {"users": [plan_for(user, today, Client) for user in accounts]}


def plan_for(user, today, client_class) -> dict:
    from django.conf import settings
    from django.db.models import Exists, OuterRef

    from coffeechat.conversations.models import Conversation
    from coffeechat.explorations.models import Exploration
    from coffeechat.people.forms import EditPersonForm
    from coffeechat.people.models import Person

    rng = random.Random(user.pk)
    session = None
    if settings.MODE == "team":
        client = client_class()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
    people = list(Person.objects.filter(owner=user).values_list("pk", "name"))
    conversations = list(Conversation.objects.filter(owner=user).values_list("pk", flat=True))
    open_exploration = (
        Exploration.objects.filter(owner=user, closed_on__isnull=True).order_by("pk").first()
    )
    not_asked = (
        Person.objects.filter(owner=user, do_not_ask=False)
        .exclude(
            Exists(Conversation.objects.filter(person=OuterRef("pk"), exploration=open_exploration))
        )
        .values_list("pk", flat=True)
    )
    waiting = Conversation.objects.filter(owner=user, stage_cache="asked").values_list(
        "pk", flat=True
    )
    edits = []
    # People of an open exploration: the edit form offers no closed one.
    for person in Person.objects.filter(owner=user, exploration__closed_on__isnull=True).order_by(
        "?"
    )[:30]:
        form = EditPersonForm(instance=person, user=user, initial={"version": person.version})
        data = {}
        for name in form.fields:
            value = form[name].value()
            if value in (None, False):
                continue
            if isinstance(value, (list, tuple)):
                value = ",".join(str(v) for v in value)
            data[name] = str(value)
        data["save_anyway"] = "True"
        edits.append({"pk": person.pk, "data": data})
    return {
        "username": user.username,
        "session": session,
        "people": [pk for pk, _ in rng.sample(people, min(300, len(people)))],
        "names": [name for _, name in rng.sample(people, min(100, len(people)))],
        "people_pages": max(1, -(-len(people) // 50)),
        "people_count": len(people),
        "conversations": rng.sample(conversations, min(300, len(conversations))),
        "exploration": open_exploration.pk if open_exploration else None,
        "askable": list(not_asked[:400]),
        "waiting": list(waiting[:400]),
        "edits": edits,
        "today": today.isoformat(),
    }


# ---- the simulated users (asyncio, one keep-alive connection each) -----------------------


class Browser:
    """One user's keep-alive HTTP/1.1 connection, with their cookies."""

    def __init__(self, port: int, plan: dict, mode: str):
        self.port, self.plan = port, plan
        prefix = "__Host-" if mode == "team" else ""
        cookies = [f"{prefix}csrftoken={CSRF_SECRET}"]
        if plan["session"]:
            cookies.append(f"{prefix}sessionid={plan['session']}")
        self.cookie = "; ".join(cookies)
        self.reader = self.writer = None

    async def request(self, method: str, path: str, form: dict | None = None):
        from urllib.parse import urlencode

        body = urlencode(form or {}).encode() if method == "POST" else b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
            f"Cookie: {self.cookie}\r\nAccept: text/html\r\n"
        )
        if method == "POST":
            head += (
                f"X-CSRFToken: {CSRF_SECRET}\r\nOrigin: http://{HOST}:{self.port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
            )
        for attempt in (1, 2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
                self.writer.write(head.encode() + b"\r\n" + body)
                return await self.response()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.writer = None  # the server closed a kept-alive connection: once more
                if attempt == 2:
                    raise
        return None

    async def response(self):
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = b""
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                body += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readuntil(b"\r\n")
        if status >= 400 and os.environ.get("BENCH_SHOW_ERRORS"):
            print(status, body.decode(errors="replace")[:3000], file=sys.stderr)
        if headers.get("connection", "").lower() == "close":
            self.writer.close()
            self.writer = None
        return status, headers


def next_action(rng: random.Random, plan: dict, counter: int) -> tuple[str, str, str, dict]:
    """(label, method, path, form) of the user's next request."""
    if rng.random() < 0.9:
        page = rng.choice(PAGES)
        path = {
            "Today": lambda: "/",
            "People list": lambda: f"/people/?page={rng.randint(1, plan['people_pages'])}",
            "Person page": lambda: f"/people/{rng.choice(plan['people'])}/",
            "Conversation": lambda: f"/conversations/{rng.choice(plan['conversations'])}/",
            "Search": lambda: "/search/?q=" + rng.choice(plan["names"]).replace(" ", "+"),
        }[page]()
        return page, "GET", path, {}
    kind = rng.choice(WRITES)
    if kind == "ask" and (not plan["askable"] or not plan["exploration"]):
        kind = "note"
    if kind == "reply" and not plan["waiting"]:
        kind = "note"
    today = plan["today"]
    if kind == "note":
        return (
            "write: note",
            "POST",
            f"/people/{rng.choice(plan['people'])}/notes/",
            {"text": f"Benchmark note {counter}: met at the meetup, follow up in May."},
        )
    if kind == "ask":
        person = plan["askable"].pop()
        return (
            "write: ask",
            "POST",
            f"/people/{person}/ask/",
            {
                "exploration": plan["exploration"],
                "on": today,
                "channel": "email",
                "approach": "direct",
                "text": "Would you have 20 minutes for a call?",
            },
        )
    if kind == "reply":
        conversation = plan["waiting"].pop()
        return (
            "write: reply",
            "POST",
            f"/conversations/{conversation}/",
            {"kind": "replied", "on": today, "outcome": "accepted", "text": ""},
        )
    edit = rng.choice(plan["edits"])
    edit["data"]["title"] = f"Engineer {counter}"
    return "write: edit", "POST", f"/people/{edit['pk']}/edit/", edit


async def simulate(port: int, plan: dict, mode: str, until: float, seed: int, log: list):
    browser, rng, counter = Browser(port, plan, mode), random.Random(seed), 0
    while time.monotonic() < until:
        counter += 1
        label, method, path, form = next_action(rng, plan, counter)
        data = form.get("data", form) if label == "write: edit" else form
        began = time.perf_counter()
        try:
            status, headers = await asyncio.wait_for(browser.request(method, path, data), 20)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            status, headers = 0, {}
            browser.writer = None
        ms = (time.perf_counter() - began) * 1000
        ok = status == 200 if method == "GET" else status in (200, 302)
        if label == "write: edit" and status == 302:
            form["data"]["version"] = str(int(form["data"]["version"]) + 1)
        log.append((label, ms, ok, status, headers.get("x-bench-kept") == "1"))


async def drive(port: int, plans: list[dict], mode: str, seconds: float) -> list:
    log: list = []
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(simulate(port, plan, mode, until, n, log) for n, plan in enumerate(plans))
    )
    return log


# ---- one run ------------------------------------------------------------------------------


def postgres_pids() -> list[int]:
    pids = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip().startswith("postgres"):
                pids.append(int(comm.parent.name))
        except OSError:
            continue
    return pids


def ensure_database(url: str) -> None:
    """CREATE DATABASE when the server answers but the database is not there yet."""
    import psycopg

    base, _, name = url.rpartition("/")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as c:
            c.execute(f'CREATE DATABASE "{name}"')


def environment(mode: str, data_dir: Path) -> dict:
    env = {
        "COFFEECHAT_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "BENCH_PAGE_CACHE_HEADER": "1",
    }
    if mode == "team":
        env.update(
            COFFEECHAT_MODE="team",
            COFFEECHAT_SSL_REDIRECT="0",
            DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE),
        )
    return env


def run(mode: str, seconds: float, users: int, people: int, work: Path) -> dict:
    data_dir = work / f"mixed-{mode}-p{people}"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = environment(mode, data_dir)
    if mode == "team":
        ensure_database(env["DATABASE_URL"])
    started = time.perf_counter()
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.mixed",
            "setup",
            "--people",
            str(people),
            "--users",
            str(users),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean_env(), **env},
    )
    if made.returncode:
        raise RuntimeError(f"benchmarks.mixed setup failed:\n{made.stderr[-3000:]}")
    plans = json.loads(made.stdout)["users"]
    setup_seconds = round(time.perf_counter() - started, 1)
    with Server(data_dir, extra_env=env) as server:
        # A short warm-up (templates, connections), then the measured run.
        asyncio.run(drive(server.port, [dict(p) for p in plans], mode, 2))
        server.drain()
        cpu_before, pg_before = cpu_seconds(server.pids()), cpu_seconds(postgres_pids())
        busy_before, wall = busy_seconds(), time.monotonic()
        log = asyncio.run(drive(server.port, plans, mode, seconds))
        wall = time.monotonic() - wall
        server_cpu = cpu_seconds(server.pids()) - cpu_before
        pg_cpu = cpu_seconds(postgres_pids()) - pg_before if mode == "team" else 0.0
        machine_cpu = busy_seconds() - busy_before
    return summarize(
        log,
        mode,
        len(plans),
        seconds,
        wall,
        server_cpu,
        pg_cpu,
        machine_cpu,
        plans[0]["people_count"],
        setup_seconds,
    )


def summarize(
    log, mode, users, seconds, wall, server_cpu, pg_cpu, machine_cpu, people, setup_seconds
) -> dict:
    def figures(rows) -> dict:
        ms = sorted(r[1] for r in rows)
        cut = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
        return {
            "requests": len(rows),
            "errors": sum(1 for r in rows if not r[2]),
            "rps": round(len(rows) / wall, 1),
            "p50_ms": round(cut[49], 1),
            "p95_ms": round(cut[94], 1),
            "p99_ms": round(cut[98], 1),
            "kept_pct": round(100 * sum(1 for r in rows if r[4]) / max(len(rows), 1)),
        }

    labels = [*PAGES, *(f"write: {w}" for w in WRITES)]
    by_label = {
        label: figures([r for r in log if r[0] == label])
        for label in labels
        if any(r[0] == label for r in log)
    }
    views = [r for r in log if not r[0].startswith("write")]
    statuses = {}
    for r in log:
        if not r[2]:
            statuses[f"{r[0]} {r[3]}"] = statuses.get(f"{r[0]} {r[3]}", 0) + 1
    n = max(len(log), 1)
    return {
        "mode": mode,
        "users": users,
        "people_per_user": people,
        "seconds": seconds,
        "wall_seconds": round(wall, 1),
        "setup_seconds": setup_seconds,
        "all": figures(log),
        "views": figures(views),
        "by_page": by_label,
        "kept_hit_pct": round(100 * sum(1 for r in views if r[4]) / max(len(views), 1), 1),
        "server_cpu_ms_per_request": round(1000 * server_cpu / n, 2),
        "postgres_cpu_ms_per_request": round(1000 * pg_cpu / n, 2),
        "machine_busy_pct": round(100 * machine_cpu / (wall * (os.cpu_count() or 1))),
        "failed": statuses,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["team", "personal", "setup"])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument(
        "--people",
        type=int,
        default=None,
        help="people in each user's workspace (team 300, personal 1000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work-dir", default=os.environ.get("BENCH_DIR", "/tmp/coffeechat-bench"))
    args = parser.parse_args(argv)
    if args.what == "setup":
        from coffeechat.cli.setup import start_django

        start_django(None, migrate=True)
        print(json.dumps(setup(args.people, args.users, args.seed)))
        return
    people = args.people or (300 if args.what == "team" else 1000)
    users = args.users if args.what == "team" else 1
    print(
        json.dumps(
            run(args.what, min(args.seconds, 600), users, people, Path(args.work_dir)), indent=1
        )
    )


if __name__ == "__main__":
    main()
