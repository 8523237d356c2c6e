"""The date formats of contact exports, read without guessing.

LinkedIn writes "12 Mar 2024"; Outlook "3/15/1990" (month first) and "0/0/00" for
no date; Google and vCard "1990-03-15", and "--03-15" or "--0315" for a birthday
without a year.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

# Years that stand for "no year": Apple writes a birthday without one as 1604-MM-DD,
# some exports 0000. (1900 is not one: people were born in 1900.)
NO_YEAR = {1604, 0}
EMPTY = {"", "0/0/00", "0/0/0000", "00/00/0000", "0000-00-00"}
MONTH_DAY = re.compile(r"^--(\d\d)-?(\d\d)$")
ZERO_YEAR = re.compile(r"^0000-?(\d\d)-?(\d\d)")
NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
WRITTEN = (
    "%d %b %Y",
    "%d %B %Y",
    "%Y-%m-%d",
    "%Y%m%d",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
)


@dataclass(frozen=True)
class Day:
    """A calendar day whose year may be unknown (a birthday)."""

    month: int
    day: int
    year: int | None = None

    def __str__(self) -> str:
        text = f"{self.day} {calendar.month_name[self.month]}"
        return f"{text} {self.year}" if self.year else text


TIME_OF_DAY = re.compile(r",?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?$", re.IGNORECASE)


def parse_day(text: str) -> Day | None:
    """None for an empty date; ValueError for one that is not understood. A time of day
    after it ("1/8/18, 6:14 PM", LinkedIn's 2018 export) is dropped."""
    text = TIME_OF_DAY.sub("", " ".join((text or "").split()))
    if text in EMPTY:
        return None
    try:
        if match := MONTH_DAY.match(text) or ZERO_YEAR.match(text):
            return _day(None, int(match[1]), int(match[2]))
        if match := NUMERIC.match(text):  # Outlook: month first
            month, day = int(match[1]), int(match[2])
            if month > 12 >= day:  # "20/01/1991" can only be day first
                month, day = day, month
            return _day(_full_year(int(match[3])), month, day)
    except ValueError:
        raise ValueError(f"“{text}” is not a real date (month first: M/D/YYYY)") from None
    text = text.split("T")[0]
    for pattern in WRITTEN:
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return _day(parsed.year, parsed.month, parsed.day)
    raise ValueError(f"“{text}” is not a date this importer understands")


def _full_year(year: int) -> int:
    if year >= 100:
        return year
    return year + (1900 if year >= 69 else 2000)  # strptime's %y pivot: 69-99 are 19xx


def _day(year, month, day) -> Day:
    if year in NO_YEAR:
        year = None
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February is a real birthday
    except ValueError:
        raise ValueError("no such day in the calendar") from None
    return Day(month, day, year)


def dated_note(label: str, text: str, warnings: list[str]) -> str:
    """ "Birthday: 15 March" from a raw date cell; a bad date becomes a warning."""
    note, warning = _dated_note(label, text)
    if warning:
        warnings.append(warning)
    return note


@lru_cache(maxsize=4096)
def _dated_note(label: str, text: str) -> tuple[str, str]:
    # A file holds few distinct dates (LinkedIn: the days one connected), and strptime
    # and month names cost more than the rest of a row: each is read once.
    try:
        day = parse_day(text)
    except ValueError as error:
        return "", f"{label}: {error}; left out"
    return (f"{label}: {day}" if day else ""), ""
