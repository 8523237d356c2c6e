"""The full export of one workspace as versioned JSON (SPEC D2); its restore is in
restoring.py.

Every model of a coffeechat app that belongs to a user (an `owner` foreign key, or a
`user` one-to-one such as the profile) is exported, so a table added later is
carried without touching this file. Rows keep their ids, timestamps and
many-to-many links; the owner is left out. Recordings travel inside the export, as
base64 under "files". The format is described in docs/DATA.md; `SCHEMA_VERSION`
changes when it does.
"""

import base64
import json
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from coffeechat.conversations.services import recording_belongs
from coffeechat.errors import Invalid

from . import restoring

FORMAT = "coffeechat-export"
SCHEMA_VERSION = 2  # 2: recordings carried under "files"
READABLE_VERSIONS = {1, 2}
# Transient rows that are no part of the workspace: an import in progress, background
# jobs. And the server's accounts side (team mode): credentials (API tokens,
# invitations), coach grants between accounts, login throttling — never carried into
# another workspace. And the Trash: what the user deleted is no part of what they export
# (SPEC U1).
NOT_EXPORTED = {
    "transfer.importjob",
    "jobs.job",
    "api.personalaccesstoken",
    "accounts.coachgrant",
    "accounts.invitation",
    "accounts.loginfailure",
    "trash.trashitem",
}


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
    return sorted(
        model._meta.label_lower
        for model in apps.get_models()
        if model.__module__.startswith("coffeechat.")
        and model not in owned
        and model._meta.label_lower not in NOT_EXPORTED
    )


def export_workspace(user, now: datetime | None = None) -> dict:
    tables = {}
    for model, owner in owned_models():
        rows = model._base_manager.filter(**{owner: user}).order_by("pk")
        tables[model._meta.label_lower] = [
            _row(item, owner) for item in serializers.serialize("python", rows)
        ]
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": (now or timezone.now()).isoformat(),
        "app_version": _app_version(),
        "tables": tables,
        "files": _recording_files(tables.get("conversations.conversation", [])),
    }


def _recording_files(conversations) -> dict[str, str]:
    """The audio of each conversation, base64, under the name its row gives. A name
    that is not this conversation's own recording is left out, never opened."""
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


# ---- restore: restoring.py, read piece by piece -----------------------------------


def loads(text: str | bytes) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise Invalid(
            f"This is not a coffeechat export: not valid JSON ({error}).", field="file"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Invalid(
            f'This is not a coffeechat export (no "format": "{FORMAT}" at the top).', field="file"
        )
    version = data.get("schema_version")
    # A list or an object is no version (and no key of a set); True would pass as 1.
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise Invalid(
            f"This export has schema version {version!r}; "
            f"this coffeechat reads versions "
            f"{', '.join(map(str, sorted(READABLE_VERSIONS)))}.",
            field="file",
        )
    if not isinstance(data.get("tables"), dict):
        raise Invalid('This export has no "tables".', field="file")
    if not isinstance(data.get("files", {}), dict):
        raise Invalid('This export\'s "files" must be an object.', field="file")
    return data


def restore(user, data: dict) -> dict[str, int]:
    """Restore an export already read (`loads`) into `user`'s empty workspace: the one
    restore, `restoring.restore_file`, given the export's text. The data page and
    `coffeechat restore` hand it the file itself, never held in memory."""
    return restoring.restore_file(user, dumps(data).encode())
