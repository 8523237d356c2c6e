from datetime import date

from coffeechat.domain.journey import EventFact, EventKind
from coffeechat.domain.today import ConversationFacts, Mark, MarkAction, TaskKind, today_list

ASKED = ConversationFacts(1, "Ada", 2, (EventFact(EventKind.ASKED, date(2026, 11, 20)),))
DAY3 = date(2026, 11, 25)
KEY = f"{TaskKind.ASK_ANOTHER.value}:c1:{DAY3.isoformat()}"


def kinds(tasks):
    return [t.kind for t in tasks]


def test_the_task_key_names_kind_target_and_due_date():
    assert today_list([ASKED], DAY3)[0].key == KEY


def test_a_done_task_disappears_from_that_day_on():
    marks = [Mark(KEY, MarkAction.DONE, DAY3)]
    assert TaskKind.ASK_ANOTHER not in kinds(today_list([ASKED], DAY3, marks=marks))


def test_the_list_for_an_earlier_day_ignores_later_marks():
    marks = [Mark(KEY, MarkAction.DISMISSED, date(2026, 11, 26))]
    assert TaskKind.ASK_ANOTHER in kinds(today_list([ASKED], DAY3, marks=marks))


def test_a_snoozed_task_comes_back_on_its_day():
    marks = [Mark(KEY, MarkAction.SNOOZED, DAY3, until=date(2026, 11, 27))]
    assert TaskKind.ASK_ANOTHER not in kinds(today_list([ASKED], date(2026, 11, 26), marks=marks))
    assert TaskKind.ASK_ANOTHER in kinds(today_list([ASKED], date(2026, 11, 27), marks=marks))


def test_a_mark_lapses_when_the_due_date_moves():
    other = Mark(f"{TaskKind.ASK_ANOTHER.value}:c1:2026-11-24", MarkAction.DONE, DAY3)
    assert TaskKind.ASK_ANOTHER in kinds(today_list([ASKED], DAY3, marks=[other]))
