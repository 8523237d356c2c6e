"""Print a table of explorations, people or organizations in this workspace."""

import argparse


def describe(name: str) -> str:
    return f"List the {name} in this workspace as a table."


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


COLUMNS = {
    "explorations": ("id", "title", "target_position", "closed_on"),
    "people": ("id", "name", "title", "organization", "level"),
    "orgs": ("id", "name", "sector", "hiring_status"),
}


def rows(name: str, user):
    from coffeechat.explorations.services import explorations_for
    from coffeechat.people.services import organizations_for, people_for

    source = {"explorations": explorations_for, "people": people_for, "orgs": organizations_for}
    for record in source[name](user):
        yield {column: _plain(getattr(record, column)) for column in COLUMNS[name]}


def _plain(value):
    return "" if value is None else str(value) if not isinstance(value, int) else value


def run(args) -> int:
    from .setup import start_django

    start_django(args.data_dir, migrate=True)
    from coffeechat.accounts.services import local_user

    from .output import print_json, print_table

    records = list(rows(args.command, local_user()))
    if args.json:
        print_json(records)
    else:
        print_table(COLUMNS[args.command], records)
    return 0
