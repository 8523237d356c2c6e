"""The JSON export written in pieces (issue 27 point 11) is the full export, byte for byte."""

import itertools
import json

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings

from coffeechat.transfer import archive, streaming
from coffeechat.transfer.streaming import stream_workspace

from .test_archive import WORKSPACE, build

pytestmark = pytest.mark.django_db
users = itertools.count()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspace=WORKSPACE)
def test_the_streamed_export_is_the_export(workspace):
    owner = get_user_model().objects.create_user(f"stream{next(users)}")
    build(owner, workspace)
    now = archive.timezone.now()
    whole = archive.dumps(archive.export_workspace(owner, now))
    assert "".join(stream_workspace(owner, now)) == whole


def test_an_empty_workspace_and_rows_across_chunks(me, monkeypatch):
    from tests.conftest import make_person

    now = archive.timezone.now()
    assert "".join(stream_workspace(me, now)) == archive.dumps(archive.export_workspace(me, now))
    monkeypatch.setattr(streaming, "CHUNK", 2)
    for n in range(5):
        make_person(me, name=f"Person {n}")
    assert "".join(stream_workspace(me, now)) == archive.dumps(archive.export_workspace(me, now))


@pytest.mark.django_db(transaction=True)
def test_the_stream_opens_its_own_snapshot_outside_a_transaction(me):
    """As a streamed response runs, after the view's transaction (on PostgreSQL, the
    snapshot is REPEATABLE READ)."""
    import threading

    from django.db import connection, connections

    from tests.conftest import make_person

    if connection.vendor != "postgresql":
        pytest.skip(
            "on SQLite a reader in WAL mode has its snapshot by itself, and the "
            "shared in-memory test database locks the writer out"
        )
    make_person(me, name="Ada")
    pieces = stream_workspace(me)
    text = next(pieces)

    def another_writer():
        make_person(me, name="Grace")  # its own connection, committed while we stream
        connections.close_all()

    writer = threading.Thread(target=another_writer)
    writer.start()
    writer.join()
    text += "".join(pieces)
    names = [row["name"] for row in json.loads(text)["tables"]["people.person"]]
    assert names == ["Ada"]
