import pytest

from coffeechat.domain.prep import (
    CHECKLIST,
    DEFAULT_MODE,
    MeetingMode,
    Moment,
    checklist_for,
)

# The six points of SPEC Q5, as keys, for a meeting in person.
ESSENTIALS = {"arrive_early", "resume", "dress", "no_job_request", "ask_to_record", "ask_who_else"}


def keys(mode):
    return [item.key for item in checklist_for(mode)]


def text_of(mode, key):
    return next(item.text for item in checklist_for(mode) if item.key == key)


def test_a_workplace_meeting_has_every_point_of_the_method():
    assert ESSENTIALS <= set(keys(MeetingMode.WORKPLACE))


def test_the_workplace_is_the_default_mode():
    assert DEFAULT_MODE == MeetingMode.WORKPLACE
    assert checklist_for() == checklist_for(MeetingMode.WORKPLACE)


def test_arrive_ten_to_fifteen_minutes_early_for_meetings_in_person():
    assert "10 to 15 minutes early" in text_of(MeetingMode.WORKPLACE, "arrive_early")
    assert "arrive_early" in keys(MeetingMode.COFFEE)


def test_the_resume_comes_along_but_is_offered_only_if_asked():
    assert "only if they ask" in text_of(MeetingMode.WORKPLACE, "resume")


def test_a_phone_call_has_no_arriving_early_but_a_call_on_time_from_a_quiet_room():
    phone = keys(MeetingMode.PHONE)
    assert "arrive_early" not in phone
    assert {"call_on_time", "quiet_room"} <= set(phone)


def test_a_phone_call_has_no_dress_code():
    assert "dress" not in keys(MeetingMode.PHONE)


def test_a_video_call_tests_the_setup_and_joins_early():
    video = keys(MeetingMode.VIDEO)
    assert {"test_setup", "join_early", "dress", "quiet_room"} <= set(video)
    assert "camera" in text_of(MeetingMode.VIDEO, "dress")
    assert "arrive_early" not in video


def test_over_coffee_or_a_meal_the_asker_pays():
    assert "pay" in keys(MeetingMode.COFFEE)
    assert all("pay" not in keys(mode) for mode in MeetingMode if mode != MeetingMode.COFFEE)


def test_the_front_desk_item_belongs_to_the_workplace_only():
    assert [mode for mode in MeetingMode if "be_courteous" in keys(mode)] == [MeetingMode.WORKPLACE]


@pytest.mark.parametrize("mode", list(MeetingMode))
def test_every_mode_keeps_the_rules_that_do_not_depend_on_the_place(mode):
    assert {"resume", "no_job_request", "ask_to_record", "ask_who_else", "keep_time"} <= set(
        keys(mode)
    )


@pytest.mark.parametrize("mode", list(MeetingMode))
def test_each_mode_lists_a_key_once_in_the_order_it_is_lived(mode):
    items = checklist_for(mode)
    assert len({item.key for item in items}) == len(items)
    moments = [list(Moment).index(item.moment) for item in items]
    assert moments == sorted(moments)


def test_every_item_says_why_and_applies_somewhere():
    assert all(item.text and item.why and item.modes for item in CHECKLIST)


def test_a_mode_may_be_given_as_its_stored_value():
    assert checklist_for("phone") == checklist_for(MeetingMode.PHONE)


def test_an_unknown_mode_is_refused_with_the_choices():
    with pytest.raises(
        ValueError,
        match="unknown meeting mode 'carrier pigeon'; "
        "choose one of workplace, coffee, video, phone",
    ):
        checklist_for("carrier pigeon")


def test_every_mode_and_moment_has_a_label():
    assert all(mode.label for mode in MeetingMode)
    assert [moment.label for moment in Moment] == [
        "Beforehand",
        "At the start",
        "During",
        "At the end",
    ]
