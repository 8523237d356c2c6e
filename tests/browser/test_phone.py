"""Every main page on a small phone (360 px wide): no sideways scrolling, and no element
id used twice (axe's duplicate-id rules). Screenshots of each page are saved as test
artifacts, in $COFFEECHAT_ARTIFACTS/phone-360 (test-artifacts/ by default)."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.urls import resolve

from coffeechat.accounts.services import local_user
from coffeechat.demo.services import build_demo_workspace
from tests.browser.test_accessibility import AXE, pages_to_check
from tests.browser.test_mobile import WIDEST, main_pages
from tests.conftest import make_person

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 360, 740
OVERFLOW = "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
# axe's rule for ids that labels and ARIA point at, and every other id counted by hand (axe
# 4.14 no longer checks ids that nothing refers to, and a second form's field is one).
DUPLICATE_IDS = """async () => {
  const axed = await axe.run(document, {runOnly: ['duplicate-id-aria']});
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return axed.violations.flatMap(v => v.nodes.map(n => n.target.join(' ')))
    .concat(ids.filter((id, i) => ids.indexOf(id) !== i));
}"""


@pytest.fixture
def small_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": HEIGHT}
    )
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def artifacts() -> Path:
    folder = Path(os.environ.get("COFFEECHAT_ARTIFACTS") or ARTIFACTS) / "phone-360"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_every_page_fits_a_360_px_screen_without_duplicate_ids(small_phone):
    me = local_user()
    build_demo_workspace(me, today=date.today())
    # Long values without a place to break: they widened the person page by 146 px.
    long = make_person(
        me,
        name="Maximiliane Wolkenstein-Rabenau",
        email="maximiliane.wolkenstein-rabenau@a-very-long-domain-name.example",
        profile_url="https://www.linkedin.com/in/maximiliane-wolkenstein-rabenau-1234567890abcdef/",
        notes="https://example.org/" + "a" * 120,
    )
    folder = artifacts()
    print(f"screenshots in {folder}")
    problems = []
    main = [url for _, url, _ in main_pages()] + [f"/people/{long.pk}/"]
    for url in main + pages_to_check(me):
        if url.startswith("/api/"):
            continue  # Swagger UI's own page
        assert small_phone.goto(url).ok, url
        overflow = small_phone.evaluate(OVERFLOW)
        if overflow > 0:
            wide = small_phone.evaluate(WIDEST, WIDTH)
            problems.append(f"{url}: {overflow}px too wide, because of {wide}")
        duplicates = small_phone.evaluate(DUPLICATE_IDS)
        if duplicates:
            problems.append(f"{url}: ids used twice: {duplicates}")
        name = resolve(url.split("?")[0]).view_name.replace(":", "-")
        name += "-" + "-".join(part for part in url.split("/") if part.isdigit())
        small_phone.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    assert not problems, "\n".join(problems)
