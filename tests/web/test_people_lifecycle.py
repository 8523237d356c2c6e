"""Duplicates, merging, deleting, filters and concurrent edits of people (SPEC P5, D4)."""

import pytest

from coffeechat.conversations.models import Conversation, Event
from coffeechat.people.models import Note, Person, Tag
from coffeechat.people.services import add_note, merge_people, set_tags
from coffeechat.search.services import search_for
from tests.conftest import (
    make_ask,
    make_exploration,
    make_organization,
    make_person,
    queries_for_get,
)

pytestmark = pytest.mark.django_db

VALID = {"level": "same", "how_found": "other", "priority": 2}


def test_adding_someone_with_a_known_email_warns_before_saving(client, me):
    existing = make_person(me, name="Grace Hopper", email="grace@navy.mil")
    response = client.post(
        "/people/new/", {**VALID, "name": "G. Hopper", "email": "GRACE@navy.mil"}
    )
    body = response.content.decode()
    assert "This may be someone you already have" in body
    assert f"/people/{existing.pk}/" in body and "same email" in body
    assert Person.objects.count() == 1


def test_a_close_name_at_the_same_organization_warns(client, me):
    acme = make_organization(me, name="Acme")
    make_person(me, name="John Smith", organization=acme)
    body = client.post(
        "/people/new/", {**VALID, "name": "Jon Smith", "organization": acme.pk}
    ).content.decode()
    assert "a very similar name at the same organization" in body


def test_save_anyway_adds_the_second_person(client, me):
    make_person(me, name="Grace Hopper", email="grace@navy.mil")
    response = client.post(
        "/people/new/",
        {**VALID, "name": "Grace Hopper", "email": "grace@navy.mil", "save_anyway": "on"},
    )
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_merging_moves_everything_to_the_survivor(me):
    exploration = make_exploration(me)
    survivor = make_person(me, name="Grace Hopper", email="", notes="Navy")
    duplicate = make_person(
        me, name="G. Hopper", email="grace@navy.mil", notes="COBOL", title="Rear admiral"
    )
    make_ask(me, person=duplicate, exploration=exploration)
    add_note(me, duplicate, "met at the conference")
    introduced = make_person(me, name="Ada", how_found="acquaintance", found_via_person=duplicate)
    set_tags(me, duplicate, ["navy", "pioneer"])
    set_tags(me, survivor, ["navy"])

    merged = merge_people(me, survivor.pk, duplicate.pk)

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    assert (merged.email, merged.title) == ("grace@navy.mil", "Rear admiral")
    assert merged.notes == "Navy\n\nCOBOL"
    assert Conversation.objects.get().person == merged
    assert Event.objects.count() == 1
    assert Note.objects.get().person == merged
    assert Person.objects.get(pk=introduced.pk).found_via_person == merged
    assert sorted(t.name for t in merged.tags.all()) == ["navy", "pioneer"]
    assert Tag.objects.count() == 2
    # The conversation moved with her, and its search entry carries her name now.
    assert sorted(h.title for h in search_for(me, "hopper")) == [
        "Conversation with Grace Hopper",
        "Grace Hopper",
        "Note on Grace Hopper",
    ]


def test_merging_through_the_web(client, me):
    survivor = make_person(me, name="Grace Hopper")
    duplicate = make_person(me, name="Grace B. Hopper")
    response = client.post(f"/people/{survivor.pk}/merge/", {"other": duplicate.pk})
    assert response.status_code == 302
    assert list(Person.objects.values_list("name", flat=True)) == ["Grace Hopper"]


def test_merging_a_person_with_themselves_is_refused(client, me):
    person = make_person(me)
    response = client.post(f"/people/{person.pk}/merge/", {"other": person.pk})
    assert response.status_code == 400
    assert "two different people" in response.content.decode()


def test_merging_with_a_strangers_person_is_not_found(client, me, charlie):
    mine, theirs = make_person(me), make_person(charlie)
    assert client.post(f"/people/{mine.pk}/merge/", {"other": theirs.pk}).status_code == 404
    assert Person.objects.count() == 2


def test_delete_confirmation_says_what_will_go(client, me):
    person = make_person(me, name="Zelda")
    make_ask(me, person=person)
    add_note(me, person, "a note")
    body = client.get(f"/people/{person.pk}/delete/").content.decode()
    assert "1 conversation with 1 logged event" in body and "1 note" in body


def test_deleting_a_person_removes_everything_said_about_them(client, me):
    person = make_person(me, name="Zelda")
    make_ask(me, person=person)
    add_note(me, person, "a note")
    introduced = make_person(me, name="Link", found_via_person=person)
    assert client.post(f"/people/{person.pk}/delete/").status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Conversation.objects.exists() and not Event.objects.exists()
    assert not Note.objects.exists()
    assert Person.objects.get(pk=introduced.pk).found_via_person is None


def test_the_list_filters_by_level_tag_organization_and_stage(client, me):
    acme = make_organization(me, name="Acme")
    above = make_person(me, name="Above Person", level="above", organization=acme)
    make_person(me, name="Below Person", level="below")
    set_tags(me, above, ["alumni"])
    make_ask(me, person=above)
    for query in ("level=above", "tag=alumni", f"organization={acme.pk}", "stage=asked"):
        body = client.get(f"/people/?{query}").content.decode()
        assert "Above Person" in body and "Below Person" not in body, query


def test_the_list_is_paginated_and_sorted(client, me):
    for n in range(55):
        make_person(me, name=f"Person {n:02d}", priority=3 if n == 54 else 1)
    first = client.get("/people/").content.decode()
    assert "Person 00" in first and "Person 50" not in first and "page 1 of 2" in first
    assert "Person 54" in client.get("/people/?page=2").content.decode()
    by_priority = client.get("/people/?sort=priority").content.decode()
    assert by_priority.index("Person 54") < by_priority.index("Person 00")


def test_the_filtered_list_runs_as_many_queries_for_60_people_as_for_one(client, me):
    url = "/people/?level=same&sort=organization"
    make_person(me, level="same", organization=make_organization(me))
    one = queries_for_get(client, url)
    for n in range(60):
        person = make_person(
            me, name=f"P{n}", level="same", organization=make_organization(me, name=f"Org {n}")
        )
        set_tags(me, person, [f"tag{n}"])
    assert queries_for_get(client, url) == one


def test_a_stale_edit_shows_what_changed_and_keeps_the_saved_version(client, me):
    person = make_person(me, name="Ada", title="Countess")
    tab_one = {
        "name": "Ada",
        "title": "Mathematician",
        **VALID,
        "version": person.version,
        "save_anyway": "on",
    }
    tab_two = {**tab_one, "title": "Poet"}
    assert client.post(f"/people/{person.pk}/edit/", tab_one).status_code == 302
    response = client.post(f"/people/{person.pk}/edit/", tab_two)
    body = response.content.decode()
    assert response.status_code == 409
    assert "<td>Job title</td><td>Mathematician</td><td>Poet</td>" in body
    person.refresh_from_db()
    assert person.title == "Mathematician"


def test_a_stale_edit_creates_no_organization(client, me):
    person = make_person(me)
    values = {"name": "Ada", **VALID, "version": person.version, "save_anyway": "on"}
    client.post(f"/people/{person.pk}/edit/", values)
    client.post(f"/people/{person.pk}/edit/", {**values, "new_organization": "Ghost Corp"})
    assert not me.organizations.filter(name="Ghost Corp").exists()


def test_notes_render_markdown_without_scripts(client, me):
    person = make_person(me, notes="**warm** intro <script>alert(1)</script>")
    body = client.get(f"/people/{person.pk}/").content.decode()
    assert "<strong>warm</strong>" in body
    assert "<script>alert(1)" not in body


def test_tags_are_saved_from_a_comma_separated_list(client, me):
    client.post("/people/new/", {**VALID, "name": "Ada", "tags": "alumni, conference,alumni"})
    assert sorted(Person.objects.get().tags.values_list("name", flat=True)) == [
        "alumni",
        "conference",
    ]


def test_an_unknown_time_zone_is_named(client, me):
    response = client.post("/people/new/", {**VALID, "name": "Ada", "time_zone": "Mars/Base"})
    assert "Time zone</a>: Use a zone name such as Europe/Berlin." in response.content.decode()


def test_the_merge_page_suggests_likely_duplicates_first_side_by_side(client, me):
    acme = make_organization(me, name="Acme")
    person = make_person(me, name="Grace Hopper", organization=acme, title="Admiral", tags=["navy"])
    twin = make_person(
        me,
        name="Grace M. Hopper",
        email="grace@navy.mil",
        organization=acme,
        notes="Met at the conference",
        priority=3,
    )
    make_person(me, name="Alan Turing")
    body = client.get(f"/people/{person.pk}/merge/").content.decode()
    assert "Likely duplicates" in body
    assert body.index("Grace M. Hopper") < body.index("Alan Turing")
    table = body[body.index('<table class="merge-compare">') : body.index("</table>")]
    email = table[table.index('<th scope="row">Email</th>') :].split("</tr>")[0]
    assert email.count("grace@navy.mil") == 2  # theirs, and kept after the merge
    assert "Met at the conference" in table and f'value="{twin.pk}"' in body
    other = client.get(f"/people/{person.pk}/merge/?other=9999")
    assert other.status_code == 404


def test_the_merge_page_without_a_likely_duplicate_asks_to_choose(client, me):
    person = make_person(me, name="Grace Hopper")
    make_person(me, name="Alan Turing")
    body = client.get(f"/people/{person.pk}/merge/").content.decode()
    assert "Likely duplicates" not in body and "Choose…" in body
    assert "merge-compare" not in body
