"""A person's timeline in the browser (issue 24): reached from their page, everything
with them newest first, one kind at a time, and a note added on their page shows up."""

from datetime import date

import pytest
from playwright.sync_api import expect

from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from tests.conftest import make_ask, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_timeline_lists_everything_newest_first_and_filters(page, me):
    grace = make_person(me, name="Grace Hopper")
    conversation = make_ask(me, person=grace, on=date(2026, 11, 2), text="May I ask you?")
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    page.goto(f"/people/{grace.pk}/")
    page.get_by_label("Add a note").fill("Prefers a call on Fridays")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Prefers a call on Fridays")).to_be_visible()

    page.get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline of Grace Hopper")
    entries = page.locator("ol.timeline > li strong.what")
    expect(entries).to_have_text(
        ["Note", "They replied: yes, they accepted", "Asked for a conversation"]
    )
    expect(page.locator("ol.timeline")).to_contain_text("Prefers a call on Fridays")

    page.get_by_role("navigation", name="Show").get_by_role("link", name="Replies").click()
    expect(entries).to_have_text(["They replied: yes, they accepted"])
    expect(page.get_by_role("link", name="Replies")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="Everything").click()
    expect(entries).to_have_count(3)
