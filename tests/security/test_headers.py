"""Response headers (ASVS 5.0 V3.4) and cookies, in both modes."""

import os
import subprocess
import sys

import pytest
from django.test import Client

from coffeechat.security import CONTENT_SECURITY_POLICY

DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
]


def test_the_policy_allows_no_inline_script():
    policy = CONTENT_SECURITY_POLICY
    for directive in DIRECTIVES:
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.parametrize("path", ["/", "/people/", "/does-not-exist/"])
def test_personal_mode_pages_carry_the_headers(db, path):
    response = Client().get(path)
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_team_mode_pages_add_hsts(client_of, alice):
    response = client_of(alice).get("/people/")
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Cache-Control"] == "no-store"


def test_the_login_page_carries_the_headers_too(team_mode, db):
    from tests.team.conftest import HttpsClient

    response = HttpsClient().get("/account/login/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "Strict-Transport-Security" in response


def test_api_answers_are_not_cached(alice):
    from coffeechat.api.services import create_token
    from tests.api.conftest import ApiClient

    response = ApiClient(create_token(alice, "t")[1]).get("people")
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_static_files_may_be_cached(db):
    response = Client().get("/static/coffeechat/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_check_deploy_is_clean_in_team_mode(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()  # the browser tests' switch is not production
        if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        COFFEECHAT_MODE="team",
        COFFEECHAT_DATA_DIR=str(tmp_path),
        COFFEECHAT_ALLOWED_HOSTS="coffeechat.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
