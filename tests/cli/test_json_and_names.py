"""`--json` on every command that prints data, and `erase` by name (issue 21), as real
processes on their own SQLite workspace."""

import json

import pytest

from tests.cli.test_cli import coffeechat


@pytest.fixture
def run(tmp_path):
    def call(*args, check=True):
        return coffeechat(*args, data_dir=tmp_path / "data", check=check)

    call("people", "add", "--name", "Dana Reyes", "--organization", "Acme")
    call("people", "add", "--name", "Dan Reyes")
    return call


def test_erase_takes_a_name(run):
    erased = json.loads(run("erase", "Dana Reyes", "--yes", "--json").stdout)
    assert erased["id"] == 1 and erased["name"] == "Dana Reyes"
    assert [p["name"] for p in json.loads(run("people", "list", "--json").stdout)] == ["Dan Reyes"]


def test_erase_by_a_name_that_fits_several_lists_them_and_erases_nobody(run):
    result = run("erase", "reyes", "--yes", check=False)
    assert result.returncode == 2
    assert "PERSON: 'reyes' fits 2 people; give the id of one:" in result.stderr
    assert "    1  Dana Reyes (Acme)" in result.stderr and "    2  Dan Reyes" in result.stderr
    assert len(json.loads(run("people", "list", "--json").stdout)) == 2
    missing = run("erase", "Nobody", "--yes", check=False)
    assert missing.returncode == 1 and "No person named 'Nobody'" in missing.stderr


def test_erase_json_without_yes_still_asks_for_it(run):
    result = run("erase", "Dana Reyes", "--json", check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert "add --yes to confirm" in result.stderr


def test_backup_and_restore_print_json(run, tmp_path):
    backed = json.loads(run("backup", str(tmp_path / "copy.sqlite3"), "--json").stdout)
    assert backed["path"] == str(tmp_path / "copy.sqlite3")
    assert backed["bytes"] == (tmp_path / "copy.sqlite3").stat().st_size > 0
    export = tmp_path / "export.json"
    run("export", str(export))
    restored = json.loads(
        coffeechat("restore", str(export), "--json", data_dir=tmp_path / "empty").stdout
    )
    assert restored["file"] == str(export)
    assert restored["restored"]["people.person"] == 2 and restored["total"] >= 3


def test_invite_prints_json(run):
    result = json.loads(
        run(
            "invite", "ada@example.com", "--admin", "--base-url", "https://chat.example", "--json"
        ).stdout
    )
    assert result["email"] == "ada@example.com" and result["admin"] is True
    assert result["link"].startswith("https://chat.example/account/invitation/")
    assert result["valid_days"] > 0


def test_token_create_list_revoke_print_json(run):
    made = json.loads(run("token", "create", "laptop script", "--json").stdout)
    assert made["name"] == "laptop script" and made["token"].startswith(made["prefix"])
    listed = json.loads(run("token", "list", "--json").stdout)
    assert listed == [
        {
            "id": made["id"],
            "name": "laptop script",
            "prefix": made["prefix"],
            "created_at": listed[0]["created_at"],
            "last_used_at": None,
            "revoked_at": None,
        }
    ]
    assert "token" not in listed[0]
    assert json.loads(run("token", "revoke", str(made["id"]), "--json").stdout) == {
        "id": made["id"],
        "revoked": True,
    }
    assert json.loads(run("token", "list", "--json").stdout)[0]["revoked_at"]
