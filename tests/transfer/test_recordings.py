"""Recordings inside the data guarantees (issue 18, finding 10): the JSON export and the
backup carry the audio, and erasing or deleting removes it, and says so."""

import base64
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.explorations.services import delete_exploration
from coffeechat.people.services import delete_person
from coffeechat.transfer import archive
from coffeechat.trash import services as trash
from tests.cli.test_cli import coffeechat
from tests.conftest import make_ask, make_person

pytestmark = pytest.mark.django_db(transaction=True)  # files go when the deletion commits

AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt the interview itself"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def recorded(client, owner, name="Ada Lovelace", audio=AUDIO) -> Conversation:
    conversation = make_ask(owner, person=make_person(owner, name=name))
    Conversation.objects.filter(pk=conversation.pk).update(recording_consent=True)
    response = client.post(
        f"/conversations/{conversation.pk}/recording/",
        {"recording": SimpleUploadedFile("talk.wav", audio, "audio/wav")},
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.recording.name
    return conversation


def on_disk(media: Path, conversation) -> Path:
    return media / conversation.recording.name


def test_the_json_export_carries_the_audio(client, me, media):
    conversation = recorded(client, me)
    export = json.loads(client.get("/data/export/json/").getvalue())
    [row] = export["tables"]["conversations.conversation"]
    assert row["recording"] == conversation.recording.name
    assert base64.b64decode(export["files"][row["recording"]]) == AUDIO


def test_a_new_upload_replaces_only_its_own_file(client, me, media):
    first = recorded(client, me)
    other = recorded(client, me, name="Grace Hopper", audio=AUDIO + b" two")
    old = on_disk(media, first)
    client.post(
        f"/conversations/{first.pk}/recording/",
        {"recording": SimpleUploadedFile("again.wav", AUDIO + b" again", "audio/wav")},
    )
    first.refresh_from_db()
    assert not old.exists() and on_disk(media, first).read_bytes() == AUDIO + b" again"
    assert on_disk(media, other).read_bytes() == AUDIO + b" two"


def test_erasing_a_person_removes_their_recordings_and_says_so(client, me, media):
    conversation = recorded(client, me)
    kept = recorded(client, me, name="Grace Hopper")
    page = client.get(f"/data/erase/{conversation.person_id}/").content.decode()
    assert "1 recording: the audio file is deleted too" in page
    done = client.post(f"/data/erase/{conversation.person_id}/").content.decode()
    assert "1 recording: the audio file is deleted from the data folder" in done
    assert not on_disk(media, conversation).exists()
    assert on_disk(media, kept).read_bytes() == AUDIO


def test_a_deleted_person_keeps_their_recordings_in_the_trash_until_it_is_emptied(
    client, me, media
):
    conversation = recorded(client, me)
    page = client.get(f"/people/{conversation.person_id}/delete/").content.decode()
    assert "1 recording: the audio file is deleted too" in page
    assert client.post(f"/people/{conversation.person_id}/delete/").status_code == 302
    assert on_disk(media, conversation).read_bytes() == AUDIO  # Undo brings it back whole
    assert client.post("/data/trash/empty/").status_code == 302
    assert not on_disk(media, conversation).exists()


def test_deleting_an_exploration_or_an_account_removes_the_recordings(client, me, media):
    conversation = recorded(client, me)
    delete_exploration(me, conversation.exploration_id)
    assert on_disk(media, conversation).exists()  # in the Trash
    trash.purge_old(me, now=timezone.now() + timedelta(days=trash.KEEP_DAYS + 1))
    assert not on_disk(media, conversation).exists()
    charlie = get_user_model().objects.create_user("charlie")
    theirs = make_ask(charlie)
    name = f"recordings/conversation-{theirs.pk}-0123456789abcdef.wav"
    (media / "recordings").mkdir(parents=True, exist_ok=True)
    (media / name).write_bytes(AUDIO)
    Conversation.objects.filter(pk=theirs.pk).update(recording=name)
    mine = recorded(client, me, name="Grace Hopper")
    in_trash = make_ask(charlie, person=make_person(charlie, name="Trashed"))
    (media / f"recordings/conversation-{in_trash.pk}-0123456789abcdef.wav").write_bytes(AUDIO)
    Conversation.objects.filter(pk=in_trash.pk).update(
        recording=f"recordings/conversation-{in_trash.pk}-0123456789abcdef.wav"
    )
    delete_person(charlie, in_trash.person_id)
    charlie.delete()
    assert not (media / f"recordings/conversation-{in_trash.pk}-0123456789abcdef.wav").exists()
    assert not (media / name).exists() and on_disk(media, mine).read_bytes() == AUDIO


def test_a_file_not_named_for_the_conversation_is_never_deleted_or_served(client, me, media):
    """A row that names someone else's file (left by the old restore) removes nothing."""
    victim = make_ask(get_user_model().objects.create_user("victim"))
    name = f"recordings/conversation-{victim.pk}.wav"  # as the old uploads named them
    (media / "recordings").mkdir(parents=True)
    (media / name).write_bytes(AUDIO)
    Conversation.objects.filter(pk=victim.pk).update(recording=name)
    conversation = make_ask(me)
    Conversation.objects.filter(pk=conversation.pk).update(recording=name)
    assert client.get(f"/conversations/{conversation.pk}/recording/file").status_code == 404
    Conversation.objects.filter(pk=conversation.pk).update(recording_consent=True)
    client.post(
        f"/conversations/{conversation.pk}/recording/",
        {"recording": SimpleUploadedFile("mine.wav", AUDIO + b" mine", "audio/wav")},
    )
    client.post(f"/people/{conversation.person_id}/delete/")
    assert (media / name).read_bytes() == AUDIO


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_the_backup_carries_the_recordings(client, me, media, tmp_path):
    from coffeechat.transfer.backup import backup, recordings_folder

    conversation = recorded(client, me)
    target = backup(tmp_path / "copy.dump")
    copied = recordings_folder(target) / conversation.recording.name
    assert copied.read_bytes() == AUDIO


MAKE_RECORDING = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "coffeechat.settings"
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from coffeechat.accounts.services import local_user
from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import attach_recording
from tests.conftest import make_ask
user = local_user()
conversation = make_ask(user)
Conversation.objects.filter(pk=conversation.pk).update(recording_consent=True)
conversation.refresh_from_db()
attach_recording(user, conversation, SimpleUploadedFile("t.wav", %r), 10**6)
conversation.refresh_from_db()
print(conversation.recording.name)
"""


def test_coffeechat_backup_carries_the_recordings(tmp_path):
    coffeechat("people", "list", data_dir=tmp_path)  # creates the workspace
    env = {"COFFEECHAT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    name = subprocess.run(
        [sys.executable, "-c", MAKE_RECORDING % AUDIO],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    result = coffeechat("backup", str(tmp_path / "copy.sqlite3"), data_dir=tmp_path)
    assert "Recordings: 1 audio files in" in result.stdout
    assert (tmp_path / "copy.sqlite3.media" / name).read_bytes() == AUDIO
    assert (tmp_path / "media" / name).read_bytes() == AUDIO


def test_an_export_restored_elsewhere_brings_its_audio(client, me, media):
    recorded(client, me)
    export = archive.loads(client.get("/data/export/json/").getvalue())
    charlie = get_user_model().objects.create_user("charlie")
    restored = archive.restore(charlie, export)
    assert restored["recordings"] == 1
    [theirs] = Conversation.objects.filter(owner=charlie)
    assert on_disk(media, theirs).read_bytes() == AUDIO


def test_coffeechat_delete_says_the_recordings_go_to_the_trash(client, me, media, capsys):
    from types import SimpleNamespace

    from coffeechat.cli import record_actions

    conversation = recorded(client, me)
    record_actions.delete(
        "explorations", me, SimpleNamespace(id=conversation.exploration_id, yes=True, json=False)
    )
    assert "to the Trash, with 1 recording: restore it" in capsys.readouterr().out
    assert on_disk(media, conversation).exists()
    trash.empty(me)
    assert not on_disk(media, conversation).exists()
