"""Show what to do now: follow-ups, callbacks, preparation and thank-yous, overdue first.

--on YYYY-MM-DD shows the list as it will look (or looked) on another day.
"""

import argparse
from datetime import date


def describe(name: str) -> str:
    return __doc__


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: use YYYY-MM-DD") from None


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", type=iso_date, metavar="YYYY-MM-DD",
                        help="show the list as of this date (default: today)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args) -> int:
    from .setup import start_django

    start_django(args.data_dir, migrate=True)
    from django.utils import timezone

    from coffeechat.accounts.services import local_user
    from coffeechat.today.services import tasks_on

    from .output import print_json, print_table

    day = args.on or timezone.localdate()
    records = [
        {"when": task.bucket(day).label, "due": task.due.isoformat(), "kind": task.kind.value,
         "task": task.title, "conversation": task.conversation_id, "person": task.person_id}
        for task in tasks_on(local_user(), day)
    ]
    if args.json:
        print_json({"on": day.isoformat(), "tasks": records})
    else:
        print(f"As of {day:%A %d %B %Y}")
        print_table(("when", "due", "task"), records,
                    empty="Nothing due. Ask someone new (coffeechat people list), or start an "
                          "exploration\n(coffeechat explorations add) if you have none yet.")
    return 0
