"""The full JSON export (SPEC D2), written piece by piece in constant memory (issue 27).

`archive.export_workspace` builds the whole workspace as one dictionary and `archive.dumps`
one string from it: 1.17 GB of memory for 100,000 people. `stream_workspace` yields the
same text — byte for byte, a test compares them — a few thousand rows at a time, read
with a server-side cursor (`iterator`) and their many-to-many links prefetched per chunk,
so the memory it needs does not grow with the workspace. Its restore, read piece by
piece too, is `restoring.restore_file`.
"""

import json
from collections.abc import Iterator
from datetime import datetime

from django.core import serializers
from django.db import connection, transaction
from django.utils import timezone

from coffeechat.conversations.models import Conversation

from . import archive

CHUNK = 2000  # rows read, serialized and written at a time
ROW_INDENT = "   "  # a row sits three levels deep: top object, "tables", its list


def stream_workspace(user, now: datetime | None = None) -> Iterator[str]:
    """`archive.dumps(archive.export_workspace(user, now))`, in pieces, every table read
    in one snapshot of the database (a response streams after its view has returned, so
    outside the request's transaction: this opens its own)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":  # one snapshot for them all
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT 1")  # the snapshot is taken here, before the head
        yield from _pieces(user, now)


def _pieces(user, now) -> Iterator[str]:
    head = {
        "format": archive.FORMAT,
        "schema_version": archive.SCHEMA_VERSION,
        "exported_at": (now or timezone.now()).isoformat(),
        "app_version": archive._app_version(),
    }
    yield _dumps(head)[:-2] + ',\n "tables": {'
    models = archive.owned_models()
    if not models:
        yield "}\n}"
        return
    for index, (model, owner) in enumerate(models):
        label = _dumps(model._meta.label_lower)
        yield f"{',' if index else ''}\n  {label}: ["
        first = True
        plain = [field.name for field in model._meta.local_fields if not field.primary_key]
        for chunk in _chunks(model, owner, user):
            links = _links(model, [row.pk for row in chunk])
            pieces = []
            # Many-to-many links are added from one query per chunk: the serializer
            # builds a query for each row and link field (2 ms a person).
            for item in serializers.serialize("python", chunk, fields=plain):
                row = archive._row(item, owner)
                for name, found in links.items():
                    row[name] = found.get(item["pk"], [])
                pieces.append(("\n" if first else ",\n") + ROW_INDENT + _row_text(row))
                first = False
            yield "".join(pieces)
        yield "]" if first else "\n  ]"
    yield "\n },\n" + _dumps({"files": _files(user)})[2:]


def _files(user) -> dict[str, str]:
    """The recordings, as `archive.export_workspace` carries them (one file at a time is
    read; the audio itself is the only part of the export held in memory)."""
    rows = Conversation.objects.filter(owner=user).exclude(recording="").order_by("pk")
    return archive._recording_files(
        [{"id": pk, "recording": name} for pk, name in rows.values_list("pk", "recording")]
    )


def _chunks(model, owner, user) -> Iterator[list]:
    rows = model._base_manager.filter(**{owner: user}).order_by("pk")
    chunk = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _links(model, pks: list) -> dict[str, dict]:
    """{link field: {row id: [linked ids]}} in the order the serializer lists them (the
    linked model's default ordering)."""
    found = {}
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        ordering = [
            f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}"
            for o in field.remote_field.model._meta.ordering
        ]
        links = {}
        for start in range(0, len(pks), 500):
            rows = through._base_manager.filter(**{f"{source}__in": pks[start : start + 500]})
            for pk, linked in rows.order_by(source, *ordering).values_list(
                f"{source}_id", f"{target}_id"
            ):
                links.setdefault(pk, []).append(linked)
        found[field.name] = links
    return found


FIELD_INDENT = ROW_INDENT + " "
ENCODE = archive.ExportEncoder(ensure_ascii=False).encode  # no indent: the C encoder


def _row_text(row: dict) -> str:
    """`_dumps(row)` indented for its place, written field by field: with `indent`, json
    encodes in pure Python, most of an export's time. Nested values keep `_dumps`."""
    fields = []
    for name, value in row.items():
        if isinstance(value, (dict, list, tuple)) and value:
            text = _dumps(value).replace("\n", "\n" + FIELD_INDENT)
        else:
            text = ENCODE(value)
        fields.append(f"{FIELD_INDENT}{ENCODE(name)}: {text}")
    return "{\n" + ",\n".join(fields) + "\n" + ROW_INDENT + "}"


def _dumps(value) -> str:
    return json.dumps(value, cls=archive.ExportEncoder, ensure_ascii=False, indent=1)
