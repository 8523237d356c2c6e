"""One whole informational interview through the CLI alone, then through the web app:
Today, the history and the report come out the same (issue 21's done-when).

The CLI runs as real processes on a workspace of its own (a SQLite folder, or a
scratch PostgreSQL database when the suite runs on PostgreSQL); the web journey runs
through the Django test client on the test database. The ask goes out by SMTP to a real
server on loopback both times.
"""

import email
import json
import os
import re
import subprocess
import sys
from datetime import date
from email import policy

import pytest
from django.test import override_settings

from coffeechat.accounts.services import local_user
from coffeechat.cli.journey_actions import history_of
from coffeechat.conversations.models import Conversation, Finding
from coffeechat.explorations.services import explorations_for
from coffeechat.people.services import people_for

ASKED, REPLIED, AGREED, HELD, THANKED = (
    date(2026, 11, 23),
    date(2026, 11, 25),
    date(2026, 11, 25),
    date(2026, 12, 1),
    date(2026, 12, 2),
)
# Days to compare Today on: waiting for a reply, before the meeting, after the thank-you.
DAYS = [
    date(2026, 11, 24),
    date(2026, 12, 4),
    date(2026, 11, 30),
    date(2026, 12, 3),
    date(2027, 2, 1),
]
LIKES = "Field studies with real users, and seeing a team change its mind."
DISLIKES = "Slide decks nobody reads."
NOTE = "Met her at the UX meetup in October."


def cli_runner(data_dir, env_extra):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(env_extra)

    def run(*args, stdin=None):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "coffeechat.cli.main",
                args[0],
                "--data-dir",
                str(data_dir),
                *args[1:],
            ],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, (args, result.stderr)
        return result.stdout

    return run


def add_ux_exploration(run) -> None:
    """The exploration both CLI journeys start with."""
    run(
        "explorations",
        "add",
        "--title",
        "Should I move into UX research?",
        "--target",
        "UX researcher",
        "--field",
        "UX research",
    )


def cli_journey(run) -> dict:
    add_ux_exploration(run)
    run(
        "people",
        "add",
        "--name",
        "Dana Reyes",
        "--title",
        "UX researcher",
        "--organization",
        "Acme",
        "--level",
        "same",
        "--exploration",
        "UX research",
        "--email",
        "dana@acme.example",
    )
    asked = json.loads(run("ask", "Dana Reyes", "--send", "--on", ASKED.isoformat(), "--json"))
    assert asked["logged"] and asked["sent"]
    run("reply", "dana", "accepted", "--on", REPLIED.isoformat())
    run(
        "schedule",
        "dana",
        "--at",
        "2026-12-01 14:00",
        "--tz",
        "Europe/Berlin",
        "--minutes",
        "30",
        "--mode",
        "coffee",
        "--location",
        "Café Luna",
        "--cost",
        "4.50",
        "--on",
        AGREED.isoformat(),
    )
    run("plan", "dana")
    run("note", "dana", NOTE)
    run("held", "dana", "--on", HELD.isoformat())
    run("findings", "dana", "--file", "-", stdin=f"## likes\n{LIKES}\n\n## dislikes\n{DISLIKES}\n")
    thanked = json.loads(run("thank", "dana", "--log", "--on", THANKED.isoformat(), "--json"))
    run("referral", "dana", "Sam Ortiz", "--role", "Research lead", "--org", "Globex")
    report = run("report", "UX research")
    today = {
        day: json.loads(run("today", "--on", day.isoformat(), "--json"))["tasks"] for day in DAYS
    }
    notes = json.loads(run("note", "dana", "--json"))["notes"]
    findings = json.loads(run("findings", "dana", "--json"))["findings"]
    return {
        "today": today,
        "report": report,
        "history": thanked["history"],
        "findings": findings,
        "notes": [note["text"] for note in notes],
    }


def web_journey(client) -> dict:
    client.post(
        "/explorations/",
        {
            "title": "Should I move into UX research?",
            "target_position": "UX researcher",
            "field": "UX research",
            "decision_kind": "job",
        },
    )
    exploration = explorations_for(local_user()).get()
    response = client.post(
        "/people/new/",
        {
            "name": "Dana Reyes",
            "title": "UX researcher",
            "new_organization": "Acme",
            "exploration": exploration.pk,
            "level": "same",
            "email": "dana@acme.example",
            "how_found": "other",
            "priority": 2,
        },
    )
    assert response.status_code == 302
    person = people_for(local_user()).get()
    initial = client.get(f"/people/{person.pk}/compose/").context["form"].initial
    response = client.post(
        f"/people/{person.pk}/compose/",
        {
            "exploration": exploration.pk,
            "approach": initial["approach"],
            "form": "written",
            "channel": initial["channel"],
            "subject": initial["subject"],
            "body": initial["body"],
            "profile": "relaxed",
            "on": ASKED,
            "action": "smtp",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    conversation = Conversation.objects.get(person=person)
    url = f"/conversations/{conversation.pk}/"
    assert (
        client.post(url, {"kind": "replied", "on": REPLIED, "outcome": "accepted"}).status_code
        == 302
    )
    assert (
        client.post(
            url + "schedule/",
            {
                "meeting_date": "2026-12-01",
                "meeting_time": "14:00",
                "time_zone": "Europe/Berlin",
                "minutes": 30,
                "mode": "coffee",
                "location": "Café Luna",
                "cost": "4.50",
                "on": AGREED,
            },
        ).status_code
        == 302
    )
    assert (
        client.post(url + "plan/change/", {"action": "build", "shape": "mix_212"}).status_code
        == 302
    )
    assert client.post(f"/people/{person.pk}/notes/", {"text": NOTE}).status_code == 302
    assert client.post(url, {"kind": "held", "on": HELD}).status_code == 302
    assert client.post(url + "findings/", {"likes": LIKES, "dislikes": DISLIKES}).status_code == 302
    thanks = client.get(url + "findings/").context["thanks"]
    assert client.post(url, {"kind": "thanked", "on": THANKED, "text": thanks}).status_code == 302
    assert (
        client.post(
            url + "live/referral/",
            {
                "name": "Sam Ortiz",
                "title": "Research lead",
                "organization": "Globex",
                "back": "detail",
            },
        ).status_code
        == 302
    )
    report = client.get(f"/explorations/{exploration.pk}/report.md").content.decode()
    today = {}
    for day in DAYS:
        groups = client.get(f"/?on={day.isoformat()}").context["groups"]
        today[day] = [
            {
                "when": bucket.label,
                "due": task.due.isoformat(),
                "kind": task.kind.value,
                "task": task.title,
                "conversation": task.conversation_id,
                "person": task.person_id,
            }
            for bucket, tasks in groups
            for task in tasks
        ]
    conversation = Conversation.objects.get(pk=conversation.pk)
    return {
        "today": today,
        "report": report,
        "history": history_of(conversation),
        "findings": dict(
            Finding.objects.filter(conversation=conversation).values_list("topic", "text")
        ),
        "notes": [n.text for n in person.dated_notes.all()],
    }


def without_ids(value):
    """Ids differ between two workspaces; everything else must not."""
    if isinstance(value, dict):
        return {
            k: None if k in {"conversation", "person", "id", "person_id"} else without_ids(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    return (
        re.sub(r"/(people|conversations|explorations)/\d+", r"/\1/N", value)
        if isinstance(value, str)
        else value
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def cli_workspace(request, tmp_path):
    """The CLI's own workspace: a SQLite folder, or a scratch PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path, {}
    else:
        url = request.getfixturevalue("scratch_postgres")
        yield tmp_path, {"DATABASE_URL": url}


@pytest.mark.django_db(transaction=True)
def test_the_whole_journey_through_the_cli_matches_the_web(cli_workspace, client, smtp_server):
    inbox, port = smtp_server
    data_dir, env = cli_workspace
    mail = {
        "COFFEECHAT_EMAIL_HOST": "127.0.0.1",
        "COFFEECHAT_EMAIL_PORT": str(port),
        "COFFEECHAT_EMAIL_USE_TLS": "false",
    }
    run = cli_runner(data_dir, {**env, **mail})
    by_cli = cli_journey(run)
    with override_settings(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    ):
        by_web = web_journey(client)

    # The ask went out by SMTP both times, the same message to the same address.
    first, second = (
        email.message_from_bytes(m.content, policy=policy.default) for m in inbox.messages
    )
    assert [m.rcpt_tos for m in inbox.messages] == [["dana@acme.example"]] * 2
    assert first["Subject"] == second["Subject"] and first.get_content() == second.get_content()

    assert any(by_web["today"][day] for day in DAYS)  # the comparison compares something
    for day in DAYS:
        assert without_ids(by_cli["today"][day]) == without_ids(by_web["today"][day]), day
    assert [e["kind"] for e in by_cli["history"]] == [
        "asked",
        "replied",
        "scheduled",
        "held",
        "thanked",
    ]
    assert by_cli["history"] == by_web["history"]
    assert by_cli["findings"] == by_web["findings"]
    assert by_cli["notes"] == by_web["notes"]
    assert "Dana Reyes (met)" in by_cli["report"] and LIKES in by_cli["report"]
    assert without_ids(by_cli["report"]) == without_ids(by_web["report"])
