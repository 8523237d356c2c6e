"""GETs read beside each other; writes take SQLite's write lock at BEGIN
(coffeechat/transactions.py)."""

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_person

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")


def begins(client, method, url, **data) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data)
    assert response.status_code < 500
    return [q["sql"] for q in context.captured_queries if q["sql"].startswith("BEGIN")]


@pytest.mark.django_db(transaction=True)
def test_a_get_does_not_take_the_write_lock(client, me):
    person = make_person(me)
    assert begins(client, "get", f"/people/{person.pk}/") == ["BEGIN DEFERRED"]
    assert begins(client, "get", "/") == ["BEGIN DEFERRED"]


@pytest.mark.django_db(transaction=True)
def test_a_post_takes_the_write_lock_at_begin(client, me):
    assert begins(client, "post", "/people/new/", name="Grace Hopper") == ["BEGIN IMMEDIATE"]


@pytest.mark.django_db(transaction=True)
def test_a_get_that_meets_a_writer_runs_again_with_the_write_lock(client, me, monkeypatch):
    from coffeechat.today import views

    real, modes = views.services.grouped_tasks_on, []

    def locked_while_deferred(user, day):
        modes.append(connection.transaction_mode)
        if connection.transaction_mode == "DEFERRED":
            raise OperationalError("database is locked")
        return real(user, day)

    monkeypatch.setattr(views.services, "grouped_tasks_on", locked_while_deferred)
    assert client.get("/").status_code == 200
    assert modes == ["DEFERRED", "IMMEDIATE"]
    assert connection.transaction_mode == "IMMEDIATE"  # the next request starts afresh
