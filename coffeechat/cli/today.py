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
    parser.add_argument(
        "--on",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="show the list as of this date (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args) -> int:
    from coffeechat import workspace

    folder = workspace.use_data_dir(args.data_dir)
    day = args.on or local_today()
    tasks = tasks_without_django(folder, day)
    if tasks is None:
        from coffeechat.errors import Invalid

        try:
            tasks = tasks_with_django(args.data_dir, day)
        except Invalid as error:  # an unknown holiday region (COFFEECHAT_COUNTRY, Settings)
            import sys

            print(f"coffeechat: {error.message}", file=sys.stderr)
            return 2
    records = [
        {
            "when": task.bucket(day).label,
            "due": task.due.isoformat(),
            "kind": task.kind.value,
            "task": task.title,
            "conversation": task.conversation_id,
            "person": task.person_id,
        }
        for task in tasks
    ]
    from .output import print_json, print_table

    if args.json:
        print_json({"on": day.isoformat(), "tasks": records})
    else:
        print(f"As of {day:%A %d %B %Y}")
        print_table(
            ("when", "due", "task"),
            records,
            empty="Nothing due. Ask someone new (coffeechat people list), or start an "
            "exploration\n(coffeechat explorations add) if you have none yet.",
        )
    return 0


def local_today() -> date:
    """Today in the user's time zone, as Django's timezone.localdate() would say."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from coffeechat import config

    return datetime.now(ZoneInfo(config.time_zone())).date()


def tasks_without_django(folder, day: date):
    """The list read from the workspace's SQLite file when that gives the same answer as
    the Django path (a cold start without Django is about 400 ms faster), else None."""
    from coffeechat import config, workspace
    from coffeechat.today import fast_path

    from .setup import schema_is_current

    if config.database_url() or not schema_is_current(folder):
        return None  # PostgreSQL, or migrations to apply first
    return fast_path.tasks_on(folder / workspace.DATABASE_FILE_NAME, day)


def tasks_with_django(data_dir, day: date):
    """The list through the services, which first create the local user and recompute
    stale due dates."""
    from .setup import start_django

    start_django(data_dir, migrate=True)
    from coffeechat.accounts.services import local_user
    from coffeechat.today.services import tasks_on

    return tasks_on(local_user(), day)
