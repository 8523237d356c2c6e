"""Time to the first streamed token: through the app versus calling the endpoint directly.

Both talk to the same scripted OpenAI-compatible server on 127.0.0.1 (the test suite's,
tests/assistant/fake_openai.py), which answers at once, so what is left is overhead:
directly, the openai client sending the very request the app would send (same messages)
and its first chunk; through the app, a browser's POST to /assistant/draft/ on the real
server (`coffeechat serve`: granian, 2 workers x 4 threads, a SQLite workspace; or
Django's threaded development server with --server django), the view, the sent-log row
written before the request leaves, the same client, and the first "token" event coming
back. The app's cost is the difference of the medians (issue 23 asks for 20 ms at most).

    PYTHONPATH=$PWD .venv/bin/python -m benchmarks.bench_assistant [--runs 100] [--server django]
"""

import argparse
import http.client
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPLY = "Dear Priya, could you spare 15 minutes to tell me about your work at Acme? Sam"


def setup_django(data_dir: str):
    os.environ["COFFEECHAT_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def serve_app():
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def records(model_url: str):
    from django.db import transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.assistant import services
    from coffeechat.explorations.services import create_exploration
    from coffeechat.people.services import create_person

    with transaction.atomic():
        me = local_user()
        exploration = create_exploration(
            me, title="UX?", target_position="UX researcher", field="user research"
        )
        person = create_person(
            me,
            name="Priya Raman",
            title="UX researcher",
            new_organization="Acme",
            exploration=exploration,
        )
        services.save_settings(me, enabled=True, url=model_url, model="tiny-test")
        services.consent(me)
    return person


def the_apps_messages(person) -> list[dict]:
    from coffeechat.accounts.services import local_user
    from coffeechat.assistant import services

    return services.draft_request(local_user(), "ask", {"person": person.pk}).messages


def direct_first_token(model_url: str, messages: list[dict]) -> float:
    from coffeechat.assistant.client import stream_chat
    from coffeechat.assistant.config import Endpoint

    endpoint = Endpoint(model_url, "tiny-test", "")
    started = time.perf_counter()
    stream = stream_chat(endpoint, messages, timeout=10)
    next(stream)
    elapsed = time.perf_counter() - started
    for _ in stream:  # read to the end, as the app does
        pass
    return elapsed


class Browser:
    """One returning browser: its CSRF cookie and token, read once from the compose page."""

    def __init__(self, port: int, person_pk: int):
        self.port, self.person_pk = port, person_pk
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("GET", f"/people/{person_pk}/compose/")
        response = connection.getresponse()
        page = response.read().decode()
        self.cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie"))[1]
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        connection.close()

    def first_token(self) -> float:
        body = f"kind=ask&person={self.person_pk}&csrfmiddlewaretoken={self.token}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        started = time.perf_counter()
        connection.request(
            "POST",
            "/assistant/draft/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={self.cookie}",
                "Accept": "text/event-stream",
            },
        )
        response = connection.getresponse()
        seen = b""
        while b"event: token" not in seen:
            piece = response.read1(65536)
            if not piece:
                raise RuntimeError(f"no token event: {seen[:300]!r}")
            seen += piece
        elapsed = time.perf_counter() - started
        response.read()
        connection.close()
        return elapsed


def measure(model_url: str, messages: list[dict], port: int, person_pk: int, runs: int):
    browser = Browser(port, person_pk)
    for _ in range(10):  # warm both paths: imports, connections, every server worker
        direct_first_token(model_url, messages)
        browser.first_token()
    direct, through_app = [], []
    for _ in range(runs):  # interleaved, so a busy moment hits both alike
        direct.append(direct_first_token(model_url, messages))
        through_app.append(browser.first_token())
    return direct, through_app


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, min {ms[0]:.1f} ms"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--server", choices=["granian", "django"], default="granian")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.assistant.fake_openai import FakeOpenAI, text

    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(data_dir)
        model = FakeOpenAI().start()
        model.reply(text(REPLY))
        person = records(model.url)
        messages = the_apps_messages(person)
        if args.server == "django":
            app = serve_app()
            direct, through_app = measure(
                model.url, messages, app.server_address[1], person.pk, args.runs
            )
            app.shutdown()
        else:
            from .load import Server

            with Server(Path(data_dir)) as app:
                direct, through_app = measure(model.url, messages, app.port, person.pk, args.runs)
        model.stop()
    added = (statistics.median(through_app) - statistics.median(direct)) * 1000
    print(
        f"server: {args.server}; runs: {args.runs} each, interleaved; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(f"directly (openai client -> endpoint): {summary(direct)}")
    print(f"through the app (POST -> first SSE token): {summary(through_app)}")
    print(f"the app adds (difference of medians): {added:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
