"""Shared pieces of the fuzz tests: hostile text, a time limit, a workspace snapshot."""

import os
import signal
from contextlib import contextmanager
from datetime import date

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from coffeechat.transfer.archive import export_workspace

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))


def budget(examples: int) -> int:
    """A fixed number of examples for CI; FUZZ_SCALE=20 for a longer hunt."""
    return examples * SCALE


def fuzz_settings(examples: int, **extra) -> settings:
    """A fixed budget and the same examples on every CI run (no flaky red builds); a
    longer hunt (FUZZ_SCALE > 1) draws new ones each time."""
    return settings(
        max_examples=budget(examples),
        deadline=None,
        database=None,
        derandomize=SCALE == 1,
        suppress_health_check=list(HealthCheck),
        **extra,
    )


# What people really paste: control characters, right-to-left marks, emoji, combining
# accents, markup, placeholders, SQL, and the edges of the calendar.
SPECIAL = [
    "",
    " ",
    "\t\r\n",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "\x07\x08\x0b\x0c\x7f",
    "\u202eevil\u202c",
    "\u200f\u200e\u200b\u2060\ufeff",
    "שלום עולם",
    "مرحبا بالعالم",
    "😀👩‍👩‍👧‍👦🏳️‍🌈",
    "e\u0301\u0301\u0301",
    "ǅungla",
    "İstanbul",
    "ß" * 3,
    "<script>alert(1)</script>",
    "{{ 7|add:7 }}{% now 'Y' %}",
    "{my_name} {unknown} {",
    "'; DROP TABLE people_person; --",
    "%s %(x)s %d",
    "\\",
    "../../etc/passwd",
    "javascript:alert(1)",
    "https://",
    "a@b",
    "@",
    "Europe",
    "Europe/",
    "Etc/GMT+14",
    "0001-01-01",
    "9999-12-31",
    "31 Dec 9999",
    "01 Jan 0001",
    "12/31/9999",
    "0/0/00",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "9" * 40,
]
EDGE_DATES = [
    "0001-01-01",
    "0001-01-02",
    "9999-12-31",
    "9999-12-30",
    "1900-02-29",
    "2000-02-29",
    "2026-02-29",
    "2026-13-01",
    "2026-00-10",
    "",
    "today",
]


def nasty_text(max_size: int = 200) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=max_size),
        st.sampled_from(SPECIAL),
        st.lists(st.sampled_from(SPECIAL + ["x", " ", ","]), max_size=12).map("".join),
        # Past every column's limit; the 10 MB tests take the far end.
        st.integers(201, 6_000).map(lambda n: ("Ab\u202e😀 " * n)[:n]),
    )


def any_date() -> st.SearchStrategy[str]:
    return st.one_of(
        st.dates().map(date.isoformat),
        st.sampled_from(EDGE_DATES),
        st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(date.isoformat),
    )


class Hang(Exception):
    """An input took longer than anyone would wait."""


@contextmanager
def time_limit(seconds: float):
    """Raise Hang in the main thread when the block runs longer than `seconds`."""

    def expire(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def rolled_back():
    """Each example starts from the same workspace: its writes are undone afterwards."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Caches derived from the events, rewritten by any page that reads Today: not user data.
DERIVED = {"next_due", "due_key"}


def snapshot(user) -> dict:
    """Every row of the user's workspace, as the JSON export has it."""
    tables = export_workspace(user)["tables"]
    return {
        label: [{k: v for k, v in row.items() if k not in DERIVED} for row in rows]
        for label, rows in tables.items()
    }


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(
        label for label in set(before) | set(after) if before.get(label) != after.get(label)
    )
