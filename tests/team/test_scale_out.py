"""Two web processes over one database, as docs/DEPLOY.md runs them behind a proxy
(SPEC M2): a session begun on one is valid on the other, a form rendered by one is
accepted by the other, data written through one is read through the other, and a
logout on one ends the session on both. Web processes keep no state of their own.

On PostgreSQL (DATABASE_URL set) the two servers share a fresh database made for this
test; otherwise they share one SQLite file in WAL mode.
"""

import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.cli.test_serve import free_port

HOST = "coffeechat.test"  # the name the proxy serves; both processes answer to it
PASSWORD = "correct horse battery staple"


@contextmanager
def shared_database():
    """DATABASE_URL for the servers: a database of their own, dropped afterwards."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    name = f"coffeechat_scale_{secrets.token_hex(4)}"
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit(parts._replace(path=f"/{name}"))
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def coffeechat(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "coffeechat.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


@pytest.fixture
def two_servers(tmp_path):
    with running_servers(tmp_path) as (servers, invitation, _):
        yield servers, invitation


@contextmanager
def running_servers(tmp_path, threads: int = 2):
    """Two `serve` processes of one worker each; yields them, the path of an invitation
    and the environment they run with (for `coffeechat` commands on the same data)."""
    with shared_database() as database_url:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            COFFEECHAT_MODE="team",
            COFFEECHAT_DATA_DIR=str(tmp_path),
            COFFEECHAT_BEHIND_PROXY="true",
            COFFEECHAT_ALLOWED_HOSTS=HOST,
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        coffeechat(env, "manage", "migrate", "--verbosity", "0")
        link = coffeechat(env, "invite", "alice@example.org", "--base-url", f"https://{HOST}")
        ports = [free_port(), free_port()]
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "coffeechat.cli.main",
                    "serve",
                    "--port",
                    str(port),
                    "--workers",
                    "1",
                    "--threads",
                    str(threads),
                    "--no-worker",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for port in ports
        ]
        try:
            servers = [Browser(port) for port in ports]
            for server in servers:
                server.wait_until_up()
            yield servers, urlsplit(link.strip()).path, env
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()


class Browser:
    """One process reached as the proxy would reach it: HTTPS said by X-Forwarded-Proto.
    The cookie jar is shared by passing it along, as one browser talks to both."""

    def __init__(self, port: int):
        self.port = port

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                if self.request("GET", "/account/login/", {})[0] == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"server on port {self.port} did not start")
            time.sleep(0.3)

    def request(self, method, path, cookies: dict, form=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        sent = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "192.0.2.10",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            **(headers or {}),
        }
        body = None
        if form is not None:
            from urllib.parse import urlencode

            body = urlencode(form)
            sent.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": f"https://{HOST}",
                    "Referer": f"https://{HOST}{path}",
                }
            )
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie(header)
            for key, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    cookies.pop(key, None)
                else:
                    cookies[key] = morsel.value
        connection.close()
        return response.status, text, response.headers


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def test_two_processes_share_sessions_and_data(two_servers):
    (a, b), invitation = two_servers
    cookies = {}
    _, page, _ = a.request("GET", invitation, cookies)
    status, _, _ = b.request(
        "POST",
        invitation,
        cookies,
        {
            "csrfmiddlewaretoken": csrf_token(page),
            "username": "alice",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert status == 302, "a form rendered by one process is accepted by the other"
    assert "__Host-sessionid" in cookies

    assert a.request("GET", "/people/", cookies)[0] == 200  # logged in on both
    assert b.request("GET", "/people/", cookies)[0] == 200

    _, page, _ = a.request("GET", "/settings/tokens/", cookies)
    status, page, _ = b.request(
        "POST",
        "/settings/tokens/",
        cookies,
        {"csrfmiddlewaretoken": csrf_token(page), "name": "scale-out"},
    )
    token = re.search(r'id="token-secret" value="(cc_[^"]+)"', page)[1]

    api = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection = http.client.HTTPConnection("127.0.0.1", a.port, timeout=20)
    connection.request(
        "POST",
        "/api/v1/people",
        body=json.dumps({"name": "Grace Hopper"}),
        headers={"Host": HOST, "X-Forwarded-Proto": "https", **api},
    )
    assert connection.getresponse().status == 201
    connection.close()
    _, listing, _ = b.request("GET", "/people/", cookies)
    assert "Grace Hopper" in listing, "written through one, read through the other"

    _, page, _ = b.request("GET", "/people/", cookies)
    before_logout = dict(cookies)
    assert (
        a.request("POST", "/account/logout/", cookies, {"csrfmiddlewaretoken": csrf_token(page)})[0]
        == 302
    )
    for server in (a, b):  # the old cookie, replayed, opens nothing on either process
        status, _, headers = server.request("GET", "/people/", dict(before_logout))
        assert status == 302 and headers["Location"].startswith("/account/login/")
