"""Business-day arithmetic for the follow-up cadences (SPEC O6, F2).

A business day is Monday to Friday and not a public holiday. Holidays are passed
in as a set of dates so the rule stays independent of where the calendar comes from.
"""

from collections.abc import Container
from datetime import date, timedelta

SATURDAY = 5
# The days the rules count in: far enough from date.min and date.max that a year of
# business days, a snooze or the Today horizon never runs off the calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)


def is_business_day(day: date, holidays: Container[date] = frozenset()) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_business_days(start: date, days: int, holidays: Container[date] = frozenset()) -> date:
    """The date `days` business days after `start` (before it when negative).

    `start` itself is never counted, so asking on a Friday with days=3 gives the
    following Wednesday.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_business_day(day, holidays):
            remaining -= 1
    return day


def business_days_between(start: date, end: date, holidays: Container[date] = frozenset()) -> int:
    """How many business days lie after `start` up to and including `end`."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day, holidays):
            count += 1
    return count
