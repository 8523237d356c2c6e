"""The `coffeechat` command, run as a user runs it: a real process on a real workspace."""

import argparse
import json
import os
import subprocess
import sys

import pytest

from coffeechat.cli.main import COMMANDS, build_parser


def coffeechat(*args, data_dir=None, check=True):
    """Run the command on its own SQLite workspace (never the shared test database)."""
    if data_dir:
        args = (args[0], "--data-dir", str(data_dir), *args[1:])
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "coffeechat.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


def test_help_lists_every_command():
    out = coffeechat("--help").stdout
    for name in COMMANDS:
        assert name in out


def subcommands(parser, prefix=""):
    """Every (name, parser) below `parser`, nested actions included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield f"{prefix}{name}", sub, helps.get(name)
                yield from subcommands(sub, f"{prefix}{name} ")


def test_every_command_and_option_has_help_text():
    found = list(subcommands(build_parser()))
    assert len(found) > len(COMMANDS)
    for name, sub, summary in found:
        assert summary, name
        assert sub.description and len(sub.description) > 15, name
        assert all(action.help for action in sub._actions if action.dest != "help"), name


def test_today_on_an_empty_workspace_prints_an_empty_list(tmp_path):
    result = coffeechat("today", "--on", "2026-11-25", "--json", data_dir=tmp_path)
    assert json.loads(result.stdout) == {"on": "2026-11-25", "tasks": []}
    assert (tmp_path / "coffeechat.sqlite3").exists()
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_bad_date_names_the_argument(tmp_path):
    result = coffeechat("today", "--on", "25/11/2026", data_dir=tmp_path, check=False)
    assert result.returncode == 2
    assert "argument --on: '25/11/2026' is not a date: use YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_serve_refuses_a_non_loopback_address_in_personal_mode(tmp_path, host):
    result = coffeechat("serve", "--host", host, data_dir=tmp_path, check=False)
    assert result.returncode == 2
    assert f"refusing to listen on {host} in personal mode" in result.stderr
    assert "team mode" in result.stderr


def test_the_sqlite_file_uses_wal_and_foreign_keys(tmp_path):
    coffeechat("manage", "migrate", data_dir=tmp_path)
    script = (
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA foreign_keys').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    out = coffeechat("manage", "shell", "-v", "0", "-c", script, data_dir=tmp_path).stdout.split()
    assert out == ["wal", "1", "20000"]


def test_the_import_formats_listed_in_the_cli_are_the_importers():
    from coffeechat.cli.transfer_commands import IMPORT_FORMATS
    from coffeechat.transfer.importers import FORMATS

    assert set(IMPORT_FORMATS) == set(FORMATS)


def test_help_does_not_start_django():
    code = (
        "import sys; from coffeechat.cli.main import build_parser; build_parser(); "
        "print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_second_command_skips_the_migration_check(tmp_path):
    coffeechat("today", "--json", data_dir=tmp_path)
    stamp = (tmp_path / "schema-stamp").read_text()
    from coffeechat.cli.setup import migration_fingerprint

    assert stamp == migration_fingerprint()


def test_today_imports_neither_the_api_nor_the_heavy_libraries(tmp_path):
    """A third of `coffeechat today`'s start was django-ninja and pydantic, the admin
    (through template_partials) and every country's holidays (docs/PERFORMANCE.md).
    Checked on the Django path: DATABASE_URL naming the workspace's own file keeps the
    fast path (tests/cli/test_today_fast.py) out of the way. The admin's modules are
    loaded since issue 22: django-tasks runs django-stubs-ext's patch at import, which
    imports them (docs/DECISIONS.md, "Background jobs"); the other libraries stay out."""
    coffeechat("today", data_dir=tmp_path)  # migrates first
    code = (
        "import sys; from coffeechat.cli.main import main; main(['today', '--data-dir', "
        f"{str(tmp_path)!r}]); heavy = ('ninja', 'pydantic', "
        "'holidays', 'markdown_it', 'rapidfuzz', 'weasyprint', 'icalendar', 'vobject'); "
        "print('django' in sys.modules, file=sys.stderr);"
        "print(sorted(name for name in heavy if name in sys.modules), file=sys.stderr)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'coffeechat.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stderr.strip().splitlines()[-2:] == ["True", "[]"]
