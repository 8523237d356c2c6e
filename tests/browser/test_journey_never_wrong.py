"""Issue 20's walk, as a user meets it: the reply form, impossible dates, a meeting that
has happened, closing and reopening the exploration, and Today on the days between."""

from datetime import UTC, date, datetime, time

import pytest
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.conversations.services import log_event, save_findings, schedule
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.questions.services import build_plan, current_plan, plan_items
from coffeechat.today.services import run_digests_once
from tests.conftest import free_port, make_ask, make_exploration, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def priya():
    me = local_user()
    exploration = make_exploration(me, title="UX research?", field="UX research")
    return make_person(me, name="Priya Raman", exploration=exploration, email="priya@example.org")


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


def met(me, person, exploration, findings):
    """Asked, accepted, booked, held and thanked (set up through the services)."""
    conversation = make_ask(me, person=person, exploration=exploration, on=date(2026, 11, 2))
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    schedule(
        me,
        conversation,
        on=date(2026, 11, 4),
        meeting_date=date(2026, 11, 10),
        meeting_time=time(10),
        time_zone="Europe/Berlin",
        minutes=20,
        mode="workplace",
    )
    log_event(me, conversation, EventKind.HELD, on=date(2026, 11, 10))
    log_event(me, conversation, EventKind.THANKED, on=date(2026, 11, 12))
    save_findings(
        me, conversation, dict(zip(["likes", "dislikes", "path_into_role"], findings, strict=False))
    )
    return conversation


def test_what_people_said_is_advised_kept_counted_and_found(page, priya, settings):
    """Points 4, 6, 7, 9, 10 and 11, one page flow each, on one shared exploration."""
    settings.CADENCE = {**settings.CADENCE, "follow_up_after": 5}
    me, exploration = priya.owner, priya.exploration
    asked = make_ask(
        me,
        person=priya,
        exploration=exploration,
        on=date(2026, 11, 2),
        text="Could I ask about your onboarding?",
    )
    ada = make_person(me, name="Ada Lovelace", exploration=exploration, level="same")
    met(
        me,
        ada,
        exploration,
        ["stakeholder maps", "stakeholder interviews", "Building a portfolio of small studies"],
    )
    met(
        me,
        make_person(me, name="Ben Okafor", exploration=exploration),
        exploration,
        ["stakeholder work"],
    )
    carl = make_ask(
        me,
        person=make_person(me, name="Carl Weber", exploration=exploration, level="same"),
        exploration=exploration,
        on=date(2026, 11, 2),
    )

    # 4: the advice while waiting counts the days the settings give, not a fixed seven.
    page.goto(f"/conversations/{asked.pk}/")
    expect(page.locator(".advice")).to_contain_text("after 5 business days without a reply")

    # 7: she declines but suggests Noor; the ask to Noor names Priya.
    log(page, "replied", "2026-11-03", outcome="declined_busy")
    page.get_by_label("Whom they suggested").fill("Noor Haddad")
    page.get_by_role("button", name="Add referral").click()
    page.get_by_role("link", name="Noor Haddad").first.click()
    page.get_by_role("link", name="Write the ask").click()
    page.get_by_role("link", name="referred by someone message").click()
    expect(page.locator("main")).to_contain_text("Priya Raman")
    expect(page.locator("main")).not_to_contain_text("[acquaintance]")

    # 11: what was said is found: a finding, the ask's text, a referral's name.
    for word, who in (("portfolio", "Ada"), ("onboarding", "Priya"), ("Noor", "Priya")):
        page.goto(f"/search/?q={word}")
        expect(page.get_by_role("link", name=f"Conversation with {who}").first).to_be_visible()

    # 9: Carl's meeting is booked, then cancelled; the 360° grid says so.
    page.goto(f"/conversations/{carl.pk}/")
    log(page, "replied", "2026-11-03", outcome="accepted")
    page.get_by_label("Meeting date").fill("2026-11-10")
    page.get_by_label("Time", exact=True).fill("10:30")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_label("Agreed on").fill("2026-11-04")
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.get_by_text("Cancel the meeting").click()
    page.get_by_label("Why it was cancelled").fill("They moved team")
    page.get_by_label("Cancelled on").fill("2026-11-05")
    page.get_by_role("button", name="Cancel meeting").click()
    page.goto(f"/explorations/{exploration.pk}/")
    page.get_by_role("link", name="360° view and numbers").click()
    grid = page.get_by_role("table", name="Who I have talked to, by level and organization")
    expect(grid).to_contain_text("Carl Weber (meeting cancelled)")
    expect(grid).not_to_contain_text("(declined)")

    # 10: "stakeholder" came from two people, however often Ada said it.
    page.goto(f"/explorations/{exploration.pk}/side-by-side/")
    expect(page.locator("main")).to_contain_text("stakeholder from 2 people")

    # 6: eight weeks after the thank-you Today says keep in touch; a note resets it.
    page.goto("/?on=2027-01-07")
    expect(page.get_by_text("Keep in touch with Ada Lovelace")).to_be_visible()
    page.goto(f"/people/{ada.pk}/")
    page.get_by_label("Add a note").fill("Met her again at a meetup.")
    page.get_by_role("button", name="Add note").click()
    page.goto("/?on=2027-01-07")
    expect(page.get_by_text("Keep in touch with Ada Lovelace")).to_have_count(0)


def test_the_plan_fits_the_note_search_hears_notes_and_the_email_needs_mail(page, priya, settings):
    """Points 8, 11 (a question's note) and 13."""
    me = priya.owner
    asked = make_ask(me, person=priya, exploration=priya.exploration, on=date(2026, 11, 2))
    log_event(me, asked, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    schedule(
        me,
        asked,
        on=date(2026, 11, 4),
        meeting_date=date(2026, 11, 12),
        meeting_time=time(10),
        time_zone="Europe/Berlin",
        minutes=30,
        mode="workplace",
    )
    build_plan(me, asked)

    # 8: the meeting moves to ten minutes; the confirmation lists only what still fits.
    page.goto(f"/conversations/{asked.pk}/")
    page.get_by_text("Move the meeting").click()
    page.get_by_label("Length").select_option("10")
    page.get_by_label("Agreed on").fill("2026-11-05")
    page.get_by_role("button", name="Move meeting").click()
    fitting = [q.text for q in current_plan(me, asked).questions]
    left_out = [i.question.text for i in plan_items(asked) if i.question.text not in fitting]
    assert fitting and left_out
    note = page.locator("#confirmation-note")
    for text in fitting:
        expect(note).to_contain_text(f"- {text}")
    for text in left_out:
        expect(note).not_to_contain_text(f"- {text}")

    # 11: a note typed under a question in live mode is found by search.
    page.get_by_role("button", name="Open live mode").click()
    with page.expect_response(lambda response: "/live/note" in response.url):
        page.get_by_label(fitting[0]).fill("Started in sales")
    page.goto("/search/?q=sales")
    expect(page.get_by_role("link", name="Conversation with Priya").first).to_be_visible()

    # 13: no morning email without a mail server; with one that fails, words, not errors.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = ""
    page.goto("/settings/")
    page.get_by_label("Email me the Today list every morning").check()
    page.get_by_label("Send the digest to").fill("me@example.org")
    page.get_by_label("At (hour of the day, 0–23)").fill("8")
    page.get_by_role("button", name="Save").first.click()
    refused = page.locator("#id_digest_enabled_error")
    expect(refused).to_contain_text("The morning email needs a mail server")
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_USE_TLS, settings.TIME_ZONE = False, "UTC"
    page.get_by_role("button", name="Save").first.click()
    expect(refused).to_have_count(0)
    expect(page.get_by_label("Email me the Today list every morning")).to_be_checked()
    run_digests_once("a", datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    page.goto("/?on=2026-11-25")
    problem = page.get_by_role("alert").filter(has_text="could not be sent")
    expect(problem).to_contain_text("could not be reached")
    for raw in ("Error", "Errno", "SMTP"):
        expect(problem).not_to_contain_text(raw)
