"""The restore reads the export in pieces (issue 27 point 11), from `coffeechat restore`
and from the data page, and keeps every guarantee of issue 18: fresh ids, links
translated, a link to a row outside the file refused before anything is written,
recordings written under new names, all or nothing."""

import base64
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from coffeechat.conversations.models import Conversation
from coffeechat.errors import Invalid
from coffeechat.transfer import archive, restoring
from tests.transfer.helpers import without_ids
from tests.transfer.test_archive import build
from tests.transfer.test_recordings import AUDIO, media, recorded  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)  # files go when the restore fails

WORKSPACE = {
    "exploration": "Data teams",
    "organization": "Acme",
    "option": "Stay",
    "people": [
        {
            "name": f"Person {n}",
            "title": "Engineer",
            "notes": "",
            "priority": 1 + n % 3,
            "level": "same",
            "tags": [f"tag {n % 2}", "all"],
            "note": f"Note {n}",
            "asked": n % 2 == 0,
            "met": n % 4 == 0,
        }
        for n in range(7)
    ],
}


def user(name):
    return get_user_model().objects.create_user(name)


def exported(owner) -> dict:
    return json.loads(archive.dumps(archive.export_workspace(owner)))


def written(tmp_path, export: dict):
    path = tmp_path / "export.json"
    path.write_text(archive.dumps(export), encoding="utf-8")
    return path


def rows_of(owner) -> dict:
    return {label: rows for label, rows in exported(owner)["tables"].items() if rows}


def test_a_restore_read_piece_by_piece_gives_the_rows_of_the_whole_file_restore(
    client,
    me,
    media,  # noqa: F811
    tmp_path,
):
    build(me, WORKSPACE)  # people found via the one before: links to rows of their table
    recorded(client, me, name="Grace Hopper")
    export = exported(me)
    path = written(tmp_path, export)
    whole, pieces = user("whole"), user("pieces")

    counted = archive.restore(whole, archive.loads(path.read_bytes()))
    # 7 characters read at a time, one row inserted at a time
    assert restoring.restore_file(pieces, path, size=7, batch=1) == counted

    assert counted["people.person"] == 8 and counted["recordings"] == 1
    assert without_ids(exported(pieces)) == without_ids(exported(whole)) == without_ids(export)
    fresh = {row["id"] for row in exported(pieces)["tables"]["people.person"]}
    assert fresh.isdisjoint(row["id"] for row in export["tables"]["people.person"])
    [talk] = Conversation.objects.filter(owner=pieces).exclude(recording="")
    assert talk.recording.name not in export["files"]
    assert talk.recording.read() == AUDIO


@pytest.mark.parametrize("key", ["person", "person_id"])
def test_a_link_to_a_row_outside_the_file_is_refused_before_anything_is_written(me, tmp_path, key):
    build(me, WORKSPACE)
    other = user("alice")
    build(other, WORKSPACE)
    victim = exported(other)["tables"]["people.person"][0]["id"]
    export = exported(me)
    note = export["tables"]["people.note"][-1]  # the last row: after every other table's
    del note["person"]
    note[key] = victim  # the column's name is read by the deserializer too
    path = written(tmp_path, export)
    mallory, before = user("mallory"), rows_of(other)

    with CaptureQueriesContext(connection) as queries, pytest.raises(Invalid) as refused:
        restoring.restore_file(mallory, path, size=64, batch=1)

    assert not [
        query for query in queries if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]  # refused before the first row, not rolled back after

    assert (
        f"people.note row {note['id']}: person refers to people.person {victim}, "
        "which is not in this file"
    ) in str(refused.value)
    assert rows_of(mallory) == {} and rows_of(other) == before


def test_a_file_that_fails_half_way_leaves_no_rows_and_no_files(client, me, media, tmp_path):  # noqa: F811
    recorded(client, me)
    build(me, WORKSPACE)
    export = exported(me)
    [row] = [row for row in export["tables"]["conversations.conversation"] if row["recording"]]
    export["files"]["not-audio"] = base64.b64encode(b"plain text").decode()
    export["tables"]["conversations.conversation"].append(
        {**row, "id": row["id"] + 1000, "recording": "not-audio"}
    )
    path = written(tmp_path, export)
    mallory, files = user("mallory"), sorted(media.rglob("*"))

    with pytest.raises(Invalid, match="is not an audio file we can play"):
        restoring.restore_file(mallory, path, size=100, batch=2)

    assert rows_of(mallory) == {} and sorted(media.rglob("*")) == files


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '{"format": "coffeechat-export", "schema_version": 2, "tables": {"people.person"',
            "not valid JSON",
        ),
        ("[1, 2]", "This is not a coffeechat export"),
        ('{"format": "other", "tables": {}}', "This is not a coffeechat export"),
        (
            '{"format": "coffeechat-export", "schema_version": 2, "tables": '
            '{"people.person": [{"id": 1}, {"id": 1}]}}',
            "people.person: id 1 appears twice",
        ),
        (
            '{"format": "coffeechat-export", "schema_version": 2, "tables": {"people.person": {}}}',
            "people.person: the rows must be a list",
        ),
        (
            '{"format": "coffeechat-export", "schema_version": 2, "tables": {"nope.nope": []}}',
            "tables this version does not know: nope.nope",
        ),
        ('{"format": "coffeechat-export", "schema_version": 2, "tables": {}} x', "not valid JSON"),
    ],
)
def test_bad_files_are_refused_with_a_message(me, tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Invalid, match=message):
        restoring.restore_file(me, path, size=5, batch=1)
    assert rows_of(me) == {}


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024)  # Django keeps the upload on disk
def test_the_data_page_restores_an_upload_from_its_temporary_file(client, me):
    dora = user("dora")
    build(dora, WORKSPACE)
    export = exported(dora)
    body = archive.dumps(export).encode()
    assert len(body) > 1024

    response = client.post("/data/restore/", {"file": SimpleUploadedFile("e.json", body)})

    assert response.status_code == 200 and "Restored" in response.content.decode()
    assert without_ids(exported(me)) == without_ids(export)


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_the_data_page_refuses_a_link_outside_the_file_naming_table_and_row(client, me):
    dora, alice = user("dora"), user("alice")
    build(dora, WORKSPACE)
    build(alice, WORKSPACE)
    victim = exported(alice)["tables"]["people.person"][0]["id"]
    export = exported(dora)
    note = export["tables"]["people.note"][-1]
    note["person"] = victim
    before = rows_of(alice)

    response = client.post(
        "/data/restore/", {"file": SimpleUploadedFile("e.json", archive.dumps(export).encode())}
    )

    assert response.status_code == 400
    assert (
        f"people.note row {note['id']}: person refers to people.person {victim}, "
        "which is not in this file"
    ) in response.content.decode()
    assert rows_of(me) == {} and rows_of(alice) == before
