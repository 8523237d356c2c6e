"""The full export of one workspace as versioned JSON, and its restore (SPEC D2).

Every model of a coffeechat app that belongs to a user (an `owner` foreign key, or a
`user` one-to-one such as the profile) is exported, so a table added later is
carried without touching this file. Rows keep their ids, timestamps and
many-to-many links; the owner is left out and becomes the restoring user. The
format is described in docs/DATA.md; `SCHEMA_VERSION` changes when it does.
"""

import json
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from coffeechat.errors import Invalid

FORMAT = "coffeechat-export"
SCHEMA_VERSION = 1
# Transient rows that are no part of the workspace: an import in progress. And the
# server's accounts side (team mode): credentials (API tokens, invitations), coach
# grants between accounts, login throttling — never carried into another workspace.
NOT_EXPORTED = {"transfer.importjob", "api.personalaccesstoken", "accounts.coachgrant",
                "accounts.invitation", "accounts.loginfailure"}


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
            "app_version": _app_version(), "tables": tables}


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


def loads(text: str | bytes) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise Invalid(f"This is not a coffeechat export: not valid JSON ({error}).",
                      field="file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid("This is not a coffeechat export (no \"format\": "
                      f"\"{FORMAT}\" at the top).", field="file")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise Invalid(f"This export has schema version {data.get('schema_version')!r}; "
                      f"this coffeechat reads version {SCHEMA_VERSION}.", field="file")
    if not isinstance(data.get("tables"), dict):
        raise Invalid("This export has no \"tables\".", field="file")
    return data


def restore_workspace(user, data: dict) -> dict[str, int]:
    """Load an export into `user`'s empty workspace; the caller owns the transaction.
    Returns the number of rows restored per table."""
    models = dict(owned_models())
    by_label = {model._meta.label_lower: model for model in models}
    unknown = sorted(set(data["tables"]) - set(by_label))
    if unknown:
        raise Invalid(f"This export has tables this version does not know: "
                      f"{', '.join(unknown)}.", field="file")
    _require_empty(user, models)
    restored = {}
    for label, rows in data["tables"].items():
        model = by_label[label]
        restored[label] = _load_rows(user, model, models[model], rows)
    _check_links(list(models))
    _reset_sequences(list(models))
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


def _load_rows(user, model, owner, rows) -> int:
    label = model._meta.label_lower
    if not isinstance(rows, list):
        raise Invalid(f"{label}: the rows must be a list.", field="file")
    objects = []
    for row in rows:
        if not isinstance(row, dict) or "id" not in row:
            raise Invalid(f"{label}: every row needs an \"id\".", field="file")
        fields = {name: value for name, value in row.items() if name != "id"}
        objects.append({"model": label, "pk": row["id"], "fields": {**fields, owner: user.pk}})
    try:
        with transaction.atomic():  # a clash rolls back to here, leaving a usable connection
            # Batched raw inserts (streaming.insert_rows): ids and timestamps as exported.
            from .streaming import insert_rows

            insert_rows(model, serializers.deserialize("python", objects))
    except (serializers.base.DeserializationError, FieldDoesNotExist) as error:
        raise Invalid(f"{label}: {str(error).splitlines()[0][:300]}", field="file") from None
    except (OverflowError, ValueError, TypeError) as error:  # e.g. 2**70 for SQLite
        raise Invalid(f"{label}: a value this version cannot store ({str(error)[:200]}).",
                      field="file") from None
    except DatabaseError as error:
        raise Invalid(f"{label}: these rows clash with rows already in the database "
                      f"({str(error).splitlines()[0][:200]}). Restore into an empty "
                      "instance.", field="file") from None
    return len(objects)


def _reset_sequences(models) -> None:
    """PostgreSQL's id sequences must move past the ids the restore wrote."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
