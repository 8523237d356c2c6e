"""`coffeechat demo-data`: a seeded workspace, written in bulk, that the app reads as its own."""

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from coffeechat.domain.journey import EventFact, EventKind, Outcome, Stage, derive_stage

SMALL = (
    "--people",
    "50",
    "--conversations",
    "150",
    "--notes",
    "200",
    "--seed",
    "7",
    "--today",
    "2026-11-25",
)


def coffeechat(*args, data_dir, check=True):
    """Run the command on its own SQLite workspace (never the shared test database)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            args[0],
            "--data-dir",
            str(data_dir),
            *args[1:],
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


def shell(data_dir, script: str):
    return json.loads(
        coffeechat("manage", "shell", "-v", "0", "-c", script, data_dir=data_dir).stdout
    )


def rows(data_dir, sql: str) -> list[tuple]:
    with sqlite3.connect(data_dir / "coffeechat.sqlite3") as db:
        return db.execute(sql).fetchall()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    counts = json.loads(coffeechat("demo-data", *SMALL, "--json", data_dir=folder).stdout)
    return folder, counts


def test_it_writes_the_requested_counts(workspace):
    folder, counts = workspace
    assert (counts["people"], counts["conversations"], counts["notes"]) == (50, 150, 200)
    assert counts["documents"] == (counts["explorations"] + counts["organizations"] + 50 + 200)
    assert rows(folder, "SELECT count(*) FROM people_person") == [(50,)]
    assert rows(folder, "SELECT count(*) FROM search_fts") == [(counts["documents"],)]
    assert rows(folder, "SELECT count(*) FROM people_person_tags")[0][0] > 0


def test_the_same_seed_gives_the_same_workspace(workspace, tmp_path):
    folder, _ = workspace
    coffeechat("demo-data", *SMALL, data_dir=tmp_path)
    for sql in (
        "SELECT * FROM people_person ORDER BY id",
        "SELECT * FROM conversations_conversation ORDER BY id",
        "SELECT * FROM conversations_event ORDER BY id",
        "SELECT * FROM people_note ORDER BY id",
        "SELECT kind, object_id, title, body FROM search_searchdocument ORDER BY id",
    ):
        assert rows(tmp_path, sql) == rows(folder, sql), sql


def test_another_seed_gives_other_people(workspace, tmp_path):
    folder, _ = workspace
    coffeechat("demo-data", *SMALL[:-4], "--seed", "8", "--today", "2026-11-25", data_dir=tmp_path)
    sql = "SELECT name FROM people_person ORDER BY id"
    assert rows(tmp_path, sql) != rows(folder, sql)


def test_histories_reach_every_stage_and_the_stage_cache_agrees(workspace):
    folder, _ = workspace
    histories: dict[int, list[EventFact]] = {}
    for conversation, kind, on, outcome, meeting_on, callback_on in rows(
        folder,
        (
            'SELECT conversation_id, kind, "on", outcome, meeting_on, callback_on '
            'FROM conversations_event ORDER BY "on", id'
        ),
    ):
        histories.setdefault(conversation, []).append(
            EventFact(
                EventKind(kind),
                date.fromisoformat(on),
                Outcome(outcome) if outcome else None,
                meeting_on and date.fromisoformat(meeting_on),
                callback_on and date.fromisoformat(callback_on),
            )
        )
    cached = dict(rows(folder, "SELECT id, stage_cache FROM conversations_conversation"))
    assert {pk: derive_stage(histories[pk]).value for pk in cached} == cached
    assert set(cached.values()) == {stage.value for stage in Stage} - {Stage.NOT_ASKED.value}
    assert max(on for (on,) in rows(folder, 'SELECT "on" FROM conversations_event')) <= "2026-11-25"


def test_the_hub_person_has_sixteen_conversations_and_notes(workspace):
    folder, _ = workspace
    assert rows(
        folder,
        "SELECT count(*) FROM conversations_conversation WHERE person_id = "
        "(SELECT min(id) FROM people_person)",
    ) == [(16,)]
    assert (
        rows(
            folder,
            "SELECT count(*) FROM people_note WHERE person_id = "
            "(SELECT min(id) FROM people_person)",
        )[0][0]
        >= 16
    )


def test_search_finds_a_generated_person_and_their_notes(workspace):
    folder, _ = workspace
    [(pk, name)] = rows(folder, "SELECT id, name FROM people_person WHERE id = 10")
    hits = shell(
        folder,
        (
            "import json; from coffeechat.accounts.services import local_user;"
            "from coffeechat.search.services import search_for;"
            f"print(json.dumps([[h.kind, h.object_id] for h in search_for(local_user(), {name!r},"
            " limit=1000)]))"
        ),
    )
    assert ["person", pk] in hits
    notes = {n for (n,) in rows(folder, f"SELECT id FROM people_note WHERE person_id = {pk}")}
    assert notes <= {object_id for kind, object_id in hits if kind == "note"}


def test_search_documents_match_what_the_services_would_index(workspace):
    folder, _ = workspace
    changed = shell(
        folder,
        (
            "import json\n"
            "from coffeechat.explorations.services import index_exploration\n"
            "from coffeechat.explorations.models import Exploration\n"
            "from coffeechat.people.models import Note, Organization, Person\n"
            "from coffeechat.people.services import index_organization, index_person, note_title\n"
            "from coffeechat.search.models import SearchDocument as D\n"
            "before = list(D.objects.values_list('kind', 'object_id', 'title', 'body'))\n"
            "[index_person(p) for p in Person.objects.select_related('organization')]\n"
            "[index_organization(o) for o in Organization.objects.all()]\n"
            "[index_exploration(e) for e in Exploration.objects.all()]\n"
            "wrong = [n.pk for n in Note.objects.select_related('person') if D.objects.get("
            "kind='note', object_id=n.pk).title != note_title(n.person)]\n"
            "after = list(D.objects.values_list('kind', 'object_id', 'title', 'body'))\n"
            "print(json.dumps([list(d) for d in set(before) ^ set(after)] + wrong))\n"
        ),
    )
    assert changed == []


def test_a_workspace_with_records_is_refused_unless_forced(workspace, tmp_path):
    coffeechat("demo-data", *SMALL, data_dir=tmp_path)
    refused = coffeechat("demo-data", *SMALL, data_dir=tmp_path, check=False)
    assert refused.returncode == 2
    assert "already has records" in refused.stderr and "--force" in refused.stderr
    coffeechat("demo-data", *SMALL, "--force", data_dir=tmp_path)
    assert rows(tmp_path, "SELECT count(*) FROM people_person") == [(100,)]


def test_more_conversations_than_people_can_hold_is_refused(tmp_path):
    result = coffeechat(
        "demo-data", "--people", "2", "--conversations", "500", data_dir=tmp_path, check=False
    )
    assert result.returncode == 2
    assert "can hold at most" in result.stderr
