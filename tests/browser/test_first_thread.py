"""The first thread in a real browser: exploration, organization, person, ask, Today."""

from datetime import date

import pytest
from playwright.sync_api import expect

from coffeechat.domain.businessdays import add_business_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_thread_ends_with_the_follow_up_on_today(page, screenshot):
    page.goto("/")
    expect(page.get_by_role("heading", name="Start with a question")).to_be_visible()
    page.get_by_role("button", name="Create your first exploration").click()

    page.get_by_label("Your career question").fill("Is UX research my next step?")
    page.get_by_label("Target position").fill("UX researcher")
    page.get_by_role("button", name="Create exploration").click()
    expect(page.get_by_role("heading", name="Is UX research my next step?")).to_be_visible()
    screenshot("1-exploration")

    page.get_by_role("link", name="Organizations").click()
    page.get_by_label("Name").fill("Northwind Health")
    page.get_by_label("Hiring status").select_option("hiring")
    page.get_by_role("button", name="Add organization").click()
    expect(page.get_by_role("heading", name="Northwind Health")).to_be_visible()

    page.get_by_role("link", name="People").click()
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill("Priya Raman")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("alert")).to_contain_text("Email: Enter a valid email address.")
    screenshot("2-person-error")

    page.get_by_label("Email").fill("priya@example.org")
    page.get_by_label("Job title").fill("Head of Research")
    page.get_by_label("Organization", exact=True).select_option(label="Northwind Health")
    page.get_by_label("For the exploration").select_option(label="Is UX research my next step?")
    page.get_by_label("Level relative to the target position").select_option("above")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Priya Raman")).to_be_visible()

    asked_on = date(2026, 11, 20)  # a Friday: the follow-up is due on Wednesday
    page.get_by_label("Date asked").fill(asked_on.isoformat())
    page.get_by_label("Channel").select_option("email")
    page.get_by_label("What you sent or said").fill("Could I have 15 minutes next week?")
    page.get_by_role("button", name="Log the ask").click()
    expect(page.get_by_text("Asked, waiting for a reply")).to_be_visible()
    screenshot("3-conversation")

    due = add_business_days(asked_on, 3)
    page.goto(f"/?on={due.isoformat()}")
    today = page.get_by_role("region", name="Today")
    expect(today).to_contain_text("No reply from Priya Raman yet")
    screenshot("4-today")
    today.get_by_role("link", name="No reply from Priya Raman yet").click()
    heading = page.get_by_role("heading", name="Informational interview with Priya Raman")
    expect(heading).to_be_visible()
