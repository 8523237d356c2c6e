"""`coffeechat today` without Django: the same list as the Django path, or the Django path.

Each run is a real process on a real SQLite workspace. A run reports whether it started
Django, so every comparison knows which path answered. Making one conversation's due date
stale (as a new event does) is how a test sends the next run down the Django path.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from coffeechat.cli.setup import migration_fingerprint
from coffeechat.domain.today import Bucket, TaskKind

DEMO = (
    "--people",
    "60",
    "--conversations",
    "200",
    "--notes",
    "10",
    "--seed",
    "1",
    "--today",
    "2026-11-25",
)

# main() in a process that then says whether Django was imported.
PROBE = (
    "import sys; from coffeechat.cli.main import main; status = main(sys.argv[1:]); "
    "print('django' in sys.modules, file=sys.stderr); sys.exit(status)"
)


def environment(**changes) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "DATABASE_URL" and not k.startswith("COFFEECHAT_")
    }
    return {**env, **changes}


def today(folder, *args, **env) -> tuple[str, bool]:
    """(what `coffeechat today ARGS` printed, whether it started Django)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "today", "--data-dir", str(folder), *args],
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout, result.stderr.strip().splitlines()[-1] == "True"


def coffeechat(folder, *args) -> str:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            args[0],
            "--data-dir",
            str(folder),
            *args[1:],
        ],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout


def sql(folder, statement: str, *params) -> list[tuple]:
    with sqlite3.connect(folder / "coffeechat.sqlite3") as db:
        return db.execute(statement, params).fetchall()


def make_one_due_date_stale(folder) -> None:
    sql(
        folder,
        "UPDATE conversations_conversation SET due_key = '' "
        "WHERE id = (SELECT max(id) FROM conversations_conversation)",
    )


def both_paths(folder, *args, **env) -> tuple[str, str]:
    """The Django path's output, then the fast path's, for the same command."""
    make_one_due_date_stale(folder)
    slow, started = today(folder, *args, **env)
    assert started, "a stale due date must send the run through Django"
    fast, started = today(folder, *args, **env)
    assert not started, "with the due dates current, the run must not start Django"
    return slow, fast


# Run in the workspace with `coffeechat manage shell`, through the services: a held
# conversation (a thank-you to write), two people it referred me to (created at 23:30
# UTC, a day earlier than in Europe), and marks on the list of 25 November.
ADD_THREAD_AND_MARKS = """
import json
from datetime import date
import time_machine
from coffeechat.accounts.services import local_user
from coffeechat.conversations.services import add_referral, log_ask, log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.explorations.services import create_exploration
from coffeechat.people.services import create_person
from coffeechat.today.services import mark_task, tasks_on

me = local_user()
with time_machine.travel("2026-11-24 23:30:00+00:00", tick=False):
    exploration = create_exploration(me, title="Is UX research for me?",
                                     target_position="UX researcher")
    talk = log_ask(me, person=create_person(me, name="Grace Hopper", priority=3),
                   exploration=exploration, on=date(2026, 11, 2), channel="email",
                   approach="direct")
    log_event(me, talk, EventKind.REPLIED, on=date(2026, 11, 4), outcome=Outcome.ACCEPTED)
    log_event(me, talk, EventKind.SCHEDULED, on=date(2026, 11, 5),
              meeting_on=date(2026, 11, 20))
    log_event(me, talk, EventKind.HELD, on=date(2026, 11, 20))
    add_referral(me, talk, name="Ada Lovelace")
    add_referral(me, talk, name="Alan Turing")
day = date(2026, 11, 25)
tasks = tasks_on(me, day)
conversations = [t.key for t in tasks if t.conversation_id]
[referral] = [t.key for t in tasks if t.person_id and "Ada" in t.title]
marks = {"done": conversations[0], "dismissed": conversations[1],
         "snoozed": conversations[2], "referral": referral, "later": conversations[3]}
mark_task(me, marks["done"], "done", day)
mark_task(me, marks["dismissed"], "dismissed", day)
mark_task(me, marks["snoozed"], "snoozed", day, until=date(2026, 11, 27))
mark_task(me, marks["referral"], "dismissed", day)
mark_task(me, marks["later"], "done", date(2026, 11, 26))
print(json.dumps(marks))
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A seeded demo workspace plus a thread, referrals and marks: (folder, marks)."""
    folder = tmp_path_factory.mktemp("today")
    coffeechat(folder, "demo-data", *DEMO)
    marks = json.loads(coffeechat(folder, "manage", "shell", "-v", "0", "-c", ADD_THREAD_AND_MARKS))
    return folder, marks


@pytest.fixture
def copy(workspace, tmp_path):
    """A copy of the workspace for a test that changes it."""
    return shutil.copytree(workspace[0], tmp_path / "workspace")


def keys(listing: dict) -> set[str]:
    """The task keys of a `--json` listing (as Task.key spells them)."""
    return {
        f"{t['kind']}:{'c' if t['conversation'] else 'p'}"
        f"{t['conversation'] or t['person']}:{t['due']}"
        for t in listing["tasks"]
    }


# Over the years of the seeded history: nothing yet, decisions to tell, keep-in-touch,
# the busy week of the seed's "today" with its marks, a snooze that ends, later years.
DAYS = [
    "2019-06-03",
    "2024-03-04",
    "2025-10-22",
    "2026-11-20",
    "2026-11-25",
    "2026-11-26",
    "2026-11-27",
    "2026-12-20",
    "2028-12-29",
]


def test_the_fast_path_lists_what_the_django_path_lists_on_every_day(workspace):
    folder, marks = workspace
    listings = {}
    for day in DAYS:
        slow, fast = both_paths(folder, "--on", day, "--json")
        assert fast == slow, day
        listings[day] = json.loads(fast)
    tasks = [task for listing in listings.values() for task in listing["tasks"]]
    assert {task["kind"] for task in tasks} == {kind.value for kind in TaskKind}
    assert {task["when"] for task in tasks} == {bucket.label for bucket in Bucket}
    assert listings["2019-06-03"]["tasks"] == []
    # The marks were read: hidden on their day, a later mark only from its day on, and
    # the snoozed task back when the snooze ends.
    on_the_day = keys(listings["2026-11-25"])
    assert not {marks["done"], marks["dismissed"], marks["snoozed"], marks["referral"]} & on_the_day
    assert marks["later"] in on_the_day and marks["later"] not in keys(listings["2026-11-26"])
    assert marks["snoozed"] in keys(listings["2026-11-27"])


@pytest.mark.parametrize("day", ["2019-06-03", "2026-11-25", "2028-12-29"])
def test_the_fast_path_prints_the_same_table(workspace, day):
    slow, fast = both_paths(workspace[0], "--on", day)
    assert fast == slow
    assert fast.startswith("As of ")


def test_the_default_country_and_cadence_reach_the_fast_path(workspace):
    """Christmas in Germany moves business days, and a longer horizon shows more."""
    folder, _ = workspace
    plain, _ = both_paths(folder, "--on", "2026-12-21", "--json")
    env = {
        "COFFEECHAT_COUNTRY": "de",
        "COFFEECHAT_TODAY_HORIZON": "30",
        "COFFEECHAT_FOLLOW_UP_AFTER": "6",
    }
    slow, fast = both_paths(folder, "--on", "2026-12-21", "--json", **env)
    assert fast == slow
    assert fast != plain


def test_a_region_reaches_the_fast_path(workspace):
    """Saxony keeps Repentance Day (Wednesday 18 November 2026), Germany as a whole does
    not: COFFEECHAT_COUNTRY=DE-SN moves business days on both paths alike."""
    folder, _ = workspace
    env = {"COFFEECHAT_TODAY_HORIZON": "30"}
    germany, _ = both_paths(folder, "--on", "2026-11-16", "--json", COFFEECHAT_COUNTRY="DE", **env)
    slow, fast = both_paths(
        folder, "--on", "2026-11-16", "--json", COFFEECHAT_COUNTRY="de-sn", **env
    )
    assert fast == slow
    assert fast != germany


def test_an_unknown_default_country_is_a_clear_error(workspace):
    folder, _ = workspace
    result = subprocess.run(
        [sys.executable, "-m", "coffeechat.cli.main", "today", "--data-dir", str(folder)],
        env=environment(COFFEECHAT_COUNTRY="GB-XX"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "COFFEECHAT_COUNTRY: 'GB-XX': GB has no region XX" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_profile_country_reaches_the_fast_path(copy):
    """The profile's country wins over the default: Thanksgiving (26 November 2026) is
    not a business day in the United States."""
    german, _ = today(copy, "--on", "2026-11-25", "--json", COFFEECHAT_COUNTRY="DE")
    coffeechat(
        copy,
        "manage",
        "shell",
        "-v",
        "0",
        "-c",
        (
            "from coffeechat.accounts.services import local_user, profile_for, update_profile;"
            "me = local_user(); update_profile(me, profile_for(me).version, country='us')"
        ),
    )
    slow, fast = both_paths(copy, "--on", "2026-11-25", "--json", COFFEECHAT_COUNTRY="DE")
    assert fast == slow
    assert fast != german


def test_without_a_date_both_paths_list_the_same_today(copy):
    slow, fast = both_paths(copy, "--json")
    assert fast == slow


def test_the_fast_path_writes_nothing(copy):
    today(copy, "--on", "2026-11-25")  # the due dates for this year are current now
    before = hashlib.sha256((copy / "coffeechat.sqlite3").read_bytes()).hexdigest()
    _, started = today(copy, "--on", "2026-11-25")
    assert not started
    assert hashlib.sha256((copy / "coffeechat.sqlite3").read_bytes()).hexdigest() == before
    assert (
        not (copy / "coffeechat.sqlite3-wal").exists()
        or (copy / "coffeechat.sqlite3-wal").stat().st_size == 0
    )


def test_the_fast_path_imports_no_django_at_all(copy):
    today(copy, "--on", "2026-11-25")
    code = (
        "import sys; from coffeechat.cli.main import main; "
        f"main(['today', '--data-dir', {str(copy)!r}, '--on', '2026-11-25']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'django', 'asgiref', 'holidays', 'dj_database_url', 'platformdirs'}), "
        "file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment(), capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == "[]"


# ---- when the fast path stands aside --------------------------------------------------


def test_stale_due_dates_are_recomputed_by_the_django_path(copy):
    """A conversation whose due date is stale and, so far, wrong (say an event was just
    logged) is in the list: the fast path would have missed it."""
    listed, _ = today(copy, "--on", "2026-11-25", "--json")
    pk = next(t["conversation"] for t in json.loads(listed)["tasks"] if t["conversation"])
    [(due,)] = sql(copy, "SELECT next_due FROM conversations_conversation WHERE id = ?", pk)
    sql(
        copy, "UPDATE conversations_conversation SET next_due = NULL, due_key = '' WHERE id = ?", pk
    )
    out, started = today(copy, "--on", "2026-11-25", "--json")
    assert started and out == listed
    assert sql(copy, "SELECT next_due FROM conversations_conversation WHERE id = ?", pk) == [(due,)]
    assert today(copy, "--on", "2026-11-25", "--json") == (out, False)


def test_pending_migrations_send_the_run_through_django(copy):
    fast, _ = today(copy, "--on", "2026-11-25", "--json")
    (copy / "schema-stamp").write_text("migrations of an older version")
    out, started = today(copy, "--on", "2026-11-25", "--json")
    assert started and out == fast
    assert (copy / "schema-stamp").read_text() == migration_fingerprint()


def test_a_workspace_without_the_local_profile_goes_through_django(copy):
    fast, _ = today(copy, "--on", "2026-11-25", "--json")
    sql(copy, "DELETE FROM accounts_profile")
    out, started = today(copy, "--on", "2026-11-25", "--json")
    assert started and out == fast
    assert sql(copy, "SELECT count(*) FROM accounts_profile") == [(1,)]


def test_a_new_workspace_goes_through_django(tmp_path):
    out, started = today(tmp_path, "--on", "2026-11-25", "--json")
    assert started and json.loads(out) == {"on": "2026-11-25", "tasks": []}
    assert today(tmp_path, "--on", "2026-11-25", "--json") == (out, False)


def test_database_url_sends_the_run_through_django(copy):
    """The workspace's own file, named by DATABASE_URL: the same list, read by Django."""
    fast, _ = today(copy, "--on", "2026-11-25", "--json")
    url = f"sqlite:///{copy / 'coffeechat.sqlite3'}"
    assert today(copy, "--on", "2026-11-25", "--json", DATABASE_URL=url) == (fast, True)


def test_on_postgresql_the_list_comes_from_postgresql(copy, scratch_postgres):
    """The folder still holds a current SQLite file full of tasks; PostgreSQL has none."""
    out, started = today(copy, "--on", "2026-11-25", "--json", DATABASE_URL=scratch_postgres)
    assert started and json.loads(out)["tasks"] == []


# ---- the day, when none is given ------------------------------------------------------


@pytest.mark.parametrize(
    "zone, expected", [("Asia/Tokyo", date(2026, 11, 26)), ("America/New_York", date(2026, 11, 25))]
)
def test_today_is_the_day_django_would_say(settings, monkeypatch, zone, expected):
    import time_machine
    from django.utils import timezone

    from coffeechat.cli.today import local_today

    monkeypatch.setenv("COFFEECHAT_TIME_ZONE", zone)
    settings.TIME_ZONE = zone
    with time_machine.travel(datetime(2026, 11, 25, 23, 30, tzinfo=UTC), tick=False):
        assert local_today() == timezone.localdate() == expected
