"""The Today list (SPEC T1, T3): the domain rule fed with this owner's conversations."""

from itertools import groupby

from django.conf import settings

from coffeechat.conversations.services import open_conversation_facts
from coffeechat.domain.today import Cadence, today_list


def cadence() -> Cadence:
    return Cadence(**settings.CADENCE)


def tasks_on(user, day):
    return today_list(open_conversation_facts(user), day, cadence())


def grouped_tasks_on(user, day):
    """[(bucket, [tasks])] in display order, only buckets that have tasks."""
    tasks = tasks_on(user, day)
    return [(bucket, list(items)) for bucket, items in groupby(tasks, key=lambda t: t.bucket(day))]
