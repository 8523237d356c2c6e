"""Planner properties over generated banks (SPEC Q2): it always fits, keeps the mix when
it can, and puts the most important questions first."""

from hypothesis import given, settings
from hypothesis import strategies as st

from coffeechat.domain.planner import Shape, plan_conversation
from coffeechat.domain.questions import Domain, Question, Tiara

questions = st.builds(
    Question,
    key=st.just("placeholder"),
    text=st.just("A question?"),
    domain=st.sampled_from(list(Domain)),
    tiara=st.sampled_from(list(Tiara)),
    minutes=st.integers(min_value=1, max_value=8),
    rank=st.integers(min_value=1, max_value=5),
)
banks = st.lists(questions, min_size=0, max_size=25).map(
    lambda qs: [
        Question(f"q{n}", q.text, q.domain, q.tiara, q.minutes, q.rank) for n, q in enumerate(qs)
    ]
)
lengths = st.integers(min_value=10, max_value=90)


@settings(max_examples=300, deadline=None)
@given(bank=banks, length=lengths, shape=st.sampled_from(list(Shape)))
def test_a_plan_never_exceeds_the_agreed_length(bank, length, shape):
    plan = plan_conversation(bank, length, shape=shape)
    assert plan.opening_minutes + plan.total_minutes + plan.reserve_minutes <= length
    assert all(item.end <= plan.wrap_up_at for item in plan.items)


@settings(max_examples=300, deadline=None)
@given(bank=banks, length=st.integers(min_value=30, max_value=90))
def test_the_mix_is_two_one_two_when_the_bank_and_time_allow(bank, length):
    plan = plan_conversation(bank, length)
    counts = {domain: sum(q.domain == domain for q in plan.questions) for domain in Domain}
    available = {domain: sum(q.domain == domain for q in bank) for domain in Domain}
    wanted = {Domain.ABOUT_THEM: 2, Domain.FIELD: 1, Domain.ADVICE: 2}
    room = plan.question_minutes >= sum(q.minutes for q in bank)
    for domain in Domain:
        assert counts[domain] <= wanted[domain]
        if room:
            assert counts[domain] == min(wanted[domain], available[domain])


@settings(max_examples=300, deadline=None)
@given(bank=banks, length=lengths)
def test_planned_questions_are_ordered_most_important_first(bank, length):
    ranks = [q.rank for q in plan_conversation(bank, length).questions]
    assert ranks == sorted(ranks)
