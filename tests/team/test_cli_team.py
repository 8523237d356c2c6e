"""`coffeechat invite` and `coffeechat token`, run as an admin runs them."""

import re

from tests.cli.test_cli import coffeechat


def test_invite_prints_a_one_time_link(tmp_path):
    result = coffeechat(
        "invite",
        "dora@example.org",
        "--admin",
        "--base-url",
        "https://coffeechat.example.org",
        data_dir=tmp_path,
    )
    assert re.fullmatch(
        r"https://coffeechat\.example\.org/account/invitation/[\w-]{40,}/\n", result.stdout
    )
    assert "Valid once, for 7 days." in result.stderr


def test_tokens_are_made_listed_and_revoked(tmp_path):
    secret = coffeechat("token", "create", "laptop", data_dir=tmp_path).stdout.strip()
    assert secret.startswith("cc_")
    listed = coffeechat("token", "list", data_dir=tmp_path).stdout
    assert f"{secret[:10]}…  laptop  last used never" in listed
    assert secret not in listed
    assert coffeechat("token", "revoke", "1", data_dir=tmp_path).stdout == "Token 1 revoked.\n"
    assert "(revoked)" in coffeechat("token", "list", data_dir=tmp_path).stdout


def test_team_mode_tokens_need_an_account(tmp_path, monkeypatch):
    monkeypatch.setenv("COFFEECHAT_MODE", "team")
    result = coffeechat("token", "list", data_dir=tmp_path, check=False)
    assert result.returncode == 2 and "--user USERNAME" in result.stderr
