"""Time the Trash and bulk changes (issue 24): deleting and restoring one person with a long
history, and changing, undoing, deleting and restoring many people at once.

    .venv/bin/python benchmarks/bench_trash.py [--people 1000] [--conversations 40]
    DATABASE_URL=postgresql://... .venv/bin/python benchmarks/bench_trash.py

Runs in a fresh SQLite workspace in a temporary folder (or the PostgreSQL database named
by DATABASE_URL, whose coffeechat tables it fills: use a scratch one). Each step runs in
its own transaction, as a request would; the figure is the wall time of that step.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(label, step):
    from django.db import transaction

    start = time.perf_counter()
    with transaction.atomic():
        result = step()
    print(f"{label:<58} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--conversations", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("COFFEECHAT_DATA_DIR", tempfile.mkdtemp(prefix="bench-trash-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from coffeechat.accounts.services import local_user
    from coffeechat.conversations.services import log_ask, log_event
    from coffeechat.domain.journey import EventKind, Outcome
    from coffeechat.explorations.services import create_exploration
    from coffeechat.people import services as people
    from coffeechat.trash import services as trash

    me = local_user()
    exploration = create_exploration(me, title="Bench", target_position="UX researcher")
    crowd = [
        people.create_person(me, name=f"Person {n}", tags=["seed"]).pk for n in range(args.people)
    ]
    busy = people.create_person(me, name="Busy Person")
    day = date(2026, 1, 5)
    for n in range(args.conversations):
        other = create_exploration(me, title=f"E{n}", target_position="PM") if n else exploration
        conversation = log_ask(
            me,
            person=busy,
            exploration=other,
            on=day,
            channel="email",
            approach="direct",
            text="May I have 15 minutes?",
        )
        log_event(
            me,
            conversation,
            EventKind.REPLIED,
            on=day + timedelta(days=1),
            outcome=Outcome.ACCEPTED,
        )
        people.add_note(me, busy, f"Note {n}")
    print(
        f"{os.environ.get('DATABASE_URL', 'SQLite')[:30]}: {args.people} people, one "
        f"with {args.conversations} conversations, {args.conversations} notes"
    )
    item = timed(
        f"delete the person with {args.conversations} conversations",
        lambda: people.delete_person(me, busy.pk),
    )
    timed("restore them", lambda: trash.restore(me, item.pk))
    change = timed(
        f"bulk change of {args.people} people (level, tag)",
        lambda: people.change_people(me, crowd, changes={"level": "above"}, add_tags=["bulk"]),
    )
    timed("undo it", lambda: trash.restore(me, change.pk))
    gone = timed(f"bulk delete of {args.people} people", lambda: people.delete_people(me, crowd))
    timed("restore them", lambda: trash.restore(me, gone.pk))
    return 0


if __name__ == "__main__":
    sys.exit(main())
