import pytest

from coffeechat.explorations.models import Exploration
from tests.conftest import make_exploration

pytestmark = pytest.mark.django_db


def test_it_creates_an_exploration(client, me):
    response = client.post(
        "/explorations/",
        {
            "title": "Should I become a UX researcher?",
            "target_position": "UX researcher",
            "field": "UX",
            "decision_kind": "career_change",
            "notes": "",
        },
    )
    exploration = Exploration.objects.get(owner=me)
    assert response.status_code == 302
    assert response["Location"] == f"/explorations/{exploration.pk}/"
    assert exploration.title == "Should I become a UX researcher?"


def test_an_empty_title_is_named_and_nothing_is_saved(client, me):
    response = client.post(
        "/explorations/", {"title": "", "target_position": "", "decision_kind": "job"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body
    assert "Your career question</a>: This field is required." in body
    assert "Target position</a>: This field is required." in body
    assert not Exploration.objects.exists()


def test_an_unknown_decision_kind_is_refused(client, me):
    response = client.post(
        "/explorations/", {"title": "Q", "target_position": "P", "decision_kind": "lottery"}
    )
    assert response.status_code == 400
    assert "This feeds the decision to</a>: Select a valid choice." in response.content.decode()


def test_a_strangers_exploration_is_not_found(client, me, charlie):
    theirs = make_exploration(charlie)
    assert client.get(f"/explorations/{theirs.pk}/").status_code == 404
    assert client.get(f"/explorations/{theirs.pk}/edit/").status_code == 404


def test_an_edit_based_on_an_old_version_is_refused(client, me):
    exploration = make_exploration(me)
    values = {
        "title": "First edit",
        "target_position": "UX researcher",
        "decision_kind": "job",
        "version": exploration.version,
    }
    assert client.post(f"/explorations/{exploration.pk}/edit/", values).status_code == 302
    stale = {**values, "title": "Second edit from an old tab"}
    response = client.post(f"/explorations/{exploration.pk}/edit/", stale)
    assert response.status_code == 409
    assert "changed elsewhere" in response.content.decode()
    exploration.refresh_from_db()
    assert (exploration.title, exploration.version) == ("First edit", 2)
