"""The Today list (SPEC T1, T3): the domain rule fed with this owner's conversations."""

from datetime import date
from itertools import groupby

from django.conf import settings

from coffeechat.accounts.services import profile_for, public_holidays
from coffeechat.conversations.services import open_conversation_facts, referral_facts
from coffeechat.domain.today import Cadence, today_list


def cadence() -> Cadence:
    return Cadence(**settings.CADENCE)


def holidays_for(user, day: date) -> frozenset:
    """Public holidays of the user's country around `day` (none when no country is set)."""
    country = profile_for(user).country or settings.DEFAULT_COUNTRY
    return public_holidays(country, day.year - 1, day.year + 1)


def tasks_on(user, day):
    return today_list(open_conversation_facts(user), day, cadence(), holidays_for(user, day),
                      referral_facts(user))


def grouped_tasks_on(user, day):
    """[(bucket, [tasks])] in display order, only buckets that have tasks."""
    tasks = tasks_on(user, day)
    return [(bucket, list(items)) for bucket, items in groupby(tasks, key=lambda t: t.bucket(day))]
