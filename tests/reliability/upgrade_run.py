"""Build a workspace at the first migration of every app, fill every table, migrate to
the latest, and check that nothing was lost. Run in a fresh process by test_upgrade.py:

    COFFEECHAT_DATA_DIR=/tmp/x python -m tests.reliability.upgrade_run
    DATABASE_URL=postgresql://.../scratch python -m tests.reliability.upgrade_run

Prints one JSON line: what was filled and checked.
"""

import json
import os
import sys
from datetime import UTC, date, datetime, time
from decimal import Decimal

TEXT = "Ünïcode ✓ 😀 \u202eRTL\u202c — line one\nline two"
STAMP = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def first_migrations(loader) -> list[tuple[str, str]]:
    """The initial migrations of every coffeechat app: the schema of a first install."""
    return sorted(
        key
        for key, migration in loader.disk_migrations.items()
        if migration.__module__.startswith("coffeechat.") and getattr(migration, "initial", False)
    )


# Columns whose values the forms restrict to a known set: a value they would refuse is no
# fair test of an upgrade.
PLAUSIBLE = {
    "accounts.profile.country": "DE",
    "people.person.time_zone": "Europe/Berlin",
    "conversations.event.time_zone": "Europe/Berlin",
    "conversations.event.kind": "asked",
    "conversations.event.outcome": "",
    "conversations.conversation.stage_cache": "asked",
    "people.person.priority": 2,
    "people.person.keep_in_touch_weeks": 8,
    "accounts.profile.digest_hour": 7,
    "today.taskmark.task_key": "ask_another:1:2026-11-05",
}


def sample(field, serial: int):
    """A value for any column, unusual enough to notice if an upgrade mangles it."""
    name = f"{field.model._meta.label_lower}.{field.name}"
    if name in PLAUSIBLE:
        return PLAUSIBLE[name]
    kind = field.get_internal_type()
    if field.choices:
        return field.choices[-1][0]
    if kind in ("CharField", "SlugField", "EmailField", "URLField"):
        text = {
            "EmailField": f"ada{serial}@example.org",
            "URLField": f"https://ex.org/{serial}",
            "SlugField": f"slug-{serial}",
        }.get(kind, f"{serial} {TEXT}")
        return text[: field.max_length or 200]
    return {
        "TextField": f"{serial} {TEXT * 3}",
        "BooleanField": True,
        "DateField": date(2026, 11, 20),
        "DateTimeField": STAMP,
        "TimeField": time(9, 30),
        "DecimalField": Decimal("4.50"),
        "JSONField": {"serial": serial, "text": TEXT},
        "BinaryField": b"\x00\xffbytes",
        "FileField": "",
        "UUIDField": None,
    }.get(kind, 3 if "Integer" in kind else None)


class Filler:
    """One row in every table, every column filled, parents made on demand."""

    def __init__(self, apps, user):
        self.apps, self.user, self.rows, self.serial = apps, user, {}, 0
        self.building, self.later = set(), []  # links that close a cycle are set last

    def row(self, model):
        label = model._meta.label_lower
        if label in self.rows:
            return self.rows[label]
        if model._meta.label == "auth.User":
            return self.user
        self.serial += 1
        self.building.add(label)
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.auto_created:
                continue
            if field.is_relation:
                values[field.name] = self.parent(model, field)
            else:
                value = sample(field, self.serial)
                if value is not None or field.null:
                    values[field.name] = value
        instance = model(**values)
        instance.save()
        self.rows[label] = instance
        self.building.discard(label)
        return instance

    def parent(self, model, field):
        related = field.related_model
        if related._meta.label == "auth.User":
            return self.user
        if related._meta.label_lower in self.building or related is model:
            self.later.append((model._meta.label_lower, field.name, related._meta.label_lower))
            return None
        return self.row(related)

    def close_cycles(self) -> None:
        for label, name, related in self.later:
            row = self.rows[label]
            setattr(row, name, self.rows[related])
            row.save()


def fill(apps, order: list[str]) -> dict:
    User = apps.get_model("auth", "User")
    user = User.objects.create(username="me", first_name="Ada")
    filler = Filler(apps, user)
    # Apps in the order their first migrations were applied, so that a model is filled
    # after those its required links need (an app added later, whose first migration
    # names people, comes after people, whatever order the state lists its models in).
    models = [
        model
        for model in apps.get_models()
        if model.__module__ == "__fake__" and model._meta.app_label in coffeechat_apps()
    ]
    for model in sorted(models, key=lambda model: order.index(model._meta.app_label)):
        filler.row(model)
    filler.close_cycles()
    return {label: (row.pk, values_of(row)) for label, row in filler.rows.items()}


def coffeechat_apps() -> set[str]:
    from django.apps import apps

    return {
        config.label for config in apps.get_app_configs() if config.name.startswith("coffeechat.")
    }


def values_of(row) -> dict:
    return {
        field.attname: field.value_from_object(row)
        for field in row._meta.concrete_fields
        if not field.primary_key and not field.name.endswith("updated_at")
    }


def check(before: dict) -> tuple[int, list[str]]:
    """Every row and every column that still exists holds what was written before."""
    from django.apps import apps

    checked, problems = 0, []
    for label, (pk, values) in before.items():
        model = apps.get_model(label)
        row = model._base_manager.filter(pk=pk).first()
        if row is None:
            problems.append(f"{label} {pk} is gone")
            continue
        now = {field.attname: field for field in model._meta.concrete_fields}
        for name, value in values.items():
            if name not in now:
                problems.append(f"{label}.{name} was dropped")
                continue
            checked += 1
            if now[name].value_from_object(row) != value:
                problems.append(
                    f"{label}.{name}: {value!r} became {now[name].value_from_object(row)!r}"
                )
    return checked, problems


def use_the_app(person_name: str) -> list[str]:
    """The upgraded workspace works: pages render, search and export find the data."""
    from django.test import Client

    from coffeechat.accounts.services import local_user
    from coffeechat.search.services import search_for
    from coffeechat.transfer.archive import dumps, export_workspace

    problems = []
    client = Client()
    for path in (
        "/",
        "/people/",
        "/explorations/",
        "/orgs/",
        "/questions/",
        "/data/",
        "/settings/",
        "/outreach/templates/",
        "/about-me/",
    ):
        status = client.get(path).status_code
        if status != 200:
            problems.append(f"GET {path} after the upgrade: {status}")
    word = person_name.split()[1]
    if not search_for(local_user(), word):
        problems.append(f"search finds nothing for {word!r} after the upgrade")
    exported = json.loads(dumps(export_workspace(local_user())))["tables"]["people.person"]
    if person_name not in [row["name"] for row in exported]:
        problems.append("the export lacks the person written before the upgrade")
    return problems


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = first_migrations(executor.loader)
    order = list(
        dict.fromkeys(migration.app_label for migration, _ in executor.migration_plan(targets))
    )
    executor.migrate(targets)
    executor.loader.build_graph()
    state = executor.loader.project_state(list(executor.loader.applied_migrations))
    before = fill(state.apps, order)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    applied = executor.migration_plan(latest)
    executor.migrate(latest)
    connection.check_constraints()
    checked, problems = check(before)
    problems += use_the_app(before["people.person"][1]["name"])
    print(
        json.dumps(
            {
                "first": [f"{a}.{n}" for a, n in targets],
                "tables": len(before),
                "columns_checked": checked,
                "migrations_applied": len(applied),
                "problems": problems,
            }
        )
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
