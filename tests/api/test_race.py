"""A write that names a record deleted at the same moment answers 409 naming the field,
never 500 (issue 18, finding 7).

The database checks foreign keys at commit, after the operation has answered. Two ways
to make the named row vanish there, both on a real database: a real concurrent delete in
another connection (PostgreSQL; SQLite's writers take turns for a whole transaction, so
there it cannot interleave), and a trigger that deletes the row inside the writer's own
transaction (both databases), which leaves the check at commit as the only guard.
"""

import threading
import time

import pytest
from django.db import close_old_connections, connection, transaction

from coffeechat.explorations.models import Exploration
from coffeechat.explorations.services import create_exploration, delete_exploration
from coffeechat.people.models import Person
from tests.conftest import make_person

pytestmark = pytest.mark.django_db(transaction=True)
on_postgres = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="SQLite writers take turns: no interleaving"
)


def in_thread(work):
    """Run `work` in a thread of its own (its own database connection); join() gives
    its result."""
    box = {}

    def run():
        try:
            box["result"] = work()
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.result = lambda: (thread.join(30), box.get("result"))[1]
    return thread


def someone_waits_for_a_lock(timeout=20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.02)
    return False


@on_postgres
def test_a_patch_naming_an_exploration_deleted_meanwhile_is_a_409_naming_it(alice, api_as):
    api = api_as(alice)
    person = make_person(alice, name="Ada")
    exploration = create_exploration(alice, title="UX?", target_position="UX researcher")
    deleted, commit = threading.Event(), threading.Event()

    def delete_and_wait():
        with transaction.atomic():
            delete_exploration(alice, exploration.pk)
            deleted.set()
            commit.wait(30)

    deleter = in_thread(delete_and_wait)
    assert deleted.wait(30)
    patcher = in_thread(
        lambda: api.patch(f"people/{person.pk}", {"version": 1, "exploration_id": exploration.pk})
    )
    assert someone_waits_for_a_lock(), "the PATCH should wait for the delete's lock"
    commit.set()
    deleter.result()
    answer = patcher.result()
    assert answer.status_code == 409, answer.content
    assert answer.json()["errors"][0]["field"] == "exploration_id"
    assert Person.objects.get(pk=person.pk).exploration_id is None


@on_postgres
def test_patches_and_deletes_racing_never_answer_500(alice, api_as):
    """The reporter's 40 tries: a PATCH and a DELETE released together, each over HTTP."""
    api = api_as(alice)
    person = make_person(alice, name="Ada")
    answers = []
    for attempt in range(20):
        exploration = create_exploration(alice, title=f"Q{attempt}", target_position="UX")
        version = Person.objects.get(pk=person.pk).version
        start = threading.Barrier(2)

        def patch(pk=exploration.pk, version=version, start=start):
            start.wait(10)
            return api.patch(f"people/{person.pk}", {"version": version, "exploration_id": pk})

        def delete(pk=exploration.pk, start=start):
            start.wait(10)
            return api.delete(f"explorations/{pk}")

        patcher, deleter = in_thread(patch), in_thread(delete)
        answers.append((patcher.result().status_code, deleter.result().status_code))
    assert all(patched in (200, 404, 409) and deleted == 204 for patched, deleted in answers), (
        answers
    )
    assert not Exploration.objects.filter(owner=alice).exists()
    assert Person.objects.get(pk=person.pk).exploration_id is None


VANISH = {
    "sqlite": [
        """
        CREATE TRIGGER vanish AFTER UPDATE OF exploration_id ON people_person
        WHEN NEW.exploration_id IS NOT NULL
        BEGIN DELETE FROM explorations_exploration WHERE id = NEW.exploration_id; END"""
    ],
    "postgresql": [
        """
        CREATE FUNCTION vanish() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN DELETE FROM explorations_exploration WHERE id = NEW.exploration_id;
        RETURN NEW; END $$""",
        """
        CREATE TRIGGER vanish AFTER UPDATE OF exploration_id ON people_person
        FOR EACH ROW WHEN (NEW.exploration_id IS NOT NULL) EXECUTE FUNCTION vanish()""",
    ],
}
FORGET = {
    "sqlite": ["DROP TRIGGER vanish"],
    "postgresql": ["DROP TRIGGER vanish ON people_person", "DROP FUNCTION vanish()"],
}


@pytest.fixture
def vanishing_explorations():
    """A person's new exploration is deleted within the same transaction as the update."""
    with connection.cursor() as cursor:
        for statement in VANISH[connection.vendor]:
            cursor.execute(statement)
    yield
    with connection.cursor() as cursor:
        for statement in FORGET[connection.vendor]:
            cursor.execute(statement)


def test_a_foreign_key_refused_at_commit_is_a_409_and_saves_nothing(
    alice, api_as, vanishing_explorations
):
    api = api_as(alice)
    person = make_person(alice, name="Ada")
    exploration = create_exploration(alice, title="UX?", target_position="UX researcher")
    answer = api.patch(
        f"people/{person.pk}", {"version": 1, "title": "CTO", "exploration_id": exploration.pk}
    )
    assert answer.status_code == 409, answer.content
    assert "nothing was saved" in answer.json()["detail"]
    if connection.vendor == "postgresql":  # SQLite's refusal at commit names no column
        assert answer.json()["errors"][0]["field"] == "exploration_id"
    person.refresh_from_db()
    assert (person.title, person.version, person.exploration_id) == ("", 1, None)
    assert Exploration.objects.filter(pk=exploration.pk).exists()


def test_a_web_form_refused_at_commit_is_a_409_page_not_a_500(
    alice, vanishing_explorations, team_mode, client_of
):
    """The same guard covers the web pages: the person form names an exploration that is
    gone by the time the transaction commits."""
    person = make_person(alice, name="Ada")
    exploration = create_exploration(alice, title="UX?", target_position="UX researcher")
    page = client_of(alice).post(
        f"/people/{person.pk}/edit/",
        {
            "name": "Ada",
            "level": "unknown",
            "how_found": "other",
            "priority": "2",
            "exploration": exploration.pk,
            "version": 1,
            "save_anyway": "on",
        },
    )
    assert page.status_code == 409, page.content[:300]
    assert "nothing was saved" in page.content.decode()
    person.refresh_from_db()
    assert (person.version, person.exploration_id) == (1, None)
