"""A note has a limit (100,000 characters), refused with a message naming the field, in
the forms, for a dated note and in the API; nothing is half saved (issue 24, point 7)."""

import pytest

from coffeechat.domain.limits import LONG_TEXT
from coffeechat.explorations.models import Exploration
from coffeechat.people.models import Note, Organization, Person
from tests.api.conftest import api_as  # noqa: F401 - shared
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

HUGE = ("A long note about the meeting. " * 10_000)[:300_000]  # 300 KB
PERSON = {"name": "Ada Lovelace", "level": "unknown", "how_found": "other", "priority": 2}


def test_a_300_kb_note_on_a_new_person_is_refused_naming_the_field(client, me):
    response = client.post("/people/new/", {**PERSON, "notes": HUGE})
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        '<a href="#id_notes">Notes</a>: At most 100,000 characters; this one has 300,000.' in body
    )
    assert 'maxlength="100000"' not in body  # the browser would cut a paste short silently
    assert not Person.objects.exists()


def test_a_note_of_the_limit_is_taken(client, me):
    client.post("/people/new/", {**PERSON, "notes": "x" * LONG_TEXT})
    assert len(Person.objects.get().notes) == LONG_TEXT


def test_research_notes_and_exploration_notes_have_the_same_limit(client, me):
    response = client.post(
        "/orgs/", {"name": "Acme", "hiring_status": "unknown", "research_notes": HUGE}
    )
    assert response.status_code == 400
    assert "Research notes</a>: At most" in response.content.decode()
    assert not Organization.objects.exists()
    response = client.post(
        "/explorations/",
        {"title": "A question", "target_position": "UX", "decision_kind": "other", "notes": HUGE},
    )
    assert response.status_code == 400 and "Notes</a>: At most" in response.content.decode()
    assert not Exploration.objects.exists()


def test_a_dated_note_over_the_limit_is_refused(client, me):
    person = make_person(me)
    response = client.post(f"/people/{person.pk}/notes/", {"text": HUGE})
    assert response.status_code == 400
    assert "Note: at most 100,000 characters" in response.content.decode()
    assert not Note.objects.exists()


def test_the_api_refuses_a_300_kb_note_naming_the_field(me, api_as):  # noqa: F811 - the fixture
    response = api_as(me).post("people", {"name": "Ada", "notes": HUGE})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == ["notes"]
    assert "100000" in errors[0]["message"]
    assert not Person.objects.exists()
