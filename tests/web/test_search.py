"""One search interface over FTS5 (SQLite) and tsvector (PostgreSQL): the same tests
run on both databases in CI."""

import pytest
from django.core.management import call_command

from coffeechat.people.services import add_note, delete_person, update_person
from coffeechat.search.services import search_for, terms_of
from tests.conftest import make_exploration, make_organization, make_person

pytestmark = pytest.mark.django_db


def titles(user, text):
    return [hit.title for hit in search_for(user, text)]


def test_three_letters_find_a_person_by_name_prefix(me):
    make_person(me, name="Priya Raman")
    make_person(me, name="Tomás Ortega")
    assert titles(me, "pri") == ["Priya Raman"]


def test_every_word_must_match_as_a_prefix(me):
    make_person(me, name="Priya Raman", title="Head of Research")
    make_person(me, name="Priya Shah", title="Designer")
    assert titles(me, "pri rese") == ["Priya Raman"]


def test_organizations_explorations_and_notes_are_found(me):
    make_organization(me, name="Northwind Health", research_notes="Strong patient focus")
    make_exploration(me, title="Move into instructional design?")
    person = make_person(me, name="Ada")
    add_note(me, person, "She mentioned the accessibility guild")
    assert titles(me, "northw") == ["Northwind Health"]
    assert titles(me, "patient") == ["Northwind Health"]
    assert titles(me, "instruct") == ["Move into instructional design?"]
    assert titles(me, "guild") == ["Note on Ada"]


def test_an_edit_is_searchable_at_once(me):
    person = make_person(me, name="Grace")
    update_person(me, person.pk, person.version, name="Grace", notes="Loves COBOL")
    assert titles(me, "cobol") == ["Grace"]


def test_deleting_a_person_removes_them_and_their_notes_from_search(me):
    person = make_person(me, name="Zelda Quinn")
    add_note(me, person, "zebra facts")
    delete_person(me, person.pk)
    assert titles(me, "zelda") == [] and titles(me, "zebra") == []


def test_a_stranger_never_sees_my_records(me, charlie):
    make_person(me, name="Priya Raman")
    assert titles(charlie, "priya") == []


@pytest.mark.parametrize("text", ['"', "a' OR 1=1 --", "NEAR(", "*", "title:", "(((", "---"])
def test_query_syntax_characters_are_harmless(me, text):
    make_person(me, name="Priya")
    assert search_for(me, text) == [] or all(hit.title for hit in search_for(me, text))


def test_every_match_is_scored_while_there_are_at_most_as_many_as_the_candidates(me):
    person = make_person(me, name="Ada")
    best = add_note(me, person, "guild")
    for _ in range(3):
        add_note(me, person, "A long note that mentions the guild once, among many other words")
    hits = search_for(me, "guild", candidates=4)
    assert len(hits) == 4 and hits[0].object_id == best.pk


def test_beyond_the_candidates_only_the_newest_notes_are_scored(me):
    person = make_person(me, name="Ada")
    oldest_and_best = add_note(me, person, "guild")
    newer = [
        add_note(me, person, "A long note that mentions the guild once, among many other words").pk
        for _ in range(3)
    ]
    hits = search_for(me, "guild", candidates=2)
    assert oldest_and_best.pk not in [hit.object_id for hit in hits]
    assert sorted(hit.object_id for hit in hits) == newer[-2:]


def test_people_organizations_and_explorations_are_candidates_before_any_note(me):
    make_person(me, name="Guildford Hale")
    make_organization(me, name="Guildhall Press")
    make_exploration(me, title="Join a guild?")
    ada = make_person(me, name="Ada")
    notes = [add_note(me, ada, "The guild met again").pk for _ in range(5)]
    hits = search_for(me, "guild", candidates=4)
    assert sorted(hit.title for hit in hits) == [
        "Guildford Hale",
        "Guildhall Press",
        "Join a guild?",
        "Note on Ada",
    ]
    assert [hit.object_id for hit in hits if hit.kind == "note"] == notes[-1:]


def test_another_users_documents_take_none_of_my_candidates(me, charlie):
    mine = add_note(me, make_person(me, name="Ada"), "guild")
    stranger = make_person(charlie, name="Bea")
    for _ in range(3):
        add_note(charlie, stranger, "guild")
    assert [hit.object_id for hit in search_for(me, "guild", candidates=2)] == [mine.pk]


@pytest.mark.django_db(transaction=True)
def test_documents_indexed_before_records_moved_above_notes_are_found_after(me):
    call_command("migrate", "search", "0003", verbosity=0)
    try:
        make_person(me, name="Priya Raman")
        add_note(me, make_person(me, name="Ada"), "Priya knows the guild")
    finally:
        call_command("migrate", "search", verbosity=0)
    assert titles(me, "priya") == ["Priya Raman", "Note on Ada"]
    assert titles(me, "pri") == titles(me, "priya")


def test_terms_are_words_only():
    assert terms_of('Priya "Raman" OR x*') == ["priya", "raman", "or", "x"]


def test_the_type_ahead_returns_only_the_results_partial(client, me):
    make_person(me, name="Priya Raman")
    response = client.get("/search/?q=pri", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="search-results"' in body and "Priya Raman" in body
    assert "<html" not in body


def test_the_search_page_works_without_javascript(client, me):
    make_person(me, name="Priya Raman")
    body = client.get("/search/?q=raman").content.decode()
    assert "<html" in body and "Priya Raman" in body
