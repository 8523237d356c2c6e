"""Issue 9's walk: the 360° grid of the demo workspace, and a gap suggestion followed."""

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.demo.services import build_demo_workspace

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_grid_and_a_gap_suggestion(page, screenshot):
    build_demo_workspace(local_user())
    page.goto("/explorations/")
    page.get_by_role("link", name="Is UX research the right next step after teaching?").click()
    page.get_by_role("link", name="360° view and numbers").click()
    grid = page.get_by_role("table", name="Who I have talked to, by level and organization")
    expect(grid).to_contain_text("Lena Fischer (met)")
    gap = page.get_by_role("listitem").filter(has_text="Nobody at the target level met yet.")
    screenshot("1-grid")
    gap.get_by_role("link", name="add someone at the target level").click()
    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()
    expect(page.get_by_label("Level relative to the target position")).to_have_value("same")
    page.get_by_label("Name", exact=True).fill("Rosa Diaz")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Rosa Diaz")).to_be_visible()
