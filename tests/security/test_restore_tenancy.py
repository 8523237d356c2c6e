"""Restore across accounts (issue 18, finding 1): a restore only ever creates rows owned
by the restoring account. Two accounts of one team server: mallory restores files crafted
to name alice's ids and alice's recording; alice's rows, files and pages stay exactly as
they were. And a real export of one account restored into another is an exact copy."""

import base64
import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from coffeechat.accounts.services import profile_for
from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.people.models import Person
from coffeechat.people.services import add_note, set_tags
from coffeechat.today.services import mark_task
from coffeechat.transfer import archive
from tests.conftest import make_ask, make_exploration, make_organization, make_person
from tests.team.conftest import make_user
from tests.transfer.helpers import without_ids

pytestmark = pytest.mark.django_db(transaction=True)

ALICE_AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt alice's voice, never anyone else's"
MALLORY_AUDIO = b"RIFF\x10\x00\x00\x00WAVEfmt mallory's noise"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def snapshot(user) -> dict:
    """Every row the account owns, every value, and the tags of its people."""
    rows = {
        model._meta.label_lower: list(
            model._base_manager.filter(**{owner: user}).order_by("pk").values()
        )
        for model, owner in archive.owned_models()
    }
    rows["tags"] = sorted(
        Person.tags.through.objects.filter(person__owner=user).values_list("person_id", "tag_id")
    )
    return rows


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def upload(client, conversation, name, audio):
    return client.post(
        f"/conversations/{conversation.pk}/recording/",
        {"consent": "on", "recording": SimpleUploadedFile(name, audio, "audio/wav")},
    )


def workspace_of(user, client) -> dict:
    """A small but complete workspace: links of every kind, a tag, a note, events, a
    recording, a mark on a task, search entries, the profile (pages make it anyway)."""
    profile_for(user)
    exploration = make_exploration(user)
    organization = make_organization(user, name="Acme")
    person = make_person(
        user,
        name="Ada Lovelace",
        notes="Met at the 2026 conference.",
        organization=organization,
        exploration=exploration,
    )
    set_tags(user, person, ["mentor"])
    friend = make_person(user, name="Grace Hopper", found_via_person=person)
    conversation = make_ask(user, person=person, exploration=exploration)
    log_event(
        user, conversation, EventKind.REPLIED, on=date(2026, 11, 21), outcome=Outcome.ACCEPTED
    )
    add_note(user, person, "She said the research team hires in March.", conversation=conversation)
    Person.objects.filter(pk=friend.pk).update(found_via_conversation=conversation)
    Conversation.objects.filter(pk=conversation.pk).update(recording_consent=True)
    assert upload(client, conversation, "talk.wav", ALICE_AUDIO).status_code == 302
    mark_task(user, f"follow_up:c{conversation.pk}:2026-11-27", "done", date(2026, 11, 22))
    return {
        "exploration": exploration,
        "person": person,
        "conversation": Conversation.objects.get(pk=conversation.pk),
    }


def restore_as(client, text: str):
    return client.post("/data/restore/", {"file": SimpleUploadedFile("export.json", text.encode())})


def crafted(draft_export: dict, victim: dict, recording_file: bool) -> dict:
    """mallory's own export, its ids rewritten to alice's and its recording pointed at
    alice's file (whose name is easy to guess)."""
    tables = draft_export["tables"]
    moves = {
        label: {tables[label][0]["id"]: victim[key].pk}
        for label, key in [
            ("explorations.exploration", "exploration"),
            ("people.person", "person"),
            ("conversations.conversation", "conversation"),
        ]
    }
    for label, rows in tables.items():
        links = {
            field.name: field.related_model._meta.label_lower
            for field in apps.get_model(label)._meta.get_fields()
            if field.concrete and field.many_to_one
        }
        for row in rows:
            if row["id"] in moves.get(label, {}):
                row["id"] = moves[label][row["id"]]
            for field, target in links.items():
                if row.get(field) in moves.get(target, {}):
                    row[field] = moves[target][row[field]]
    [conversation] = tables["conversations.conversation"]
    conversation["recording"] = victim["conversation"].recording.name
    draft_export["files"] = (
        {victim["conversation"].recording.name: base64.b64encode(MALLORY_AUDIO).decode()}
        if recording_file
        else {}
    )
    return draft_export


@pytest.mark.parametrize(
    "recording_file", [False, True], ids=["path-only", "with-audio-under-the-victims-name"]
)
def test_a_crafted_restore_cannot_touch_another_accounts_rows_or_files(
    client_of, media, recording_file
):
    alice, mallory = make_user("alice"), make_user("mallory")
    alice_client, mallory_client = client_of(alice), client_of(mallory)
    victim = workspace_of(alice, alice_client)
    drafter = make_user("drafter")  # mallory builds her file in a throwaway account
    workspace_of(drafter, client_of(drafter))
    attack = crafted(
        json.loads(archive.dumps(archive.export_workspace(drafter))), victim, recording_file
    )
    before, files_before = snapshot(alice), files_in(media)

    response = restore_as(mallory_client, archive.dumps(attack))

    assert response.status_code == 200, response.content.decode().split("restore-title")[-1][:1500]
    assert snapshot(alice) == before
    after = files_in(media)
    assert {name: after.get(name) for name in files_before} == files_before
    person, conversation = victim["person"], victim["conversation"]
    assert "Ada Lovelace" in alice_client.get(f"/people/{person.pk}/").content.decode()
    assert alice_client.get(f"/conversations/{conversation.pk}/").status_code == 200
    played = alice_client.get(f"/conversations/{conversation.pk}/recording/file")
    assert b"".join(played.streaming_content) == ALICE_AUDIO
    for url in (
        f"/people/{person.pk}/",
        f"/conversations/{conversation.pk}/",
        f"/conversations/{conversation.pk}/recording/file",
    ):
        assert mallory_client.get(url).status_code == 404, url
    mine = Conversation.objects.get(owner=mallory)
    assert mine.pk != conversation.pk and Person.objects.filter(owner=mallory).count() == 2
    assert mine.recording.name != conversation.recording.name
    heard = mallory_client.get(f"/conversations/{mine.pk}/recording/file")
    if recording_file:
        assert b"".join(heard.streaming_content) == MALLORY_AUDIO
    else:
        assert heard.status_code == 404
    # Her next upload replaces her own audio and nobody else's.
    Conversation.objects.filter(pk=mine.pk).update(recording_consent=True)
    assert upload(mallory_client, mine, "again.wav", MALLORY_AUDIO).status_code == 302
    assert {name: files_in(media).get(name) for name in files_before} == files_before
    assert snapshot(alice) == before


def test_a_reference_to_a_row_outside_the_file_is_refused_and_nothing_is_saved(client_of, media):
    alice, mallory = make_user("alice"), make_user("mallory")
    victim = workspace_of(alice, client_of(alice))
    drafter = make_user("drafter")
    workspace_of(drafter, client_of(drafter))
    export = json.loads(archive.dumps(archive.export_workspace(drafter)))
    note = export["tables"]["people.note"][0]
    note["person"] = victim["person"].pk  # alice's, not in the file
    before, files_before = snapshot(alice), files_in(media)

    response = restore_as(client_of(mallory), archive.dumps(export))

    assert response.status_code == 400
    assert (
        f"people.note row {note['id']}: person refers to people.person "
        f"{victim['person'].pk}, which is not in this file"
    ) in response.content.decode()
    assert all(rows == [] for rows in snapshot(mallory).values())
    assert snapshot(alice) == before and files_in(media) == files_before


def test_a_restore_that_fails_half_way_leaves_no_rows_and_no_files(client_of, media):
    drafter, mallory = make_user("drafter"), make_user("mallory")
    drafter_client = client_of(drafter)
    workspace_of(drafter, drafter_client)
    second = make_ask(drafter, person=make_person(drafter, name="Second"))
    Conversation.objects.filter(pk=second.pk).update(recording_consent=True)
    upload(drafter_client, second, "two.wav", ALICE_AUDIO)
    export = json.loads(archive.dumps(archive.export_workspace(drafter)))
    [last] = [
        row for row in export["tables"]["conversations.conversation"] if row["id"] == second.pk
    ]
    export["files"][last["recording"]] = base64.b64encode(b"<html>not audio").decode()
    files_before = files_in(media)

    response = restore_as(client_of(mallory), archive.dumps(export))

    assert response.status_code == 400
    assert (
        f"conversations.conversation row {second.pk}: its recording is not an audio file"
    ) in response.content.decode()
    assert all(rows == [] for rows in snapshot(mallory).values())
    assert files_in(media) == files_before


def test_a_real_export_restored_into_another_account_is_an_exact_copy(client_of, media):
    alice, dora = make_user("alice"), make_user("dora")
    alice_client = client_of(alice)
    workspace_of(alice, alice_client)
    exported = alice_client.get("/data/export/json/").getvalue().decode()
    before, files_before = snapshot(alice), files_in(media)

    response = restore_as(client_of(dora), exported)

    assert response.status_code == 200, response.content.decode().split("restore-title")[-1][:1500]
    copy = json.loads(archive.dumps(archive.export_workspace(dora)))
    original = json.loads(exported)
    assert without_ids(copy) == without_ids(original)  # row by row, file by file
    assert sum(map(len, copy["tables"].values())) == sum(map(len, original["tables"].values()))
    assert snapshot(alice) == before
    after = files_in(media)
    assert {name: after[name] for name in files_before} == files_before
    [theirs] = Conversation.objects.filter(owner=dora)
    assert theirs.recording.name not in files_before
    assert (media / theirs.recording.name).read_bytes() == ALICE_AUDIO


def test_an_export_of_schema_version_1_still_restores_without_its_audio(client_of, media):
    alice, dora = make_user("alice"), make_user("dora")
    workspace_of(alice, client_of(alice))
    old = json.loads(archive.dumps(archive.export_workspace(alice)))
    old["schema_version"] = 1
    del old["files"]

    response = restore_as(client_of(dora), json.dumps(old))

    assert response.status_code == 200
    [theirs] = Conversation.objects.filter(owner=dora)
    assert theirs.recording.name == "" and Person.objects.filter(owner=dora).count() == 2


def test_one_audio_named_by_many_conversations_is_refused(client_of, media):
    """A file could otherwise make the server write the same audio a thousand times."""
    drafter, mallory = make_user("drafter"), make_user("mallory")
    drafter_client = client_of(drafter)
    workspace_of(drafter, drafter_client)
    second = make_ask(drafter, person=make_person(drafter, name="Second"))
    export = json.loads(archive.dumps(archive.export_workspace(drafter)))
    shared = next(iter(export["files"]))
    [row] = [
        row for row in export["tables"]["conversations.conversation"] if row["id"] == second.pk
    ]
    row["recording"] = shared
    files_before = files_in(media)

    response = restore_as(client_of(mallory), archive.dumps(export))

    assert response.status_code == 400
    assert "is another conversation&#x27;s too" in response.content.decode()
    assert all(rows == [] for rows in snapshot(mallory).values())
    assert files_in(media) == files_before
