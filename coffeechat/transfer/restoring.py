"""The restore of a full JSON export (SPEC D2): the one implementation, used by
`coffeechat restore`, Data → Restore and `archive.restore`.

A restore only ever creates rows owned by the restoring user. The ids in the file are
labels that tie its rows together, never the ids of the rows written: every row gets a
fresh id from the database, every reference is translated to the fresh id of the row it
names *in the file*, and a reference to a row the file does not hold is refused before
anything is written. Stored file paths are never trusted: audio travels inside the file
and is written under a new name. All in one transaction.

The file is never held in memory (issue 27 point 11); it is read several times, a piece
at a time: (1) its head is checked and the ids of every table collected; (2) every link
of every row is checked against those ids; (3) the rows are inserted a batch at a time,
one multi-row INSERT per batch, in as many readings as the tables' order needs; links to
rows inserted later, and many-to-many links, are set afterwards; (4) the recordings are
read one by one and written under new names. What is kept grows only with the number of
rows, 8 bytes for each id of the file and 8 for the fresh one (`_Ids`).
"""

import base64
import binascii
import io
import json
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, connection, transaction

from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import audio_extension, recording_name
from coffeechat.errors import Invalid
from coffeechat.search.models import TABLES as SEARCHED

from . import archive

RESTORE_BATCH = 2000  # rows deserialized and inserted at a time
READ_SIZE = 1 << 20  # characters read from the file at a time
WHITESPACE = re.compile(r"[ \t\n\r]*")
DECODER = json.JSONDecoder()
TASK_TARGETS = {"c": "conversations.conversation", "p": "people.person"}
# Tables whose plain columns name records of others: inserted after those.
SOFT_NEEDS = {
    "search.searchdocument": set(SEARCHED.values()),
    "today.taskmark": set(TASK_TARGETS.values()),
}


def restore_file(user, source, size: int = READ_SIZE, batch: int = RESTORE_BATCH) -> dict[str, int]:
    """Restore an export into `user`'s empty workspace, in a transaction of its own: all
    of it or nothing, rows and files (the audio written is removed again on failure).

    `source` is a path, an uploaded file (read from Django's temporary file when it has
    one) or the export's bytes; it is read in pieces of `size` characters and its rows are
    inserted `batch` at a time. Returns the number of rows restored per table, and under
    "recordings" the audio files written."""
    written: list[str] = []
    opener = _opener(source)
    try:
        with transaction.atomic():
            try:
                return _restore(user, opener, size, batch, written)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:  # read as it is used
                raise Invalid(
                    f"This is not a coffeechat export: not valid JSON ({error}).", field="file"
                ) from None
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _opener(source):
    if isinstance(source, str | Path):
        return lambda: open(source, encoding="utf-8-sig")
    if hasattr(source, "temporary_file_path"):  # a large upload, already on disk
        return _opener(Path(source.temporary_file_path()))
    if hasattr(source, "chunks"):  # a small upload, in memory (FILE_UPLOAD_MAX_MEMORY_SIZE)
        source.seek(0)
        return _opener(source.read())
    return lambda: io.TextIOWrapper(io.BytesIO(source), encoding="utf-8-sig")


def _restore(user, opener, size, batch, written) -> dict[str, int]:
    models = dict(archive.owned_models())
    by_label = {model._meta.label_lower: model for model in models}
    ids = _ids(opener, size, by_label)
    _require_empty(user, models)
    _check_links(opener, size, ids)
    later = _Later()
    restored: dict[str, int] = {}
    needs = insert_needs(list(ids))
    while len(restored) < len(ids):
        before = len(restored)
        for label, rows in _tables(opener, size):
            if label in restored or not needs[label] <= set(restored):
                continue
            model = by_label[label]
            restored[label] = 0
            for chunk in _batches(rows, batch):
                items = _read_table(user, model, models[model], chunk)
                _check_batch(label, items, ids)
                restored[label] += _insert(label, items, ids)
                later.keep(label, items, ids)
        if len(restored) == before:  # cannot happen with the app's models
            raise Invalid("This export's tables refer to each other in a loop.", field="file")
    later.link(ids)
    _check_constraints(list(models))
    restored["recordings"] = _recordings(opener, size, later.recordings, written)
    return restored


# ---- reading the file, a JSON value at a time --------------------------------------


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
        self.text, self.pos = self.text[self.pos :] + chunk, 0
        return True

    def peek(self) -> str:
        while True:
            self.pos = WHITESPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text) or not self._more():
                return self.text[self.pos : self.pos + 1]

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


def _read(opener, size: int) -> Iterator[tuple[str, object]]:
    """One reading of the file: its top-level (key, value) pairs, "tables" as
    (label, rows) and "files" as (name, base64) pairs; each must be consumed in turn."""
    try:
        with opener() as stream:
            reader = _Reader(stream, size)
            if reader.peek() != "{":
                raise Invalid(
                    'This is not a coffeechat export (no "format": '
                    f'"{archive.FORMAT}" at the top).',
                    field="file",
                )
            yield from _members(reader, _top)
            if reader.peek():
                raise json.JSONDecodeError("extra data", reader.text, reader.pos)
    except OSError as error:
        raise Invalid(
            f"cannot read {error.filename or 'the file'}: {error.strerror}", field="file"
        ) from None


def _drain(value) -> None:
    if isinstance(value, Iterator):
        for _ in value:  # a table's rows are drained by their own `_members` loop
            pass


def _tables(opener, size) -> Iterator[tuple[str, Iterator[dict]]]:
    for key, value in _read(opener, size):
        if key == "tables":
            yield from value


def _batches(rows, size) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---- the ids of the file, and the fresh ones ---------------------------------------


class _Ids:
    """The ids of one table of the file, sorted, and the fresh id given to each (0 until
    its row is in): two arrays of 8-byte integers, where a set and a dict took about 100
    bytes an id (47 MB more at 100,000 people than at 10,000)."""

    __slots__ = ("old", "new")

    def __init__(self, label, found: array):
        self.old = array("q", sorted(found))
        self.new = array("q", bytes(8 * len(found)))
        for index in range(1, len(self.old)):
            if self.old[index] == self.old[index - 1]:
                raise Invalid(f"{label}: id {self.old[index]} appears twice.", field="file")

    def _index(self, old) -> int:
        index = bisect_left(self.old, old)
        return index if index < len(self.old) and self.old[index] == old else -1

    def __contains__(self, old) -> bool:
        return self._index(old) >= 0

    def fresh(self, old) -> int | None:
        """The id given to the row the file calls `old`, None before it is in."""
        index = self._index(old)
        return self.new[index] or None if index >= 0 else None

    def give(self, old, new: int) -> None:
        self.new[self._index(old)] = new


NO_IDS = _Ids("", array("q"))


def _ids(opener, size, by_label) -> dict[str, _Ids]:
    """The first reading: the head's checks (`archive.loads`), and every table's ids,
    each a row of the right shape and named once."""
    head, ids, unknown = {}, {}, []
    for key, value in _read(opener, size):
        if key != "tables":
            head[key] = {} if key == "files" and isinstance(value, Iterator) else value
            continue
        archive.loads(json.dumps({**head, "tables": {}}))  # format and version first
        if not isinstance(value, Iterator):
            raise Invalid('This export has no "tables".', field="file")
        for label, rows in value:
            if label not in by_label:
                unknown.append(label)
                continue
            if label in ids:
                raise Invalid(f"{label}: the table appears twice.", field="file")
            ids[label] = _Ids(label, _table_ids(label, rows))
        head["tables"] = {}
    archive.loads(json.dumps(head))
    if unknown:
        raise Invalid(
            f"This export has tables this version does not know: "
            f"{', '.join(sorted(set(unknown)))}.",
            field="file",
        )
    return ids


def _table_ids(label, rows) -> array:
    found = array("q")
    for row in rows:
        if not isinstance(row, dict) or "id" not in row:
            raise Invalid(f'{label}: every row needs an "id".', field="file")
        old = _as_id(label, "id", row["id"], row["id"])
        try:
            found.append(old)
        except OverflowError:
            raise Invalid(f"{label} row {old}: id is too large.", field="file") from None
    return found


def _as_id(label, field, old, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Invalid(f"{label} row {old}: {field} must be an id, not {value!r}.", field="file")
    try:
        return int(value)
    except ValueError:
        raise Invalid(
            f"{label} row {old}: {field} must be an id, not {value!r}.", field="file"
        ) from None


def _require_empty(user, models) -> None:
    for model, owner in models.items():
        field = model._meta.get_field(owner)
        if field.one_to_one:  # a per-user settings row (the profile) is replaced
            model._base_manager.filter(**{owner: user}).delete()
        elif model._base_manager.filter(**{owner: user}).exists():
            raise Invalid(
                "Restore needs an empty workspace, and this one already has "
                f"{model._meta.verbose_name_plural}. Restore into a new data "
                "folder (--data-dir) instead.",
                field="file",
            )


# ---- links: checked before anything is written -------------------------------------


def _links(model):
    """(field, target label) of every foreign key and many-to-many field but the owner."""
    owner = archive._owner_field(model)
    return [
        (field, field.related_model._meta.label_lower)
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and field.name != owner
        and (field.many_to_one or field.many_to_many or field.one_to_one)
    ]


def _check_links(opener, size, ids) -> None:
    """The second reading: every link names a row of the file, checked on the values as
    the file gives them, under the field's name or its column's (both are read)."""
    for label, rows in _tables(opener, size):
        links = _links(_model(label))
        for row in rows:
            old = row["id"]
            for field, target in links:
                for key in dict.fromkeys((field.name, field.attname)):
                    value = row.get(key)
                    values = value if field.many_to_many and isinstance(value, list) else [value]
                    for one in values:
                        if _as_int(one) is not None and _as_int(one) not in ids.get(target, NO_IDS):
                            _refuse(label, old, field.name, target, one)


def _as_int(value):
    """The id a value names, or None when it is no id: the deserializer refuses that
    when the row is read, with its own message."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _refuse(label, old, name, target, value):
    raise Invalid(
        f"{label} row {old}: {name} refers to {target} {value}, which is not in "
        "this file. A restore only links rows of the file itself.",
        field="file",
    )


def _check_batch(label, items, ids) -> None:
    """The links once deserialized, checked again; and the rows are those the first
    reading counted (a file changed since is refused)."""
    for row in items:
        if row.old not in ids[label] or ids[label].fresh(row.old) is not None:
            raise Invalid(
                f"{label} row {row.old}: the file changed while it was read.", field="file"
            )
    for field, target in _links(_model(label)):
        for row in items:
            values = (
                row.many.get(field.name, [])
                if field.many_to_many
                else [getattr(row.object, field.attname)]
            )
            for value in values:
                if value is not None and value not in ids.get(target, NO_IDS):
                    _refuse(label, row.old, field.name, target, value)


# ---- the rows ----------------------------------------------------------------------


class _Row:
    """One row of the file, deserialized: `old` is its id in the file."""

    __slots__ = ("old", "object", "many", "deferred", "recording")

    def __init__(self, old, item):
        self.old, self.object, self.many, self.deferred = old, item.object, item.m2m_data, {}
        recording = getattr(item.object, "recording", None)  # the name in the file, a key
        self.recording = recording.name if recording else ""


def _read_table(user, model, owner, rows) -> list[_Row]:
    label = model._meta.label_lower
    objects = []
    for row in rows:
        # A calendar feed's secret (exports before issue 18 carried it) is never restored.
        fields = {
            name: value
            for name, value in row.items()
            if name not in ("id", owner, "feed_token", "feed_digest")
        }
        objects.append({"model": label, "pk": row["id"], "fields": {**fields, owner: user.pk}})
    try:
        items = list(serializers.deserialize("python", objects))
    except (serializers.base.DeserializationError, FieldDoesNotExist) as error:
        raise Invalid(f"{label}: {str(error).splitlines()[0][:300]}", field="file") from None
    return [_Row(item.object.pk, item) for item in items]


def insert_needs(labels) -> dict[str, set[str]]:
    """{table: the tables of `labels` whose rows must be in before its own}: those its
    required foreign keys point to; the optional ones (a person found via another
    person) are filled in once every row exists."""
    return {
        label: {
            target
            for field, target in _links(_model(label))
            if not field.many_to_many and not field.null and target != label and target in labels
        }
        | (SOFT_NEEDS.get(label, set()) & set(labels))
        for label in labels
    }


def _model(label):
    return apps.get_model(label)


def _insert(label, rows, ids) -> int:
    """Insert the rows under fresh ids, a few hundred in one INSERT, and note each fresh
    id. Returns how many were inserted (rows of the search index or Today's marks about
    records the file does not hold are dropped)."""
    model = _model(label)
    links = [(field, target) for field, target in _links(model) if not field.many_to_many]
    rows = [row for row in rows if _translate_soft(label, row, ids)]
    for row in rows:
        _translate(label, row, links, ids)
    try:
        with transaction.atomic():  # a refused row rolls back to here, the connection stays usable
            _insert_rows(model, [row.object for row in rows])
    except (OverflowError, ValueError, TypeError) as error:  # e.g. 2**70 for SQLite
        raise Invalid(
            f"{label}: a value this version cannot store ({str(error)[:200]}).", field="file"
        ) from None
    except DatabaseError as error:
        raise Invalid(
            f"{label}: a row could not be stored ({str(error).splitlines()[0][:200]}).",
            field="file",
        ) from None
    for row in rows:
        ids[label].give(row.old, row.object.pk)
    return len(rows)


def _translate(label, row, links, ids) -> None:
    item = row.object
    for field, target in links:
        old = getattr(item, field.attname)
        if old is None:
            continue
        new = ids[target].fresh(old)
        if new is not None:
            setattr(item, field.attname, new)
        else:  # the row it names comes later (or is this table's own)
            row.deferred[field.attname] = (target, old)
            setattr(item, field.attname, None)
    item.pk = None
    if label == "accounts.profile":
        item.feed_digest = ""  # a secret of the server, never taken from a file
    if label == "conversations.conversation":
        item.recording = ""  # set below from audio the file carries, if any


def _insert_rows(model, objects) -> None:
    """What `save_base(raw=True)` does for one row, for many at once: the values as the
    ORM prepares them (`get_db_prep_save`) in one INSERT, the ids from the database.
    Not `bulk_create`: it would stamp the `auto_now` fields with the time of the
    restore, where a raw insert keeps the exported timestamps; and building its SQL
    took more time than running it."""
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if not field.generated and field is not model._meta.auto_field
    ]
    fresh = _insert_values(
        model,
        fields,
        (
            [field.get_db_prep_save(getattr(item, field.attname), connection) for field in fields]
            for item in objects
        ),
    )
    for item, pk in zip(objects, fresh, strict=True):
        item.pk = pk


def _insert_values(model, fields, rows: Iterator[list], returning=True) -> list[int]:
    """Insert rows of prepared values, as many a statement as the database takes, and
    return their fresh ids in the order of the rows: ids are given in increasing order
    within a statement (a sequence, or SQLite's largest rowid plus one), while the order
    RETURNING lists them in is not promised."""
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) VALUES "
    )
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, (connection.features.max_query_params or 30_000) // len(fields))
    fresh = []
    with connection.cursor() as cursor:
        for batch in _batches(rows, size):
            cursor.execute(
                head + ", ".join([one] * len(batch)) + tail,
                [value for row in batch for value in row],
            )
            if returning:
                fresh += sorted(pk for (pk,) in cursor.fetchall())
    return fresh


def _translate_soft(label, row, ids) -> bool:
    """Ids held in plain columns (the search index, marks on Today's tasks) are
    translated too. A row whose record is not in the file is dropped (False): it could
    only ever describe a record that no longer exists."""
    item = row.object
    if label == "search.searchdocument":
        target = SEARCHED.get(item.kind)
        item.object_id = ids.get(target, NO_IDS).fresh(item.object_id) if target else None
        return item.object_id is not None
    if label == "today.taskmark":
        parts = str(item.task_key).split(":")
        if len(parts) != 3 or parts[1][:1] not in TASK_TARGETS:
            return False
        try:
            old = int(parts[1][1:])
        except ValueError:
            return False
        new = ids.get(TASK_TARGETS[parts[1][0]], NO_IDS).fresh(old)
        if new is None:
            return False
        item.task_key = f"{parts[0]}:{parts[1][0]}{new}:{parts[2]}"
    return True


class _Later:
    """What is set once every row is in: links to rows inserted after theirs, the
    many-to-many links, and which fresh conversation each recording's name belongs to.
    Only ids are kept, in arrays (and the names of recordings)."""

    def __init__(self):
        # (table, column, target table) -> (fresh ids of the rows, old ids they name)
        self.deferred: dict[tuple[str, str, str], tuple[array, array]] = {}
        self.many: dict[tuple[str, str], tuple[array, array]] = {}
        self.recordings: dict[str, list[tuple[int, int]]] = {}

    def keep(self, label, items, ids) -> None:
        for row in items:
            pk = ids[label].fresh(row.old)
            if pk is None:
                continue
            for name, (target, old) in row.deferred.items():
                _pairs(self.deferred, (label, name, target), pk, old)
            if row.recording:
                self.recordings.setdefault(row.recording, []).append((row.old, pk))
            for name, olds in row.many.items():
                for old in dict.fromkeys(olds):
                    _pairs(self.many, (label, name), pk, old)

    def link(self, ids) -> None:
        for (label, name, target), (pks, olds) in self.deferred.items():
            manager = _model(label)._base_manager
            for pk, old in zip(pks, olds, strict=True):
                manager.filter(pk=pk).update(**{name: ids[target].fresh(old)})
        for (label, name), (pks, olds) in self.many.items():
            field = _model(label)._meta.get_field(name)
            target = ids[field.related_model._meta.label_lower]
            through = field.remote_field.through
            columns = [
                through._meta.get_field(field.m2m_field_name()),
                through._meta.get_field(field.m2m_reverse_field_name()),
            ]
            _insert_values(
                through,
                columns,
                ([pk, target.fresh(old)] for pk, old in zip(pks, olds, strict=True)),
                returning=False,
            )


def _pairs(found, key, pk, old) -> None:
    pks, olds = found.setdefault(key, (array("q"), array("q")))
    pks.append(pk)
    olds.append(old)


def _check_constraints(models) -> None:
    """Foreign keys are checked at commit, after the caller said "restored": check now."""
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
    except IntegrityError as error:
        raise Invalid(
            f"This export refers to rows it does not contain ({str(error).splitlines()[0][:200]}).",
            field="file",
        ) from None


# ---- recordings --------------------------------------------------------------------


def _recordings(opener, size, names, written) -> int:
    """The last reading: each audio file the export carries whose name a conversation
    of the file gives, checked and written one at a time."""
    count = 0
    for key, value in _read(opener, size):
        if key != "files" or not isinstance(value, Iterator):
            continue
        for name, entry in value:
            rows = names.get(name, [])
            if not rows:
                continue
            count += _write_recording(_audio(name, entry, rows), written)
    return count


def _audio(name, entry, rows) -> tuple[int, str, bytes]:
    """(fresh conversation id, extension, audio) for the audio the file carries under
    `name`. The path a row names is only a key into the file's own "files"; it is never
    opened, and an entry that is not audio we play is refused."""

    old, pk = rows[0]
    if len(rows) > 1:  # one audio written a thousand times would fill the disk
        raise Invalid(
            f"conversations.conversation row {rows[1][0]}: its recording "
            f"{name!r} is another conversation's too.",
            field="file",
        )
    if not isinstance(entry, str):
        raise Invalid(f"files: {name!r} must be base64 text.", field="file")
    try:
        audio = base64.b64decode(entry, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid(f"files: {name!r} is not valid base64.", field="file") from None
    if len(audio) > settings.MAX_RECORDING_BYTES:
        raise Invalid(
            f"conversations.conversation row {old}: its recording is "
            f"{len(audio) // 1_048_576} MB; the limit is "
            f"{settings.MAX_RECORDING_BYTES // 1_048_576} MB.",
            field="file",
        )
    extension = audio_extension(name, audio[:12])
    if extension is None:
        raise Invalid(
            f"conversations.conversation row {old}: its recording is not "
            "an audio file we can play.",
            field="file",
        )
    return pk, extension, audio


def _write_recording(audio, written: list[str]) -> int:
    """Write a recording under a fresh name and point its conversation at it. The name
    written is appended to `written` first, so a failure can remove it."""

    pk, extension, content = audio
    name = default_storage.save(recording_name(pk, extension), ContentFile(content))
    written.append(name)
    Conversation.objects.filter(pk=pk).update(recording=name)
    return 1
