"""Personas and plain factories (STYLE 9).

In personal mode every web request acts as the local user, so `me` is the
explorer the web tests act as; `charlie` is a stranger whose records must stay
invisible.
"""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from coffeechat.accounts.services import local_user
from coffeechat.conversations.services import log_ask
from coffeechat.explorations.services import create_exploration
from coffeechat.people.services import create_organization, create_person


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request):
    """The SQLite test database is a file (in the tests' throw-away data folder), as the
    app's is. In memory, Django hands the live server's threads the test's own connection
    (the database would vanish with its last connection), so a browser test's two
    overlapping requests interleave their transactions on it ("no such savepoint"); on a
    file each thread opens its own, as behind the real server. xdist's suffix follows."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        default.setdefault("TEST", {})["NAME"] = str(
            Path(default["NAME"]).with_name("test-database.sqlite3")
        )
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(autouse=True)
def forget_kept_pages():
    """Each test starts without rendered pages kept by an earlier one: the data those
    showed was rolled back, which no database version counter records."""
    from coffeechat.web import pagecache

    pagecache.clear()


@pytest.fixture
def scratch_postgres():
    """An empty database of its own on the suite's PostgreSQL server, for processes the
    test starts (a worker, a command); dropped afterwards. Skipped on SQLite."""
    from tests.reliability.server import postgres_url
    from tests.reliability.server import scratch_postgres as scratch

    if not postgres_url():
        pytest.skip("runs when DATABASE_URL points at PostgreSQL")
    with scratch("coffeechat_scratch") as url:
        yield url


@pytest.fixture
def job_worker(transactional_db):
    """Background jobs run as `coffeechat serve` runs them: worker threads in this
    process (coffeechat/jobs/worker.py), on the test database."""
    import threading

    from coffeechat.jobs import worker

    stop = threading.Event()
    threads = worker.start(stop, interval=0.05)
    yield
    stop.set()
    for thread in threads:
        thread.join(30)


@pytest.fixture
def me(db):
    return local_user()


@pytest.fixture
def charlie(db):
    return get_user_model().objects.create_user("charlie")


def make_exploration(owner, **values):
    defaults = {"title": "Is UX research for me?", "target_position": "UX researcher"}
    return create_exploration(owner, **{**defaults, **values})


def make_organization(owner, **values):
    return create_organization(owner, **{"name": "Acme", **values})


def make_person(owner, **values):
    return create_person(owner, **{"name": "Ada Lovelace", **values})


def make_ask(owner, person=None, exploration=None, on=date(2026, 11, 20), **values):
    person = person or make_person(owner)
    exploration = exploration or make_exploration(owner)
    defaults = {"channel": "email", "approach": "direct", "text": "May I have 15 minutes?"}
    return log_ask(owner, person=person, exploration=exploration, on=on, **{**defaults, **values})


def queries_for_get(client, url) -> int:
    """How many SQL queries one GET of `url` runs (to pin them flat as data grows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coffeechat.web import pagecache

    client.get(url)  # the first visit may create lazily made rows (the profile)
    pagecache.clear()  # count what rendering the page costs, not a kept copy
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


class Inbox:
    """What a real SMTP server on 127.0.0.1 received (aiosmtpd handler)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback: yields (inbox, port)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()
