"""Many people at once (SPEC U2), the message after every change, and Undo (SPEC U1)."""

from datetime import date

import pytest

from coffeechat.api.services import create_token
from coffeechat.people.models import Person
from coffeechat.people.services import get_person_for, people_for
from coffeechat.trash.models import TrashItem
from tests.conftest import make_ask, make_exploration, make_person

pytestmark = pytest.mark.django_db


FIELDS = {"level", "exploration", "priority", "add_tags", "remove_tags", "do_not_ask"}


def bulk(client, **data):
    data = {f"bulk-{k}" if k in FIELDS else k: v for k, v in data.items()}
    return client.post("/people/bulk/", {"action": "change", "next": "/people/", **data})


def test_a_bulk_change_is_one_step_and_one_undo_puts_everyone_back(client, me):
    exploration = make_exploration(me)
    people = [make_person(me, name=f"Person {n:02}", tags=["old"]) for n in range(50)]
    response = bulk(
        client,
        people=[p.pk for p in people],
        level="above",
        exploration=exploration.pk,
        priority="3",
        add_tags="alumni, PyCon",
        remove_tags="old",
        do_not_ask="yes",
    )
    assert response.status_code == 302 and response["Location"] == "/people/"
    for person in people_for(me).prefetch_related("tags"):
        assert (person.level, person.exploration_id, person.priority, person.do_not_ask) == (
            "above",
            exploration.pk,
            3,
            True,
        )
        assert sorted(tag.name for tag in person.tags.all()) == ["PyCon", "alumni"]
        assert person.version == 2
    page = client.get("/people/").content.decode()
    assert "Changed 50 people." in page and "Undo" in page
    item = TrashItem.objects.get()
    assert client.post(f"/data/trash/{item.pk}/restore/", {"next": "/people/"}).status_code == 302
    for person in people_for(me).prefetch_related("tags"):
        assert (person.level, person.exploration_id, person.priority, person.do_not_ask) == (
            "unknown",
            None,
            2,
            False,
        )
        assert [tag.name for tag in person.tags.all()] == ["old"]
        assert person.version == 3  # an edit begun before or after the change is told
    assert "Undid the change to 50 people." in client.get("/people/").content.decode()


def test_select_all_matching_changes_everyone_the_filter_finds_and_nobody_else(client, me):
    for n in range(60):
        make_person(me, name=f"Match {n}")
    other = make_person(me, name="Someone else")
    bulk(client, all_matching="1", query="q=match", priority="1")
    assert people_for(me).filter(priority=1).count() == 60
    assert get_person_for(me, other.pk).priority == 2


def test_bulk_delete_moves_everyone_to_the_trash_as_one_item(client, me):
    people = [make_person(me, name=f"Gone {n}") for n in range(5)]
    make_ask(me, person=people[0], on=date(2026, 11, 2))
    client.post("/people/bulk/", {"action": "delete", "people": [p.pk for p in people]})
    assert not people_for(me).exists()
    item = TrashItem.objects.get()
    assert item.label == "5 people"
    client.post(f"/data/trash/{item.pk}/restore/")
    assert people_for(me).count() == 5 and people[0].conversations.count() == 1


def test_a_change_made_after_a_bulk_change_blocks_its_undo(client, me):
    person = make_person(me)
    bulk(client, people=[person.pk], level="below")
    client.post(
        f"/people/{person.pk}/edit/",
        {
            "name": "Renamed",
            "level": "below",
            "how_found": "other",
            "priority": 2,
            "version": 2,
            "save_anyway": "on",
        },
    )
    item = TrashItem.objects.get()
    response = client.post(f"/data/trash/{item.pk}/restore/")
    assert response.status_code == 409 and "can no longer be undone" in response.content.decode()
    assert get_person_for(me, person.pk).name == "Renamed"


def test_a_bulk_change_without_a_choice_or_without_people_says_what_is_missing(client, me):
    person = make_person(me)
    response = bulk(client, people=[person.pk])
    assert response.status_code == 400 and "Choose what to change" in response.content.decode()
    response = bulk(client, level="above")
    assert response.status_code == 400 and "Choose at least one person" in response.content.decode()
    response = bulk(client, people=[person.pk], priority="7")
    assert response.status_code == 400 and "Priority" in response.content.decode()
    assert TrashItem.objects.count() == 0 and Person.objects.get().version == 1


def test_every_change_says_so_and_htmx_answers_carry_the_message(client, me):
    conversation = make_ask(me, on=date(2026, 11, 2))
    page = client.get("/").content.decode()
    assert 'id="messages"' in page and 'aria-live="polite"' in page
    client.post(f"/people/{conversation.person_id}/notes/", {"text": "Hello"})
    assert "Saved." in client.get(f"/people/{conversation.person_id}/").content.decode()
    answer = client.post(
        "/tasks/mark/",
        {
            "task": f"confirm:{conversation.pk}:2026-11-10",
            "action": "dismissed",
            "on": "2026-11-09",
            "title": "Confirm the meeting",
        },
        headers={"HX-Request": "true", "HX-Current-URL": "http://x/?on=2026-11-09"},
    )
    body = answer.content.decode()
    assert 'hx-swap-oob="true"' in body and "Dismissed “Confirm the meeting”." in body
    assert 'name="next" value="/?on=2026-11-09"' in body
    undo = body.split('action="')[-1].split('"')[0]
    assert client.post(undo, {"next": "/?on=2026-11-09"})["Location"] == "/?on=2026-11-09"


def test_a_logged_ask_offers_undo_and_the_api_gets_no_messages(client, me):
    person = make_person(me, name="Dana Reyes")
    exploration = make_exploration(me)
    client.post(
        f"/people/{person.pk}/ask/",
        {
            "exploration": exploration.pk,
            "on": "2026-11-02",
            "channel": "email",
            "approach": "direct",
        },
    )
    conversation = person.conversations.get()
    page = client.get(f"/conversations/{conversation.pk}/").content.decode()
    assert "Logged the ask to Dana Reyes." in page
    assert f"/conversations/{conversation.pk}/events/" in page
    token = create_token(me, "script")[1]
    client.post(
        "/api/v1/people",
        {"name": "Via API"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert "Saved." not in client.get("/people/").content.decode()
