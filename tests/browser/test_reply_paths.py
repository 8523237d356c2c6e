"""Issue 5's walk: ask five people, then every reply path, and Today on the days that matter."""

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from tests.conftest import make_exploration, make_organization, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ["Ann Accepts", "Ben Busy", "Cat Callback", "Dan Declines", "Eve Silent"]


@pytest.fixture
def people():
    me = local_user()
    exploration = make_exploration(me, title="UX research?", field="UX research")
    acme = make_organization(me, name="Acme")
    found = {
        name: make_person(
            me,
            name=name,
            title="UX researcher",
            organization=acme,
            exploration=exploration,
            email=f"{name.split()[0]}@acme.example",
        )
        for name in NAMES
    }
    found["Fay Next"] = make_person(
        me, name="Fay Next", organization=acme, exploration=exploration, priority=3
    )
    return found


def ask(page, person, on="2026-11-20"):
    page.goto(f"/people/{person.pk}/compose/?approach=direct")
    page.get_by_label("Date").fill(on)
    page.get_by_role("button", name="Log as sent").click()
    expect(page.get_by_text("Asked, waiting for a reply")).to_be_visible()
    return page.url


def log(page, kind, on, outcome=None, callback=None):
    page.get_by_label("What happened", exact=True).select_option(kind)
    page.get_by_label("Date", exact=True).fill(on)
    if outcome:
        page.get_by_label("Their answer").select_option(outcome)
    if callback:
        page.get_by_label("Ask again on").fill(callback)
    page.get_by_role("button", name="Log it").click()


def test_every_reply_path_and_the_3b7_routine(page, people, screenshot):
    # Friday 20 November 2026
    conversation = {name: ask(page, people[name]) for name in NAMES}
    page.goto(conversation["Ann Accepts"])
    log(page, "replied", "2026-11-23", outcome="accepted")
    expect(page.get_by_text("Agree on a time and log the meeting.")).to_be_visible()

    page.goto(conversation["Ben Busy"])
    log(page, "replied", "2026-11-23", outcome="declined_busy")
    expect(page.get_by_text("Thank them and ask whom else they would suggest.")).to_be_visible()
    expect(page.get_by_label("A reply you could send (edit it first)")).to_contain_text(
        "someone else"
    )
    expect(page.get_by_text("Next person to ask:")).to_contain_text("Fay Next")
    screenshot("1-declined")

    page.goto(conversation["Cat Callback"])
    log(page, "replied", "2026-11-23", outcome="busy_now", callback="2026-12-07")

    page.goto(conversation["Dan Declines"])
    log(page, "replied", "2026-11-23", outcome="clear_no")
    expect(page.get_by_text("They will not be asked again.")).to_be_visible()
    page.goto(f"/people/{people['Dan Declines'].pk}/")
    expect(page.get_by_text("gave a clear no")).to_be_visible()

    # No reply from Eve: 3 business days after Friday is Wednesday 25th.
    page.goto("/?on=2026-11-24")
    expect(page.get_by_role("region", name="Today")).to_have_count(0)
    page.goto("/?on=2026-11-25")
    today = page.get_by_role("region", name="Today")
    expect(today).to_contain_text("No reply from Eve Silent yet: ask another person")
    expect(page.get_by_role("region", name="Overdue")).to_contain_text("Ann Accepts said yes")
    screenshot("2-today-day-3")

    # 7 business days: Tuesday 1 December, one polite follow-up.
    page.goto("/?on=2026-12-01")
    today = page.get_by_role("region", name="Today")
    expect(today).to_contain_text("Send Eve Silent one polite follow-up")
    today.get_by_role("link", name="Send Eve Silent one polite follow-up").click()
    log(page, "followed_up", "2026-12-01")
    expect(page.get_by_text("Followed up once")).to_be_visible()
    # Never a second follow-up: it is not even offered.
    kinds = page.get_by_label("What happened", exact=True)
    expect(kinds.locator("option[value=followed_up]")).to_have_count(0)

    page.goto("/?on=2026-12-07")
    expect(page.get_by_role("region", name="Today")).to_contain_text(
        "Ask Cat Callback again for a better time"
    )
    page.goto("/?on=2026-12-20")
    expect(page.get_by_text("Eve Silent")).to_have_count(0)
    screenshot("3-later")
