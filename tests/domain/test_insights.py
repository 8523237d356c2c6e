"""Every figure of SPEC L1, L2 and L5 on a small hand-made dataset, worked out by hand."""

from datetime import date
from decimal import Decimal

from coffeechat.domain.insights import (
    Contact,
    ConversationRecord,
    activity_per_week,
    days_to_reply,
    funnel,
    gaps_of,
    grid_of,
    median_days,
    money_spent,
    recurring_terms,
    referrals_per_meeting,
    response_rates,
)
from coffeechat.domain.journey import EventFact, EventKind, Outcome, Stage

E = EventKind


def ev(kind, day, **values):
    return EventFact(kind, date(2026, 11, day), **values)


# Four conversations, by hand:
#  A: email/direct, asked 2nd, replied yes 4th (2 days), held 10th, thanked 11th, 2 referrals,
#     coffee 7.50
#  B: email/referred, asked 3rd, replied no 10th (7 days)
#  C: phone/advice, asked 9th, replied yes 10th (1 day), held 16th, 1 referral, coffee 12.00
#  D: email/direct, asked 16th, no reply
RECORDS = [
    ConversationRecord(
        [
            ev(E.ASKED, 2),
            ev(E.REPLIED, 4, outcome=Outcome.ACCEPTED),
            ev(E.HELD, 10),
            ev(E.THANKED, 11),
        ],
        "email",
        "direct",
        2,
        Decimal("7.50"),
    ),
    ConversationRecord(
        [ev(E.ASKED, 3), ev(E.REPLIED, 10, outcome=Outcome.CLEAR_NO)], "email", "referred"
    ),
    ConversationRecord(
        [ev(E.ASKED, 9), ev(E.REPLIED, 10, outcome=Outcome.ACCEPTED), ev(E.HELD, 16)],
        "phone",
        "advice",
        1,
        Decimal("12.00"),
    ),
    ConversationRecord([ev(E.ASKED, 16)], "email", "direct"),
]


def test_the_funnel_counts_each_step():
    assert funnel(RECORDS) == [
        ("Asked", 4),
        ("Replied", 3),
        ("Met", 2),
        ("Thanked", 1),
        ("Referred on", 2),
    ]


def test_response_rate_by_channel():
    rates = {r.label: (r.asked, r.replied, r.percent) for r in response_rates(RECORDS, "channel")}
    assert rates == {"email": (3, 2, 67), "phone": (1, 1, 100)}


def test_response_rate_by_approach():
    rates = {r.label: (r.asked, r.replied) for r in response_rates(RECORDS, "approach")}
    assert rates == {"advice": (1, 1), "direct": (2, 1), "referred": (1, 1)}


def test_days_to_reply_and_their_median():
    assert days_to_reply(RECORDS) == [2, 7, 1]
    assert median_days(days_to_reply(RECORDS)) == 2
    assert median_days([]) is None


def test_referrals_per_meeting():
    assert referrals_per_meeting(RECORDS) == 1.5  # 3 referrals, 2 meetings


def test_activity_per_week():
    # 2-8 Nov is ISO week 45, 9-15 is 46, 16-22 is 47.
    assert activity_per_week(RECORDS) == [("2026-W45", 3), ("2026-W46", 5), ("2026-W47", 2)]


def test_money_spent_counts_meetings_held():
    assert money_spent(RECORDS) == Decimal("19.50")


CONTACTS = [
    Contact(1, "Ann", "above", "Acme", Stage.THANKED),
    Contact(2, "Ben", "same", "Acme", Stage.HELD),
    Contact(3, "Cat", "same", "Beta", Stage.SCHEDULED),
    Contact(4, "Dan", "below", "Beta", Stage.DECLINED),
    Contact(5, "Eve", "unknown", "Beta", Stage.ASKED),
]


def test_the_grid_places_people_by_level_and_organization():
    grid = grid_of(CONTACTS)
    assert grid.organizations == ["Acme", "Beta"]
    assert [(c.name, c.state) for c in grid.cell("same", "Beta")] == [("Cat", "pending")]
    assert [(c.name, c.state) for c in grid.cell("below", "Beta")] == [("Dan", "declined")]
    assert grid.cell("above", "Beta") == []


def test_the_gaps_are_spelled_out():
    assert [gap.text for gap in gaps_of(CONTACTS)] == [
        "Nobody above the target outside Acme yet.",
        "Nobody at the target level outside Acme yet.",
        "Nobody below the target met yet.",
        "Only one organization covered (Acme).",
    ]


def test_recurring_terms_come_back_across_answers():
    answers = [
        "Stakeholder interviews take most of the week; synthesis is the fun part.",
        "Honestly the stakeholder interviews. Also writing reports nobody reads.",
        "Synthesis workshops with the design team, and stakeholder interviews.",
        "Recruiting participants is slow.",
    ]
    top = recurring_terms(answers, top=3)
    assert top[0] == ("stakeholder interviews", 3)
    assert ("synthesis", 2) in top
    assert all(term != "stakeholder" for term, _ in top)  # the phrase, not its echo
    assert recurring_terms(["only once here"]) == []
