"""Shared helpers for the data in-and-out tests."""

from pathlib import Path

FILES = Path(__file__).parent / "files"


def file_bytes(name: str) -> bytes:
    return (FILES / name).read_bytes()


def rows_by_line(parsed):
    return {row.line: row for row in parsed.rows}


def names(parsed):
    return [row.contact.name for row in parsed.rows if not row.problem]


def refused(parsed):
    return {row.line: row.problem for row in parsed.rows if row.problem}


def without_ids(export: dict) -> dict:
    """An export's tables with every id replaced by the row's place in its table
    (`#0`, `#1`, …), in foreign keys, many-to-many lists, the search index's object ids
    and Today's task keys too, so that two exports of the same data compare equal
    whatever ids the database gave. Recording names become the file's content."""
    import base64

    from django.apps import apps

    from coffeechat.search.models import TABLES as searched
    from coffeechat.transfer.restoring import TASK_TARGETS as marked

    tables = export["tables"]
    places = {
        label: {row["id"]: f"#{index}" for index, row in enumerate(rows)}
        for label, rows in tables.items()
    }
    files = export.get("files", {})
    result = {}
    for label, rows in tables.items():
        model = apps.get_model(label)
        links = {
            field.name: field.related_model._meta.label_lower
            for field in model._meta.get_fields()
            if field.concrete and field.is_relation and field.name not in ("owner", "user")
        }
        copied = []
        for row in rows:
            row = dict(row)
            row["id"] = places[label][row["id"]]
            for name, target in links.items():
                value = row.get(name)
                if isinstance(value, list):
                    row[name] = sorted(places[target][item] for item in value)
                elif value is not None:
                    row[name] = places[target][value]
            if label == "search.searchdocument":
                row["object_id"] = places[searched[row["kind"]]][row["object_id"]]
            if label == "today.taskmark":
                kind, target, day = row["task_key"].split(":")
                row["task_key"] = f"{kind}:{places[marked[target[0]]][int(target[1:])]}:{day}"
            if row.get("recording"):
                row["recording"] = base64.b64decode(files[row["recording"]])
            copied.append(row)
        result[label] = copied
    return result
