"""The full JSON export (SPEC D2), written piece by piece in constant memory, and its
rows restored in batches (issue 27).

`archive.export_workspace` builds the whole workspace as one dictionary and `archive.dumps`
one string from it: 1.17 GB of memory for 100,000 people. `stream_workspace` yields the
same text — byte for byte, a test compares them — a few thousand rows at a time, read
with a server-side cursor (`iterator`) and their many-to-many links prefetched per chunk,
so the memory it needs does not grow with the workspace.

`insert_rows` restores a table's deserialized rows with one INSERT per few hundred rows
and one per batch of many-to-many links, instead of a save (and a query for each link)
per row: a restore of 100,000 people took 130 s. Values go in as exported, as a raw
save writes them (no `auto_now`), so the round trip stays exact.
"""

import json
import re
from collections.abc import Iterator
from datetime import datetime

from django.core import serializers
from django.db import connection, transaction
from django.utils import timezone

from coffeechat.errors import Invalid

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
    head = {"format": archive.FORMAT, "schema_version": archive.SCHEMA_VERSION,
            "exported_at": (now or timezone.now()).isoformat(),
            "app_version": archive._app_version()}
    yield _dumps(head)[:-2] + ",\n \"tables\": {"
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
    yield "\n }\n}"


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
        ordering = [f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}"
                    for o in field.remote_field.model._meta.ordering]
        links = {}
        for start in range(0, len(pks), 500):
            rows = through._base_manager.filter(**{f"{source}__in": pks[start:start + 500]})
            for pk, linked in rows.order_by(source, *ordering).values_list(
                    f"{source}_id", f"{target}_id"):
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


def insert_rows(model, items) -> None:
    """Save deserialized objects (`serializers.deserialize` items) in batches, with their
    many-to-many links, as `item.save()` (a raw save) would one by one."""
    fields = [field for field in model._meta.local_concrete_fields
              if not getattr(field, "generated", False)]
    items = list(items)
    size = max(1, min(CHUNK, connection.ops.bulk_batch_size(fields, items)))
    manager = model._base_manager
    for start in range(0, len(items), size):
        manager._insert([item.object for item in items[start:start + size]], fields=fields,
                        raw=True)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = [through(**{source: item.object.pk, target: pk}) for item in items
                 for pk in item.m2m_data.get(field.name, [])]
        through._base_manager.bulk_create(links, batch_size=CHUNK)


# ---- restore, read piece by piece ---------------------------------------------------

RESTORE_BATCH = 5000  # rows deserialized and inserted at a time
WHITESPACE = re.compile(r"[ \t\n\r]*")
DECODER = json.JSONDecoder()


class _Reader:
    """JSON values read one at a time from a text stream, holding only the part of the
    file that the current value spans."""

    def __init__(self, stream, size: int = 1 << 20):
        self.stream, self.size, self.text, self.pos, self.eof = stream, size, "", 0, False

    def _more(self) -> bool:
        chunk = "" if self.eof else self.stream.read(self.size)
        if not chunk:
            self.eof = True
            return False
        self.text, self.pos = self.text[self.pos:] + chunk, 0
        return True

    def peek(self) -> str:
        while True:
            self.pos = WHITESPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text) or not self._more():
                return self.text[self.pos:self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise json.JSONDecodeError(f"expected {char!r}", self.text, self.pos)
        self.pos += 1

    def comma_or(self, end: str) -> bool:
        """True at `end` (consumed), False after a comma."""
        found = self.peek()
        self.pos += 1
        if found not in {",", end}:
            raise json.JSONDecodeError(f"expected ',' or {end!r}", self.text, self.pos - 1)
        return found == end

    def value(self):
        self.peek()
        while True:
            try:
                value, end = DECODER.raw_decode(self.text, self.pos)
                if end < len(self.text) or self.eof:  # a number may go on in the next chunk
                    self.pos = end
                    return value
            except json.JSONDecodeError:
                if self.eof:
                    raise
            if not self._more():
                continue  # at the end: decode once more, as it is, and raise if it is cut


def read_export(stream) -> tuple[dict, Iterator[tuple[str, Iterator[dict]]]]:
    """(the export's top-level values read before "tables", its tables one by one as
    (label, rows)). Each table's rows must be consumed before the next table is read."""
    reader = _Reader(stream)
    reader.expect("{")
    head = {}
    while reader.peek() != "}":
        key = reader.value()
        reader.expect(":")
        if key == "tables":
            return head, _tables(reader)
        head[key] = reader.value()
        if reader.comma_or("}"):
            break
    return head, iter(())


def _tables(reader) -> Iterator[tuple[str, Iterator[dict]]]:
    reader.expect("{")
    if reader.peek() == "}":
        return
    while True:
        label = reader.value()
        reader.expect(":")
        if reader.peek() != "[":
            raise Invalid(f"{label}: the rows must be a list.", field="file")
        reader.expect("[")
        yield label, _rows(reader)
        if reader.comma_or("}"):
            return


def _rows(reader) -> Iterator[dict]:
    if reader.peek() == "]":
        reader.pos += 1
        return
    while True:
        yield reader.value()
        if reader.comma_or("]"):
            return


def restore_file(user, stream) -> dict[str, int]:
    """`archive.restore_workspace(user, archive.loads(stream.read()))` with the file read a
    table, and a few thousand rows, at a time (constant memory). The caller owns the
    transaction."""
    try:
        head, tables = read_export(stream)
        archive.loads(json.dumps({**head, "tables": {}}))  # its format and version checks
        if "format" not in head:
            raise Invalid("This is not a coffeechat export (no \"format\" before its "
                          "\"tables\").", field="file")
        models = dict(archive.owned_models())
        by_label = {model._meta.label_lower: model for model in models}
        archive._require_empty(user, models)
        restored = {}
        for label, rows in tables:
            model = by_label.get(label)
            if model is None:
                raise Invalid(f"This export has tables this version does not know: {label}.",
                              field="file")
            restored[label] = 0
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == RESTORE_BATCH:
                    restored[label] += archive._load_rows(user, model, models[model], batch)
                    batch = []
            if batch:
                restored[label] += archive._load_rows(user, model, models[model], batch)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise Invalid(f"This is not a coffeechat export: not valid JSON ({error}).",
                      field="file") from None
    archive._check_links(list(models))
    archive._reset_sequences(list(models))
    return restored
