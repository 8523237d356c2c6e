"""Business-day arithmetic holds across weekends and the holidays of several countries.

The holiday calendars come from the `holidays` package here, in the test; the rule
itself only ever sees a set of dates.
"""

from datetime import date, timedelta

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from coffeechat.domain.businessdays import (
    add_business_days,
    business_days_between,
    is_business_day,
)

CALENDARS = {
    code: frozenset(holidays.country_holidays(code, years=range(2024, 2031)))
    for code in ("US", "DE", "GB", "JP")
}

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2029, 12, 31))
counts = st.integers(min_value=0, max_value=30)
countries = st.sampled_from(sorted(CALENDARS))


@settings(max_examples=300, deadline=None)
@given(start=days, n=counts, country=countries)
def test_the_result_is_a_business_day_exactly_n_business_days_later(start, n, country):
    off = CALENDARS[country]
    end = add_business_days(start, n, off)
    assert business_days_between(start, end, off) == n
    if n:
        assert is_business_day(end, off)
        assert end.weekday() < 5 and end not in off


@settings(max_examples=200, deadline=None)
@given(start=days, n=counts, country=countries)
def test_more_days_never_end_earlier(start, n, country):
    off = CALENDARS[country]
    assert add_business_days(start, n + 1, off) > add_business_days(start, n, off)


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=30), country=countries)
def test_going_back_undoes_going_forward_from_a_business_day(start, n, country):
    off = CALENDARS[country]
    while not is_business_day(start, off):
        start += timedelta(days=1)
    assert add_business_days(add_business_days(start, n, off), -n, off) == start


def test_christmas_differs_by_country():
    christmas_eve = date(2026, 12, 24)  # Thursday
    assert add_business_days(christmas_eve, 1, CALENDARS["US"]) == date(2026, 12, 28)
    assert add_business_days(christmas_eve, 1, CALENDARS["GB"]) == date(2026, 12, 29)
    assert add_business_days(christmas_eve, 1, CALENDARS["JP"]) == date(2026, 12, 25)
