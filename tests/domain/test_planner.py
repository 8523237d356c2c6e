import pytest

from coffeechat.domain.planner import (
    Shape,
    default_reserve,
    no_room_reason,
    opening_minutes,
    plan_conversation,
)
from coffeechat.domain.questions import DEFAULT_BANK, Domain, Question, Tiara

ALL_LENGTHS = range(5, 91)


def keys(plan):
    return [item.question.key for item in plan.items]


def left_out(plan):
    return [(gone.question.key, gone.reason) for gone in plan.left_out]


def question(key, domain=Domain.ADVICE, minutes=3, rank=3, tiara=None):
    return Question(key, f"{key}?", domain, tiara, minutes, rank)


def test_the_default_plan_asks_two_about_them_one_about_the_field_and_two_advice():
    plan = plan_conversation(DEFAULT_BANK, 20)
    domains = [item.question.domain for item in plan.items]
    assert plan.shape == Shape.MIX_212
    assert sorted(domains) == sorted([Domain.ABOUT_THEM] * 2 + [Domain.FIELD] + [Domain.ADVICE] * 2)


def test_the_default_plan_puts_the_most_important_questions_first():
    plan = plan_conversation(DEFAULT_BANK, 20)
    assert keys(plan) == [
        "path_into_role",
        "typical_day",
        "skills_needed",
        "who_next",
        "training_gap",
    ]
    ranks = [item.question.rank for item in plan.items]
    assert ranks == sorted(ranks)


def test_a_twenty_minute_plan_keeps_time_for_their_questions():
    plan = plan_conversation(DEFAULT_BANK, 20)
    assert plan.reserve_minutes == 4
    assert plan.opening_minutes == 2
    assert plan.items[-1].end <= plan.wrap_up_at == 16
    assert plan.left_out == ()


def test_items_follow_the_opening_back_to_back_with_their_minutes():
    plan = plan_conversation(DEFAULT_BANK, 20)
    assert [(item.start, item.minutes) for item in plan.items] == [
        (2, 3),
        (5, 3),
        (8, 3),
        (11, 2),
        (13, 2),
    ]
    assert plan.total_minutes == 13
    assert plan.spare_minutes == 1


def test_a_ten_minute_phone_call_says_which_questions_do_not_fit():
    plan = plan_conversation(DEFAULT_BANK, 10)
    assert (plan.opening_minutes, plan.reserve_minutes, plan.question_minutes) == (1, 3, 6)
    assert keys(plan) == ["path_into_role", "typical_day"]
    assert left_out(plan) == [
        ("skills_needed", "needs 3 min, none left"),
        ("who_next", "needs 2 min, none left"),
        ("training_gap", "needs 2 min, none left"),
    ]


def test_a_shorter_question_still_fits_after_a_longer_one_is_left_out():
    bank = [question("long_one", minutes=7), question("short_one", minutes=2)]
    plan = plan_conversation(bank, 10, chosen=["long_one", "short_one"])
    assert keys(plan) == ["short_one"]
    assert left_out(plan) == [("long_one", "needs 7 min, only 6 left")]


def test_the_reason_names_the_minutes_needed_and_left():
    assert no_room_reason(4, 2) == "needs 4 min, only 2 left"
    assert no_room_reason(4, 0) == "needs 4 min, none left"


def test_time_for_their_questions_is_a_fifth_rounded_up_but_at_least_three_minutes():
    assert [default_reserve(n) for n in (5, 10, 15, 16, 20, 22, 30, 60, 90)] == [
        3,
        3,
        3,
        4,
        4,
        5,
        6,
        12,
        18,
    ]


def test_short_conversations_open_in_one_minute_longer_ones_in_two():
    assert [opening_minutes(n) for n in (5, 15, 16, 90)] == [1, 1, 2, 2]


def test_the_reserve_can_be_set_by_hand():
    plan = plan_conversation(DEFAULT_BANK, 20, reserve_minutes=8)
    assert plan.reserve_minutes == 8
    assert plan.wrap_up_at == 12
    assert keys(plan) == ["path_into_role", "typical_day", "skills_needed"]
    assert [reason for _, reason in left_out(plan)] == ["needs 2 min, only 1 left"] * 2


@pytest.mark.parametrize("reserve", [-1, 20, 19, 2.5, True, "4"])
def test_a_reserve_that_leaves_no_room_or_is_not_minutes_is_refused(reserve):
    with pytest.raises(ValueError, match="time for their questions must be"):
        plan_conversation(DEFAULT_BANK, 20, reserve_minutes=reserve)


def test_a_reserve_of_zero_is_allowed_when_asked_for():
    assert plan_conversation(DEFAULT_BANK, 20, reserve_minutes=0).wrap_up_at == 20


@pytest.mark.parametrize("agreed", [0, 4, 91, 240, -20])
def test_an_agreed_length_outside_five_to_ninety_minutes_is_refused(agreed):
    with pytest.raises(ValueError, match=f"between 5 and 90 minutes, not {agreed}"):
        plan_conversation(DEFAULT_BANK, agreed)


@pytest.mark.parametrize("agreed", [20.0, "20", None, True])
def test_an_agreed_length_that_is_not_whole_minutes_is_refused(agreed):
    with pytest.raises(ValueError, match="whole number of minutes"):
        plan_conversation(DEFAULT_BANK, agreed)


def test_the_tiara_plan_asks_one_question_per_area_in_tiara_order():
    plan = plan_conversation(DEFAULT_BANK, 20, shape=Shape.TIARA)
    assert [item.question.tiara for item in plan.items] == list(Tiara)
    assert plan.shape == Shape.TIARA
    assert plan.left_out == ()


def test_the_tiara_plan_takes_the_most_important_question_of_each_area():
    plan = plan_conversation(DEFAULT_BANK, 30, shape="tiara")
    for item in plan.items:
        area = [q for q in DEFAULT_BANK if q.tiara == item.question.tiara]
        assert item.question.rank == min(q.rank for q in area)


def test_an_unknown_shape_is_refused():
    with pytest.raises(ValueError):
        plan_conversation(DEFAULT_BANK, 20, shape="interrogation")


def test_chosen_questions_keep_the_users_order():
    chosen = ["who_next", "pay_range", "typical_day"]
    plan = plan_conversation(DEFAULT_BANK, 20, chosen=chosen)
    assert keys(plan) == chosen
    assert plan.shape is None


def test_chosen_questions_that_do_not_fit_are_named():
    chosen = [
        "path_into_role",
        "typical_day",
        "choose_again",
        "field_growth",
        "resume_fit",
        "who_next",
    ]
    plan = plan_conversation(DEFAULT_BANK, 15, chosen=chosen)
    assert keys(plan) == ["path_into_role", "typical_day", "choose_again", "who_next"]
    assert left_out(plan) == [
        ("field_growth", "needs 3 min, only 2 left"),
        ("resume_fit", "needs 3 min, only 2 left"),
    ]


def test_a_question_chosen_twice_is_planned_once():
    plan = plan_conversation(DEFAULT_BANK, 20, chosen=["who_next", "who_next"])
    assert keys(plan) == ["who_next"]
    assert left_out(plan) == [("who_next", "already in the plan")]


def test_choosing_an_unknown_question_is_refused():
    with pytest.raises(ValueError, match="no question with the key 'nope'"):
        plan_conversation(DEFAULT_BANK, 20, chosen=["who_next", "nope"])


def test_choosing_nothing_gives_an_empty_plan_with_all_the_time_spare():
    plan = plan_conversation(DEFAULT_BANK, 20, chosen=[])
    assert (plan.items, plan.total_minutes, plan.spare_minutes) == ((), 0, 14)


def test_a_users_own_questions_can_be_planned_with_the_bank():
    own = Question("own_tools", "Which tools do you use every day?", Domain.FIELD, minutes=2)
    plan = plan_conversation([*DEFAULT_BANK, own], 20, chosen=["own_tools", "who_next"])
    assert keys(plan) == ["own_tools", "who_next"]


def test_a_thin_bank_makes_a_shorter_plan_and_says_what_is_missing():
    bank = [
        question("a", Domain.ABOUT_THEM, tiara=Tiara.INSIGHTS),
        question("b", Domain.ADVICE, tiara=Tiara.ADVICE),
    ]
    mix = plan_conversation(bank, 20)
    assert keys(mix) == ["a", "b"]
    assert mix.gaps == (
        "About them: 1 of 2 wanted",
        "About the field: 0 of 1 wanted",
        "Advice for me: 1 of 2 wanted",
    )
    tiara = plan_conversation(bank, 20, shape=Shape.TIARA)
    assert tiara.gaps == (
        "Trends: 0 of 1 wanted",
        "Resources: 0 of 1 wanted",
        "Assignments: 0 of 1 wanted",
    )


def test_equal_ranks_go_about_them_then_field_then_advice():
    bank = [
        question("adv", Domain.ADVICE, rank=1),
        question("fld", Domain.FIELD, rank=1),
        question("them", Domain.ABOUT_THEM, rank=1),
    ]
    assert keys(plan_conversation(bank, 30)) == ["them", "fld", "adv"]


def test_questions_sharing_a_key_are_refused():
    with pytest.raises(ValueError, match="share the key"):
        plan_conversation([question("x"), question("x")], 20)


@pytest.mark.parametrize("shape", list(Shape))
@pytest.mark.parametrize("agreed", ALL_LENGTHS)
def test_no_plan_ever_runs_into_their_time(agreed, shape):
    plan = plan_conversation(DEFAULT_BANK, agreed, shape=shape)
    assert plan.reserve_minutes >= max(3, agreed / 5)
    assert plan.opening_minutes + plan.total_minutes + plan.reserve_minutes <= agreed
    assert all(item.end <= plan.wrap_up_at for item in plan.items)
    starts = [item.start for item in plan.items]
    ends = [plan.opening_minutes, *(item.end for item in plan.items)][: len(starts)]
    assert starts == ends


@pytest.mark.parametrize("shape", list(Shape))
@pytest.mark.parametrize("agreed", ALL_LENGTHS)
def test_every_wanted_question_is_either_planned_or_left_out_with_a_reason(agreed, shape):
    plan = plan_conversation(DEFAULT_BANK, agreed, shape=shape)
    assert len(plan.items) + len(plan.left_out) == 5
    assert all(gone.reason.startswith("needs ") for gone in plan.left_out)


@pytest.mark.parametrize("agreed", [20, 25, 30, 45, 60, 90])
def test_from_twenty_minutes_up_both_default_shapes_fit_whole(agreed):
    for shape in Shape:
        assert plan_conversation(DEFAULT_BANK, agreed, shape=shape).left_out == ()


def test_every_shape_has_a_label():
    assert all(shape.label for shape in Shape)
