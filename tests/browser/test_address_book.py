"""Issue 4's walk: an organization, two people, type-ahead search, a duplicate merged."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_person(page, name, level, email):
    page.goto("/people/new/")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Organization", exact=True).select_option(label="Lumen Labs")
    page.get_by_label("Level relative to the target position").select_option(level)
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Add person").click()


def test_search_type_ahead_and_merging_a_duplicate(page, screenshot):
    page.goto("/orgs/")
    page.get_by_label("Name").fill("Lumen Labs")
    page.get_by_label("Research notes").fill("Runs a **public** design system.")
    page.get_by_role("button", name="Add organization").click()
    expect(page.locator(".markdown strong")).to_have_text("public")

    add_person(page, "Mei Tanaka", "same", "mei@lumen.example")
    expect(page.get_by_role("heading", name="Mei Tanaka")).to_be_visible()
    add_person(page, "Daniel Okafor", "above", "daniel@lumen.example")
    expect(page.get_by_role("heading", name="Daniel Okafor")).to_be_visible()

    page.get_by_role("searchbox", name="Search").press_sequentially("dan", delay=50)
    result = page.locator("#nav-results").get_by_role("link", name="Daniel Okafor")
    expect(result).to_be_visible()
    screenshot("1-type-ahead")
    result.click()
    expect(page.get_by_role("heading", name="Daniel Okafor")).to_be_visible()

    add_person(page, "Dan Okafor", "above", "DANIEL@lumen.example")
    warning = page.get_by_role("alert").filter(has_text="someone you already have")
    expect(warning).to_contain_text("Daniel Okafor")
    screenshot("2-duplicate-warning")
    page.get_by_role("button", name="It is someone else — save anyway").click()
    expect(page.get_by_role("heading", name="Dan Okafor")).to_be_visible()

    page.get_by_role("link", name="merge into Dan Okafor").click()
    page.get_by_role("button", name="Merge into Dan Okafor").click()
    expect(page.get_by_role("heading", name="Dan Okafor")).to_be_visible()
    page.goto("/people/")
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name="Daniel Okafor")).to_have_count(0)
    screenshot("3-after-merge")
