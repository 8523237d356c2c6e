"""The journey's model (issue 20): what each stage owes, when, and which steps can be."""

from datetime import date, timedelta

import pytest

from coffeechat.domain.journey import (
    EventFact,
    EventKind,
    Outcome,
    Stage,
    StepRefused,
    check_step,
    event_label,
    transitions,
)
from coffeechat.domain.today import (
    OWED_ONCE_CLOSED,
    OWED_WHILE_OPEN,
    Cadence,
    ConversationFacts,
    TaskKind,
    due_rule,
    today_list,
)

ASKED_ON = date(2026, 11, 20)  # a Friday
ASK = EventFact(EventKind.ASKED, ASKED_ON)
YES = EventFact(EventKind.REPLIED, date(2026, 11, 23), outcome=Outcome.ACCEPTED)
MEETING = date(2026, 11, 27)
BOOKED = EventFact(EventKind.SCHEDULED, date(2026, 11, 23), meeting_on=MEETING)
HELD = EventFact(EventKind.HELD, MEETING)


def facts(*events, closed_on=None, last_contact_on=None):
    return ConversationFacts(
        1,
        "Ada",
        2,
        (ASK, *events),
        exploration_closed_on=closed_on,
        last_contact_on=last_contact_on,
    )


def kinds_on(day, *conversations):
    return [task.kind for task in today_list(conversations, day)]


# ---- 1. closing an exploration keeps what is owed to people already met ------------


def test_closing_keeps_the_thank_you_owed_to_someone_met():
    closed = facts(YES, BOOKED, HELD, closed_on=date(2026, 11, 28))
    for day in (date(2026, 11, 29), date(2026, 12, 20), date(2027, 3, 1)):
        assert TaskKind.THANK_YOU in kinds_on(day, closed)


def test_after_thanking_in_a_closed_exploration_the_decision_is_owed_from_the_later_day():
    thanked = EventFact(EventKind.THANKED, date(2026, 12, 3))
    tasks = today_list(
        [facts(YES, BOOKED, HELD, thanked, closed_on=date(2026, 11, 28))], date(2026, 12, 3)
    )
    assert [(t.kind, t.due) for t in tasks] == [(TaskKind.TELL_DECISION, date(2026, 12, 3))]


def test_a_meeting_booked_before_closing_is_still_confirmed_prepared_and_logged():
    closed = facts(YES, BOOKED, closed_on=date(2026, 11, 24))
    assert kinds_on(date(2026, 11, 26), closed) == [
        TaskKind.CONFIRM,
        TaskKind.PREPARE,
        TaskKind.LOG_MEETING,
    ]


def test_closing_ends_waiting_on_people_not_met():
    assert kinds_on(date(2026, 12, 20), facts(closed_on=date(2026, 11, 21))) == []


# ---- 2. a meeting that has happened asks to be logged --------------------------------


def test_after_the_meeting_day_only_logging_it_is_owed():
    assert kinds_on(date(2026, 11, 28), facts(YES, BOOKED)) == [TaskKind.LOG_MEETING]
    assert kinds_on(date(2027, 1, 28), facts(YES, BOOKED)) == [TaskKind.LOG_MEETING]


def test_on_the_meeting_day_prepare_is_still_shown_and_confirm_is_not():
    assert kinds_on(MEETING, facts(YES, BOOKED)) == [TaskKind.PREPARE, TaskKind.LOG_MEETING]


# ---- 3. and 5. impossible steps and dates are refused, odd ones warned about ----------


def test_an_answer_on_a_follow_up_is_refused():
    step = EventFact(EventKind.FOLLOWED_UP, date(2026, 12, 1), outcome=Outcome.ACCEPTED)
    with pytest.raises(StepRefused, match="Only a reply has an answer") as refused:
        check_step([ASK], step)
    assert refused.value.field == "outcome"


def test_a_follow_up_on_the_day_of_the_ask_is_refused():
    with pytest.raises(StepRefused, match="not on the day of the ask"):
        check_step([ASK], EventFact(EventKind.FOLLOWED_UP, ASKED_ON))


def test_a_meeting_before_the_ask_is_refused():
    step = EventFact(EventKind.SCHEDULED, date(2026, 11, 23), meeting_on=date(2026, 11, 19))
    with pytest.raises(StepRefused, match="before the ask") as refused:
        check_step([ASK, YES], step)
    assert refused.value.field == "meeting_date"


def test_a_meeting_in_the_past_is_saved_with_a_warning():
    step = EventFact(EventKind.SCHEDULED, date(2026, 11, 23), meeting_on=date(2026, 11, 24))
    assert "logged late" in check_step([ASK, YES], step, today=date(2026, 12, 1))[0]
    assert check_step([ASK, YES], step, today=date(2026, 11, 23)) == []


def test_ending_a_meeting_before_its_date_is_refused():
    with pytest.raises(StepRefused, match="log it as held on that day or later"):
        check_step([ASK, YES, BOOKED], EventFact(EventKind.HELD, MEETING - timedelta(days=3)))


def test_a_callback_day_must_come_after_the_reply():
    step = EventFact(
        EventKind.REPLIED,
        date(2026, 11, 23),
        outcome=Outcome.BUSY_NOW,
        callback_on=date(2026, 11, 23),
    )
    with pytest.raises(StepRefused, match="later day"):
        check_step([ASK], step)


def test_every_history_line_reads_as_words():
    assert event_label(EventKind.FOLLOWED_UP) == "Sent the one follow-up"
    assert event_label("replied", "declined_busy") == "They replied: declined, too busy"
    for kind in EventKind:
        assert "_" not in event_label(kind)
    for outcome in Outcome:
        assert "_" not in event_label(EventKind.REPLIED, outcome)


# ---- 6. any interaction resets the keep-in-touch clock -----------------------------


def test_keep_in_touch_counts_from_the_latest_contact_anywhere():
    thanked = EventFact(EventKind.THANKED, date(2026, 11, 30))
    alone = today_list([facts(YES, BOOKED, HELD, thanked)], date(2027, 1, 25))
    assert [(t.kind, t.due) for t in alone] == [(TaskKind.KEEP_IN_TOUCH, date(2027, 1, 25))]
    later = facts(YES, BOOKED, HELD, thanked, last_contact_on=date(2027, 1, 10))
    assert today_list([later], date(2027, 1, 25)) == []
    assert today_list([later], date(2027, 3, 7))[0].due == date(2027, 3, 7)


# ---- the model itself -----------------------------------------------------------------


def test_every_stage_has_its_obligations_listed_open_and_closed():
    assert set(OWED_WHILE_OPEN) == set(Stage) == set(OWED_ONCE_CLOSED)


def test_every_obligation_has_a_due_rule_in_words_from_the_settings():
    assert (
        due_rule(TaskKind.FOLLOW_UP, Cadence(follow_up_after=5)) == "5 business days after the ask"
    )
    for kind in TaskKind:
        assert "{" not in due_rule(kind, Cadence())


def test_every_stage_but_the_first_can_be_reached():
    reached = {target for _, _, target in transitions()}
    assert reached == set(Stage) - {Stage.NOT_ASKED}
