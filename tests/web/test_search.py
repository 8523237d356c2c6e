"""One search interface over FTS5 (SQLite) and tsvector (PostgreSQL): the same tests
run on both databases in CI."""

import pytest

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
