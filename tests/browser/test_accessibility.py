"""Accessibility in a real Chromium: axe-core on every page of a populated workspace, the
main flows by keyboard alone, and a focus ring you can see.

axe-core comes from the npm registry (vendored with its version in the name, licence
header kept). The app's Content Security Policy refuses inline scripts, so the pages are
checked in a browser context that bypasses it; test_content_security_policy.py checks the
policy itself with it enforced.
"""

from datetime import date
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver, resolve
from django.utils import timezone
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.demo.services import build_demo_workspace
from coffeechat.domain.businessdays import add_business_days
from coffeechat.outreach.services import save_template
from coffeechat.people.models import Person
from coffeechat.people.services import create_person, delete_person
from coffeechat.questions.services import bank_for
from coffeechat.transfer.services import start_job
from tests.browser.test_mobile import main_pages
from tests.conftest import make_exploration
from tests.web.test_every_page import pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
FAILING_IMPACTS = {"serious", "critical"}

# Named URLs that are not pages: POST-only actions, downloads, JSON, htmx fragments, and
# team mode's pages (checked in team mode below). Everything else must be in pages_to_check.
NOT_PAGES = {
    "today:mark",
    "explorations:close",
    "explorations:reopen",
    "explorations:option_add",
    "explorations:point_add",
    "explorations:target_set",
    "people:note",
    "people:duplicates",
    "people:duplicate_check",  # the new-person form's notice, an htmx fragment
    "conversations:ask",
    "conversations:schedule",
    "conversations:cancel",
    "conversations:ics",
    "conversations:live_note",
    "conversations:live_referral",
    "conversations:live_end",
    "conversations:live_start",
    "conversations:live_mark",
    "conversations:recording_chunk",
    "conversations:transcript_accept",
    "conversations:transcript_cancel",
    "conversations:recording",
    "conversations:recording_file",
    "conversations:employment",
    "accounts:feed_renew",
    "accounts:feed_revoke",
    "accounts:feed",
    "accounts:logout",
    "accounts:coach_revoke",
    "accounts:coach_leave",
    "accounts:invitation_withdraw",
    "outreach:check",
    "questions:plan_change",
    "questions:tick",
    "questions:prep_pdf",
    "questions:retire",
    "questions:about_me_delete",
    "transfer:import",
    "transfer:commit",
    "transfer:discard",
    "transfer:export",
    "transfer:restore",
    "api_tokens:revoke",
    "assistant:draft",
    "assistant:summary",
    "assistant:erase_log",  # answers, not pages
    "transfer:columns",  # the choice posted from the import page (transfer:job)
    "outreach:file_delete",
    # Deleting, undoing and changing in bulk (issue 24): buttons that post, not pages.
    "people:bulk",
    "people:note_delete",
    "people:organization_delete",
    "explorations:delete",
    "conversations:event_delete",
    "outreach:template_delete",
    "today:unmark",
    "trash:restore",
    "trash:delete",
    "trash:empty",
}
TEAM_PAGES = {
    "accounts:login",
    "accounts:password",
    "accounts:invitation",
    "accounts:coaches",
    "accounts:invitations",
}

LINKEDIN = (
    'Notes:\n"Some email addresses may be missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Raman,,priya@example.org,Northwind Health,Head of Research,1 Feb 2023\n"
    'Rosa,Diaz,,,"Harbor, Design Studio",Researcher,2 Mar 2024\n'
    ",,,,,,\n"
)


def named_urls(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from named_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def pages_to_check(me):
    person = Person.objects.first()
    template = save_template(
        me,
        name="Alumni, short",
        approach="advice",
        form="written",
        body="Dear {their_name}, may I ask for 15 minutes?",
    )
    job = start_job(me, "Connections.csv", LINKEDIN.encode())  # small: previewed at once
    exploration = pages()[3].split("/")[2]
    delete_person(me, create_person(me, name="Gone Away").pk)  # the Trash lists something
    return pages() + [
        "/data/",
        "/data/trash/",
        f"/data/import/{job.pk}/",
        f"/data/erase/{person.pk}/",
        "/settings/tokens/",
        f"/explorations/{exploration}/report.html?download=0",
        f"/questions/{bank_for(me).first().pk}/",
        f"/outreach/templates/{template.pk}/",
        "/api/v1/docs",
        "/settings/assistant/",
        f"/people/{person.pk}/timeline/",
        "/settings/files/",
        f"/conversations/{person.conversations.first().pk}/transcript/",
    ]


def axe_violations(page) -> list[str]:
    # Swagger UI's own widgets (nested controls, its colours) are not ours to fix; the page
    # around them (language, title, landmark) is.
    results = page.evaluate("axe.run({exclude: ['#swagger-ui']}, {resultTypes: ['violations']})")
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}) {violation['help']} — "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


@pytest.fixture
def axe_page(browser, live_server):
    # axe comes in as an init script: the browser runs it in each new document before the
    # page's own, outside the Content Security Policy (which refuses inline scripts), and
    # without sending its 650 kB over the wire for every page.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_every_page_has_no_serious_accessibility_violation(axe_page):
    me = local_user()
    build_demo_workspace(me, today=date(2026, 11, 23))
    urls = pages_to_check(me)
    checked = {resolve(url.split("?")[0]).view_name for url in urls}
    unchecked = set(named_urls()) - checked - NOT_PAGES - TEAM_PAGES
    assert not {name for name in unchecked if not name.startswith("api:")}, unchecked

    violations = []
    for url in urls:
        response = axe_page.goto(url)
        assert response.ok, url
        if url.startswith("/api/"):  # its script fetches the schema: let it finish
            axe_page.wait_for_load_state("networkidle")
        violations += axe_violations(axe_page)
    # A form sent back with its errors, and a message the checker flags.
    axe_page.goto("/people/new/")
    axe_page.get_by_role("button", name="Add person").click()
    expect(axe_page.get_by_role("alert")).to_be_visible()
    violations += axe_violations(axe_page)
    axe_page.goto(next(url for url in urls if url.endswith("/compose/")))
    axe_page.get_by_label("Message", exact=True).fill("Are you hiring? I need a job.")
    expect(axe_page.locator("#findings .finding-error").first).to_be_visible()
    violations += axe_violations(axe_page)
    # Pico follows the system's dark theme: the main pages again, in the dark.
    axe_page.emulate_media(color_scheme="dark")
    for _, url, _ in main_pages():
        axe_page.goto(url)
        violations += [f"(dark) {violation}" for violation in axe_violations(axe_page)]
    assert not violations, "\n".join(violations)


def log_in(page, username, password):
    page.goto("/account/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Today", exact=True)).to_be_visible()


def test_team_mode_pages_have_no_serious_accessibility_violation(axe_page, settings):
    from coffeechat.accounts import team
    from coffeechat.settings import TEAM_SETTINGS
    from tests.team.conftest import PASSWORD, make_user

    settings.MODE = "team"
    for name, value in TEAM_SETTINGS.items():
        setattr(settings, name, value)
    # The live server speaks plain HTTP; Chromium keeps Secure cookies for localhost.
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = False, 0
    alice = make_user("alice", is_staff=True)
    coach = make_user("bob")
    team.grant_coach(alice, "bob")
    _, secret = team.invite("carol@example.org", invited_by=alice)
    build_demo_workspace(alice, today=date(2026, 11, 23))

    violations = []
    for url in ["/account/login/", f"/account/invitation/{secret}/"]:
        axe_page.goto(url)
        violations += axe_violations(axe_page)
    log_in(axe_page, "alice", PASSWORD)
    for url in ["/", "/account/coaches/", "/account/invitations/", "/account/password/"]:
        assert axe_page.goto(url).ok, url
        violations += axe_violations(axe_page)
    axe_page.context.clear_cookies()
    log_in(axe_page, coach.username, PASSWORD)
    for url in [f"/coach/{alice.pk}/", f"/coach/{alice.pk}/people/"]:
        assert axe_page.goto(url).ok, url
        violations += axe_violations(axe_page)
    assert not violations, "\n".join(violations)


# What the focused element is called, and whether it has the app's focus ring (app.css).
FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  const field = ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName);
  const name = (e.getAttribute('aria-label') || (field ? e.id : e.innerText) || '').trim();
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  // Not :focus while Chromium's own calendar button inside a date field has it.
  return {name: name.split('\\n')[0], tag: e.tagName, visible: ring || !e.matches(':focus')};
}"""


def tab_to(page, name, unseen, limit=80):
    """Press Tab until the element called `name` (a field: its id) has the focus; note any
    focus that cannot be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] != "BODY" and not focused["visible"]:
            unseen.append(f"{page.url}: {focused['tag']} {focused['name']!r}")
        if focused["name"].startswith(name):
            return
    raise AssertionError(f"Tab never reached {name!r} on {page.url}")


def test_add_a_person_ask_and_clear_today_with_the_keyboard_alone(page):
    make_exploration(local_user(), title="Is UX research for me?")
    unseen = []
    page.goto("/people/")
    tab_to(page, "Skip to content", unseen)
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    tab_to(page, "Add a person", unseen)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Add a person")).to_be_visible()
    tab_to(page, "id_name", unseen)
    page.keyboard.type("Priya Raman")
    tab_to(page, "id_exploration", unseen)
    page.keyboard.press("ArrowDown")  # the one exploration
    tab_to(page, "Add person", unseen)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Priya Raman")).to_be_visible()

    tab_to(page, "Write the ask", unseen)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Ask Priya Raman for a conversation")).to_be_visible()
    tab_to(page, "Log as sent", unseen)
    page.keyboard.press("Space")
    expect(page.get_by_text("Asked, waiting for a reply")).to_be_visible()

    due = add_business_days(timezone.localdate(), 3)
    page.goto(f"/?on={due.isoformat()}")
    task = "No reply from Priya Raman yet"
    expect(page.get_by_role("region", name="Today")).to_contain_text(task)
    tab_to(page, f"Done: {task}", unseen)
    page.keyboard.press("Space")
    expect(page.locator("#tasks").get_by_text(task)).to_have_count(0)
    expect(page.locator("#messages")).to_contain_text(f"Marked “{task}")
    # The cleared task's button is gone; the focus stays in the list, not at the top.
    expect(page.locator("#tasks :focus")).to_have_count(1)
    assert not unseen, "Focus without a visible ring:\n" + "\n".join(unseen)
