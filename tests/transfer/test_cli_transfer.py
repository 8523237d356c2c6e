"""`coffeechat import|export|restore|backup|erase`, run as a user runs them."""

import json
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.cli.test_cli import coffeechat

from .helpers import FILES, without_ids


def people(data_dir):
    out = coffeechat("people", "list", "--json", data_dir=data_dir).stdout
    return sorted(person["name"] for person in json.loads(out))


def test_import_reports_and_saves(tmp_path):
    result = coffeechat("import", str(FILES / "linkedin_broken.csv"), data_dir=tmp_path)
    assert "Read 4 rows of LinkedIn connections (utf-8)." in result.stdout
    assert "line 5 Ada Lovelace: 8 values for 7 columns" in result.stdout
    assert "line 6 Nobody: no name: named “Nobody” after the profile address" in result.stdout
    assert "line 7 Grace Hopper: “not-an-email” is not an email address" in result.stdout
    assert "line 5 Ada Lovelace: Values past the last column → notes" in result.stdout
    assert "Saved: 4 added, 0 updated, 0 unchanged, 0 skipped, 0 refused." in result.stdout
    assert people(tmp_path) == ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Nobody"]


def test_unknown_columns_are_named_and_mapped_with_columns(tmp_path):
    source = tmp_path / "kontakte.csv"
    source.write_text("Wer,Adresse\nAnna Schmidt,anna@example.de\n", encoding="utf-8")
    refused = coffeechat("import", str(source), data_dir=tmp_path, check=False)
    assert refused.returncode != 0
    assert "Say it with --columns" in refused.stderr and "columns: Wer, Adresse." in refused.stderr
    done = coffeechat(
        "import", str(source), "--columns", "name=Wer,email=Adresse", data_dir=tmp_path
    )
    assert "Saved: 1 added" in done.stdout
    assert people(tmp_path) == ["Anna Schmidt"]


def test_dry_run_saves_nothing_and_json_lists_every_row(tmp_path):
    result = coffeechat(
        "import", str(FILES / "vcard30.vcf"), "--dry-run", "--json", data_dir=tmp_path
    )
    report = json.loads(result.stdout)
    assert report["format"] == "vcard" and report["saved"] is None
    assert report["counts"]["new"] == 2
    assert [row["name"] for row in report["rows"]] == ["Grace Hopper", "Smith"]
    assert people(tmp_path) == []


def test_the_same_file_twice_adds_nobody(tmp_path):
    coffeechat("import", str(FILES / "google_current.csv"), data_dir=tmp_path)
    again = coffeechat("import", str(FILES / "google_current.csv"), data_dir=tmp_path).stdout
    assert "Saved: 0 added, 0 updated, 3 unchanged" in again
    assert people(tmp_path) == ["Priya Raman", "Sunny", "Tomás J. Ortega"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["import", "missing.csv"], "cannot read missing.csv: No such file or directory"),
        (
            ["import", str(FILES / "vcard40.vcf"), "--format", "linkedin"],
            "This is not a LinkedIn connections file",
        ),
        (["restore", str(FILES / "vcard40.vcf")], "This is not a coffeechat export"),
        (["erase", "999", "--yes"], "No such person."),
    ],
)
def test_bad_input_gets_a_message_and_a_status(tmp_path, arguments, message):
    result = coffeechat(*arguments, data_dir=tmp_path, check=False)
    assert result.returncode in (1, 2)
    assert message in result.stderr and "Traceback" not in result.stderr


def test_export_and_restore_into_a_new_workspace(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    coffeechat("import", str(FILES / "outlook_desktop.csv"), data_dir=first)
    export = tmp_path / "export.json"
    coffeechat("export", str(export), data_dir=first)
    result = coffeechat("restore", str(export), data_dir=second)
    assert "people.person: 3" in result.stdout
    assert people(second) == people(first)
    again = coffeechat("export", data_dir=second).stdout
    assert without_ids(json.loads(again)) == without_ids(json.loads(export.read_text()))
    refused = coffeechat("restore", str(export), data_dir=second, check=False)
    assert refused.returncode == 2 and "Restore needs an empty workspace" in refused.stderr


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        ("people-csv", '"id","name","title"'),
        ("conversations-csv", '"id","person",'),
        ("vcard", "BEGIN:VCARD\r\nVERSION:4.0"),
    ],
)
def test_export_formats(tmp_path, format, expected):
    coffeechat("import", str(FILES / "vcard40.vcf"), data_dir=tmp_path)
    out = coffeechat("export", "--format", format, data_dir=tmp_path).stdout
    assert out.replace("\n", "\r\n").startswith(expected) or out.startswith(expected)


WRITER = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "coffeechat.settings"
django.setup()
from django.db import transaction
from coffeechat.accounts.services import local_user
from coffeechat.people.services import create_person
user = local_user()
print("ready", flush=True)
for n in range(100000):
    with transaction.atomic():
        create_person(user, name=f"Writer {n}", notes="x" * 500)
"""


def test_backup_of_a_running_instance_is_consistent(tmp_path):
    coffeechat("import", str(FILES / "linkedin_connections.csv"), data_dir=tmp_path)
    env = {"COFFEECHAT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        result = coffeechat("backup", str(tmp_path / "copy.sqlite3"), data_dir=tmp_path)
        time.sleep(0.3)
        assert writer.poll() is None, "the writer was stopped by the backup"
    finally:
        writer.terminate()
        writer.wait()
    assert "Backed up to" in result.stdout
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    written = copy.execute("SELECT count(*) FROM people_person WHERE name LIKE 'Writer %'")
    count = written.fetchone()[0]
    assert count > 0
    # One snapshot: every person in the copy has their search entry, none half-written.
    assert (
        copy.execute(
            "SELECT count(*) FROM people_person p LEFT JOIN search_searchdocument d "
            "ON d.kind = 'person' AND d.object_id = p.id "
            "WHERE d.id IS NULL"
        ).fetchone()[0]
        == 0
    )
    live = sqlite3.connect(tmp_path / "coffeechat.sqlite3")
    assert live.execute("SELECT count(*) FROM people_person").fetchone()[0] > count


def test_erase_leaves_no_trace_in_the_database_files(tmp_path):
    coffeechat("import", str(FILES / "vcard30.vcf"), data_dir=tmp_path)
    listed = json.loads(coffeechat("people", "list", "--json", data_dir=tmp_path).stdout)
    grace = next(person["id"] for person in listed if person["name"] == "Grace Hopper")
    refused = coffeechat("erase", str(grace), data_dir=tmp_path, check=False)
    assert refused.returncode == 2 and "add --yes to confirm" in refused.stderr
    result = coffeechat("erase", str(grace), "--yes", data_dir=tmp_path)
    assert "Erased Grace Hopper" in result.stdout and "write-ahead log truncated" in result.stdout
    assert people(tmp_path) == ["Smith"]
    files = [path for path in tmp_path.iterdir() if path.name.startswith("coffeechat.sqlite3")]
    for secret in (b"Invented the first compiler", b"grace.hopper@home.example", b"Rear Admiral"):
        assert all(secret not in path.read_bytes() for path in files), secret
