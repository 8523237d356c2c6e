"""The main pages on a phone (390×844): nothing wider than the screen, the main
navigation and each page's primary action on screen. Screenshots go to
test-artifacts/mobile/ for a look."""

from datetime import date

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.conversations.models import Conversation
from coffeechat.demo.services import build_demo_workspace
from coffeechat.explorations.models import Exploration

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844
TOLERANCE = 2  # px of rounding
# The elements that stick out of the screen, leaving out those inside a box that scrolls.
WIDEST = """limit => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > limit)
  .filter(e => { for (let a = e.parentElement; a; a = a.parentElement)
                   if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX))
                     return false;
                 return true; })
  .slice(0, 3).map(e => e.outerHTML.slice(0, 80))"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        is_mobile=True,
        has_touch=True,
        viewport={"width": WIDTH, "height": HEIGHT},
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def main_pages():
    """(name, url, the primary action's role and name) for each main page."""
    exploration = Exploration.objects.get()
    conversation = Conversation.objects.filter(stage_cache="scheduled").first()
    return [
        ("today", "/", ("button", "Show")),
        ("people", "/people/", ("button", "Add a person")),
        ("person", f"/people/{conversation.person_id}/", ("button", "Write the ask")),
        ("conversation", f"/conversations/{conversation.pk}/", ("button", "Open live mode")),
        ("exploration", f"/explorations/{exploration.pk}/", ("link", "Add a person")),
        ("360", f"/explorations/{exploration.pk}/insights/", ("link", exploration.title)),
        (
            "side-by-side",
            f"/explorations/{exploration.pk}/side-by-side/",
            ("link", exploration.title),
        ),
        ("live", f"/conversations/{conversation.pk}/live/", ("button", "Start the clock")),
    ]


def within_the_screen(locator) -> bool:
    box = locator.bounding_box()
    return (
        box is not None and box["x"] >= -TOLERANCE and box["x"] + box["width"] <= WIDTH + TOLERANCE
    )


def test_main_pages_fit_a_phone(phone):
    build_demo_workspace(local_user(), today=date.today())
    folder = ARTIFACTS / "mobile"
    folder.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, url, (role, label) in main_pages():
        phone.goto(url)
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        if width > WIDTH + TOLERANCE:
            wide = phone.evaluate(WIDEST, WIDTH + TOLERANCE)
            problems.append(f"{url}: {width}px wide, because of {wide}")
        for link in ["Today", "Explorations", "People"]:
            nav = phone.get_by_role("navigation", name="Main").get_by_role(
                "link", name=link, exact=True
            )
            expect(nav).to_be_visible()
            if not within_the_screen(nav):
                problems.append(f"{url}: the {link} link is off screen")
        action = phone.get_by_role(role, name=label, exact=True).first
        expect(action).to_be_visible()
        action.scroll_into_view_if_needed()
        if not within_the_screen(action):
            problems.append(f"{url}: '{label}' is off screen")
        phone.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    assert not problems, "\n".join(problems)
