"""The Today list read straight from a workspace's SQLite file, without starting Django.

Starting Django is most of a cold `coffeechat today` (about 470 of 540 ms). When the
due-date cache is current, the list needs only a few reads, so this module makes the
same reads as `services.tasks_on` with the standard library's sqlite3, read-only, and
hands them to the same domain rules.

It answers None whenever the file does not let it give the list the Django path would
give: no local user or profile yet (Django creates them), due dates to recompute (Django
writes them), or anything unexpected (a missing table, a value it cannot read). The
command takes the Django path then, and also for PostgreSQL and pending migrations,
which it checks before coming here (coffeechat/cli/today.py).
"""

import sqlite3
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from coffeechat import config, workspace
from coffeechat.accounts.public_holidays import public_holidays
from coffeechat.domain.journey import EventFact, EventKind, Outcome
from coffeechat.domain.today import (
    OWING_ONCE_CLOSED,
    Cadence,
    ConversationFacts,
    Mark,
    MarkAction,
    ReferralFacts,
    Task,
    today_list,
)

from .cache import MOST_PRESSING, due_key


class Unsure(Exception):
    """The file does not let us give the answer the Django path would give."""


def tasks_on(database: Path, day: date) -> list[Task] | None:
    """The Today list in the SQLite file `database` for `day`, or None: ask Django."""
    try:
        db = _open_read_only(database)
    except sqlite3.Error:
        return None
    try:
        db.execute("BEGIN")  # one snapshot for every read below
        return _tasks(db, day)
    except (Unsure, sqlite3.Error, ValueError):
        return None
    finally:
        db.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: this path never writes, not even by mistake. isolation_level=None: the
    # explicit BEGIN above is the only transaction.
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=20, isolation_level=None)


def _tasks(db: sqlite3.Connection, day: date) -> list[Task]:
    owner, profile_country = _local_user(db)
    country = profile_country or config.default_country()
    rules = config.cadence()
    if _has_stale_due_dates(db, owner, due_key(rules, country, day.year)):
        raise Unsure("due dates to recompute")
    cadence = Cadence(**rules)
    return today_list(
        _pressing_facts(db, owner, day, cadence),
        day,
        cadence,
        public_holidays(country, day.year - 1, day.year + 1),
        _referral_facts(db, owner),
        _marks(db, owner),
    )


def _local_user(db) -> tuple[int, str]:
    """The local user's id and profile country; both rows exist once Django made them."""
    row = db.execute(
        "SELECT u.id, p.country FROM auth_user u JOIN accounts_profile p ON p.user_id = u.id"
        " WHERE u.username = ?",
        (workspace.LOCAL_USERNAME,),
    ).fetchone()
    if row is None:
        raise Unsure("no local user or profile yet")
    return row


def _has_stale_due_dates(db, owner: int, key: str) -> bool:
    # Two range scans of the (owner, due_key) index, as services.refresh_due_dates does.
    return any(
        db.execute(
            "SELECT 1 FROM conversations_conversation"
            f" WHERE owner_id = ? AND due_key {op} ? LIMIT 1",
            (owner, key),
        ).fetchone()
        for op in ("<", ">")
    )


# services.pressing_facts, as SQL: open explorations, or closed ones where something is
# still owed (conversations.services.open_conversations).
PRESSING = """
SELECT c.id, p.id, p.name, p.priority, p.keep_in_touch_weeks, e.closed_on
FROM conversations_conversation c
JOIN explorations_exploration e ON c.exploration_id = e.id
JOIN people_person p ON c.person_id = p.id
WHERE c.owner_id = ? AND (e.closed_on IS NULL OR c.stage_cache IN ({owing}))
  AND c.next_due <= ?
ORDER BY c.next_due, c.id
LIMIT ?
""".format(owing=", ".join(f"'{stage.value}'" for stage in sorted(OWING_ONCE_CLOSED)))

# conversations.services.last_contacts: the latest event or dated note per person.
LAST_EVENTS = """
SELECT c.person_id, MAX(ev."on") FROM conversations_event ev
JOIN conversations_conversation c ON ev.conversation_id = c.id
WHERE c.person_id IN ({}) GROUP BY c.person_id
"""
NOTES = "SELECT person_id, created_at FROM people_note WHERE person_id IN ({})"

EVENTS = """
SELECT conversation_id, kind, "on", outcome, meeting_on, callback_on
FROM conversations_event WHERE conversation_id IN ({})
ORDER BY "on", id
"""


def _pressing_facts(db, owner: int, day: date, cadence: Cadence) -> list[ConversationFacts]:
    last_day = day + timedelta(days=cadence.horizon)
    rows = db.execute(PRESSING, (owner, last_day.isoformat(), MOST_PRESSING)).fetchall()
    events = defaultdict(list)
    ids = [row[0] for row in rows]
    for conversation_id, *values in db.execute(EVENTS.format(",".join("?" * len(ids))), ids):
        events[conversation_id].append(_event_fact(*values))
    contacts = _last_contacts(db, sorted({row[1] for row in rows}))
    return [
        ConversationFacts(
            conversation_id=pk,
            person_name=name,
            person_priority=priority,
            events=events[pk],
            keep_in_touch_weeks=weeks,
            exploration_closed_on=_date(closed_on),
            last_contact_on=contacts.get(person_id),
        )
        for pk, person_id, name, priority, weeks, closed_on in rows
    ]


def _last_contacts(db, person_ids: list[int]) -> dict[int, date]:
    """As Django's TruncDate: a note's day is its UTC time read in the settings' zone."""
    from zoneinfo import ZoneInfo

    marks = ",".join("?" * len(person_ids))
    latest: dict[int, date] = {}
    zone = ZoneInfo(config.time_zone())
    days = [(pk, _date(day)) for pk, day in db.execute(LAST_EVENTS.format(marks), person_ids)]
    days += [
        (pk, _utc(created_at).astimezone(zone).date())
        for pk, created_at in db.execute(NOTES.format(marks), person_ids)
    ]
    for person_id, day in days:
        if day is not None and day > latest.get(person_id, date.min):
            latest[person_id] = day
    return latest


def _utc(text: str) -> datetime:
    from datetime import UTC

    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _event_fact(kind, on, outcome, meeting_on, callback_on) -> EventFact:
    # conversations.models.event_fact, over text dates; importing it would start Django.
    return EventFact(
        kind=EventKind(kind),
        on=_date(on),
        outcome=Outcome(outcome) if outcome else None,
        meeting_on=_date(meeting_on),
        callback_on=_date(callback_on),
    )


# conversations.services.referral_facts: referred to me, not asked yet, oldest first.
REFERRALS = """
SELECT p.id, p.name, p.created_at, p.priority FROM people_person p
WHERE NOT p.do_not_ask AND p.found_via_conversation_id IS NOT NULL AND p.owner_id = ?
  AND NOT EXISTS (SELECT 1 FROM conversations_conversation c WHERE c.person_id = p.id)
ORDER BY p.created_at, p.id
LIMIT ?
"""


def _referral_facts(db, owner: int) -> list[ReferralFacts]:
    # Django reads created_at back as UTC (or with its stored offset) and takes its date.
    return [
        ReferralFacts(pk, name, datetime.fromisoformat(created_at).date(), False, priority)
        for pk, name, created_at, priority in db.execute(REFERRALS, (owner, MOST_PRESSING))
    ]


def _marks(db, owner: int) -> list[Mark]:
    return [
        Mark(task_key, MarkAction(action), _date(on), _date(until))
        for task_key, action, on, until in db.execute(
            'SELECT task_key, action, "on", "until" FROM today_taskmark'
            " WHERE owner_id = ? ORDER BY id",
            (owner,),
        )
    ]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None
