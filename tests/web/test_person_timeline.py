"""A person's timeline page (U3, issue 24 point 5): asks, replies, meetings, notes,
thank-yous and referrals in one list, newest first, filterable by kind."""

import re
from datetime import date

import pytest

from coffeechat.conversations.services import add_referral, log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.people.services import add_note
from tests.conftest import make_ask, make_person, queries_for_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def grace(me):
    grace = make_person(me, name="Grace Hopper")
    conversation = make_ask(me, person=grace, on=date(2026, 11, 2), text="May I ask you?")
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    add_note(me, grace, "Likes **COBOL**")
    add_referral(me, conversation, name="Jean Sammet")
    return grace


def headlines(body: str) -> list[str]:
    return re.findall(r'<strong class="what">(.*?)</strong>', body)


def test_everything_with_them_newest_first(client, grace):
    body = client.get(f"/people/{grace.pk}/timeline/").content.decode()
    lines = headlines(body)
    assert lines[-2:] == ["They replied: yes, they accepted", "Asked for a conversation"], lines
    assert {"Note", "Introduced me to Jean Sammet"} <= set(lines[:2])
    assert "<strong>COBOL</strong>" in body  # a note's Markdown
    assert "May I ask you?" in body


def test_one_kind_at_a_time(client, grace):
    body = client.get(f"/people/{grace.pk}/timeline/?kind=reply").content.decode()
    assert headlines(body) == ["They replied: yes, they accepted"]
    assert '?kind=reply" aria-current="page"' in body
    body = client.get(f"/people/{grace.pk}/timeline/?kind=referral").content.decode()
    assert headlines(body) == ["Introduced me to Jean Sammet"]
    body = client.get(f"/people/{grace.pk}/timeline/?kind=thanks").content.decode()
    assert "Nothing of this kind yet." in body
    body = client.get(f"/people/{grace.pk}/timeline/?kind=<script>").content.decode()
    assert len(headlines(body)) == 4  # an unknown kind shows everything


def test_the_person_page_links_to_it(client, grace):
    body = client.get(f"/people/{grace.pk}/").content.decode()
    assert f'href="/people/{grace.pk}/timeline/">Timeline</a>' in body


def test_a_strangers_timeline_is_not_found(client, charlie):
    theirs = make_person(charlie)
    assert client.get(f"/people/{theirs.pk}/timeline/").status_code == 404


def test_its_queries_stay_flat_as_the_history_grows(client, me, grace):
    few = queries_for_get(client, f"/people/{grace.pk}/timeline/")
    for n in range(10):
        conversation = make_ask(me, person=grace, on=date(2026, 11, 10), exploration=None)
        add_note(me, grace, f"Note {n}")
        add_referral(me, conversation, name=f"Someone {n}")
    assert queries_for_get(client, f"/people/{grace.pk}/timeline/") == few
