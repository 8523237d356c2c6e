"""`coffeechat people|orgs|explorations ...`: the same rules as the web UI, in a terminal."""

import json

import pytest

from tests.cli.test_cli import coffeechat


@pytest.fixture
def run(tmp_path):
    def call(*args, check=True):
        return coffeechat(*args, data_dir=tmp_path, check=check)

    return call


def as_json(result):
    return json.loads(result.stdout)


def test_add_show_edit_and_list_a_person(run):
    run("orgs", "add", "--name", "Acme", "--hiring", "not_hiring")
    added = as_json(
        run(
            "people",
            "add",
            "--name",
            "Grace Hopper",
            "--organization",
            "Acme",
            "--level",
            "above",
            "--tags",
            "navy, pioneer",
            "--json",
        )
    )
    assert (added["organization"], added["tags"]) == ("Acme", ["navy", "pioneer"])
    edited = as_json(run("people", "edit", str(added["id"]), "--title", "Rear admiral", "--json"))
    assert (edited["title"], edited["level"], edited["tags"]) == (
        "Rear admiral",
        "above",
        ["navy", "pioneer"],
    )
    listed = as_json(run("people", "list", "--json"))
    assert [p["name"] for p in listed] == ["Grace Hopper"]
    assert "Grace Hopper" in run("people", "list").stdout


def test_bad_input_names_the_fields_and_saves_nothing(run):
    result = run(
        "people", "add", "--name", "Bad", "--email", "nope", "--priority", "9", check=False
    )
    assert result.returncode == 2
    assert "--email (Email): Enter a valid email address." in result.stderr
    assert "--priority (Priority): Choose 1, 2 or 3." in result.stderr
    assert as_json(run("people", "list", "--json")) == []


def test_a_duplicate_is_refused_unless_forced_and_can_be_merged(run):
    first = as_json(
        run("people", "add", "--name", "Grace Hopper", "--email", "g@navy.mil", "--json")
    )
    refused = run("people", "add", "--name", "G. Hopper", "--email", "G@NAVY.mil", check=False)
    assert refused.returncode == 2 and "someone you already have" in refused.stderr
    second = as_json(
        run(
            "people",
            "add",
            "--name",
            "G. Hopper",
            "--email",
            "G@NAVY.mil",
            "--phone",
            "555",
            "--force",
            "--json",
        )
    )
    run("people", "merge", str(first["id"]), str(second["id"]))
    people = as_json(run("people", "list", "--json"))
    assert [p["id"] for p in people] == [first["id"]]
    assert as_json(run("people", "show", str(first["id"]), "--json"))["phone"] == "555"


def test_delete_needs_yes(run):
    person = as_json(run("people", "add", "--name", "Zelda", "--json"))
    refused = run("people", "delete", str(person["id"]), check=False)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    run("people", "delete", str(person["id"]), "--yes")
    assert as_json(run("people", "list", "--json")) == []


def test_an_unknown_id_is_not_found(run):
    result = run("orgs", "show", "42", check=False)
    assert result.returncode == 1 and "No such organization." in result.stderr


def test_close_an_exploration_with_its_decision(run):
    exploration = as_json(
        run("explorations", "add", "--title", "UX?", "--target", "UX researcher", "--json")
    )
    closed = as_json(
        run(
            "explorations",
            "close",
            str(exploration["id"]),
            "--decision",
            "A bootcamp",
            "--on",
            "2026-12-01",
            "--json",
        )
    )
    assert (closed["closed_on"], closed["decision"]) == ("2026-12-01", "A bootcamp")
    bad = run(
        "explorations",
        "close",
        str(exploration["id"]),
        "--decision",
        "x",
        "--on",
        "soon",
        check=False,
    )
    assert bad.returncode == 2 and "--on (Decided on): Enter a valid date." in bad.stderr


def test_an_organization_with_a_bad_website_is_refused(run):
    result = run("orgs", "add", "--name", "X", "--website", "javascript:alert(1)", check=False)
    assert result.returncode == 2 and "--website (Website): Enter a valid URL." in result.stderr
