"""A workspace made by the first release upgrades to this one with nothing lost.

tests/reliability/upgrade_run.py migrates an empty database to the first migration of
every app, writes a row in every table with every column filled, migrates to the latest
and compares; then the pages, search and the export must work on what was there. It
runs in a process of its own, on SQLite or on a scratch PostgreSQL database.
"""

import json
import subprocess
import sys
from contextlib import ExitStack

from .server import ROOT, Store, postgres_url, scratch_postgres, server_env


def test_a_database_from_the_first_migration_upgrades_to_the_latest_with_nothing_lost(tmp_path):
    with ExitStack() as stack:
        url = (
            stack.enter_context(scratch_postgres("coffeechat_upgrade")) if postgres_url() else None
        )
        env = server_env(Store(tmp_path, url)) | {
            "COFFEECHAT_DATA_DIR": str(tmp_path),
            "COFFEECHAT_ALLOWED_HOSTS": "testserver",
        }
        result = subprocess.run(
            [sys.executable, "-m", "tests.reliability.upgrade_run"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["problems"] == []
    assert report["tables"] >= 20 and report["columns_checked"] >= 150
    assert "people.0001_initial" in report["first"] and report["migrations_applied"] > 0
    print(
        f"\nupgrade: {report['tables']} tables, {report['columns_checked']} columns checked, "
        f"{report['migrations_applied']} migrations applied"
    )
