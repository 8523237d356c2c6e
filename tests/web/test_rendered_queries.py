"""What rendering the busiest pages asks the database (issue 26): pinned, so that a
change that adds a round trip, a server-side cursor or a per-row SQL function shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coffeechat.conversations.services import last_contacts
from coffeechat.people.services import add_note
from coffeechat.web import pagecache
from tests.conftest import make_ask, make_exploration, make_person, queries_for_get

pytestmark = pytest.mark.django_db


def rendered_sql(client, url) -> list[str]:
    client.get(url)
    pagecache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in context.captured_queries]


def workspace(me, people: int):
    exploration = make_exploration(me)
    for n in range(people):
        person = make_person(me, name=f"Person {n}")
        make_ask(me, person=person, exploration=exploration)
        add_note(me, person, f"Met at the meetup ({n}).")
    return person


def test_the_latest_note_per_person_runs_no_sql_function_per_note(me):
    person = workspace(me, 2)
    with CaptureQueriesContext(connection) as context:
        latest = last_contacts([person.pk])
    assert latest[person.pk] is not None
    # TruncDate on SQLite calls a Python function for every note of every person.
    assert not any("django_datetime_cast_date" in q["sql"] for q in context.captured_queries)


def test_today_asks_the_same_few_queries_with_nothing_stale_and_no_server_cursor(client, me):
    workspace(me, 3)
    one = queries_for_get(client, "/")
    workspace(me, 6)
    client.get("/")  # the new conversations' due dates are computed once
    statements = rendered_sql(client, "/")
    assert len(statements) == one
    # A server-side cursor is three round trips on PostgreSQL (DECLARE, FETCH, CLOSE).
    assert not any(s.startswith("DECLARE") for s in statements)
    # With no stale due date, neither the profile's country nor holidays are read twice.
    assert sum("accounts_profile" in s for s in statements) <= 2


def test_the_person_page_reads_its_selects_without_a_server_cursor(client, me):
    person = workspace(me, 2)
    statements = rendered_sql(client, f"/people/{person.pk}/")
    assert not any(s.startswith("DECLARE") for s in statements)
    assert len(statements) == queries_for_get(client, f"/people/{person.pk}/")
