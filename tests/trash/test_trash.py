"""The Trash (SPEC U1): a deleted record is gone from everything that reads the tables,
and comes back whole, with its ids, links, stage and search entries."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from coffeechat.conversations import services as conversations
from coffeechat.conversations.models import Conversation, Event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.errors import Conflict, Invalid, NotFound
from coffeechat.explorations.services import delete_exploration, explorations_for
from coffeechat.outreach.services import delete_template, save_template, templates_for
from coffeechat.people import services as people
from coffeechat.search.services import search_for
from coffeechat.today.services import tasks_on
from coffeechat.transfer.archive import export_workspace
from coffeechat.transfer.backup import erase_person
from coffeechat.trash import services as trash
from tests.conftest import make_ask, make_exploration, make_organization, make_person

pytestmark = pytest.mark.django_db


def test_a_deleted_person_is_gone_from_lists_search_today_and_export(me):
    person = make_person(me, name="Dana Reyes")
    conversation = make_ask(me, person=person, on=date(2026, 11, 2))
    people.add_note(me, conversation.person, "Knows the hiring manager")
    assert tasks_on(me, date(2026, 11, 30))
    people.delete_person(me, conversation.person_id)
    assert not people.people_for(me).exists()
    assert search_for(me, "Dana") == [] and search_for(me, "hiring") == []
    assert tasks_on(me, date(2026, 11, 30)) == []
    tables = export_workspace(me)["tables"]
    assert tables["people.person"] == [] and tables["conversations.event"] == []
    assert "trash.trashitem" not in tables


def test_restoring_a_person_brings_back_everything_with_the_same_ids(me):
    organization = make_organization(me, name="Northwind")
    person = make_person(me, name="Dana Reyes", organization=organization, tags=["alumni"])
    conversation = make_ask(me, person=person, on=date(2026, 11, 2))
    conversations.log_event(
        me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED
    )
    introduced = make_person(me, name="Lee Park", found_via_person=person)
    note = people.add_note(me, person, "Knows the hiring manager")
    item = people.delete_person(me, person.pk)
    assert people.get_person_for(me, introduced.pk).found_via_person is None
    trash.restore(me, item.pk)
    back = people.get_person_for(me, person.pk)
    assert back.organization == organization and [t.name for t in back.tags.all()] == ["alumni"]
    assert people.get_person_for(me, introduced.pk).found_via_person_id == person.pk
    assert Conversation.objects.get(pk=conversation.pk).stage_cache == "accepted"
    assert people.get_note_for(me, note.pk).text == "Knows the hiring manager"
    assert {hit.kind for hit in search_for(me, "Dana")} >= {"person", "note", "conversation"}
    assert not trash.trash_for(me).exists()


def test_another_account_can_never_see_restore_or_discard_my_trash(me, charlie):
    item = people.delete_person(me, make_person(me).pk)
    for act in (trash.restore, trash.delete_forever, trash.get_trash_item_for):
        with pytest.raises(NotFound):
            act(charlie, item.pk)
    assert trash.empty(charlie) == 0
    assert trash.trash_for(me).get() == item


def test_deleting_an_organization_unlinks_its_people_until_it_is_restored(me):
    organization = make_organization(me, name="Northwind")
    person = make_person(me, organization=organization)
    item = people.delete_organization(me, organization.pk)
    assert people.get_person_for(me, person.pk).organization is None
    assert search_for(me, "Northwind") == []
    trash.restore(me, item.pk)
    assert people.get_person_for(me, person.pk).organization_id == organization.pk
    assert search_for(me, "Northwind")[0].object_id == organization.pk


def test_deleting_the_latest_event_moves_the_stage_back(me):
    conversation = make_ask(me, on=date(2026, 11, 2))
    reply = conversations.log_event(
        me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED
    )
    item = conversations.delete_event(me, conversation, reply.pk)
    assert Conversation.objects.get(pk=conversation.pk).stage_cache == "asked"
    trash.restore(me, item.pk)
    assert Conversation.objects.get(pk=conversation.pk).stage_cache == "accepted"


def test_a_deleted_step_comes_back_only_while_nothing_was_logged_after_it(me):
    conversation = make_ask(me, on=date(2026, 11, 2))
    reply = conversations.log_event(
        me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED
    )
    item = conversations.delete_event(me, conversation, reply.pk)
    conversations.log_event(me, conversation, EventKind.FOLLOWED_UP, on=date(2026, 11, 12))
    with pytest.raises(Conflict):
        trash.restore(me, item.pk)
    assert Conversation.objects.get(pk=conversation.pk).stage_cache != "accepted"


def test_only_the_latest_event_can_be_deleted(me):
    conversation = make_ask(me, on=date(2026, 11, 2))
    conversations.log_event(
        me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED
    )
    with pytest.raises(Invalid):
        conversations.delete_event(me, conversation, conversation.events.first().pk)


def test_deleting_the_only_ask_removes_the_conversation_until_restored(me):
    conversation = make_ask(me, on=date(2026, 11, 2))
    pk = conversation.pk
    item = conversations.delete_event(me, conversation, conversation.events.get().pk)
    assert not Conversation.objects.filter(pk=pk).exists()
    trash.restore(me, item.pk)
    assert Event.objects.filter(conversation_id=pk).count() == 1


def test_notes_templates_and_explorations_come_back(me):
    person = make_person(me)
    note = people.add_note(me, person, "A note")
    template = save_template(me, name="Mine", approach="direct", body="Hello {their_name}")
    exploration = make_exploration(me, title="UX?")
    for item in (
        people.delete_note(me, note.pk),
        delete_template(me, template.pk),
        delete_exploration(me, exploration.pk),
    ):
        trash.restore(me, item.pk)
    assert people.get_note_for(me, note.pk)
    assert templates_for(me).get().name == "Mine"
    assert explorations_for(me).get().title == "UX?"


def test_a_note_whose_person_is_gone_cannot_be_restored_before_them(me):
    person = make_person(me)
    note_item = people.delete_note(me, people.add_note(me, person, "A note").pk)
    person_item = people.delete_person(me, person.pk)
    with pytest.raises(Conflict):
        trash.restore(me, note_item.pk)
    trash.restore(me, person_item.pk)
    trash.restore(me, note_item.pk)
    assert people.get_person_for(me, person.pk).dated_notes.count() == 1


def test_items_older_than_the_kept_days_are_purged(me):
    old = people.delete_person(me, make_person(me, name="Old").pk)
    trash.trash_for(me).filter(pk=old.pk).update(
        deleted_at=timezone.now() - timedelta(days=trash.KEEP_DAYS + 1)
    )
    recent = people.delete_person(me, make_person(me, name="Recent").pk)
    assert list(trash.trash_for(me)) == [recent]


def test_erasing_a_person_is_final_and_drops_their_notes_from_the_trash(me):
    person = make_person(me, name="Dana Reyes")
    people.delete_note(me, people.add_note(me, person, "Private").pk)
    summary = erase_person(me, person.pk)
    assert summary["trash_items"] == 1 and not trash.trash_for(me).exists()
    assert not people.people_for(me).exists()


def test_a_deleted_person_is_not_in_the_api_lists_and_comes_back_there(client, me):
    from coffeechat.api.services import create_token

    person = make_person(me, name="Dana Reyes")
    token = create_token(me, "script")[1]
    headers = {"Authorization": f"Bearer {token}"}
    item = people.delete_person(me, person.pk)
    listed = client.get("/api/v1/people", headers=headers).json()
    assert "Dana Reyes" not in str(listed)
    assert client.get(f"/api/v1/people/{person.pk}", headers=headers).status_code == 404
    trash.restore(me, item.pk)
    assert "Dana Reyes" in str(client.get("/api/v1/people", headers=headers).json())


def test_the_insights_leave_out_a_deleted_person(client, me):
    conversation = make_ask(
        me, person=make_person(me, name="Dana Reyes", level="same"), on=date(2026, 11, 2)
    )
    for kind, extra in ((EventKind.REPLIED, {"outcome": Outcome.ACCEPTED}), (EventKind.HELD, {})):
        conversations.log_event(me, conversation, kind, on=date(2026, 11, 4), **extra)
    exploration = conversation.exploration_id
    assert "Dana Reyes" in client.get(f"/explorations/{exploration}/insights/").content.decode()
    people.delete_person(me, conversation.person_id)
    report = client.get(f"/explorations/{exploration}/insights/").content.decode()
    assert "Dana Reyes" not in report
