"""The full JSON export (SPEC D2), written piece by piece in constant memory (issue 27).

`archive.export_workspace` builds the whole workspace as one dictionary and `archive.dumps`
one string from it: 1.17 GB of memory for 100,000 people. `stream_workspace` yields the
same text — byte for byte, a test compares them — a few thousand rows at a time, read
with a server-side cursor (`iterator`) and their many-to-many links prefetched per chunk,
so the memory it needs does not grow with the workspace.

`restore_file` restores such a file read piece by piece, with the checks of the
whole-file `archive.restore` (fresh ids, every link checked against the file before a
row is written, all or nothing): it reads the file several times, and keeps only the
ids of the file and the fresh ids given for them.
"""

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.core import serializers
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from coffeechat.conversations.models import Conversation
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
    yield "\n },\n" + _dumps({"files": _files(user)})[2:]


def _files(user) -> dict[str, str]:
    """The recordings, as `archive.export_workspace` carries them (one file at a time is
    read; the audio itself is the only part of the export held in memory)."""
    rows = Conversation.objects.filter(owner=user).exclude(recording="").order_by("pk")
    return archive._recording_files([{"id": pk, "recording": name} for pk, name in
                                     rows.values_list("pk", "recording")])


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


# ---- restore, read piece by piece (issue 27 point 11) -----------------------------
#
# The file is read several times, never whole: (1) its head is checked and the ids of
# every table collected; (2) every link of every row is checked against those ids, so a
# link to a row outside the file is refused before anything is written; (3) the rows are
# inserted a batch at a time with archive's own `_read_table` and `_insert` (a fresh id
# for every row, links translated), in as many readings as the tables' order needs;
# links to rows inserted later, and many-to-many links, are set afterwards; (4) the
# recordings are read one by one and written under new names. All in one transaction.

RESTORE_BATCH = 2000  # rows deserialized and inserted at a time
READ_SIZE = 1 << 20  # characters read from the file at a time
WHITESPACE = re.compile(r"[ \t\n\r]*")
DECODER = json.JSONDecoder()


class _Reader:
    """JSON values read one at a time from a text stream, holding only the part of the
    file that the current value spans."""

    def __init__(self, stream, size: int):
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
            self._more()  # at the end: decode once more, as it is, and raise if it is cut


def _members(reader, each) -> Iterator[tuple[str, object]]:
    """(key, each(reader)) of a JSON object; each value is consumed before the next."""
    reader.expect("{")
    if reader.peek() == "}":
        reader.pos += 1
        return
    while True:
        key = reader.value()
        reader.expect(":")
        value = each(reader, key)
        yield key, value
        _drain(value)  # whatever the caller left unread
        if reader.comma_or("}"):
            return


def _rows(reader, label) -> Iterator[dict]:
    if reader.peek() != "[":
        raise Invalid(f"{label}: the rows must be a list.", field="file")
    reader.expect("[")
    if reader.peek() == "]":
        reader.pos += 1
        return
    while True:
        yield reader.value()
        if reader.comma_or("]"):
            return


def _top(reader, key):
    """The export's top-level values; "tables" and "files" are read as they are used."""
    if key == "tables" and reader.peek() == "{":
        return _members(reader, _rows)
    if key == "files" and reader.peek() == "{":
        return _members(reader, lambda reader, key: reader.value())
    return reader.value()


def _read(path: Path, size: int) -> Iterator[tuple[str, object]]:
    """One reading of the file: its top-level (key, value) pairs, "tables" as
    (label, rows) and "files" as (name, base64) pairs; each must be consumed in turn."""
    try:
        with open(path, encoding="utf-8-sig") as stream:
            reader = _Reader(stream, size)
            if reader.peek() != "{":
                raise Invalid("This is not a coffeechat export (no \"format\": "
                              f"\"{archive.FORMAT}\" at the top).", field="file")
            yield from _members(reader, _top)
            if reader.peek():
                raise json.JSONDecodeError("extra data", reader.text, reader.pos)
    except OSError as error:
        raise Invalid(f"cannot read {path}: {error.strerror}", field="file") from None


def _drain(value) -> None:
    if isinstance(value, Iterator):
        for _ in value:  # a table's rows are drained by their own `_members` loop
            pass


def _tables(path, size) -> Iterator[tuple[str, Iterator[dict]]]:
    for key, value in _read(path, size):
        if key == "tables":
            yield from value


def restore_file(user, path: Path, size: int = READ_SIZE,
                 batch: int = RESTORE_BATCH) -> dict[str, int]:
    """`archive.restore(user, archive.loads(path.read_bytes()))`, the file read in pieces
    of `size` characters and its rows inserted `batch` at a time: the same checks, the
    same result, all or nothing (the audio written is removed again on failure)."""
    written: list[str] = []
    try:
        with transaction.atomic():
            try:
                return _restore(user, Path(path), size, batch, written)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:  # read as it is used
                raise Invalid(f"This is not a coffeechat export: not valid JSON ({error}).",
                              field="file") from None
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _restore(user, path, size, batch, written) -> dict[str, int]:
    models = dict(archive.owned_models())
    by_label = {model._meta.label_lower: model for model in models}
    ids = _ids(path, size, by_label, models)
    archive._require_empty(user, models)
    _check_links(path, size, ids)
    fresh: dict[str, dict] = {label: {} for label in ids}
    later = _Later()
    restored: dict[str, int] = {}
    needs = archive.insert_needs(list(ids))
    while len(restored) < len(ids):
        before = len(restored)
        for label, rows in _tables(path, size):
            if label in restored or not needs[label] <= set(restored):
                continue
            model = by_label[label]
            restored[label] = 0
            for chunk in _batches(rows, batch):
                items = archive._read_table(user, model, models[model], chunk)
                _check_batch(label, items, ids, fresh)
                restored[label] += archive._insert(label, {label: items}, fresh)
                later.keep(label, items, fresh, restored)
        if len(restored) == before:  # cannot happen with the app's models
            raise Invalid("This export's tables refer to each other in a loop.", field="file")
    later.link(fresh)
    archive._check_links(list(models))
    restored["recordings"] = _recordings(path, size, later.recordings, written)
    return restored


def _batches(rows, size) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ids(path, size, by_label, models) -> dict[str, set[int]]:
    """The first reading: the head's checks (`archive.loads`), and every table's ids,
    each a row of the right shape and named once."""
    head, ids, unknown = {}, {}, []
    for key, value in _read(path, size):
        if key != "tables":
            head[key] = {} if key == "files" and isinstance(value, Iterator) else value
            continue
        archive.loads(json.dumps({**head, "tables": {}}))  # format and version first
        if not isinstance(value, Iterator):
            raise Invalid("This export has no \"tables\".", field="file")
        for label, rows in value:
            if label not in by_label:
                unknown.append(label)
                continue
            if label in ids:
                raise Invalid(f"{label}: the table appears twice.", field="file")
            seen = ids[label] = set()
            for row in rows:
                if not isinstance(row, dict) or "id" not in row:
                    raise Invalid(f"{label}: every row needs an \"id\".", field="file")
                old = archive._as_id(label, "id", row["id"], row["id"])
                if old in seen:
                    raise Invalid(f"{label}: id {old} appears twice.", field="file")
                seen.add(old)
        head["tables"] = {}
    archive.loads(json.dumps(head))
    if unknown:
        raise Invalid(f"This export has tables this version does not know: "
                      f"{', '.join(sorted(set(unknown)))}.", field="file")
    return ids


def _check_links(path, size, ids) -> None:
    """The second reading: every link names a row of the file, checked on the values as
    the file gives them, under the field's name or its column's (both are read)."""
    for label, rows in _tables(path, size):
        links = archive._links(archive._model(label))
        for row in rows:
            old = row["id"]
            for field, target in links:
                for key in dict.fromkeys((field.name, field.attname)):
                    value = row.get(key)
                    values = value if field.many_to_many and isinstance(value, list) \
                        else [value]
                    for one in values:
                        if _as_int(one) is not None and _as_int(one) not in \
                                ids.get(target, ()):
                            _refuse(label, old, field.name, target, one)


def _as_int(value):
    """The id a value names, or None when it is no id: the deserializer refuses that
    when the row is read, with the whole-file restore's message."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _refuse(label, old, name, target, value):
    raise Invalid(f"{label} row {old}: {name} refers to {target} {value}, which is not in "
                  "this file. A restore only links rows of the file itself.", field="file")


def _check_batch(label, items, ids, fresh) -> None:
    """The links once deserialized, as the whole-file restore checks them; and the rows
    are those the first reading counted (a file changed since is refused)."""
    for row in items:
        if row.old not in ids[label] or row.old in fresh[label]:
            raise Invalid(f"{label} row {row.old}: the file changed while it was read.",
                          field="file")
    for field, target in archive._links(archive._model(label)):
        for row in items:
            values = row.many.get(field.name, []) if field.many_to_many else \
                [getattr(row.object, field.attname)]
            for value in values:
                if value is not None and value not in ids.get(target, ()):
                    _refuse(label, row.old, field.name, target, value)


class _Later:
    """What is set once every row is in: links to rows inserted after theirs, the
    many-to-many links, and which fresh conversation each recording's name belongs to.
    Only ids are kept (and the names of recordings)."""

    def __init__(self):
        self.deferred: list[tuple[str, int, dict]] = []
        self.many: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.recordings: dict[str, list[tuple[int, int]]] = {}

    def keep(self, label, items, fresh, restored) -> None:
        model = archive._model(label)
        for row in items:
            if row.old not in fresh[label]:
                continue
            pk = fresh[label][row.old]
            if row.deferred:
                self.deferred.append((label, pk, row.deferred))
            if row.recording:
                self.recordings.setdefault(row.recording, []).append((row.old, pk))
        for field, _target in archive._links(model):
            if field.many_to_many:
                pairs = [(fresh[label][row.old], old) for row in items
                         if row.old in fresh[label]
                         for old in dict.fromkeys(row.many.get(field.name, []))]
                self.many.setdefault((label, field.name), []).extend(pairs)

    def link(self, fresh) -> None:
        for label, pk, deferred in self.deferred:
            archive._model(label)._base_manager.filter(pk=pk).update(**{
                name: fresh[target][old] for name, (target, old) in deferred.items()})
        for (label, name), pairs in self.many.items():
            field = archive._model(label)._meta.get_field(name)
            target = field.related_model._meta.label_lower
            through = field.remote_field.through
            source, other = field.m2m_field_name(), field.m2m_reverse_field_name()
            for start in range(0, len(pairs), 500):
                through.objects.bulk_create([
                    through(**{f"{source}_id": pk, f"{other}_id": fresh[target][old]})
                    for pk, old in pairs[start:start + 500]])


class _Named:
    """A conversation of the file as `archive._recordings` reads it."""

    __slots__ = ("old", "recording")

    def __init__(self, old, recording):
        self.old, self.recording = old, recording


def _recordings(path, size, names, written) -> int:
    """The last reading: each audio file the export carries, checked and written as
    `archive._recordings` does, one at a time."""
    count = 0
    for key, value in _read(path, size):
        if key != "files" or not isinstance(value, Iterator):
            continue
        for name, entry in value:
            rows = names.get(name, [])
            if not rows:
                continue
            audio = archive._recordings(
                {"conversations.conversation": [_Named(old, name) for old, _ in rows]},
                {"conversations.conversation": dict(rows)}, {name: entry})
            count += archive._write_recordings(audio, written)
    return count
