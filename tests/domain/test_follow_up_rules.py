"""Follow-up rules (SPEC F1-F3) with fixed dates: thanks, referrals, keeping in touch,
telling them the decision."""

from datetime import date, timedelta

from coffeechat.domain.journey import EventFact, EventKind, Outcome
from coffeechat.domain.today import (
    Cadence,
    ConversationFacts,
    ReferralFacts,
    TaskKind,
    referral_tasks,
    tasks_for,
    today_list,
)

ASKED = EventFact(EventKind.ASKED, date(2026, 11, 2))
YES = EventFact(EventKind.REPLIED, date(2026, 11, 3), outcome=Outcome.ACCEPTED)
HELD = EventFact(EventKind.HELD, date(2026, 11, 10))
THANKED = EventFact(EventKind.THANKED, date(2026, 11, 11))


def met(*more, **values):
    return ConversationFacts(7, "Priya", 2, (ASKED, YES, HELD, *more), **values)


DEFAULT = Cadence()


def kinds_and_dues(facts, cadence=DEFAULT):
    return [(t.kind, t.due) for t in tasks_for(facts, cadence)]


def test_the_thank_you_is_due_two_days_after_the_conversation():
    assert kinds_and_dues(met()) == [(TaskKind.THANK_YOU, date(2026, 11, 12))]


def test_the_thank_you_window_is_a_setting():
    assert kinds_and_dues(met(), Cadence(thank_you_within=1)) == [
        (TaskKind.THANK_YOU, date(2026, 11, 11))
    ]


def test_after_thanks_keep_in_touch_every_eight_weeks():
    assert kinds_and_dues(met(THANKED)) == [
        (TaskKind.KEEP_IN_TOUCH, date(2026, 11, 11) + timedelta(weeks=8))
    ]


def test_any_logged_interaction_resets_the_keep_in_touch_clock():
    update = EventFact(EventKind.KEPT_IN_TOUCH, date(2026, 12, 20))
    assert kinds_and_dues(met(THANKED, update)) == [
        (TaskKind.KEEP_IN_TOUCH, date(2026, 12, 20) + timedelta(weeks=8))
    ]


def test_a_person_can_have_their_own_rhythm():
    assert kinds_and_dues(met(THANKED, keep_in_touch_weeks=4)) == [
        (TaskKind.KEEP_IN_TOUCH, date(2026, 11, 11) + timedelta(weeks=4))
    ]


def test_closing_the_exploration_asks_to_tell_them_the_decision_once():
    closed = date(2027, 1, 15)
    assert kinds_and_dues(met(THANKED, exploration_closed_on=closed)) == [
        (TaskKind.TELL_DECISION, closed)
    ]
    told = EventFact(EventKind.TOLD_DECISION, date(2027, 1, 16))
    assert kinds_and_dues(met(THANKED, told, exploration_closed_on=closed)) == []


def test_a_referral_is_contacted_by_the_next_business_day():
    friday = date(2026, 11, 20)
    [task] = referral_tasks([ReferralFacts(3, "Lena", friday)])
    assert (task.kind, task.due, task.person_id) == (
        TaskKind.CONTACT_REFERRAL,
        date(2026, 11, 23),
        3,
    )


def test_a_referral_already_asked_needs_nothing():
    assert referral_tasks([ReferralFacts(3, "Lena", date(2026, 11, 20), asked=True)]) == []


def test_referrals_join_the_today_list():
    tasks = today_list(
        [], date(2026, 11, 23), referrals=[ReferralFacts(3, "Lena", date(2026, 11, 20))]
    )
    assert [t.title for t in tasks] == ["Contact Lena, whom you were referred to"]
