"""Start Django for a command, on the workspace the command was given."""

import os

STAMP_FILE_NAME = "schema-stamp"


def start_django(data_dir: str | None, migrate: bool = False) -> None:
    from coffeechat import workspace

    folder = workspace.use_data_dir(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
    import django

    django.setup()
    if migrate:
        migrate_if_needed(folder)


def migrate_if_needed(folder) -> None:
    """Apply pending migrations. On a workspace's SQLite file, skip the (slow) check when
    the set of migration files is the one last applied there: a command starts faster."""
    from django.core.management import call_command
    from django.db import connection

    local = connection.vendor == "sqlite"
    if local and schema_is_current(folder):
        return
    call_command("migrate", interactive=False, verbosity=0)
    if local:
        (folder / STAMP_FILE_NAME).write_text(migration_fingerprint())


def schema_is_current(folder) -> bool:
    """The workspace's SQLite file was last migrated with today's set of migration files
    (so `coffeechat today` may also read it without starting Django)."""
    stamp = folder / STAMP_FILE_NAME
    return stamp.exists() and stamp.read_text() == migration_fingerprint()


def migration_fingerprint() -> str:
    """The names of every migration file of the project, hashed."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    names = sorted(str(p.relative_to(root)) for p in root.glob("*/migrations/0*.py"))
    return hashlib.sha1("\n".join(names).encode()).hexdigest()
