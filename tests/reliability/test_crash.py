"""SIGKILL the real server while it takes writes, again and again: nothing it acknowledged
is ever lost, nothing is half-written, and the database stays sound (docs/RELIABILITY.md).

On the PostgreSQL run of the suite the servers use scratch PostgreSQL databases; on the
SQLite run, data dirs with SQLite in WAL mode and synchronous=FULL.
"""

import os
from contextlib import ExitStack

from .crashkit import run_campaign
from .server import Store, postgres_url, scratch_postgres

# 200 on SQLite, whose durability is ours to set (WAL, synchronous=FULL); on PostgreSQL,
# whose durability is the server's, fewer: there the app's acknowledgements are what is
# tested, and CI's time budget is better spent on the SQLite run.
CYCLES = int(os.environ.get("COFFEECHAT_CRASH_CYCLES", "30" if postgres_url() else "200"))
SEED = int(os.environ.get("COFFEECHAT_CRASH_SEED", "12"))
LANES = int(os.environ.get("COFFEECHAT_CRASH_LANES", "2"))  # servers side by side


def stores(stack: ExitStack, root, lanes: int) -> list[Store]:
    found = []
    for number in range(lanes):
        data_dir = root / f"lane-{number}"
        data_dir.mkdir()
        url = stack.enter_context(scratch_postgres("coffeechat_crash")) if postgres_url() else None
        found.append(Store(data_dir, url))
    return found


def test_every_acknowledged_write_survives_sigkill_and_the_database_stays_sound(tmp_path):
    with ExitStack() as stack:
        figures = run_campaign(stores(stack, tmp_path, LANES), tmp_path, CYCLES, SEED)
    assert figures.cycles == CYCLES
    assert figures.acknowledged >= 2 * CYCLES, "too few writes per cycle to mean much"
    assert figures.checks >= figures.acknowledged
    print(f"\ncrash test ({'PostgreSQL' if postgres_url() else 'SQLite'}): {figures}")
