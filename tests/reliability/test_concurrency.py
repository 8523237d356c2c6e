"""Two people (two tabs, two processes) writing at once, on SQLite and on PostgreSQL.

The server runs with two worker processes of four threads, so requests really overlap.
Nothing acknowledged is ever overwritten unseen (the version check answers 409
"changed elsewhere"), and a busy database makes a writer wait, never fail: no
"database is locked" and no error page reaches anyone.
"""

import sqlite3
import subprocess
import sys
import threading
import uuid

import pytest

from .crashkit import person_fields
from .server import Client, pk_from, server_env

ROUNDS = 8


def at_once(live, *posts):
    """Send the (path, fields) form posts from threads released together; the answers."""
    barrier = threading.Barrier(len(posts))
    results = [None] * len(posts)

    def run(index, path, fields):
        client = Client(live.port)
        barrier.wait()
        results[index] = client.post(path, fields)

    threads = [threading.Thread(target=run, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def created(response) -> int:
    assert response.status == 302, response.body[:2000]
    return pk_from(response.location)


def new_person(http, name=None, title="") -> int:
    return created(http.post("/people/new/", person_fields(name or f"P {uuid.uuid4().hex}", title)))


def new_exploration(http) -> int:
    return created(
        http.post(
            "/explorations/",
            {
                "title": f"E {uuid.uuid4().hex}",
                "target_position": "Researcher",
                "decision_kind": "job",
            },
        )
    )


def new_organization(http) -> int:
    return created(
        http.post("/orgs/", {"name": f"O {uuid.uuid4().hex}", "hiring_status": "unknown"})
    )


# kind -> (create, edit URL, table, the edited column, the form for a value)
RECORDS = {
    "person": (
        new_person,
        "/people/{pk}/edit/",
        "people_person",
        "title",
        lambda value, pk: person_fields(f"Racer {pk}", value),
    ),
    "exploration": (
        new_exploration,
        "/explorations/{pk}/edit/",
        "explorations_exploration",
        "title",
        lambda value, pk: {"title": value, "target_position": "Researcher", "decision_kind": "job"},
    ),
    "organization": (
        new_organization,
        "/orgs/{pk}/edit/",
        "people_organization",
        "name",
        lambda value, pk: {"name": value, "hiring_status": "unknown"},
    ),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_two_edits_from_the_same_version_one_is_saved_the_other_is_told(live, http, kind):
    create, url, table, column, form = RECORDS[kind]
    pk = create(http)
    for round_ in range(ROUNDS):
        [(version, before)] = live.store.rows(
            f"SELECT version, {column} FROM {table} WHERE id = {pk}"
        )
        values = [f"{kind} {round_} by {who}" for who in ("Ann", "Ben")]
        answers = at_once(
            live,
            *[(url.format(pk=pk), {**form(value, pk), "version": version}) for value in values],
        )
        statuses = sorted(answer.status for answer in answers)
        assert statuses == [302, 409], [(a.status, a.body[:500]) for a in answers]
        winner = values[[a.status for a in answers].index(302)]
        loser = answers[[a.status for a in answers].index(409)]
        assert "changed elsewhere" in loser.body
        assert live.store.rows(f"SELECT version, {column} FROM {table} WHERE id = {pk}") == [
            (version + 1, winner)
        ]


def test_an_edit_racing_a_merge_is_never_lost(live, http):
    """The merge rewrites the person it keeps: an edit saved meanwhile must survive it, or
    be refused as changed elsewhere."""
    for round_ in range(ROUNDS):
        keep = new_person(http, f"Keep {round_} {uuid.uuid4().hex}", title="Old title")
        other = new_person(http, f"Other {round_} {uuid.uuid4().hex}", title="Their title")
        [(name, version)] = live.store.rows(
            f"SELECT name, version FROM people_person WHERE id = {keep}"
        )
        edit, merge = at_once(
            live,
            (f"/people/{keep}/edit/", {**person_fields(name, "New title"), "version": version}),
            (f"/people/{keep}/merge/", {"other": other}),
        )
        assert merge.status == 302, merge.body[:2000]
        assert edit.status in (302, 409), edit.body[:2000]
        [(title,)] = live.store.rows(f"SELECT title FROM people_person WHERE id = {keep}")
        if edit.status == 302:
            assert title == "New title", f"round {round_}: an acknowledged edit was lost"


def test_asking_the_same_person_twice_at_once_opens_one_conversation(live, http):
    exploration = new_exploration(http)
    for _ in range(ROUNDS):
        person = new_person(http)
        ask = (
            f"/people/{person}/ask/",
            {
                "exploration": exploration,
                "on": "2026-11-20",
                "channel": "email",
                "approach": "direct",
                "text": "May I have 15 minutes?",
            },
        )
        answers = at_once(live, ask, ask)
        assert all(a.status in (302, 400) for a in answers), [a.body[:500] for a in answers]
        assert 302 in [a.status for a in answers]
        [(count,)] = live.store.rows(
            f"SELECT count(*) FROM conversations_conversation WHERE person_id = {person}"
        )
        assert count == 1
        assert Client(live.port).get(f"/people/{person}/").status == 200


WRITERS, WRITES_EACH = 6, 8


def linkedin_rows(count: int, tag: str) -> bytes:
    rows = "".join(
        f"Row{n},{tag},https://example.org/{tag}/{n},,Org {tag} {n},Engineer,12 Mar 2024\n"
        for n in range(count)
    )
    return (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows
    ).encode()


def test_many_writers_at_once_all_succeed_and_all_is_kept(live, http):
    """Six writers, an import of 1,500 rows holding the write lock meanwhile, and the CLI
    in its own process: every write waits its turn and is saved; nobody sees an error."""
    shared = new_person(http)
    tag = uuid.uuid4().hex[:8]
    notes, failures = [], []

    def writer(number: int) -> None:
        client = Client(live.port)
        own = new_person(client, f"Writer {tag} {number}")
        version = 1
        for n in range(WRITES_EACH):
            marker = f"note {tag} {number}-{n}"
            answers = [
                client.post(f"/people/{shared}/notes/", {"text": marker}),
                client.post(
                    f"/people/{own}/edit/",
                    {**person_fields(f"Writer {tag} {number}", f"T{n}"), "version": version},
                ),
            ]
            failures.extend(f"{a.status}: {a.body[:1000]}" for a in answers if a.status != 302)
            notes.append(marker)
            version += 1

    def importer() -> None:
        client = Client(live.port)
        upload = client.upload(
            "/data/import/",
            {"format": "linkedin"},
            "file",
            "connections.csv",
            linkedin_rows(1500, tag),
        )
        commit = client.post(f"/data/import/{pk_from(upload.location)}/commit/", {})
        failures.extend(
            f"import {a.status}: {a.body[:1000]}" for a in (upload, commit) if a.status != 302
        )

    def command_line() -> None:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "coffeechat.cli.main",
                "people",
                "add",
                "--data-dir",
                str(live.store.data_dir),
                "--name",
                f"From the CLI {tag}",
            ],
            env=server_env(live.store),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            failures.append(f"CLI exit {result.returncode}: {result.stderr[-1000:]}")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    threads += [threading.Thread(target=importer), threading.Thread(target=command_line)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not failures, failures[:5]
    saved = {
        text
        for (text,) in live.store.rows(f"SELECT text FROM people_note WHERE person_id = {shared}")
    }
    assert saved == set(notes)
    assert live.store.rows(f"SELECT count(*) FROM people_person WHERE name LIKE '%{tag}%'") == [
        (WRITERS + 1500 + 1,)
    ]
    assert (
        live.store.rows(f"SELECT title, version FROM people_person WHERE name LIKE 'Writer {tag}%'")
        == [(f"T{WRITES_EACH - 1}", WRITES_EACH + 1)] * WRITERS
    )


def test_a_lock_held_past_the_busy_timeout_gets_a_clear_answer_and_nothing_half_saved(live, http):
    """SQLite only: a writer waits 20 s for the lock (a large import can hold it longer);
    then the answer says so, and the request's transaction was rolled back."""
    if live.store.database_url:
        pytest.skip("SQLite's database-wide write lock")
    person = new_person(http)
    holder = sqlite3.connect(live.store.sqlite_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        answer = http.post(f"/people/{person}/notes/", {"text": "while locked"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert answer.status == 503, answer.body[:2000]
    assert "Nothing you sent was saved" in answer.body
    assert live.store.rows(f"SELECT count(*) FROM people_note WHERE person_id = {person}") == [(0,)]
    assert http.post(f"/people/{person}/notes/", {"text": "again"}).status == 302
