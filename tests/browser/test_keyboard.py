"""Keyboard shortcuts (issue 24, point 6): discoverable from the footer and with "?", and
never taking a key from a text field. keys.js runs under the app's Content Security Policy
(no inline script), so any violation would show as a console error and no shortcut."""

import pytest
from playwright.sync_api import expect

from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def errors(page):
    seen = []
    page.on(
        "console", lambda message: seen.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def test_the_shortcuts_go_where_they_say(page, errors, me):
    page.goto("/explorations/")
    page.keyboard.press("g")
    page.keyboard.press("p")
    expect(page).to_have_url(page.url.split("/explorations/")[0] + "/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    page.keyboard.press("g")
    page.keyboard.press("t")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    page.keyboard.press("/")
    expect(page.get_by_role("searchbox", name="Search")).to_be_focused()
    page.keyboard.type("nothing/")  # typed into the search field, not taken as shortcuts
    expect(page.get_by_role("searchbox", name="Search")).to_have_value("nothing/")
    assert not errors, errors


def test_n_starts_what_the_page_adds_else_a_person(page, errors, me):
    page.goto("/orgs/")
    page.keyboard.press("n")
    expect(page.get_by_label("Name", exact=True)).to_be_focused()
    page.keyboard.type("gnp")  # in the field: letters, not shortcuts
    expect(page.get_by_label("Name", exact=True)).to_have_value("gnp")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organizations")
    page.goto("/explorations/")
    page.keyboard.press("n")
    expect(page.get_by_label("Your career question")).to_be_focused()
    page.goto("/")
    page.keyboard.press("n")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    assert not errors, errors


def test_question_mark_and_the_footer_list_the_shortcuts(page, errors, me):
    person = make_person(me)
    page.goto(f"/people/{person.pk}/")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    for text in ["Search", "Go to Today", "Go to People", "New:", "This list"]:
        expect(dialog).to_contain_text(text)
    page.keyboard.press("g")  # the list is open: no shortcut behind it
    page.keyboard.press("t")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(person.name)
    page.get_by_role("button", name="Keyboard shortcuts: press ?").click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    # In a note's text area "?" and "n" are typed.
    note = page.get_by_role("textbox").last
    note.click()
    page.keyboard.type("n?/")
    expect(note).to_have_value("n?/")
    expect(dialog).to_be_hidden()
    assert not errors, errors
