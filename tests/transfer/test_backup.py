"""Backups in-process, on whichever database the tests run (SPEC D3)."""

import shutil
import sqlite3
import subprocess

import pytest
from django.db import connection

from coffeechat.errors import Invalid
from coffeechat.transfer.backup import backup
from tests.conftest import make_person

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_needs_a_file_name_in_an_existing_folder(tmp_path):
    with pytest.raises(Invalid, match="is a folder"):
        backup(tmp_path)
    with pytest.raises(Invalid, match="There is no folder"):
        backup(tmp_path / "missing" / "copy")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.skipif(not shutil.which("pg_restore"), reason="needs the PostgreSQL client")
def test_on_postgresql_the_backup_is_a_pg_dump_archive(tmp_path, me):
    make_person(me, name="Grace Hopper")
    target = backup(tmp_path / "copy.dump")
    listing = subprocess.run(
        ["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public people_person" in listing


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_on_sqlite_the_backup_is_a_database_file(tmp_path, me):
    if (
        "memory" in str(connection.settings_dict["NAME"])
        or connection.settings_dict["NAME"] == ":memory:"
    ):
        pytest.skip(
            "the test database lives in memory; tests/transfer/test_cli_transfer.py "
            "backs up a real file"
        )
    make_person(me, name="Grace Hopper")
    copy = sqlite3.connect(backup(tmp_path / "copy.sqlite3"))
    assert copy.execute("SELECT name FROM people_person").fetchall() == [("Grace Hopper",)]
