"""The "Draft with assistant" button sits beside every place where a message is written,
and the prompt keeps within the channel's length."""

from datetime import date, time

import pytest

from coffeechat.assistant import prompts, services
from coffeechat.conversations.services import log_event, schedule
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.explorations.services import close_exploration
from tests.conftest import make_ask

from .helpers import held_conversation, priya

pytestmark = pytest.mark.django_db


def kinds_on(client, url) -> list[str]:
    page = client.get(url).content.decode()
    return [part.split('"')[0] for part in page.split('data-kind="')[1:]]


def test_the_ask_page_offers_a_draft(client, me):
    assert kinds_on(client, f"/people/{priya(me).pk}/compose/") == ["ask"]


def test_each_step_of_a_conversation_offers_its_draft(client, me):
    asked = make_ask(me, person=priya(me), on=date(2026, 11, 2))
    assert kinds_on(client, f"/conversations/{asked.pk}/") == ["follow_up"]
    busy = make_ask(me, person=priya(me), on=date(2026, 11, 2))
    log_event(me, busy, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.DECLINED_BUSY)
    assert "too_busy" in kinds_on(client, f"/conversations/{busy.pk}/")
    meeting = make_ask(me, person=priya(me), on=date(2026, 11, 2))
    log_event(me, meeting, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    schedule(
        me,
        meeting,
        on=date(2026, 11, 3),
        meeting_date=date(2099, 1, 5),
        meeting_time=time(10, 0),
        time_zone="Europe/London",
        minutes=20,
        mode="phone",
    )
    assert "confirmation" in kinds_on(client, f"/conversations/{meeting.pk}/")


def test_after_the_meeting_the_findings_and_thanks_and_decision_are_offered(client, me):
    conversation = held_conversation(me)
    assert kinds_on(client, f"/conversations/{conversation.pk}/findings/") == ["summary", "thanks"]
    log_event(me, conversation, EventKind.THANKED, on=date(2026, 11, 11))
    exploration = conversation.exploration
    close_exploration(
        me,
        exploration.pk,
        exploration.version,
        decision="Retrain as a UX researcher",
        closed_on=date(2027, 1, 15),
    )
    assert "decision" in kinds_on(client, f"/conversations/{conversation.pk}/")
    request = services.draft_request(me, "decision", {"conversation": conversation.pk})
    assert "What I decided: Retrain as a UX researcher" in request.messages[-1]["content"]


def test_the_prompt_names_the_channels_length_and_the_connection_first():
    network = prompts.system_prompt("ask", channel="network")
    assert "It must fit in 300 characters" in network
    referred = prompts.system_prompt("ask", acquaintance="Grace Hopper")
    assert "Name Grace Hopper, who suggested the contact, in the first sentence." in referred
    phone = prompts.system_prompt("ask", form="phone")
    assert "phone script" in phone and "80 spoken words" in phone
