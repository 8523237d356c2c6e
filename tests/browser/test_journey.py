"""A new user's first week, in a real browser, from an empty workspace to the report.

Only the clock is moved from the test (time-machine, in this process, so the live
server sees the same day); everything else is done through the pages, as a user would.
A screenshot of each step lands in test-artifacts/test_a_new_users_first_week/.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZONE = ZoneInfo("Europe/Berlin")
QUESTION = "Is UX research the right next step after teaching?"

# LinkedIn's Connections.csv as it comes: note lines before the header, a quoted company
# with a comma in it, a missing email, and a row without a name (skipped, with a reason).
CONNECTIONS = (
    "\n".join(
        [
            "Notes:",
            '"When exporting your connection data, you may notice that some of the email addresses '
            'are missing. You will only see email addresses for connections who have allowed it."',
            "",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            "Priya,Raman,https://www.linkedin.com/in/priya-raman,priya@northwind.example,"
            "Northwind Health,Head of Research,12 Mar 2024",
            'Tomás,Ortega,https://www.linkedin.com/in/tortega,,"Lumen Labs, Inc",'
            "Senior UX Researcher,3 Jan 2025",
            "Grace,Liu,https://www.linkedin.com/in/graceliu,grace@transit.example,"
            "City Transit Authority,Research Operations Coordinator,28 Aug 2023",
            ",,,,,,1 Feb 2023",  # nothing to know them by: refused (a URL alone would name them)
        ]
    )
    + "\n"
)


def day(d, hour=9):
    return datetime(2026, 11, d, hour, tzinfo=ZONE)


def open_person(page, name):
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def open_conversation(page, name):
    open_person(page, name)
    page.get_by_role("row").filter(has_text="Informational interview").get_by_role(
        "link", name=name
    ).click()
    expect(page.get_by_role("heading", name=f"Informational interview with {name}")).to_be_visible()


def place(page, name, level):
    """Say where an imported person stands relative to the target position."""
    open_person(page, name)
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("For the exploration").select_option(label=QUESTION)
    page.get_by_label("Level relative to the target position").select_option(level)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def ask(page, name, approach_link, channel):
    open_person(page, name)
    page.get_by_role("button", name="Write the ask").click()
    page.get_by_role("link", name=approach_link).click()
    page.get_by_label("For the exploration").select_option(label=QUESTION)
    page.get_by_label("Channel").select_option(channel)


def log_reply(page, outcome, on):
    page.get_by_label("What happened", exact=True).select_option("replied")
    page.get_by_label("Date", exact=True).fill(on)
    page.get_by_label("Their answer").select_option(outcome)
    page.get_by_role("button", name="Log it").click()


def today_on(page, on):
    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_label("Show the list as of").fill(on)
    page.get_by_role("button", name="Show").click()
    return page.get_by_role("region", name="Today")


def test_a_new_users_first_week(page, screenshot, tmp_path):
    with time_machine.travel(day(16), tick=True) as clock:  # Monday 16 November 2026
        monday(page, screenshot, tmp_path)
        clock.move_to(day(17))
        tuesday(page, screenshot)
        clock.move_to(day(19))
        thursday(page, screenshot, tmp_path)
        clock.move_to(day(20, hour=10))
        friday(page, screenshot)
        clock.move_to(day(25))
        next_wednesday(page, screenshot, tmp_path)


def monday(page, screenshot, tmp_path):
    page.goto("/")
    expect(page.get_by_role("heading", name="Start with a question")).to_be_visible()
    screenshot("01-empty")
    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Your name, as you sign messages").fill("Sam Teacher")
    page.get_by_role("button", name="Save").first.click()

    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_role("button", name="Create your first exploration").click()
    page.get_by_label("Your career question").fill(QUESTION)
    page.get_by_label("Field").fill("User experience")
    page.get_by_label("Target position").fill("UX researcher")
    page.get_by_label("This feeds the decision to").select_option("career_change")
    page.get_by_role("button", name="Create exploration").click()
    expect(page.get_by_role("heading", name=QUESTION)).to_be_visible()
    screenshot("02-exploration")

    connections = tmp_path / "Connections.csv"
    connections.write_text(CONNECTIONS, encoding="utf-8")
    page.get_by_role("link", name="Data").click()
    page.get_by_label("Contacts file").set_input_files(connections)
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-counts")).to_contain_text("3 new")
    expect(page.locator("#import-rejected")).to_contain_text("8nothing to know this person by")
    screenshot("03-import-preview")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-done")).to_contain_text("3 added")
    for name, level in [("Priya Raman", "above"), ("Tomás Ortega", "same"), ("Grace Liu", "below")]:
        place(page, name, level)

    page.get_by_role("link", name="Explorations").click()
    page.get_by_role("link", name=QUESTION).click()
    for organization, advocacy, motivation, postings in [
        ("City Transit Authority", False, "1", "1"),
        ("Northwind Health", True, "3", "3"),
        ("Lumen Labs, Inc", False, "3", "2"),
    ]:
        if not page.get_by_label("Organization", exact=True).is_visible():
            page.locator("summary", has_text="Score an organization").click()
        page.get_by_label("Organization", exact=True).select_option(label=organization)
        page.get_by_label("Advocacy: I have a contact there").set_checked(advocacy)
        page.get_by_label("Motivation", exact=True).select_option(motivation)
        page.get_by_label("Postings", exact=True).select_option(postings)
        page.get_by_role("button", name="Save score").click()
    ranked = page.locator("table.lamp tbody tr td:nth-child(2)")
    expect(ranked).to_have_text(["Northwind Health", "Lumen Labs, Inc", "City Transit Authority"])
    screenshot("04-lamp")

    # Priya, direct, by email: the checker catches a job request before it goes out.
    ask(page, "Priya Raman", "direct message", "email")
    body = page.get_by_label("Message", exact=True)
    draft = body.input_value()
    body.fill(draft + "\nAlso, are you hiring? I would love a job at Northwind Health.")
    findings = page.locator("#findings")
    expect(findings).to_contain_text(
        "Error: Asks for a job", timeout=15_000
    )  # checked as it is typed
    expect(findings).to_contain_text("hiring")
    screenshot("05-checker-flags-a-job-request")
    page.get_by_role("button", name="Log as sent").click()
    expect(page.get_by_role("alert")).to_contain_text("The checker found an error")
    page.get_by_label("Message", exact=True).fill(draft)
    expect(page.locator("#findings .finding-error")).to_have_count(0)
    page.get_by_role("button", name="Log as sent").click()
    expect(page.get_by_text("Asked, waiting for a reply")).to_be_visible()

    # Tomás, asking for advice, through LinkedIn; Grace, a phone script.
    ask(page, "Tomás Ortega", "advice message", "network")
    page.get_by_role("button", name="Log as sent").click()
    expect(page.get_by_text("Asked, waiting for a reply")).to_be_visible()
    ask(page, "Grace Liu", "direct phone script", "phone")
    page.get_by_role("button", name="Log the call").click()
    expect(page.get_by_text("Asked, waiting for a reply")).to_be_visible()
    screenshot("06-three-asks")


def tuesday(page, screenshot):
    open_conversation(page, "Tomás Ortega")
    log_reply(page, "declined_busy", "2026-11-17")
    expect(page.get_by_text("Thank them and ask whom else they would suggest.")).to_be_visible()
    page.get_by_label("Whom they suggested").fill("Lena Fischer")
    page.get_by_label("Role").fill("Principal Researcher")
    page.get_by_label("Organization").fill("Harbor Design Studio")
    page.get_by_role("button", name="Add referral").click()
    expect(page.get_by_text("Referred me to: Lena Fischer")).to_be_visible()
    screenshot("07-declined-with-a-referral")

    open_conversation(page, "Priya Raman")
    log_reply(page, "accepted", "2026-11-17")
    expect(page.get_by_text("Agree on a time and log the meeting.")).to_be_visible()
    page.get_by_label("Meeting date").fill("2026-11-20")
    page.get_by_label("Time", exact=True).fill("10:30")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_label("Place or phone number").fill("Northwind Health, 4th floor")
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("Friday 20 November 2026, 10:30")).to_be_visible()
    screenshot("08-scheduled")


def thursday(page, screenshot, tmp_path):
    today = today_on(page, "2026-11-19")  # three business days after Monday
    expect(today).to_contain_text("No reply from Grace Liu yet")
    screenshot("09-today-no-reply")

    open_conversation(page, "Priya Raman")
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart") == datetime(2026, 11, 20, 10, 30, tzinfo=ZONE)
    assert (event.decoded("dtend") - event.decoded("dtstart")).total_seconds() == 20 * 60
    assert "Priya Raman" in str(event["summary"])

    page.get_by_role("link", name="Plan the questions").click()
    page.get_by_role("button", name="Build plan").click()
    expect(page.locator("#plan .plan-item")).to_have_count(5)
    screenshot("10-plan")


def friday(page, screenshot):
    open_conversation(page, "Priya Raman")
    page.get_by_role("button", name="Open live mode").click()
    page.get_by_role("button", name="Start the clock").click()
    notes = page.locator(".live-question textarea")
    notes.nth(0).fill("Came from teaching too: a bootcamp, then a research assistant role.")
    page.get_by_role("button", name="Next question →").click()
    page.keyboard.type("Interviews in the morning, synthesis in the afternoon.")
    page.get_by_label("Name", exact=True).focus()
    page.keyboard.type("Jonas Weber")
    page.keyboard.press("Enter")
    expect(page.locator("#referrals")).to_contain_text("Jonas Weber")
    expect(page.locator("[data-sync-status]")).to_have_text("All notes saved.")
    screenshot("11-live-mode")
    page.get_by_role("button", name="End the meeting").click()

    # It recalls the first note in the order of the findings' topics, which depends on
    # the questions the planner chose: either note is something specific they said.
    expect(page.get_by_label("Thank-you note (edit before sending)")).to_have_value(
        re.compile(
            "what you said: “(Interviews in the morning, synthesis in the afternoon"
            "|Came from teaching too: a bootcamp, then a research assistant role)”"
        )
    )
    page.get_by_role("button", name="Save findings").click()
    page.get_by_role("button", name="Log the thank-you as sent").click()
    expect(page.locator("hgroup .stage")).to_have_text("Thanked")
    screenshot("12-thanked")


def next_wednesday(page, screenshot, tmp_path):
    today = today_on(page, "2026-11-25")  # seven business days after Monday
    follow_up = "Send Grace Liu one polite follow-up"
    expect(today).to_contain_text(follow_up)
    overdue = page.get_by_role("region", name="Overdue")
    expect(overdue).to_contain_text("Contact Lena Fischer, whom you were referred to")
    expect(overdue).to_contain_text("Contact Jonas Weber, whom you were referred to")
    screenshot("13-today-follow-up")
    today.get_by_role("link", name=follow_up).click()
    page.get_by_label("What happened", exact=True).select_option("followed_up")
    page.get_by_label("Date", exact=True).fill("2026-11-25")
    page.get_by_role("button", name="Log it").click()
    expect(page.get_by_text("Followed up once")).to_be_visible()

    page.get_by_role("link", name="Explorations").click()
    page.get_by_role("link", name=QUESTION).click()
    page.get_by_role("link", name="360° view and numbers").click()
    grid = page.get_by_role("table", name="Who I have talked to, by level and organization")
    expect(grid).to_contain_text("Priya Raman (met)")
    expect(grid).to_contain_text("Tomás Ortega (declined)")
    funnel = page.locator("figure", has_text="From asking to being referred on")
    funnel.get_by_text("the numbers").click()
    expect(funnel.locator("tbody tr")).to_have_text(
        ["Asked3", "Replied2", "Met1", "Thanked1", "Referred on2"]
    )
    screenshot("14-360-and-funnel")

    page.get_by_role("link", name=QUESTION).click()
    page.get_by_label("What I decided").fill(
        "Go for UX research: apply to Northwind's research assistant programme in January."
    )
    page.get_by_label("Decided on").fill("2026-11-25")
    page.get_by_role("button", name="Close exploration").click()
    expect(page.locator("#decision")).to_contain_text("Go for UX research")
    screenshot("15-decision")

    with page.expect_download() as download:
        page.get_by_role("link", name="Markdown").click()
    report = download.value.path().read_text(encoding="utf-8")
    assert QUESTION in report and "Go for UX research" in report
    assert "Priya Raman" in report
