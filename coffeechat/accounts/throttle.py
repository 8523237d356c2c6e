"""Login throttling that slows guessing without locking the real user out for long.

Failures are rows in the database, so every web process behind the proxy sees the
same counts (no per-process memory). Three limits, each over the last WINDOW:

- one account from one address: after PAIR_LIMIT failures, that address waits out
  the window for that account; the owner, from anywhere else, is not affected;
- one address, any accounts (password spraying, stuffing): after ADDRESS_LIMIT
  failures the address waits out the window;
- one account, from any address (a botnet): after ACCOUNT_LIMIT failures, one try
  per ACCOUNT_PAUSE — short, so an attacker can slow the owner down, never lock them out.

A success clears the failures of that account from that address.

Every attempt takes its place in the counts *before* its password is checked: it
writes its row (committed at once: the login view runs outside a request
transaction), then counts every other row. Under any concurrency, across processes
and on both databases, the k-th row to commit sees at least k-1 others, so no more
than PAIR_LIMIT attempts ever reach the password check (issue 18 found 9 of 40
concurrent guesses checked when the count was read first and written after the
slow hash). A refused attempt takes its row back, so waiting attempts do not
lengthen the wait; an attempt that passes stays counted as a failure unless its
password was right. Nothing but a right password clears failures: a form refused
for a blank or over-long password is a failure too.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from .models import LoginFailure

WINDOW = timedelta(minutes=15)
PAIR_LIMIT = 5
ADDRESS_LIMIT = 30
ACCOUNT_LIMIT = 10
ACCOUNT_PAUSE = timedelta(minutes=1)
KEEP = timedelta(days=1)


@dataclass
class Throttled(Exception):
    retry_after: timedelta

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after.total_seconds() / 60))


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def attempt(username: str, address: str, now: datetime) -> int:
    """Count this attempt, then raise Throttled if it must wait (its row taken back);
    call before the password is checked. Returns the attempt's row id."""
    key = _key(username)
    mine = LoginFailure.objects.create(username=key, address=address, at=now).pk
    others = LoginFailure.objects.filter(at__gt=now - WINDOW).exclude(pk=mine)
    waits = [
        _wait(others.filter(username=key, address=address), PAIR_LIMIT, now),
        _wait(others.filter(address=address), ADDRESS_LIMIT, now),
        _pause(others.filter(username=key), now),
    ]
    longest = max(waits)
    if longest > timedelta(0):
        LoginFailure.objects.filter(pk=mine).delete()
        raise Throttled(longest)
    return mine


def _wait(failures, limit: int, now: datetime) -> timedelta:
    """Until enough of the failures age out of the window to let one more try in.
    One query: a count and a second read could disagree while others come and go."""
    newest = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    if len(newest) < limit:
        return timedelta(0)
    return max(timedelta(0), newest[-1] + WINDOW - now)


def _pause(failures, now: datetime) -> timedelta:
    newest = list(failures.order_by("-at").values_list("at", flat=True)[:ACCOUNT_LIMIT])
    if len(newest) < ACCOUNT_LIMIT:
        return timedelta(0)
    return max(timedelta(0), newest[0] + ACCOUNT_PAUSE - now)


def failed(now: datetime) -> None:
    """The attempt's row stays as its failure; rows older than KEEP go."""
    LoginFailure.objects.filter(at__lt=now - KEEP).delete()


def succeeded(username: str, address: str) -> None:
    """The right password: that account's failures from that address are forgotten."""
    LoginFailure.objects.filter(username=_key(username), address=address).delete()
