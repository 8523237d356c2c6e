from datetime import date

import pytest

from coffeechat.domain.journey import (
    EventFact,
    EventKind,
    Outcome,
    Stage,
    StepRefused,
    check_next,
    derive_stage,
)

D = date(2026, 11, 2)


def test_no_events_means_not_asked():
    assert derive_stage([]) == Stage.NOT_ASKED


def test_an_ask_waits_for_a_reply():
    assert derive_stage([EventFact(EventKind.ASKED, D)]) == Stage.ASKED


def test_each_reply_outcome_has_its_stage():
    expected = {
        Outcome.ACCEPTED: Stage.ACCEPTED,
        Outcome.DECLINED_BUSY: Stage.DECLINED,
        Outcome.BUSY_NOW: Stage.CALLBACK,
        Outcome.CLEAR_NO: Stage.REFUSED,
    }
    for outcome, stage in expected.items():
        events = [EventFact(EventKind.ASKED, D), EventFact(EventKind.REPLIED, D, outcome=outcome)]
        assert derive_stage(events) == stage


def test_the_full_journey_ends_thanked():
    events = [
        EventFact(EventKind.ASKED, D),
        EventFact(EventKind.REPLIED, D, outcome=Outcome.ACCEPTED),
        EventFact(EventKind.SCHEDULED, D, meeting_on=date(2026, 11, 9)),
        EventFact(EventKind.RESCHEDULED, D, meeting_on=date(2026, 11, 10)),
        EventFact(EventKind.HELD, date(2026, 11, 10)),
        EventFact(EventKind.THANKED, date(2026, 11, 11)),
    ]
    assert derive_stage(events) == Stage.THANKED


def test_a_cancelled_meeting_is_cancelled():
    events = [EventFact(EventKind.SCHEDULED, D, meeting_on=D), EventFact(EventKind.CANCELLED, D)]
    assert derive_stage(events) == Stage.CANCELLED


def test_every_stage_has_a_label():
    assert all(stage.label for stage in Stage)


ASK = EventFact(EventKind.ASKED, D)
YES = EventFact(EventKind.REPLIED, D, outcome=Outcome.ACCEPTED)
HELD = EventFact(EventKind.HELD, D)


def test_thanking_before_the_meeting_is_refused():
    with pytest.raises(StepRefused, match="log that it was held first"):
        check_next([ASK, YES], EventKind.THANKED)


def test_a_second_follow_up_is_refused():
    with pytest.raises(StepRefused, match="never a chase"):
        check_next([ASK, EventFact(EventKind.FOLLOWED_UP, D)], EventKind.FOLLOWED_UP)


def test_nothing_follows_a_clear_no():
    no = EventFact(EventKind.REPLIED, D, outcome=Outcome.CLEAR_NO)
    with pytest.raises(StepRefused, match="clear no"):
        check_next([ASK, no], EventKind.ASKED)


def test_the_normal_path_is_allowed_step_by_step():
    events = []
    for event in [
        ASK,
        YES,
        EventFact(EventKind.SCHEDULED, D, meeting_on=D),
        HELD,
        EventFact(EventKind.THANKED, D),
    ]:
        check_next(events, event.kind)
        events.append(event)


def test_busy_now_allows_asking_again():
    busy = EventFact(EventKind.REPLIED, D, outcome=Outcome.BUSY_NOW, callback_on=D)
    check_next([ASK, busy], EventKind.ASKED)
