"""The journey commands and the fixes of issue 21, one behaviour each, as real processes."""

import json
import os
import subprocess
import sys

import pytest

from tests.cli.test_cli import coffeechat
from tests.cli.test_journey import add_ux_exploration
from tests.conftest import free_port


@pytest.fixture
def run(tmp_path):
    def call(*args, check=True):
        return coffeechat(*args, data_dir=tmp_path, check=check)

    return call


@pytest.fixture
def dana(run):
    add_ux_exploration(run)
    run(
        "people",
        "add",
        "--name",
        "Dana Reyes",
        "--organization",
        "Acme",
        "--level",
        "same",
        "--exploration",
        "1",
        "--email",
        "dana@acme.example",
    )
    return run


def test_people_add_warns_of_a_duplicate_at_an_organization_typed_by_name(dana):
    result = dana("people", "add", "--name", "Dana Reyes", "--organization", "acme", check=False)
    assert result.returncode == 2
    assert "this may be someone you already have: Dana Reyes (id 1" in result.stderr
    assert len(json.loads(dana("people", "list", "--json").stdout)) == 1


def test_a_closed_exploration_is_said_to_be_closed(dana):
    dana("explorations", "add", "--title", "Old question", "--target", "x")
    dana("explorations", "close", "Old question", "--decision", "No", "--on", "2026-11-01")
    for args in (
        ("people", "add", "--name", "Lee", "--exploration", "2"),
        ("ask", "Dana Reyes", "--exploration", "Old question"),
    ):
        result = dana(*args, check=False)
        assert result.returncode == 2, args
        assert "--exploration: 'Old question' was closed on 01 Nov 2026" in result.stderr
        assert "Select a valid choice" not in result.stderr


def test_levels_print_with_the_web_labels_and_json_keeps_the_value(dana):
    assert "At the target" in dana("people", "list").stdout
    assert "At the target" in dana("people", "show", "Dana Reyes").stdout
    assert json.loads(dana("people", "show", "1", "--json").stdout)["level"] == "same"


def test_a_missing_required_value_prints_the_subcommands_usage(dana):
    result = dana("people", "add", "--title", "x", check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: coffeechat people add")
    assert "--name (Name): This field is required." in result.stderr
    result = dana("schedule", "Dana Reyes", check=False)
    assert result.returncode == 2 and result.stderr.startswith("usage: coffeechat schedule")
    assert "--at" in result.stderr


def test_an_ambiguous_name_lists_the_choices(dana):
    dana("people", "add", "--name", "Dana Smith", "--json")
    result = dana("ask", "dana", check=False)
    assert result.returncode == 2
    assert "PERSON: 'dana' fits 2 people; give the id of one:" in result.stderr
    assert "1  Dana Reyes (Acme)" in result.stderr and "2  Dana Smith" in result.stderr
    unknown = dana("ask", "Nobody", check=False)
    assert unknown.returncode == 1 and "No person named 'Nobody'." in unknown.stderr


def test_a_step_the_method_does_not_allow_is_refused_naming_the_stage(dana):
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    result = dana("thank", "Dana Reyes", "--log", check=False)
    assert result.returncode == 2
    assert "A thank-you follows the conversation: log that it was held first." in result.stderr
    assert "usage:" not in result.stderr
    history = json.loads(
        dana(
            "reply",
            "Dana Reyes",
            "busy-now",
            "--on",
            "2026-11-24",
            "--callback",
            "2027-01-10",
            "--json",
        ).stdout
    )["history"]
    assert history[-1] == {
        "kind": "replied",
        "on": "2026-11-24",
        "outcome": "busy_now",
        "callback_on": "2027-01-10",
    }


def test_busy_now_needs_a_callback_day_naming_the_option(dana):
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    result = dana("reply", "Dana Reyes", "busy-now", check=False)
    assert result.returncode == 2
    assert "--callback (Ask again on): Pick a day to ask again." in result.stderr


def test_the_checker_refuses_a_job_request_unless_anyway(dana, tmp_path):
    message = tmp_path / "ask.txt"
    message.write_text(
        "Subject: A job?\n\nDear Dana, are you hiring? Please send me any job openings you have.\n"
    )
    refused = dana("ask", "1", "--text", str(message), "--log", check=False)
    assert refused.returncode == 2 and "the checker found an error" in refused.stderr
    assert json.loads(dana("today", "--json").stdout)["tasks"] == []
    logged = json.loads(
        dana("ask", "1", "--text", str(message), "--log", "--anyway", "--json").stdout
    )
    assert logged["logged"] and logged["subject"] == "A job?"


def test_a_refused_send_logs_nothing(dana, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        COFFEECHAT_EMAIL_HOST="127.0.0.1",
        COFFEECHAT_EMAIL_PORT=str(free_port()),
        COFFEECHAT_EMAIL_USE_TLS="false",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "ask",
            "--data-dir",
            str(tmp_path),
            "Dana Reyes",
            "--send",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Nothing was sent or logged" in result.stderr
    assert dana("note", "Dana Reyes").stdout.strip() == "(no notes yet)"
    assert "No conversation with Dana Reyes yet" in dana("held", "Dana Reyes", check=False).stderr


def test_schedule_writes_the_ics_and_reschedule_keeps_the_history(dana, tmp_path):
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    dana("reply", "Dana Reyes", "accepted", "--on", "2026-11-24")
    ics = tmp_path / "meeting.ics"
    dana(
        "schedule",
        "Dana Reyes",
        "--at",
        "2026-12-01 14:00",
        "--tz",
        "Europe/Berlin",
        "--on",
        "2026-11-24",
        "--ics",
        str(ics),
    )
    assert "DTSTART" in ics.read_text()
    moved = json.loads(
        dana(
            "reschedule",
            "Dana Reyes",
            "--at",
            "2026-12-02 09:30",
            "--reason",
            "ill",
            "--on",
            "2026-11-25",
            "--json",
        ).stdout
    )
    assert [e["kind"] for e in moved["history"]][-2:] == ["scheduled", "rescheduled"]
    assert moved["history"][-1]["starts_at"] == "2026-12-02T08:30:00+00:00"
    bad = dana(
        "schedule", "Dana Reyes", "--at", "2026-12-02 09:30", "--tz", "Mars/Base", check=False
    )
    assert bad.returncode == 2 and "--tz: Use a zone name such as Europe/Berlin." in bad.stderr


def test_plan_shows_what_fits_and_drops_a_question(dana):
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    plan = json.loads(dana("plan", "Dana Reyes", "--json").stdout)
    assert plan["agreed_minutes"] == 20 and plan["items"]
    first = plan["items"][0]["id"]
    after = json.loads(dana("plan", "Dana Reyes", "--drop", str(first), "--json").stdout)
    assert first not in [item["id"] for item in after["items"]]


def test_findings_refuse_an_unknown_topic_and_save_nothing(dana):
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "findings",
            "--data-dir",
            dana("people", "list").args[5],
            "Dana Reyes",
            "--file",
            "-",
        ],
        input="## likes\nyes\n## feelings\nno\n",
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        timeout=120,
    )
    assert result.returncode == 2
    assert "--file: line 3: 'feelings' is not a topic" in result.stderr
    assert json.loads(dana("findings", "1", "--json").stdout)["findings"] == {}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_come_from_argcomplete(shell):
    script = coffeechat("completion", shell).stdout
    assert "coffeechat" in script and "_ARGCOMPLETE" in script


def test_completion_answers_from_the_whole_command_line(tmp_path):
    """What the shell script asks: argcomplete's protocol, answered by the command."""
    out = tmp_path / "choices"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_IFS": "\n",
        "COMP_LINE": "coffeechat resch",
        "COMP_POINT": "16",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    subprocess.run(
        [sys.executable, "-m", "coffeechat.cli.main"], env=env, timeout=60, capture_output=True
    )
    assert out.read_text().split() == ["reschedule"]


def test_ask_edit_opens_the_editor_on_the_draft(dana, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["EDITOR"] = "sed -i -e s/^Dear/Hello/"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "ask",
            "--data-dir",
            str(tmp_path),
            "Dana Reyes",
            "--edit",
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    draft = json.loads(result.stdout)
    assert draft["body"].startswith("Hello Dana Reyes,") and not draft["logged"]
    assert draft["subject"] == "15 minutes of your view on UX research?"


def test_thank_send_emails_the_note_and_logs_it(dana, tmp_path, smtp_server):
    import email
    from email import policy

    inbox, port = smtp_server
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    dana("reply", "Dana Reyes", "accepted", "--on", "2026-11-24")
    dana("schedule", "Dana Reyes", "--at", "2026-12-01 14:00", "--on", "2026-11-24")
    dana("held", "Dana Reyes", "--on", "2026-12-01")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        COFFEECHAT_EMAIL_HOST="127.0.0.1",
        COFFEECHAT_EMAIL_PORT=str(port),
        COFFEECHAT_EMAIL_USE_TLS="false",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "thank",
            "--data-dir",
            str(tmp_path),
            "Dana Reyes",
            "--send",
            "--on",
            "2026-12-02",
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    thanked = json.loads(result.stdout)
    [envelope] = inbox.messages
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert envelope.rcpt_tos == ["dana@acme.example"] and message["Subject"] == "Thank you"
    assert message.get_content().replace("\r\n", "\n").strip() == thanked["note"].strip()
    assert thanked["history"][-1]["kind"] == "thanked"


def test_a_decline_with_a_name_adds_the_referral_and_proposes_the_answer(dana):
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    reply = json.loads(
        dana(
            "reply",
            "Dana Reyes",
            "too-busy",
            "--suggested",
            "Sam Ortiz",
            "--on",
            "2026-11-24",
            "--json",
        ).stdout
    )
    assert reply["history"][-1]["outcome"] == "declined_busy"
    assert "Dana" in reply["answer"] and reply["next_step"]
    assert reply["ask_next"].startswith("Sam Ortiz (coffeechat ask ")
    sam = json.loads(dana("people", "show", "Sam Ortiz", "--json").stdout)
    assert sam["how_found"] == "referral"


def test_a_note_on_a_conversation_is_a_dated_note_of_the_person(dana):
    dana("ask", "Dana Reyes", "--log", "--on", "2026-11-23")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "note",
            "--data-dir",
            dana("people", "list").args[5],
            "1",
            "-",
        ],
        input="Prefers mornings.\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
    )
    assert (
        json.loads(dana("note", "1", "--json").stdout)["notes"][0]["text"].strip()
        == "Prefers mornings."
    )
    person_notes = json.loads(dana("note", "Dana Reyes", "--json").stdout)["notes"]
    assert [n["conversation"] for n in person_notes] == [1]
    assert "Prefers mornings." in result.stdout
    empty = dana("note", "Dana Reyes", "  ", check=False)
    assert empty.returncode == 2 and "TEXT: A note needs some text." in empty.stderr


def test_the_report_as_html_and_pdf_files(dana, tmp_path):
    html = tmp_path / "report.html"
    dana("report", "1", "--format", "html", "-o", str(html))
    assert (
        "<html" in html.read_text().lower()
        and "Should I move into UX research?" in html.read_text()
    )
    refused = dana("report", "1", "--format", "pdf", check=False)
    assert refused.returncode == 2 and "--output: a PDF goes to a file" in refused.stderr
    pdf = tmp_path / "report.pdf"
    dana("report", "Should I move", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_an_ask_sent_saying_a_resume_is_attached_needs_one_kept(dana, tmp_path):
    """Issue 24 (SPEC O3): --send --resume attaches the résumé kept under Settings → Files;
    without one kept, nothing is sent or logged. (The web tests send one: it is the same
    service, tests/outreach/test_files.py.)"""
    refused = dana("ask", "Dana Reyes", "--send", "--resume", "--anyway", check=False)
    assert refused.returncode == 2
    assert "--resume: no résumé is kept yet" in refused.stderr
    import sqlite3

    with sqlite3.connect(next(tmp_path.glob("*.sqlite3"))) as workspace:
        assert workspace.execute("SELECT count(*) FROM conversations_event").fetchone() == (0,)
