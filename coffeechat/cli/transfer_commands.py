"""Data in and out: import contacts, export, restore, back up, erase a person (SPEC D).

See docs/DATA.md for the formats, the export schema and how to restore a backup.
"""

import argparse
import sys
from pathlib import Path

DESCRIPTIONS = {
    "import": "Import contacts from a LinkedIn Connections.csv, a Google Contacts, Outlook or "
    "Thunderbird CSV, any CSV with a header row, or a vCard (.vcf) file. The format "
    "and the encoding are detected. You see what is new, who is already here, what "
    "went into the notes and which rows were refused and why; everything is then "
    "saved in one go, or nothing is. Importing the same file twice adds nobody and "
    "changes nothing.",
    "export": "Export the workspace: the full, versioned JSON (restorable with `coffeechat "
    "restore`), people or conversations as CSV for a spreadsheet, or people as "
    "vCard 4.0.",
    "restore": "Restore a JSON export into an empty workspace: every record comes back with "
    "its ids, dates and links. To restore a backup file, see docs/DATA.md.",
    "backup": "Write a consistent copy of the database while the app keeps running (SQLite's "
    "online backup; pg_dump on PostgreSQL).",
    "erase": "Erase a person and everything said about them: conversations, notes, search "
    "entries and, on SQLite, the freed bytes on disk.",
}
EXPORT_FORMATS = ("json", "people-csv", "conversations-csv", "vcard")
# The importers' format names, spelled out so `--help` need not import them (a test
# keeps this in step with coffeechat.transfer.importers.FORMATS).
IMPORT_FORMATS = ("linkedin", "google", "outlook", "thunderbird", "csv", "vcard")


def describe(name: str) -> str:
    return DESCRIPTIONS[name] + " " + __doc__.splitlines()[-1]


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    {
        "import": _import_arguments,
        "export": _export_arguments,
        "restore": _restore_arguments,
        "backup": _backup_arguments,
        "erase": _erase_arguments,
    }[name](parser)


def _import_arguments(parser):
    parser.add_argument("file", type=Path, help="the file to import")
    parser.add_argument(
        "--format", choices=IMPORT_FORMATS, help="the kind of file, if detection guesses wrong"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would happen and save nothing"
    )
    parser.add_argument(
        "--duplicates",
        choices=["merge", "new", "skip"],
        default="merge",
        help="what to do with possible duplicates (a close name at the same "
        "organization): merge into the person already here (default), "
        "add as new, or skip",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--columns",
        metavar="FIELD=COLUMN,…",
        help="for a CSV whose columns are not recognised: which column holds "
        "what, e.g. 'name=Wer,email=Adresse,organization=Firma' (fields: "
        "name, first name, last name, email, phone, organization, title, "
        "url, city, notes, birthday, tags, id)",
    )


def _export_arguments(parser):
    parser.add_argument(
        "path", nargs="?", default="-", help="file to write (default: standard output)"
    )
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="json (full, restorable; default), people-csv, conversations-csv or vcard",
    )


def _json_argument(parser):
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def _restore_arguments(parser):
    parser.add_argument("file", type=Path, help="a JSON file made by `coffeechat export`")
    _json_argument(parser)


def _backup_arguments(parser):
    parser.add_argument("path", help="the backup file to write (replaced if it exists)")
    _json_argument(parser)


def _erase_arguments(parser):
    parser.add_argument(
        "person",
        metavar="PERSON",
        help="the person's id or name (see `coffeechat people list`); a name "
        "that fits several people lists them to choose from",
    )
    parser.add_argument("--yes", action="store_true", help="really erase")
    _json_argument(parser)


def run(args) -> int:
    from .setup import start_django

    start_django(getattr(args, "data_dir", None), migrate=True)
    from coffeechat.accounts.services import local_user
    from coffeechat.errors import DomainError

    from . import transfer_actions
    from .record_actions import BadInput

    try:
        return transfer_actions.ACTIONS[args.command](args, local_user())
    except BadInput as error:  # a name that fits several people: the list to choose from
        print(f"coffeechat {args.command}: {error}", file=sys.stderr)
        return 2
    except DomainError as error:
        print(f"coffeechat: {error.message}", file=sys.stderr)
        return 1 if error.status == 404 else 2
