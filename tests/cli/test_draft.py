"""`ask --draft` and `thank --draft` (issue 23): the CLI, as a real process, asks the
scripted OpenAI-compatible server on 127.0.0.1 over HTTP through the assistant's own
service, and holds the draft to the checker as the web's "Draft with assistant" does."""

import json

import pytest

from tests.assistant.fake_openai import scripted_server, text
from tests.assistant.helpers import GOOD_ASK, JOB_REQUEST
from tests.cli.test_cli import coffeechat

THANKS = (
    "Dear Priya,\n\nThank you for your time last week. What you said about research "
    "that changes a roadmap stays with me.\n\nSam"
)


@pytest.fixture
def model_server(monkeypatch):
    yield from scripted_server(monkeypatch, timeout=5)


@pytest.fixture
def run(tmp_path):
    def call(*args, check=True):
        return coffeechat(*args, data_dir=tmp_path, check=check)

    call(
        "explorations",
        "add",
        "--title",
        "Should I move into UX research?",
        "--target",
        "UX researcher",
        "--field",
        "user research",
    )
    call(
        "people",
        "add",
        "--name",
        "Priya Raman",
        "--title",
        "UX researcher",
        "--organization",
        "Acme",
        "--exploration",
        "1",
        "--email",
        "priya@example.com",
    )
    return call


def shell(run, script: str) -> str:
    return run(
        "manage",
        "shell",
        "-v",
        "0",
        "-c",
        "from coffeechat.accounts.services import local_user\n"
        "from coffeechat.assistant import services as s\n" + script,
    ).stdout


def turn_on(run, server, agree=True):
    shell(
        run,
        f"s.save_settings(local_user(), enabled=True, url='{server.url}', "
        f"model='tiny-test')" + ("\ns.consent(local_user())" if agree else ""),
    )


def sent_log(run) -> list[str]:
    return json.loads(
        shell(
            run,
            "import json\nprint(json.dumps([r.outcome for r in "
            "s.sent_log_for(local_user()).order_by('pk')]))",
        )
    )


def test_draft_is_refused_with_exit_2_while_off_or_not_allowed(run, model_server, monkeypatch):
    result = run("ask", "Priya Raman", "--draft", check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert "coffeechat ask: --draft: No model is set up yet" in result.stderr
    turn_on(run, model_server)
    shell(
        run,
        f"s.save_settings(local_user(), enabled=False, url='{model_server.url}', "
        "model='tiny-test')",
    )
    result = run("thank", "Priya Raman", "--draft", check=False)
    assert result.returncode == 2
    assert "--draft: The writing assistant is off: turn it on in Settings" in result.stderr
    turn_on(run, model_server)
    monkeypatch.setenv("COFFEECHAT_ASSISTANT_ALLOWED", "0")
    result = run("ask", "Priya Raman", "--draft", check=False)
    assert result.returncode == 2
    assert "The administrator has not allowed the writing assistant here." in result.stderr
    assert model_server.requests == []


def test_before_the_first_draft_the_request_is_shown_and_nothing_sent(run, model_server):
    turn_on(run, model_server, agree=False)
    result = run("ask", "Priya Raman", "--draft", check=False)
    assert result.returncode == 2 and model_server.requests == []
    assert model_server.url in result.stderr and "tiny-test" in result.stderr
    assert "Priya Raman" in result.stderr and "priya@example.com" not in result.stderr
    assert "run the command again with --agree" in result.stderr
    model_server.reply(text(GOOD_ASK))
    assert "Could you spare 15 minutes" in run("ask", "1", "--draft", "--agree").stdout
    assert "Could you spare 15 minutes" in run("ask", "1", "--draft").stdout  # agreed once


def test_a_draft_that_asks_for_a_job_is_written_again_and_not_sent(run, model_server):
    turn_on(run, model_server)
    model_server.reply(text(JOB_REQUEST), text(GOOD_ASK))
    result = run("ask", "Priya Raman", "--draft", "--json")
    out = json.loads(result.stdout)
    assert out["body"] == GOOD_ASK and out["logged"] is False and out["sent"] is False
    assert out["assistant"]["model"] == "tiny-test"
    assert len(out["assistant"]["written_again"]) == 1
    assert "The checker found:" in result.stderr and "writing it again" in result.stderr
    assert len(model_server.requests) == 2  # the second carries the findings back
    assert "refer me" in model_server.requests[1]["body"]["messages"][-2]["content"]
    assert run("conversations", "list", "--json", check=False).stdout.strip() in ("", "[]")


def test_a_job_request_drafted_three_times_is_shown_with_findings_and_send_refused(
    run, model_server
):
    turn_on(run, model_server)
    model_server.reply(text(JOB_REQUEST))
    shown = run("ask", "Priya Raman", "--draft")
    assert "refer me" in shown.stdout and "[error]" in shown.stdout
    assert "Draft 2 was written again" in shown.stdout
    assert len(model_server.requests) == 3  # the first and at most two more
    refused = run("ask", "Priya Raman", "--draft", "--send", check=False)
    assert refused.returncode == 2
    assert "the checker found an error (above)" in refused.stderr
    assert "Nothing was logged." in refused.stderr
    # The refusal saved nothing, yet the log of what went to the model keeps every request.
    assert sent_log(run) == ["answered"] * 6


def test_thank_draft_prints_the_assistants_note_and_logs_nothing(run, model_server, tmp_path):
    turn_on(run, model_server)
    run("ask", "Priya Raman", "--log", "--anyway")
    findings = tmp_path / "findings.md"
    findings.write_text("## likes\nResearch that changes a roadmap is the best kind.\n")
    run("findings", "Priya Raman", "--file", str(findings))
    model_server.reply(text(THANKS))
    out = json.loads(run("thank", "Priya Raman", "--draft", "--json").stdout)
    assert out["note"] == THANKS and out["logged"] is False
    assert out["assistant"]["findings"] == []
    prompt = model_server.requests[0]["body"]["messages"][-1]["content"]
    assert "changes a roadmap" in prompt
    assert [row["kind"] for row in out["history"]] == ["asked"]
    text_out = run("thank", "Priya Raman", "--draft").stdout
    assert text_out.startswith(THANKS) and "Drafted by the assistant (tiny-test)." in text_out
