import json
import subprocess
import sys

JOB = "Hi Ana, are you hiring? Please consider my application for any openings."
GOOD = (
    "Hello Ana, your talk at the UX meetup stayed with me. I am exploring research roles "
    "in the health field and would value your view. Could you spare 15 minutes next week?"
)


def check(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "coffeechat.cli.main", "check", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_job_request_fails_with_the_offending_words(tmp_path):
    path = tmp_path / "ask.txt"
    path.write_text(JOB)
    result = check(str(path))
    assert result.returncode == 1
    assert "ERROR:" in result.stdout and "are you hiring" in result.stdout


def test_a_good_message_from_standard_input_passes():
    result = check("-", stdin=GOOD)
    assert result.returncode == 0, result.stdout


def test_strict_turns_warnings_into_errors():
    rambling = "Hello. I would like to talk. " * 20
    assert check("-", stdin=rambling).returncode == 0
    assert check("-", "--strict", stdin=rambling).returncode == 1


def test_json_output_lists_rule_ids():
    findings = json.loads(check("-", "--json", stdin=JOB).stdout)
    assert "job_request" in {finding["rule"] for finding in findings}


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = check(str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "cannot read" in result.stderr
