"""The full export of one workspace as versioned JSON, and its restore (SPEC D2).

Every model of a coffeechat app that belongs to a user (an `owner` foreign key, or a
`user` one-to-one such as the profile) is exported, so a table added later is
carried without touching this file. Rows keep their ids, timestamps and
many-to-many links; the owner is left out. Recordings travel inside the export, as
base64 under "files". The format is described in docs/DATA.md; `SCHEMA_VERSION`
changes when it does.
"""

import base64
import binascii
import json
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils import timezone

from coffeechat.errors import Invalid

FORMAT = "coffeechat-export"
SCHEMA_VERSION = 2  # 2: recordings carried under "files"
READABLE_VERSIONS = {1, 2}
# Transient rows that are no part of the workspace: an import in progress. And the
# server's accounts side (team mode): credentials (API tokens, invitations), coach
# grants between accounts, login throttling — never carried into another workspace. And
# the Trash: what the user deleted is no part of what they export (SPEC U1).
NOT_EXPORTED = {"transfer.importjob", "api.personalaccesstoken", "accounts.coachgrant",
                "accounts.invitation", "accounts.loginfailure", "trash.trashitem"}


def owned_models() -> list[tuple[type, str]]:
    """(model, the field naming its user) for every exported table, parents first."""
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if not model.__module__.startswith("coffeechat.") or label in NOT_EXPORTED:
            continue
        owner = _owner_field(model)
        if owner:
            found.append((model, owner))
    return found


def _owner_field(model) -> str | None:
    for name in ("owner", "user"):
        try:
            field = model._meta.get_field(name)
        except Exception:  # FieldDoesNotExist
            continue
        if field.is_relation and field.related_model._meta.label == settings.AUTH_USER_MODEL:
            return name
    return None


def unowned_models() -> list[str]:
    """coffeechat tables that the export cannot attribute to a user (a test keeps this
    empty, so a new table never silently falls out of the export)."""
    owned = {model for model, _ in owned_models()}
    return sorted(model._meta.label_lower for model in apps.get_models()
                  if model.__module__.startswith("coffeechat.") and model not in owned
                  and model._meta.label_lower not in NOT_EXPORTED)


def export_workspace(user, now: datetime | None = None) -> dict:
    tables = {}
    for model, owner in owned_models():
        rows = model._base_manager.filter(**{owner: user}).order_by("pk")
        tables[model._meta.label_lower] = [_row(item, owner) for item in
                                           serializers.serialize("python", rows)]
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION,
            "exported_at": (now or timezone.now()).isoformat(),
            "app_version": _app_version(), "tables": tables,
            "files": _recording_files(tables.get("conversations.conversation", []))}


def _recording_files(conversations) -> dict[str, str]:
    """The audio of each conversation, base64, under the name its row gives. A name
    that is not this conversation's own recording is left out, never opened."""
    from coffeechat.conversations.services import recording_belongs

    files = {}
    for row in conversations:
        name = row.get("recording") or ""
        if not name or not recording_belongs(row["id"], name):
            continue
        try:
            with default_storage.open(name, "rb") as handle:
                files[name] = base64.b64encode(handle.read()).decode("ascii")
        except FileNotFoundError:
            continue  # a row whose file is gone restores without a recording
    return files


def _row(item: dict, owner: str) -> dict:
    fields = {name: value for name, value in item["fields"].items() if name != owner}
    return {"id": item["pk"], **fields}


class ExportEncoder(DjangoJSONEncoder):
    """Datetimes to the microsecond: Django's encoder cuts them to milliseconds, so a
    restored export would not export again identically (a 0.000123 s timestamp became
    ".000" and then nothing)."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat(timespec="microseconds")
        return super().default(o)


def dumps(export: dict) -> str:
    return json.dumps(export, cls=ExportEncoder, ensure_ascii=False, indent=1)


def _app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coffeechat")
    except PackageNotFoundError:
        return "unknown"


# ---- restore ---------------------------------------------------------------------
#
# A restore only ever creates rows owned by the restoring user. The ids in the file are
# labels that tie its rows together, never the ids of the rows written: every row gets
# a fresh id from the database, every reference is translated to the fresh id of the row
# it names *in the file*, and a reference to a row the file does not hold is refused.
# Stored file paths are never trusted: audio travels inside the file and is written
# under a new name.


def loads(text: str | bytes) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise Invalid(f"This is not a coffeechat export: not valid JSON ({error}).",
                      field="file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid("This is not a coffeechat export (no \"format\": "
                      f"\"{FORMAT}\" at the top).", field="file")
    if data.get("schema_version") not in READABLE_VERSIONS:
        raise Invalid(f"This export has schema version {data.get('schema_version')!r}; "
                      f"this coffeechat reads versions "
                      f"{', '.join(map(str, sorted(READABLE_VERSIONS)))}.", field="file")
    if not isinstance(data.get("tables"), dict):
        raise Invalid("This export has no \"tables\".", field="file")
    if not isinstance(data.get("files", {}), dict):
        raise Invalid("This export's \"files\" must be an object.", field="file")
    return data


def restore(user, data: dict) -> dict[str, int]:
    """Restore in a transaction of its own: all of it or nothing, rows and files.

    Audio files are written once every row is in; should anything fail before the
    commit (including the commit), the files written are removed again.
    """
    written: list[str] = []
    try:
        with transaction.atomic():
            return restore_workspace(user, data, written)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def restore_workspace(user, data: dict, written: list[str] | None = None) -> dict[str, int]:
    """Load an export into `user`'s empty workspace; the caller owns the transaction
    (`restore` is the one that also cleans up the files on failure). Returns the number
    of rows restored per table, and under "recordings" the audio files written."""
    models = dict(owned_models())
    by_label = {model._meta.label_lower: model for model in models}
    unknown = sorted(set(data["tables"]) - set(by_label))
    if unknown:
        raise Invalid(f"This export has tables this version does not know: "
                      f"{', '.join(unknown)}.", field="file")
    _require_empty(user, models)
    tables = {label: _read_table(user, by_label[label], models[by_label[label]], rows)
              for label, rows in data["tables"].items()}
    _check_references(tables)
    fresh: dict[str, dict] = {label: {} for label in tables}
    restored = {}
    for label in _insert_order(tables):
        restored[label] = _insert(label, tables, fresh)
    _link_deferred(tables, fresh)
    _link_many_to_many(tables, fresh)
    audio = _recordings(tables, fresh, data.get("files", {}))
    _check_links(list(models))
    restored["recordings"] = _write_recordings(audio, written if written is not None else [])
    return restored


def _check_links(models) -> None:
    """Foreign keys are checked at commit, after the caller said "restored": check now."""
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
    except IntegrityError as error:
        raise Invalid("This export refers to rows it does not contain "
                      f"({str(error).splitlines()[0][:200]}).", field="file") from None


def _require_empty(user, models) -> None:
    for model, owner in models.items():
        field = model._meta.get_field(owner)
        if field.one_to_one:  # a per-user settings row (the profile) is replaced
            model._base_manager.filter(**{owner: user}).delete()
        elif model._base_manager.filter(**{owner: user}).exists():
            raise Invalid("Restore needs an empty workspace, and this one already has "
                          f"{model._meta.verbose_name_plural}. Restore into a new data "
                          "folder (--data-dir) instead.", field="file")


class _Row:
    """One row of the file, deserialized: `old` is its id in the file."""

    __slots__ = ("old", "object", "many", "deferred", "recording")

    def __init__(self, old, item):
        self.old, self.object, self.many, self.deferred = old, item.object, item.m2m_data, {}
        recording = getattr(item.object, "recording", None)  # the name in the file, a key
        self.recording = recording.name if recording else ""


def _read_table(user, model, owner, rows) -> list[_Row]:
    label = model._meta.label_lower
    if not isinstance(rows, list):
        raise Invalid(f"{label}: the rows must be a list.", field="file")
    objects, seen = [], set()
    for row in rows:
        if not isinstance(row, dict) or "id" not in row:
            raise Invalid(f"{label}: every row needs an \"id\".", field="file")
        old = _as_id(label, "id", row["id"], row["id"])
        if old in seen:
            raise Invalid(f"{label}: id {old} appears twice.", field="file")
        seen.add(old)
        # A calendar feed's secret (exports before issue 18 carried it) is never restored.
        fields = {name: value for name, value in row.items()
                  if name not in ("id", owner, "feed_token", "feed_digest")}
        objects.append({"model": label, "pk": old, "fields": {**fields, owner: user.pk}})
    try:
        items = list(serializers.deserialize("python", objects))
    except (serializers.base.DeserializationError, FieldDoesNotExist) as error:
        raise Invalid(f"{label}: {str(error).splitlines()[0][:300]}", field="file") from None
    return [_Row(item.object.pk, item) for item in items]


def _as_id(label, field, old, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Invalid(f"{label} row {old}: {field} must be an id, not {value!r}.",
                      field="file")
    try:
        return int(value)
    except ValueError:
        raise Invalid(f"{label} row {old}: {field} must be an id, not {value!r}.",
                      field="file") from None


def _links(model):
    """(field, target label) of every foreign key and many-to-many field but the owner."""
    owner = _owner_field(model)
    return [(field, field.related_model._meta.label_lower)
            for field in model._meta.get_fields()
            if field.concrete and field.is_relation and field.name != owner
            and (field.many_to_one or field.many_to_many or field.one_to_one)]


def _check_references(tables) -> None:
    """Every reference names a row of the same file, or the restore stops before writing."""
    ids = {label: {row.old for row in rows} for label, rows in tables.items()}
    for label, rows in tables.items():
        model = type(rows[0].object) if rows else None
        for field, target in _links(model) if model else []:
            for row in rows:
                values = row.many.get(field.name, []) if field.many_to_many else \
                    [getattr(row.object, field.attname)]
                for value in values:
                    if value is None:
                        continue
                    if value not in ids.get(target, ()):
                        raise Invalid(f"{label} row {row.old}: {field.name} refers to "
                                      f"{target} {value}, which is not in this file. A "
                                      "restore only links rows of the file itself.",
                                      field="file")


def _insert_order(tables) -> list[str]:
    """Tables after those their required foreign keys point to; the optional ones
    (a person found via another person) are filled in once every row exists."""
    labels = list(tables)
    needs = insert_needs(labels)
    order: list[str] = []
    while len(order) < len(labels):
        ready = [label for label in labels if label not in order and needs[label] <=
                 set(order)]
        if not ready:  # cannot happen with the app's models: required links form no loop
            raise Invalid("This export's tables refer to each other in a loop.", field="file")
        order += ready
    return order


def insert_needs(labels) -> dict[str, set[str]]:
    """{table: the tables of `labels` whose rows must be in before its own}."""
    return {label: {target for field, target in _links(_model(label))
                    if not field.many_to_many and not field.null and target != label
                    and target in labels} | (SOFT_NEEDS.get(label, set()) & set(labels))
            for label in labels}


def _model(label):
    return apps.get_model(label)


def _insert(label, tables, fresh) -> int:
    model = _model(label)
    links = [(field, target) for field, target in _links(model) if not field.many_to_many]
    rows = [row for row in tables[label] if _translate_soft(label, row, fresh, tables)]
    try:
        with transaction.atomic():  # a refused row rolls back to here, the connection stays usable
            for row in rows:
                item = row.object
                for field, target in links:
                    old = getattr(item, field.attname)
                    if old is None:
                        continue
                    if old in fresh[target]:
                        setattr(item, field.attname, fresh[target][old])
                    else:  # the row it names comes later (or is this table's own)
                        row.deferred[field.attname] = (target, old)
                        setattr(item, field.attname, None)
                item.pk = None
                if label == "accounts.profile":
                    item.feed_digest = ""  # a secret of the server, never taken from a file
                if label == "conversations.conversation":
                    item.recording = ""  # set below from audio the file carries, if any
                # A raw save keeps the exported timestamps; the database gives the id.
                models.Model.save_base(item, raw=True, force_insert=True)
                fresh[label][row.old] = item.pk
    except (OverflowError, ValueError, TypeError) as error:  # e.g. 2**70 for SQLite
        raise Invalid(f"{label}: a value this version cannot store ({str(error)[:200]}).",
                      field="file") from None
    except DatabaseError as error:
        raise Invalid(f"{label}: a row could not be stored "
                      f"({str(error).splitlines()[0][:200]}).", field="file") from None
    return len(rows)


SEARCHED = {"person": "people.person", "organization": "people.organization",
            "exploration": "explorations.exploration", "note": "people.note",
            "conversation": "conversations.conversation"}
TASK_TARGETS = {"c": "conversations.conversation", "p": "people.person"}
# Tables whose plain columns name records of others: inserted after those.
SOFT_NEEDS = {"search.searchdocument": set(SEARCHED.values()),
              "today.taskmark": set(TASK_TARGETS.values())}


def _translate_soft(label, row, fresh, tables) -> bool:
    """Ids held in plain columns (the search index, marks on Today's tasks) are
    translated too. A row whose record is not in the file is dropped (False): it could
    only ever describe a record that no longer exists."""
    item = row.object
    if label == "search.searchdocument":
        target = SEARCHED.get(item.kind)
        item.object_id = fresh.get(target, {}).get(item.object_id) if target else None
        return item.object_id is not None
    if label == "today.taskmark":
        parts = str(item.task_key).split(":")
        if len(parts) != 3 or parts[1][:1] not in TASK_TARGETS:
            return False
        try:
            old = int(parts[1][1:])
        except ValueError:
            return False
        new = fresh.get(TASK_TARGETS[parts[1][0]], {}).get(old)
        if new is None:
            return False
        item.task_key = f"{parts[0]}:{parts[1][0]}{new}:{parts[2]}"
    return True


def _link_deferred(tables, fresh) -> None:
    for label, rows in tables.items():
        model = _model(label)
        for row in rows:
            if row.deferred and row.old in fresh[label]:
                model._base_manager.filter(pk=fresh[label][row.old]).update(**{
                    name: fresh[target][old] for name, (target, old) in row.deferred.items()})


def _link_many_to_many(tables, fresh) -> None:
    for label, rows in tables.items():
        model = _model(label)
        for field, target in _links(model):
            if not field.many_to_many:
                continue
            through = field.remote_field.through
            source, other = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create([
                through(**{f"{source}_id": fresh[label][row.old],
                           f"{other}_id": fresh[target][old]})
                for row in rows if row.old in fresh[label]
                for old in dict.fromkeys(row.many.get(field.name, []))], batch_size=500)


def _recordings(tables, fresh, files) -> list[tuple[int, str, bytes]]:
    """(fresh conversation id, extension, audio) for each conversation whose audio the
    file carries. The path a row names is only a key into the file's own "files"; it is
    never opened, and an entry that is not audio we play is refused."""
    from coffeechat.conversations.services import audio_extension

    found, used = [], set()
    for row in tables.get("conversations.conversation", []):
        name = row.recording
        if not name or name not in files:  # none, or an export of schema version 1
            continue
        if name in used:  # one audio written a thousand times would fill the disk
            raise Invalid(f"conversations.conversation row {row.old}: its recording "
                          f"{name!r} is another conversation's too.", field="file")
        used.add(name)
        entry = files[name]
        if not isinstance(entry, str):
            raise Invalid(f"files: {name!r} must be base64 text.", field="file")
        try:
            audio = base64.b64decode(entry, validate=True)
        except (binascii.Error, ValueError):
            raise Invalid(f"files: {name!r} is not valid base64.", field="file") from None
        if len(audio) > settings.MAX_RECORDING_BYTES:
            raise Invalid(f"conversations.conversation row {row.old}: its recording is "
                          f"{len(audio) // 1_048_576} MB; the limit is "
                          f"{settings.MAX_RECORDING_BYTES // 1_048_576} MB.", field="file")
        extension = audio_extension(name, audio[:12])
        if extension is None:
            raise Invalid(f"conversations.conversation row {row.old}: its recording is not "
                          "an audio file we can play.", field="file")
        found.append((fresh["conversations.conversation"][row.old], extension, audio))
    return found


def _write_recordings(audio, written: list[str]) -> int:
    """Write each recording under a fresh name and point its conversation at it. The
    names written are appended to `written` first, so a failure can remove them."""
    from coffeechat.conversations.models import Conversation
    from coffeechat.conversations.services import recording_name

    for pk, extension, content in audio:
        name = default_storage.save(recording_name(pk, extension), ContentFile(content))
        written.append(name)
        Conversation.objects.filter(pk=pk).update(recording=name)
    return len(audio)
