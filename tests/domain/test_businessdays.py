from datetime import date

from coffeechat.domain.businessdays import (
    add_business_days,
    business_days_between,
    is_business_day,
)

FRIDAY = date(2026, 11, 20)
MONDAY = date(2026, 11, 23)


def test_weekend_days_are_not_business_days():
    assert not is_business_day(date(2026, 11, 21))
    assert not is_business_day(date(2026, 11, 22))
    assert is_business_day(MONDAY)


def test_three_business_days_after_friday_is_wednesday():
    assert add_business_days(FRIDAY, 3) == date(2026, 11, 25)


def test_three_business_days_after_monday_stays_in_the_week():
    assert add_business_days(MONDAY, 3) == date(2026, 11, 26)


def test_counting_from_a_saturday_starts_on_monday():
    assert add_business_days(date(2026, 11, 21), 1) == MONDAY


def test_seven_business_days_span_a_weekend():
    assert add_business_days(MONDAY, 7) == date(2026, 12, 2)


def test_holidays_are_skipped():
    thanksgiving = date(2026, 11, 26)
    assert add_business_days(MONDAY, 3, holidays={thanksgiving}) == date(2026, 11, 27)


def test_negative_days_count_backwards_over_the_weekend():
    assert add_business_days(MONDAY, -1) == FRIDAY


def test_zero_days_is_the_same_day():
    assert add_business_days(FRIDAY, 0) == FRIDAY


def test_business_days_between_skips_the_weekend():
    assert business_days_between(FRIDAY, date(2026, 11, 25)) == 3
    assert business_days_between(FRIDAY, FRIDAY) == 0
