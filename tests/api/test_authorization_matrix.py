"""Every API operation against the three personas (issue 11).

alice owns one of every record; bob coaches her with her grant; charlie is a stranger.
charlie gets 404 for any id of alice's, and cannot use ?explorer= on her; bob reads
everything of hers with ?explorer=<alice> exactly as she does, and every write of his
aimed at her records is refused while her rows stay as they were.
"""

import pytest
from django.db import transaction

from coffeechat.api.api import api
from tests.team.workspace import build, snapshot

RECORD_OF = {
    "exploration_id": "exploration",
    "organization_id": "organization",
    "person_id": "person",
    "conversation_id": "conversation",
    "token_id": "token",
}
MISSING = 2**40


def bodies(ws) -> dict:
    """A valid body for every write, aimed at alice's records (keyed by method and path)."""
    ask = {
        "person_id": ws.other_person.pk,
        "exploration_id": ws.exploration.pk,
        "on": "2026-11-20",
        "channel": "email",
        "approach": "direct",
    }
    meeting = {
        "on": "2026-11-04",
        "meeting_date": "2026-11-12",
        "meeting_time": "09:30",
        "time_zone": "Europe/Berlin",
        "minutes": 20,
        "mode": "coffee",
    }
    return {
        ("post", "/explorations"): {"title": "Another question", "target_position": "PM"},
        ("patch", "/explorations/{exploration_id}"): {"version": 1, "title": "Changed"},
        ("post", "/explorations/{exploration_id}/close"): {
            "version": 1,
            "decision": "Go for it",
            "closed_on": "2026-11-21",
        },
        ("post", "/explorations/{exploration_id}/reopen"): {"version": 1},
        ("delete", "/explorations/{exploration_id}"): None,
        ("post", "/organizations"): {"name": "Initech"},
        ("patch", "/organizations/{organization_id}"): {"version": 1, "name": "Changed"},
        ("delete", "/organizations/{organization_id}"): None,
        ("post", "/people"): {"name": "Joan", "organization_id": ws.organization.pk},
        ("patch", "/people/{person_id}"): {"version": 1, "name": "Changed"},
        ("delete", "/people/{person_id}"): None,
        ("post", "/conversations"): ask,
        ("post", "/conversations/{conversation_id}/events"): {"kind": "held", "on": "2026-11-10"},
        ("post", "/conversations/{conversation_id}/schedule"): meeting,
        ("post", "/conversations/{conversation_id}/cancel"): {"on": "2026-11-05", "reason": "Ill"},
        ("put", "/conversations/{conversation_id}/findings"): {"findings": {"likes": "People"}},
        ("post", "/conversations/{conversation_id}/plan"): {"shape": "tiara"},
        ("post", "/questions"): {"text": "What surprised you?", "domain": "about_them"},
        ("post", "/tokens"): {"name": "another"},
        ("delete", "/tokens/{token_id}"): None,
        ("post", "/check"): {"text": "Could you refer me for the role?"},
    }


def operations():
    """(method, path, parameter names) of every operation the API describes."""
    schema = api.get_openapi_schema(path_prefix="")
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            names = [parameter["name"] for parameter in operation.get("parameters", [])]
            yield method, path, names


READS = [(m, p, n) for m, p, n in operations() if m == "get"]
WRITES = [(m, p, n) for m, p, n in operations() if m != "get"]


def path_for(path, ws, missing=False) -> str:
    for parameter, record in RECORD_OF.items():
        value = MISSING if missing else getattr(ws, record, None) and getattr(ws, record).pk
        path = path.replace("{" + parameter + "}", str(value))
    return path


@pytest.fixture
def world(alice, bob, charlie, api_as):
    return build(alice, bob), api_as(alice), api_as(bob), api_as(charlie)


def test_every_operation_is_in_the_matrix(alice, bob):
    ws = build(alice, bob)
    assert {(m, p) for m, p, _ in WRITES} == set(bodies(ws))
    unknown = {
        n
        for _, p, names in operations()
        for n in names
        if "{" + n + "}" in p and n not in RECORD_OF
    }
    assert unknown == set()


def test_every_read_takes_the_explorer_parameter():
    own_only = {"/me", "/tokens"}  # about the caller, never about an explorer
    assert [p for _, p, names in READS if p not in own_only and "explorer" not in names] == []


def test_a_stranger_gets_404_for_any_id_of_alices(world):
    ws, _, _, stranger = world
    wrong = []
    for method, path, _ in operations():
        if "{" not in path:
            continue
        body = bodies(ws).get((method, path))
        status = stranger.call(method, path_for(path, ws)[1:], body).status_code
        nowhere = stranger.call(method, path_for(path, ws, True)[1:], body).status_code
        if status != 404 or nowhere != 404:
            wrong.append(f"{method.upper()} {path}: {status} (missing id: {nowhere})")
    assert wrong == []


def test_a_stranger_cannot_read_as_alices_coach(world, alice):
    ws, _, _, stranger = world
    wrong = [
        f"GET {path}"
        for _, path, names in READS
        if "explorer" in names
        if stranger.get(path_for(path, ws)[1:], explorer=alice.pk).status_code != 404
    ]
    assert wrong == []


def test_the_coach_reads_exactly_what_alice_reads(world, alice):
    ws, explorer, coach, _ = world
    wrong = []
    for _, path, names in READS:
        if "explorer" not in names:
            continue
        mine = explorer.get(path_for(path, ws)[1:])
        theirs = coach.get(path_for(path, ws)[1:], explorer=alice.pk)
        if (theirs.status_code, theirs.json()) != (200, mine.json()):
            wrong.append(f"GET {path}: {theirs.status_code}")
    assert wrong == []


def test_the_coach_reads_nothing_of_alices_without_asking_for_her(world):
    ws, _, coach, _ = world
    assert coach.get("people").json()["count"] == 0
    assert coach.get(f"people/{ws.person.pk}").status_code == 404


def test_the_coach_cannot_write_anything_of_alices(world, alice):
    ws, _, coach, _ = world
    before = snapshot(alice)
    wrong = []
    for (method, path), body in bodies(ws).items():
        for query in ({}, {"explorer": alice.pk}):
            status = coach.call(method, path_for(path, ws)[1:], body, **query).status_code
            refused = 404 if "{" in path or "_id" in str(body) else 201
            if path == "/check":
                refused = 200  # reads and stores nothing: anyone may check a text
            if status != refused:
                wrong.append(f"{method.upper()} {path} {query}: {status}, not {refused}")
    assert wrong == []
    assert snapshot(alice) == before


def test_alice_can_make_every_write(world):
    """The bodies above are valid: each write, made by alice on her workspace, succeeds."""
    ws, explorer, _, _ = world
    failed = []
    for (method, path), body in bodies(ws).items():
        with transaction.atomic():  # each write starts from the same workspace
            response = explorer.call(method, path_for(path, ws)[1:], body)
            transaction.set_rollback(True)
        if response.status_code >= 300:
            failed.append(f"{method.upper()} {path}: {response.status_code} {response.content}")
    assert failed == []
