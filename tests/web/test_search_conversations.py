"""Issue 20, point 11: what people said is searchable: findings, question notes, the
ask sent and the names of referrals; erasing the person removes it from search."""

from datetime import date

import pytest

from coffeechat.conversations.services import add_referral, save_findings
from coffeechat.people.services import delete_person
from coffeechat.questions.services import build_plan, plan_items, save_note
from coffeechat.search.services import search_for
from tests.conftest import make_ask, make_person

pytestmark = pytest.mark.django_db


def found(user, text):
    return [(hit.kind, hit.object_id) for hit in search_for(user, text)]


@pytest.fixture
def said(me):
    conversation = make_ask(
        me,
        person=make_person(me, name="Priya Raman"),
        on=date(2026, 11, 2),
        text="Could I ask about your onboarding?",
    )
    save_findings(
        me,
        conversation,
        {
            "likes": "Building a portfolio of small studies",
            "dislikes": "Every stakeholder wants a deck",
        },
    )
    build_plan(me, conversation)
    save_note(me, conversation, plan_items(conversation)[0].question_id, "Started in sales")
    add_referral(me, conversation, name="Noor Haddad")
    return conversation


def test_findings_notes_ask_texts_and_referrals_are_found(me, said):
    for word in ("portfolio", "stakeholder", "sales", "onboarding"):
        assert found(me, word) == [("conversation", said.pk)], word
    assert ("conversation", said.pk) in found(me, "Noor")


def test_the_search_page_links_to_the_conversation(client, said):
    page = client.get("/search/?q=portfolio").content.decode()
    assert f'href="/conversations/{said.pk}/"' in page and "Conversation with Priya" in page


def test_deleting_the_person_takes_what_they_said_out_of_search(me, said):
    delete_person(me, said.person_id)
    assert found(me, "portfolio") == []
