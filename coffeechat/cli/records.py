"""Add, list, show, edit, delete (and merge) explorations, organizations and people.

Input goes through the same forms as the web UI, so a bad value gets the same
message naming the field, and the command exits with status 2 having saved nothing.
"""

import argparse

ACTIONS = {
    "list": "List them as a table (or --json).",
    "show": "Show one record in full.",
    "add": "Add a record.",
    "edit": "Change some fields of a record; the others stay as they are.",
    "delete": "Move a record to the Trash (asks for --yes).",
}

# Options of `add` and `edit`: (option, form field, help). Forms validate the values.
FIELDS = {
    "people": [
        ("--name", "name", "full name"),
        ("--title", "title", "job title"),
        ("--organization", "new_organization", "organization name (created if new)"),
        ("--exploration", "exploration", "id or title of the (open) exploration they are for"),
        (
            "--level",
            "level",
            "above, same, below or unknown (relative to the target): "
            "Above the target, At the target, Below the target, Not sure",
        ),
        ("--email", "email", "email address"),
        ("--phone", "phone", "phone number"),
        ("--profile-url", "profile_url", "profile URL"),
        ("--location", "location", "city or region"),
        ("--time-zone", "time_zone", "IANA zone, e.g. Europe/Berlin"),
        (
            "--how-found",
            "how_found",
            "acquaintance, association, instructor, front_desk, "
            "alumni, online_profile, referral or other",
        ),
        ("--via", "found_via_person", "id or name of the mutual acquaintance"),
        ("--priority", "priority", "1 (low) to 3 (high)"),
        ("--tags", "tags", "comma-separated tags"),
        ("--notes", "notes", "Markdown notes"),
    ],
    "orgs": [
        ("--name", "name", "organization name"),
        ("--sector", "sector", "sector"),
        ("--website", "website", "website URL"),
        ("--hiring", "hiring_status", "hiring, not_hiring or unknown"),
        ("--wish", "would_like_to_work_here", "yes if you would like to work there"),
        ("--notes", "research_notes", "research notes (Markdown)"),
    ],
    "explorations": [
        ("--title", "title", "the career question"),
        ("--field", "field", "the field"),
        ("--target", "target_position", "the target position"),
        ("--decision-kind", "decision_kind", "job, degree, certification, career_change or other"),
        ("--notes", "notes", "notes (Markdown)"),
    ],
}

SINGULAR = {"people": "person", "orgs": "organization", "explorations": "exploration"}

COLUMNS = {
    "explorations": ("id", "title", "target_position", "closed_on"),
    "people": ("id", "name", "title", "organization", "level", "priority"),
    "orgs": ("id", "name", "sector", "hiring_status"),
}


def describe(name: str) -> str:
    extra = " `people merge KEEP OTHER` folds a duplicate into KEEP." if name == "people" else ""
    close = (
        " `explorations close ID --decision TEXT` records the decision."
        if name == "explorations"
        else ""
    )
    return f"Manage your {name}: " + ", ".join(ACTIONS) + "." + extra + close


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", title="actions", required=True, help="what to do"
    )
    for action, summary in _actions_for(name).items():
        noun = SINGULAR[name]
        sub = actions.add_parser(
            action,
            help=summary.replace("a record", f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"),
            description=f"{name} {action}: {summary}",
        )
        sub.add_argument(
            "--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="workspace folder"
        )
        _add_action_arguments(name, action, sub)


def _actions_for(name):
    actions = dict(ACTIONS)
    if name == "people":
        actions["merge"] = "Fold the duplicate OTHER into KEEP, losing nothing."
    if name == "explorations":
        actions["close"] = "Close an exploration with the decision it fed."
    return actions


def _add_action_arguments(name, action, sub):
    if action in {"show", "edit", "delete", "close"}:
        sub.add_argument("id", help="the record's id (see `list`) or its name")
    sub.set_defaults(parser=sub)
    if action in {"list", "show", "add", "edit", "close", "delete", "merge"}:
        sub.add_argument("--json", action="store_true", help="print JSON")
    if action in {"add", "edit"}:
        for option, _, help_text in FIELDS[name]:
            sub.add_argument(option, help=help_text)
    if action == "add" and name == "people":
        sub.add_argument(
            "--force", action="store_true", help="add even if it looks like a duplicate"
        )
    if action == "delete":
        sub.add_argument("--yes", action="store_true", help="really delete")
    if action == "merge":
        sub.add_argument("keep", help="id or name of the person to keep")
        sub.add_argument("other", help="id or name of the duplicate to fold in")
    if action == "close":
        sub.add_argument("--decision", required=True, help="what you decided")
        sub.add_argument("--on", help="date decided, YYYY-MM-DD (default: today)")


def run(args) -> int:
    from .setup import start_django

    start_django(getattr(args, "data_dir", None), migrate=True)
    from django.db import transaction

    from coffeechat.accounts.services import local_user
    from coffeechat.errors import DomainError

    from . import record_actions

    try:
        with transaction.atomic():
            return record_actions.dispatch(args, local_user())
    except record_actions.BadInput as error:
        from .resolve import Ambiguous

        return record_actions.fail(
            str(error),
            parser=None if isinstance(error, Ambiguous) else getattr(args, "parser", None),
        )
    except DomainError as error:
        field = f"{error.field}: " if error.field else ""
        return record_actions.fail(
            f"{field}{error.message}",
            status=1 if error.status == 404 else 2,
            parser=getattr(args, "parser", None),
        )
