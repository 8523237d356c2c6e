"""`coffeechat serve` as a user starts it: a real server process on a free port."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coffeechat.cli.main",
            "serve",
            "--demo",
            "--data-dir",
            str(tmp_path),
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process, f"http://127.0.0.1:{port}"
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_demo_shows_a_living_workspace_and_stops_on_ctrl_c(server, tmp_path):
    process, url = server
    home = wait_for(url + "/")
    assert "Overdue" in home and "Prepare your questions for Priya Raman" in home
    assert "Daniel Okafor" in wait_for(url + "/people/")
    assert "htmx" in wait_for(url + "/static/coffeechat/htmx-2.0.11.min.js")
    assert (tmp_path / "coffeechat.sqlite3-wal").exists()

    process.send_signal(signal.SIGINT)  # what Ctrl-C sends
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert f"coffeechat is running at {url}/" in output
    assert "Demo workspace created." in output
