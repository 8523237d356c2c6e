"""Issue 20's walk, as a user meets it: the reply form, impossible dates, a meeting that
has happened, closing and reopening the exploration, and Today on the days between."""

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from tests.conftest import make_exploration, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def priya():
    me = local_user()
    exploration = make_exploration(me, title="UX research?", field="UX research")
    return make_person(me, name="Priya Raman", exploration=exploration,
                       email="priya@example.org")


def log(page, kind, on, outcome=None):
    page.get_by_label("What happened", exact=True).select_option(kind)
    page.get_by_label("Date", exact=True).fill(on)
    if outcome:
        page.get_by_label("Their answer").select_option(outcome)
    page.get_by_role("button", name="Log it").click()


def test_the_journey_stays_right_off_the_happy_path(page, priya):
    page.goto(f"/people/{priya.pk}/compose/?approach=direct")
    page.get_by_label("Date").fill("2026-11-02")
    page.get_by_role("button", name="Log as sent").click()
    conversation = page.url

    # 3: the form starts on a reply; 5: a follow-up on the ask's day is refused.
    expect(page.get_by_label("What happened", exact=True)).to_have_value("replied")
    log(page, "followed_up", "2026-11-02")
    expect(page.get_by_text("not on the day of the ask").first).to_be_visible()
    page.goto(conversation)
    log(page, "replied", "2026-11-03", outcome="accepted")
    expect(page.locator(".history")).to_contain_text("They replied: yes, they accepted")

    # 5: a meeting before the ask is refused; then booked for Tuesday 10 November.
    for meeting_date in ("2026-10-30", "2026-11-10"):
        page.get_by_label("Meeting date").fill(meeting_date)
        page.get_by_label("Time", exact=True).fill("10:30")
        page.get_by_label("Time zone").fill("Europe/Berlin")
        page.get_by_label("Agreed on").fill("2026-11-04")
        page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("Tuesday 10 November 2026, 10:30")).to_be_visible()

    # 2: after the meeting's day Today asks to log it, not to prepare it.
    page.goto("/?on=2026-11-12")
    expect(page.get_by_text("How did it go with Priya Raman?")).to_be_visible()
    expect(page.get_by_text("Prepare your questions for Priya")).to_have_count(0)

    page.goto(conversation)
    log(page, "held", "2026-11-10")
    expect(page.locator(".history")).to_contain_text("Conversation held")

    # 1: closing keeps the thank-you owed; reopening keeps the decision.
    page.goto(f"/explorations/{priya.exploration_id}/")
    page.get_by_label("What I decided").fill("A part-time master's in HCI")
    page.get_by_label("Decided on").fill("2026-11-11")
    page.get_by_role("button", name="Close exploration").click()
    page.goto("/?on=2026-11-20")
    expect(page.get_by_text("Thank Priya Raman")).to_be_visible()
    page.goto(f"/explorations/{priya.exploration_id}/")
    page.get_by_role("button", name="Reopen").click()
    expect(page.locator("#decision")).to_contain_text("A part-time master's in HCI")
