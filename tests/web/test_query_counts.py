"""Queries pinned on the most read pages (STYLE 5): each page is built at several sizes of
data, and runs the same number of queries at each, under a ceiling. A loop that loads one
row per item (an N+1) makes the larger sizes cost more, and the test fails.

The people list, Today and an exploration are pinned beside their own tests
(test_people.py, test_first_thread.py, test_exploration_decisions.py)."""

from datetime import date

import pytest
from django.db import transaction

from coffeechat.conversations.services import add_referral, log_event, save_findings
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.domain.questions import FindingTopic
from coffeechat.people.services import add_note, set_tags
from coffeechat.questions.services import build_plan, plan_items, save_note
from tests.conftest import make_ask, make_exploration, make_person, queries_for_get

pytestmark = pytest.mark.django_db

SIZES = (1, 3, 6)


def counts(client, me, build, url_of) -> dict[int, int]:
    """Queries of one GET of the page, for a fresh workspace of each size."""
    found = {}
    for size in SIZES:
        with _fresh(me):
            found[size] = queries_for_get(client, url_of(build(me, size)))
    return found


class _fresh:
    """Each size in a savepoint of its own, rolled back after it is counted."""

    def __init__(self, me):
        self.me = me

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        return False


def assert_flat(found: dict[int, int], ceiling: int):
    assert len(set(found.values())) == 1, f"queries grow with the data: {found}"
    assert found[SIZES[0]] <= ceiling, found


def person_with_everything(me, size: int):
    """A person in `size` explorations' conversations, with as many notes, tags and
    people they introduced me to."""
    person = make_person(me, name="Priya Raman")
    for i in range(size):
        conversation = make_ask(
            me, person=person, exploration=make_exploration(me, title=f"Exploration {i}")
        )
        add_note(me, person, f"Note {i}", conversation=conversation)
        make_person(me, name=f"Introduced {i}", found_via_person=person)
    set_tags(me, person, [f"tag{i}" for i in range(size)])
    return person


def conversation_with_everything(me, size: int):
    """A conversation accepted, planned and noted live, with `size` referrals and notes."""
    conversation = make_ask(me, person=make_person(me, name="Priya Raman"))
    log_event(
        me, conversation, EventKind.REPLIED, on=date(2026, 11, 23), outcome=Outcome.ACCEPTED.value
    )
    build_plan(me, conversation)
    for item in plan_items(conversation):
        save_note(me, conversation, item.question_id, f"They said {item.pk}")
    for i in range(size):
        add_referral(me, conversation, name=f"Referral {i}", organization=f"Org {i}")
        add_note(me, conversation.person, f"Note {i}", conversation=conversation)
    save_findings(me, conversation, {topic.value: f"About {topic.label}" for topic in FindingTopic})
    return conversation


def exploration_with_conversations(me, size: int):
    """An exploration with `size` people asked, each conversation with its findings."""
    exploration = make_exploration(me)
    for i in range(size):
        conversation = make_ask(
            me, person=make_person(me, name=f"Person {i}"), exploration=exploration
        )
        save_findings(
            me,
            conversation,
            {topic.value: f"Finding {i} on {topic.label}" for topic in FindingTopic},
        )
    return exploration


def everything_named_priya(me, size: int):
    for i in range(size):
        person = make_person(me, name=f"Priya {i}", title="Researcher")
        add_note(me, person, f"Priya said something {i}")
        conversation = make_ask(
            me, person=person, exploration=make_exploration(me, title=f"Priya exploration {i}")
        )
        add_referral(me, conversation, name=f"Priya's colleague {i}")
    return "priya"


def test_a_person_s_page_runs_the_same_queries_however_much_they_have(client, me):
    assert_flat(
        counts(client, me, person_with_everything, lambda person: f"/people/{person.pk}/"),
        ceiling=25,
    )


def test_a_conversation_s_page_runs_the_same_queries_however_much_it_holds(client, me):
    assert_flat(
        counts(
            client,
            me,
            conversation_with_everything,
            lambda conversation: f"/conversations/{conversation.pk}/",
        ),
        ceiling=30,
    )


def test_live_mode_runs_the_same_queries_however_much_it_holds(client, me):
    assert_flat(
        counts(
            client,
            me,
            conversation_with_everything,
            lambda conversation: f"/conversations/{conversation.pk}/live/",
        ),
        ceiling=25,
    )


def test_the_insights_pages_run_the_same_queries_however_many_conversations(client, me):
    for page, ceiling in (("insights", 25), ("side-by-side", 25)):
        assert_flat(
            counts(
                client,
                me,
                exploration_with_conversations,
                lambda exploration, page=page: f"/explorations/{exploration.pk}/{page}/",
            ),
            ceiling=ceiling,
        )


@pytest.mark.parametrize("kind", ["md", "html"])
def test_the_report_runs_the_same_queries_however_many_conversations(client, me, kind):
    assert_flat(
        counts(
            client,
            me,
            exploration_with_conversations,
            lambda exploration: f"/explorations/{exploration.pk}/report.{kind}",
        ),
        ceiling=25,
    )


def test_search_runs_the_same_queries_however_many_hits(client, me):
    assert_flat(
        counts(client, me, everything_named_priya, lambda query: f"/search/?q={query}"), ceiling=15
    )
