"""Issue 20, point 12: live mode's clock lives on the server, ids are unique, and a
referral is two keystrokes away."""

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone

from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.questions.services import build_plan
from tests.conftest import make_ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(me):
    conversation = make_ask(me, on=date(2026, 11, 2))
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    build_plan(me, conversation)
    return conversation


def test_the_clock_starts_on_the_server_once(client, accepted):
    url = f"/conversations/{accepted.pk}/live/"
    assert "Start the clock" in client.get(url).content.decode()
    assert client.post(url + "start/").status_code == 302
    started = Conversation.objects.get(pk=accepted.pk).live_started_at
    assert started is not None
    client.post(url + "start/")  # a second click, another tab: the first start stays
    assert Conversation.objects.get(pk=accepted.pk).live_started_at == started
    page = client.get(url).content.decode()
    assert f'data-started="{int(started.timestamp())}"' in page
    assert "Start the clock" not in page


def test_every_id_on_the_live_page_is_unique_and_role_has_its_label(client, accepted):
    page = client.get(f"/conversations/{accepted.pk}/live/").content.decode()
    twice = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]
    assert twice == []
    assert '<label for="referral-title">Role</label><input id="referral-title"' in page


def test_the_referral_name_has_a_key(client, accepted):
    page = client.get(f"/conversations/{accepted.pk}/live/").content.decode()
    assert re.search(r'id="referral-name"[^>]*accesskey="r"', page)


def test_a_clock_started_earlier_is_shown_running(client, accepted):
    Conversation.objects.filter(pk=accepted.pk).update(
        live_started_at=timezone.now() - timedelta(minutes=21)
    )
    page = client.get(f"/conversations/{accepted.pk}/live/").content.decode()
    assert "data-started=" in page and "Start the clock" not in page


def test_every_id_on_the_conversation_page_is_unique(client, accepted):
    from datetime import time

    from coffeechat.conversations.services import schedule

    for _ in range(2):  # accepted, then scheduled: the schedule and cancel forms show
        page = client.get(f"/conversations/{accepted.pk}/").content.decode()
        twice = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]
        assert twice == []
        schedule(
            accepted.owner,
            accepted,
            on=date(2026, 11, 4),
            meeting_date=date(2026, 11, 10),
            meeting_time=time(10),
            time_zone="Europe/Berlin",
            minutes=20,
            mode="workplace",
        )
