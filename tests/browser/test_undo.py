"""Undo instead of fear, many at once instead of one by one (issue 24), in a real browser:
each kind of deletion disappears at once and comes back with the message's Undo; 50
people change in one step and come back with one Undo; a refused htmx request says why
where it was sent from."""

from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from coffeechat.accounts.services import local_user
from coffeechat.conversations.models import Conversation
from coffeechat.explorations.models import Exploration
from coffeechat.outreach.models import MessageTemplate
from coffeechat.outreach.services import save_template
from coffeechat.people.models import Note, Organization, Person
from coffeechat.people.services import add_note
from coffeechat.questions.models import PlanItem
from coffeechat.questions.services import build_plan
from tests.conftest import make_ask, make_exploration, make_organization, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def undo(page, said: str) -> None:
    message = page.locator("#messages .message", has_text=said)
    expect(message).to_be_visible()
    message.get_by_role("button", name="Undo").click()
    expect(page.locator("#messages")).to_contain_text("Restored")


def test_a_deleted_person_note_and_organization_come_back_with_undo(page):
    with transaction.atomic():
        me = local_user()
        organization = make_organization(me, name="Northwind")
        person = make_person(me, name="Dana Reyes", organization=organization)
        add_note(me, person, "Met at the meetup")
    page.goto(f"/people/{person.pk}/")
    page.locator(".note").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Met at the meetup")).to_have_count(0)
    undo(page, "Moved a note on Dana Reyes to the Trash.")
    expect(page.get_by_text("Met at the meetup")).to_be_visible()

    page.locator(".record-actions").get_by_role("button", name="Delete").click()
    expect(page).to_have_url("/people/")
    expect(page.get_by_role("link", name="Dana Reyes")).to_have_count(0)
    undo(page, "Moved Dana Reyes to the Trash.")
    expect(page.get_by_role("link", name="Dana Reyes")).to_be_visible()
    assert Note.objects.filter(person_id=person.pk).count() == 1

    page.goto(f"/orgs/{organization.pk}/")
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("link", name="Northwind")).to_have_count(0)
    undo(page, "Moved Northwind to the Trash.")
    expect(page.get_by_role("link", name="Northwind")).to_be_visible()
    assert Person.objects.get(pk=person.pk).organization_id == organization.pk
    assert Organization.objects.count() == 1


def test_a_wrongly_logged_ask_an_exploration_and_a_template_come_back(page):
    with transaction.atomic():
        me = local_user()
        person = make_person(me, name="Dana Reyes")
        exploration = make_exploration(me, title="Is UX research for me?")
        template = save_template(
            me,
            name="Alumni, short",
            approach="advice",
            form="written",
            body="Dear {their_name}, may I ask for 15 minutes?",
        )
    page.goto(f"/people/{person.pk}/")
    page.get_by_label("Exploration").select_option(str(exploration.pk))
    page.get_by_role("button", name="Log the ask").click()
    message = page.locator("#messages .message", has_text="Logged the ask to Dana Reyes.")
    message.get_by_role("button", name="Undo").click()  # the ask was a mistake
    expect(page.locator("#messages")).to_contain_text("to the Trash")
    assert not Conversation.objects.exists()
    undo(page, "to the Trash")  # and undoing the undo brings it back
    assert Conversation.objects.get().events.count() == 1

    page.goto(f"/explorations/{exploration.pk}/")
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("link", name="Is UX research for me?")).to_have_count(0)
    undo(page, "Moved Is UX research for me? to the Trash.")
    assert Exploration.objects.get().conversations.count() == 1

    page.goto(f"/outreach/templates/{template.pk}/")
    page.get_by_role("button", name="Delete this template").click()
    undo(page, "Moved Alumni, short to the Trash.")
    expect(page.get_by_role("link", name="Alumni, short")).to_be_visible()
    assert MessageTemplate.objects.count() == 1


def test_a_dismissed_task_comes_back_with_undo_and_the_trash_page_restores(page):
    with transaction.atomic():
        me = local_user()
        make_ask(me, person=make_person(me, name="Dana Reyes"), on=date(2026, 11, 2))
        gone = make_person(me, name="Lee Park")
    page.goto("/?on=2026-11-30")
    tasks = page.locator("#tasks")
    task = tasks.locator(".task", has_text="Dana Reyes").first
    title = task.get_by_role("link").inner_text()
    task.get_by_role("button", name=f"Dismiss: {title}").click()
    expect(tasks.get_by_text(title)).to_have_count(0)
    page.locator("#messages").get_by_role("button", name="Undo").click()
    expect(page).to_have_url("/?on=2026-11-30")
    expect(page.locator("#tasks").get_by_text(title)).to_be_visible()

    page.goto(f"/people/{gone.pk}/")
    page.locator(".record-actions").get_by_role("button", name="Delete").click()
    page.goto("/data/")
    page.get_by_role("link", name="Trash").click()
    page.get_by_role("button", name="Restore: Lee Park").click()
    expect(page.locator("#messages")).to_contain_text("Restored Lee Park.")
    expect(page.get_by_text("The Trash is empty.")).to_be_visible()
    assert Person.objects.filter(pk=gone.pk).exists()


def test_fifty_people_change_in_one_step_and_come_back_with_one_undo(page):
    with transaction.atomic():
        me = local_user()
        make_exploration(me, title="Is UX research for me?")
        for n in range(50):
            make_person(me, name=f"Person {n:02}")
    page.goto("/people/")
    boxes = page.locator("[data-bulk-row]")
    boxes.nth(2).click()
    boxes.nth(6).click(modifiers=["Shift"])  # a range: rows 3 to 7
    expect(page.locator("[data-bulk-count]")).to_have_text("5 selected")
    page.get_by_label("Select everyone on this page").check()
    expect(page.locator("[data-bulk-count]")).to_have_text("50 selected")
    page.locator("#bulk").get_by_label("Level").select_option("above")
    page.locator("#bulk").get_by_label("Exploration").select_option(label="Is UX research for me?")
    page.locator("#bulk").get_by_label("Add tags").fill("alumni")
    page.get_by_role("button", name="Apply to the selected").click()
    expect(page.locator("#messages")).to_contain_text("Changed 50 people.")
    assert Person.objects.filter(level="above", tags__name="alumni").count() == 50
    page.locator("#messages").get_by_role("button", name="Undo").click()
    expect(page.locator("#messages")).to_contain_text("Undid the change to 50 people.")
    assert Person.objects.filter(level="unknown", exploration=None).count() == 50
    assert not Person.objects.filter(tags__name="alumni").exists()


def test_a_refused_htmx_request_says_why_next_to_the_form(page):
    with transaction.atomic():
        me = local_user()
        conversation = make_ask(me, on=timezone.localdate())
        build_plan(me, conversation)
        planned = PlanItem.objects.filter(conversation=conversation).first().question
    page.goto(f"/conversations/{conversation.pk}/plan/")
    adding = page.locator("form", has=page.get_by_label("Add a question"))
    adding.get_by_label("Add a question").select_option(str(planned.pk))
    adding.get_by_role("button", name="Add").click()
    error = page.locator(".request-error")
    expect(error).to_be_visible()
    expect(error).not_to_have_text("")
    assert "error 400" not in error.inner_text()  # the server's own words
