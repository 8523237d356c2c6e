"""What `coffeechat import|export|restore|backup|erase` do, once Django is up."""

import itertools
import json
import sys
from pathlib import Path

from django.db import transaction

from coffeechat.errors import Invalid, UnknownColumns
from coffeechat.transfer import (
    backup,
    exports,
    importers,
    importing,
    restoring,
    services,
    streaming,
)
from coffeechat.transfer.importing import Choice, Status, counts

from .output import print_json


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise Invalid(f"cannot read {path}: {error.strerror}") from None


class ProgressBar:
    """A bar on standard error while rows are checked, when it is a terminal."""

    def __init__(self, label: str, stream=sys.stderr):
        self.label, self.stream = label, stream
        self.shown = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.shown or not total:
            return
        filled = 30 * done // total
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def do_import(args, user) -> int:
    data = read_bytes(args.file)
    progress = ProgressBar("Checking rows")
    if progress.shown:  # reading is linear in the size of the file: say what it is
        print(
            f"Reading {args.file.name} ({len(data) / 1024 / 1024:.1f} MB)…",
            file=sys.stderr,
            flush=True,
        )
    with transaction.atomic():  # all or nothing
        try:
            parsed, planned = services.preview(
                user, data, args.format, progress, columns_of(args.columns)
            )
        except UnknownColumns as error:
            columns = ", ".join(importers.header_of(data)[:30])
            raise Invalid(
                f"{error.message} Say it with --columns, e.g. --columns "
                f"'name=…,email=…'. The file's columns: {columns}."
            ) from None
        summary = None
        if not args.dry_run:
            if progress.shown:
                print("Saving…", file=sys.stderr, flush=True)
            summary = importing.commit(user, planned, default=Choice(args.duplicates))
    if args.json:
        print(
            json.dumps(
                {
                    "format": parsed.format,
                    "encoding": parsed.encoding,
                    "counts": counts(planned),
                    "saved": vars(summary) if summary else None,
                    "rows": [row.as_dict() for row in planned],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_report(parsed, planned, summary, args.duplicates)
    return 0


def columns_of(text: str | None) -> dict[str, str] | None:
    """ "name=Wer,email=Adresse" as {"name": "Wer", "email": "Adresse"}."""
    if not text:
        return None
    found = {}
    for pair in text.split(","):
        field, equals, column = pair.partition("=")
        if not equals or not column.strip():
            raise Invalid(f"--columns: “{pair.strip()}” is not FIELD=COLUMN.")
        found[" ".join(field.lower().split())] = column.strip()
    return found


def print_report(parsed, planned, summary, duplicates) -> None:
    found = counts(planned)
    print(f"Read {found['total']:,} rows of {parsed.label} ({parsed.encoding}).")
    print(
        f"  {found['new']:,} new · {found['same']:,} already here "
        f"({found['unchanged']:,} with nothing new) · {found['possible']:,} possible "
        f"duplicates · {found['repeat']:,} repeated in the file · "
        f"{found['rejected']:,} refused"
    )
    sections = [
        (
            Status.POSSIBLE,
            f"Possible duplicates ({duplicates}):",
            lambda r: f"looks like {r.person_name} (id {r.person_id}): {r.reason}",
        ),
        (Status.REPEAT, "Repeated in the file (merged into the first):", lambda r: r.reason),
        (Status.REJECTED, "Refused:", lambda r: r.reason),
    ]
    for status, title, describe in sections:
        rows = [row for row in planned if row.status == status]
        if rows:
            print(title)
            for row in rows:
                name = f" {row.name}" if row.name else ""
                print(f"  line {row.line}{name}: {describe(row)}")
    filled = [row for row in planned if row.status == Status.SAME and row.fills]
    if filled:
        print("Already here (blanks filled, nothing overwritten):")
        for row in filled:
            print(
                f"  line {row.line} {row.name}: {row.person_name} (id {row.person_id}, "
                f"{row.reason}) gets {', '.join(row.fills)}"
            )
    for title, attribute in (
        ("Kept in the notes (no field of their own):", "moved"),
        ("Different values kept as they are (change them by hand):", "conflicts"),
    ):
        listed = [row for row in planned if getattr(row, attribute)]
        if listed:
            print(title)
            for row in listed:
                print(f"  line {row.line} {row.name}: {'; '.join(getattr(row, attribute))}")
    warned = [row for row in planned if row.warnings and row.status != Status.REJECTED]
    if warned:
        print("Warnings (the rows were kept):")
        for row in warned:
            for warning in row.warnings:
                print(f"  line {row.line} {row.name}: {warning}")
    if summary is None:
        print("Dry run: nothing was saved.")
    else:
        print(
            f"Saved: {summary.added:,} added, {summary.updated:,} updated, "
            f"{summary.unchanged:,} unchanged, {summary.skipped:,} skipped, "
            f"{summary.rejected:,} refused."
        )


def do_export(args, user) -> int:
    if args.format == "json":  # in pieces: constant memory whatever the workspace
        return _write(args.path, itertools.chain(streaming.stream_workspace(user), ["\n"]))
    text = {
        "people-csv": lambda: exports.people_csv(user),
        "conversations-csv": lambda: exports.conversations_csv(user),
        "vcard": lambda: exports.people_vcf(user),
    }[args.format]()
    return _write(args.path, [text])


def _write(destination: str, pieces) -> int:
    if destination == "-":
        for piece in pieces:
            sys.stdout.write(piece)
        return 0
    path = Path(destination)
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            for piece in pieces:
                out.write(piece)
    except OSError as error:
        raise Invalid(f"cannot write {path}: {error.strerror}") from None
    print(f"Exported to {path}.", file=sys.stderr)
    return 0


def do_restore(args, user) -> int:
    restored = restoring.restore_file(user, args.file)  # read in pieces (issue 27)
    total = sum(count for label, count in restored.items() if label != "recordings")
    if args.json:
        print_json({"file": str(args.file), "total": total, "restored": restored})
        return 0
    print(f"Restored {total:,} records from {args.file}:")
    for label, count in restored.items():
        if count:
            print(f"  {label}: {count:,}")
    return 0


def do_backup(args, user) -> int:
    target = backup.backup(args.path)
    media = backup.recordings_folder(target)
    count = sum(1 for path in media.rglob("*") if path.is_file()) if media.is_dir() else None
    if args.json:
        print_json(
            {
                "path": str(target),
                "bytes": target.stat().st_size,
                "recordings": count,
                "recordings_folder": str(media) if count is not None else None,
            }
        )
        return 0
    print(f"Backed up to {target} ({target.stat().st_size:,} bytes).")
    if count is not None:
        print(f"Recordings: {count:,} audio files in {media}.")
    return 0


def do_erase(args, user) -> int:
    from . import resolve

    person = resolve.person(user, args.person)
    if not args.yes:
        raise Invalid(
            f"erasing {person.name} removes them and everything said about them "
            "for good; add --yes to confirm."
        )
    with transaction.atomic():
        erased = backup.erase_person(user, person.pk)
    if args.json:
        print_json({"id": person.pk, **erased})
        return 0
    print(
        f"Erased {erased['name']}: {erased['conversations']} conversations, "
        f"{erased['events']} events, {erased['notes']} notes and their search entries"
        + (
            f", and {erased['recordings']} recordings (their audio files are deleted)."
            if erased["recordings"]
            else "."
        )
    )
    if erased["purged"]:
        print(
            "The freed space was overwritten and the write-ahead log truncated: "
            "no copy is left in the database files (backups you made keep theirs)."
        )
    return 0


ACTIONS = {
    "import": do_import,
    "export": do_export,
    "restore": do_restore,
    "backup": do_backup,
    "erase": do_erase,
}
