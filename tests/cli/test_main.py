"""The shell around every command: which parser is built, and a reader that goes away."""

import argparse
import os
import subprocess
import sys

import pytest

from coffeechat.cli.main import COMMANDS, build_parser


def subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return commands.choices[name]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_alone_parses_and_helps_as_in_the_whole_parser(name):
    whole, alone = build_parser(), build_parser(only=name)
    assert subparser(alone, name).format_help() == subparser(whole, name).format_help()
    assert alone.format_usage() == whole.format_usage()


def test_today_builds_no_other_command_and_imports_none_of_their_modules():
    code = (
        "import sys; from coffeechat.cli.main import build_parser; "
        "build_parser(only='today'); "
        "print(sorted(m for m in sys.modules if m.startswith('coffeechat.cli.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['coffeechat.cli.main', 'coffeechat.cli.today']"


def run_into_a_closed_pipe(*args, data_dir) -> subprocess.CompletedProcess:
    """`coffeechat ... | head -1`, with the reader gone before the first line is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    try:
        return subprocess.run(
            [sys.executable, "-m", "coffeechat.cli.main", *args, "--data-dir", str(data_dir)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [("today",), ("today", "--json"), ("explorations", "list")])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path, args):
    result = run_into_a_closed_pipe(*args, data_dir=tmp_path)
    assert result.stderr == ""
    assert result.returncode == 128 + 13  # as if ended by SIGPIPE, like `yes | head -1`
