"""Issue 9's walk: the 360° grid of the demo workspace, and a gap suggestion followed."""

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.demo.services import build_demo_workspace
from coffeechat.explorations.models import Exploration

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


def test_the_downloaded_html_report_opens_from_disk_styled(page, tmp_path):
    """One self-contained file: saved to disk and opened from there (as from an email),
    it has its styles and asks for nothing else, and on a phone the grid fits."""
    build_demo_workspace(local_user())
    exploration = Exploration.objects.get()
    page.goto(f"/explorations/{exploration.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="HTML", exact=True).click()
    path = tmp_path / "report.html"
    download.value.save_as(path)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path.as_uri())
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(exploration.title)
    assert heading.evaluate("h => getComputedStyle(h).color") == "rgb(122, 74, 31)"
    body = page.locator("body")
    assert body.evaluate("b => getComputedStyle(b).maxWidth") != "none"
    assert asked == [path.as_uri()], asked
    assert page.evaluate(
        "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
