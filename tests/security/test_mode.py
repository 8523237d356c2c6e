"""One parsed, checked mode for the whole program (issue 18, finding 5): the settings
and `serve`'s loopback-only guard read it through the same function, so a server can
never run login-less on a public address because the two read the environment apart."""

import os
import signal
import subprocess
import sys

import pytest

from coffeechat import config
from tests.cli.test_serve import free_port


@pytest.fixture
def environment(monkeypatch):
    monkeypatch.delenv("COFFEECHAT_MODE", raising=False)
    monkeypatch.delenv("COFFEECHAT_MODE_FILE", raising=False)
    return monkeypatch


@pytest.mark.parametrize("written", ["Personal", "PERSONAL", "personal ", " personal\n"])
def test_personal_is_read_however_it_is_written(environment, written):
    environment.setenv("COFFEECHAT_MODE", written)
    assert config.mode() == "personal"


def test_team_is_read_however_it_is_written(environment):
    environment.setenv("COFFEECHAT_MODE", " Team\n")
    assert config.mode() == "team"


def test_no_mode_at_all_is_personal(environment):
    assert config.mode() == "personal"


def test_the_mode_file_wins_over_the_variable(environment, tmp_path):
    (tmp_path / "mode").write_text("personal\n")
    environment.setenv("COFFEECHAT_MODE", "team")
    environment.setenv("COFFEECHAT_MODE_FILE", str(tmp_path / "mode"))
    assert config.mode() == "personal"


@pytest.mark.parametrize("written", ["bogus", "", "  ", "personal team", "teams"])
def test_any_other_value_stops_the_program_naming_the_setting(environment, written):
    environment.setenv("COFFEECHAT_MODE", written)
    with pytest.raises(SystemExit) as stopped:
        config.mode()
    assert "COFFEECHAT_MODE" in str(stopped.value.code)
    assert "it must be 'personal' or 'team'" in str(stopped.value.code)


def test_an_unreadable_mode_file_stops_the_program(environment, tmp_path):
    environment.setenv("COFFEECHAT_MODE_FILE", str(tmp_path / "missing"))
    with pytest.raises(SystemExit) as stopped:
        config.mode()
    assert "cannot read the file" in str(stopped.value.code)


def serve(tmp_path, host="0.0.0.0", **variables):
    """`coffeechat serve` as started from a shell with these variables; if it wrongly
    starts, it is stopped after 30 s and the test fails on its exit status."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "COFFEECHAT_MODE", "COFFEECHAT_MODE_FILE"}
    }
    env.update(variables)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "serve",
            "--host",
            host,
            "--port",
            str(free_port()),
            "--data-dir",
            str(tmp_path),
            "--no-worker",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # its server workers, if any, are stopped with it
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    return process.returncode, out, err


def test_serve_refuses_a_public_address_when_the_mode_file_says_personal(tmp_path):
    (tmp_path / "mode").write_text("personal\n")
    code, _, err = serve(
        tmp_path, COFFEECHAT_MODE="team", COFFEECHAT_MODE_FILE=str(tmp_path / "mode")
    )
    assert code == 2
    assert "refusing to listen on 0.0.0.0 in personal mode" in err


@pytest.mark.parametrize("written", ["Personal", "PERSONAL", "personal "])
def test_serve_refuses_a_public_address_for_personal_however_written(tmp_path, written):
    code, _, err = serve(tmp_path, COFFEECHAT_MODE=written)
    assert code == 2
    assert "refusing to listen on 0.0.0.0 in personal mode" in err


def test_serve_stops_with_a_clear_message_on_an_unknown_mode(tmp_path):
    code, out, err = serve(tmp_path, host="127.0.0.1", COFFEECHAT_MODE="bogus")
    assert code == 1
    assert (
        "coffeechat: the mode in COFFEECHAT_MODE is 'bogus'; it must be 'personal' or 'team'" in err
    )
    assert "is running" not in out
