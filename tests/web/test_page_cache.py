"""Rendered pages kept while the data cannot have changed (coffeechat/web/pagecache.py).

A kept page that is out of date would show the user something that is no longer true,
so most of these tests change something and look again. The cross-process case (another
server worker, the CLI, an import) is in tests/reliability/test_page_cache_live.py.
"""

import copy
import uuid
from datetime import date

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coffeechat.people.services import add_note
from coffeechat.web import pagecache
from tests.conftest import make_ask, make_person

pytestmark = pytest.mark.django_db

# On PostgreSQL a page is kept only if nothing at all was written to the server while it
# rendered; the parallel test workers write to their own databases on the same server
# all the time, so whether a page is kept there is down to chance. That it is never
# stale is tested on both.
keeping = pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="on PostgreSQL, keeping depends on the other test workers",
)


def looked_at_twice(client, url):
    """The second of two GETs, and the SQL it ran (none when it came from memory but the
    version it reads; the test's transaction adds a savepoint around each request)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(
        [
            q
            for q in queries.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
            and "pg_current_wal" not in q["sql"]
        ]
    )


@keeping
def test_a_page_looked_at_again_comes_from_memory_with_the_same_content(client, me):
    person = make_person(me, name="Ada Lovelace")
    make_ask(me, person=person)
    client.get(f"/people/{person.pk}/")  # the CSRF cookie: from now on pages are kept
    rendered = client.get(f"/people/{person.pk}/")
    again, queries = looked_at_twice(client, f"/people/{person.pk}/")
    assert queries == 0
    assert again.content == rendered.content
    assert pagecache.size()[0] >= 1


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/people/",
        "/people/{pk}/",
        "/people/{pk}/duplicates/",
        "/search/?q=Ada",
        "/explorations/{exploration}/",
    ],
)
def test_every_kept_page_shows_a_change_made_through_the_app_at_once(client, me, url):
    person = make_person(me, name="Ada Lovelace")
    conversation = make_ask(me, person=person, on=date(2026, 11, 2))
    url = url.format(pk=person.pk, exploration=conversation.exploration_id)
    looked_at_twice(client, url)
    response = client.post(
        f"/people/{person.pk}/edit/",
        {
            "name": "Ada King",
            "level": "unknown",
            "how_found": "other",
            "priority": 2,
            "version": person.version,
        },
    )
    assert response.status_code == 302
    client.post(f"/people/{person.pk}/notes/", {"text": "Counting engines"})  # the search index
    page = client.get(url.replace("q=Ada", "q=King")).content.decode()
    if url != f"/people/{person.pk}/duplicates/":
        assert "Ada King" in page
    assert "Ada Lovelace" not in page


def test_a_change_made_outside_a_request_shows_too(client, me):
    """The services (an import, the CLI, the digest worker) write without a request."""
    person = make_person(me)
    looked_at_twice(client, f"/people/{person.pk}/")
    add_note(me, person, "Met at the analytical engine meetup")
    assert "analytical engine meetup" in client.get(f"/people/{person.pk}/").content.decode()


def test_the_next_day_is_rendered_again(client, me):
    person = make_person(me)
    with time_machine.travel("2026-11-20 09:00", tick=False):
        looked_at_twice(client, f"/people/{person.pk}/")
    with time_machine.travel("2026-11-21 09:00", tick=False):
        page = client.get(f"/people/{person.pk}/").content.decode()
    assert 'value="2026-11-21"' in page  # the ask form's date is today's


def test_a_client_without_its_csrf_cookie_is_never_served_a_kept_page(me):
    """Its forms would carry another client's token, and fail."""
    person = make_person(me)
    for _ in range(2):
        response = Client().get(f"/people/{person.pk}/")
        assert response.status_code == 200
        assert "csrftoken" in response.cookies
    assert pagecache.size() == (0, 0)


@keeping
def test_each_client_gets_pages_with_its_own_csrf_token(me):
    person = make_person(me)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    looked_at_twice(first, f"/people/{person.pk}/")
    looked_at_twice(second, f"/people/{person.pk}/")
    assert pagecache.size()[0] == 2
    own = second.cookies["csrftoken"].value
    page = second.get(f"/people/{person.pk}/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = second.post(
        f"/people/{person.pk}/notes/", {"text": "Hi", "csrfmiddlewaretoken": token}
    )
    assert own and response.status_code == 302


def test_only_successful_pages_are_kept(client, me):
    looked_at_twice_404 = [client.get("/people/999999/").status_code for _ in range(2)]
    assert looked_at_twice_404 == [404, 404]
    assert pagecache.size() == (0, 0)


@keeping
def test_a_page_that_writes_while_it_renders_is_not_kept(client, me):
    """Today makes its due-date cache fresh on the first look: that look is not kept
    (its key was read before the write), the next one is."""
    make_ask(me)
    client.get("/people/")  # the CSRF cookie
    pagecache.clear()
    client.get("/")
    kept_after_first = pagecache.size()[0]
    client.get("/")
    assert (kept_after_first, pagecache.size()[0]) == (0, 1)


def test_it_can_be_turned_off(client, me, settings):
    settings.PAGE_CACHE_MB = 0
    person = make_person(me)
    _, queries = looked_at_twice(client, f"/people/{person.pk}/")
    assert queries > 0
    assert pagecache.size() == (0, 0)


@keeping
def test_it_keeps_no_more_than_its_limit(client, me, settings):
    settings.PAGE_CACHE_MB = 1
    people = [make_person(me, name=f"Person {n}") for n in range(40)]
    client.get("/people/")
    for person in people:
        client.get(f"/people/{person.pk}/")
    pages, kept = pagecache.size()
    assert 0 < kept <= 2**20
    assert pages < 40 or kept < 2**20


def another_connection(alias: str, **changes):
    """A connection of its own, as another process would have: to the test database, or
    with `changes` (NAME=...) to another one."""
    settings_dict = {**copy.deepcopy(connection.settings_dict), **changes}
    return connections["default"].__class__(settings_dict, alias=alias)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's WAL position")
def test_a_commit_by_another_postgresql_connection_moves_the_version(me):
    other = another_connection("other")
    table = f"pagecache_{uuid.uuid4().hex[:8]}"
    try:
        before = pagecache.data_version()
        with other.cursor() as cursor:
            cursor.execute(f"CREATE TABLE {table} (x int)")
            cursor.execute(f"INSERT INTO {table} VALUES (1)")
        assert pagecache.data_version() != before
    finally:
        with other.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        other.close()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's data_version")
def test_a_commit_by_another_sqlite_connection_moves_the_version(tmp_path):
    """On a database file, as the server's threads, workers and the CLI share it."""
    reader = another_connection("reader", NAME=str(tmp_path / "db"))
    writer = another_connection("writer", NAME=str(tmp_path / "db"))
    try:
        with writer.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x int)")
        before = pagecache.data_version(reader)
        assert pagecache.data_version(reader) == before  # nothing happened: the same
        with writer.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (1)")
        after_other = pagecache.data_version(reader)
        assert after_other != before
        with reader.cursor() as cursor:
            cursor.execute("UPDATE t SET x = 2")
        assert pagecache.data_version(reader) != after_other  # its own write counts too
    finally:
        reader.close()
        writer.close()
