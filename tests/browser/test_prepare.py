"""Issue 6's walk: schedule a meeting, build a plan, reorder it, open the prep sheet."""

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from tests.conftest import make_ask, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def accepted():
    me = local_user()
    conversation = make_ask(me, person=make_person(me, name="Priya Raman"))
    log_event(
        me,
        conversation,
        EventKind.REPLIED,
        on=conversation.events.get().on,
        outcome=Outcome.ACCEPTED,
    )
    return conversation


def test_schedule_plan_reorder_and_prep_sheet(page, accepted, screenshot):
    page.goto(f"/conversations/{accepted.pk}/")
    page.get_by_label("Meeting date").fill("2026-11-27")
    page.get_by_label("Time", exact=True).fill("10:30")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_label("Place or phone number").fill("Northwind, 4th floor")
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("Friday 27 November 2026, 10:30")).to_be_visible()
    screenshot("1-scheduled")

    page.get_by_role("link", name="Plan the questions").click()
    page.get_by_role("button", name="Build plan").click()
    items = page.locator("#plan .plan-item .text")
    expect(items).to_have_count(5)
    first, second = items.nth(0).inner_text(), items.nth(1).inner_text()
    expect(page.locator("#plan .plan-item .when").first).to_have_text("2–5 min")
    page.get_by_role("button", name=f"Move down: {first}").click()
    expect(items.nth(0)).to_have_text(second)
    expect(items.nth(1)).to_have_text(first)
    screenshot("2-plan")

    page.get_by_role("link", name="Prep sheet (printable)").click()
    expect(page.get_by_role("heading", name="The plan (20 minutes)")).to_be_visible()
    expect(page.locator(".prep-sheet")).to_contain_text(second)
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    screenshot("3-prep-sheet-print")
