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
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max

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


def check(username: str, address: str, now: datetime) -> None:
    """Raise Throttled if this attempt must wait; checked before the password is."""
    recent = LoginFailure.objects.filter(at__gt=now - WINDOW)
    waits = [
        _wait(recent.filter(username=_key(username), address=address), PAIR_LIMIT, now),
        _wait(recent.filter(address=address), ADDRESS_LIMIT, now),
        _pause(recent.filter(username=_key(username)), now),
    ]
    longest = max(waits)
    if longest > timedelta(0):
        raise Throttled(longest)


def _wait(failures, limit: int, now: datetime) -> timedelta:
    """Until enough of the failures age out of the window to let one more try in."""
    count = failures.count()
    if count < limit:
        return timedelta(0)
    oldest_that_counts = failures.order_by("-at").values_list("at", flat=True)[limit - 1]
    return oldest_that_counts + WINDOW - now


def _pause(failures, now: datetime) -> timedelta:
    if failures.count() < ACCOUNT_LIMIT:
        return timedelta(0)
    last = failures.aggregate(last=Max("at"))["last"]
    return max(timedelta(0), last + ACCOUNT_PAUSE - now)


def failed(username: str, address: str, now: datetime) -> None:
    LoginFailure.objects.create(username=_key(username), address=address, at=now)
    LoginFailure.objects.filter(at__lt=now - KEEP).delete()


def succeeded(username: str, address: str) -> None:
    LoginFailure.objects.filter(username=_key(username), address=address).delete()
