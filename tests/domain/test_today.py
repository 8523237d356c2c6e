from datetime import date, timedelta

from coffeechat.domain.journey import EventFact, EventKind, Outcome
from coffeechat.domain.today import (
    Bucket,
    Cadence,
    ConversationFacts,
    TaskKind,
    tasks_for,
    today_list,
)

FRIDAY = date(2026, 11, 20)


def asked(on=FRIDAY, *more, conversation_id=1, name="Ada", priority=2):
    events = (EventFact(EventKind.ASKED, on), *more)
    return ConversationFacts(conversation_id, name, priority, events)


def kinds(tasks):
    return [task.kind for task in tasks]


def test_no_reply_after_three_business_days_suggests_asking_another_person():
    today = date(2026, 11, 25)
    tasks = today_list([asked()], today)
    assert [(t.kind, t.due, t.bucket(today)) for t in tasks] == [
        (TaskKind.ASK_ANOTHER, today, Bucket.TODAY),
        (TaskKind.FOLLOW_UP, date(2026, 12, 1), Bucket.UPCOMING),
    ]


def test_before_three_business_days_the_task_is_only_coming_up():
    tasks = today_list([asked()], date(2026, 11, 23))
    assert tasks[0].bucket(date(2026, 11, 23)) == Bucket.UPCOMING


def test_after_seven_business_days_one_follow_up_replaces_asking_another():
    tasks = today_list([asked()], date(2026, 12, 1))
    assert kinds(tasks) == [TaskKind.FOLLOW_UP]
    assert tasks[0].due == date(2026, 12, 1)


def test_after_the_single_follow_up_nothing_more_is_asked():
    facts = asked(FRIDAY, EventFact(EventKind.FOLLOWED_UP, date(2026, 12, 1)))
    assert today_list([facts], date(2026, 12, 20)) == []


def test_a_reply_clears_the_follow_up():
    facts = asked(
        FRIDAY, EventFact(EventKind.REPLIED, date(2026, 11, 23), outcome=Outcome.DECLINED_BUSY)
    )
    assert today_list([facts], date(2026, 12, 1)) == []


def test_day_counts_are_settings():
    tasks = today_list([asked()], date(2026, 11, 23), Cadence(ask_another_after=1))
    assert tasks[0].kind == TaskKind.ASK_ANOTHER
    assert tasks[0].bucket(date(2026, 11, 23)) == Bucket.TODAY


def test_busy_now_schedules_a_callback_on_the_chosen_day():
    callback = date(2026, 12, 3)
    facts = asked(
        FRIDAY, EventFact(EventKind.REPLIED, FRIDAY, outcome=Outcome.BUSY_NOW, callback_on=callback)
    )
    assert [(t.kind, t.due) for t in tasks_for(facts)] == [(TaskKind.CALLBACK, callback)]


def test_a_held_conversation_asks_for_thanks_within_two_days():
    held = date(2026, 11, 24)
    facts = asked(FRIDAY, EventFact(EventKind.HELD, held))
    expected = [(TaskKind.THANK_YOU, held + timedelta(2))]
    assert [(t.kind, t.due) for t in tasks_for(facts)] == expected


def test_a_scheduled_meeting_asks_to_confirm_two_days_before_and_prepare_the_day_before():
    meeting = date(2026, 11, 27)
    facts = asked(FRIDAY, EventFact(EventKind.SCHEDULED, FRIDAY, meeting_on=meeting))
    assert [(t.kind, t.due) for t in tasks_for(facts)] == [
        (TaskKind.CONFIRM, date(2026, 11, 25)),
        (TaskKind.PREPARE, date(2026, 11, 26)),
        (TaskKind.LOG_MEETING, meeting),
    ]


def test_a_confirmation_clears_the_confirm_task_until_the_meeting_moves():
    meeting = date(2026, 11, 27)
    booked = EventFact(EventKind.SCHEDULED, FRIDAY, meeting_on=meeting)
    confirmed = EventFact(EventKind.CONFIRMED, date(2026, 11, 25))
    assert [t.kind for t in tasks_for(asked(FRIDAY, booked, confirmed))] == [
        TaskKind.PREPARE,
        TaskKind.LOG_MEETING,
    ]
    moved = EventFact(EventKind.RESCHEDULED, date(2026, 11, 26), meeting_on=date(2026, 12, 4))
    assert [(t.kind, t.due) for t in tasks_for(asked(FRIDAY, booked, confirmed, moved))] == [
        (TaskKind.CONFIRM, date(2026, 12, 2)),
        (TaskKind.PREPARE, date(2026, 12, 3)),
        (TaskKind.LOG_MEETING, date(2026, 12, 4)),
    ]


def test_overdue_comes_first_then_today_then_upcoming():
    today = date(2026, 12, 2)
    overdue = asked(date(2026, 11, 20), conversation_id=1)  # follow-up due 12-01
    due_today = asked(date(2026, 11, 23), conversation_id=2)  # follow-up due 12-02
    upcoming = asked(date(2026, 11, 30), conversation_id=3)  # ask-another due 12-03
    tasks = today_list([upcoming, due_today, overdue], today)
    assert [t.conversation_id for t in tasks] == [1, 2, 3, 3]
    assert [t.bucket(today) for t in tasks] == [
        Bucket.OVERDUE,
        Bucket.TODAY,
        Bucket.UPCOMING,
        Bucket.UPCOMING,
    ]


def test_same_day_ties_go_to_the_higher_priority_person():
    low = asked(conversation_id=1, name="Low", priority=1)
    high = asked(conversation_id=2, name="High", priority=3)
    today = date(2026, 11, 25)
    due_today = [t for t in today_list([low, high], today) if t.due == today]
    assert [t.person_name for t in due_today] == ["High", "Low"]


def test_tasks_beyond_the_horizon_are_not_shown():
    assert today_list([asked(date(2026, 12, 20))], date(2026, 12, 1)) == []


def test_an_accepted_ask_asks_to_agree_on_a_time_at_once():
    yes = EventFact(EventKind.REPLIED, date(2026, 11, 23), outcome=Outcome.ACCEPTED)
    assert [(t.kind, t.due) for t in tasks_for(asked(FRIDAY, yes))] == [
        (TaskKind.SCHEDULE, date(2026, 11, 23))
    ]
