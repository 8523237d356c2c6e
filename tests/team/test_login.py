"""Login, logout and sessions in team mode (ASVS 5.0 V6, V7)."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from coffeechat.accounts import throttle
from coffeechat.accounts.team_forms import PASSWORD_MAX

from .conftest import PASSWORD, HttpsClient


def log_in(client, username="alice", password=PASSWORD, address="10.0.0.1"):
    return client.post(
        "/account/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_personal_mode_has_no_login_page(db):
    assert Client().get("/account/login/").status_code == 404
    assert Client().get("/").status_code == 200


def test_team_mode_sends_a_stranger_to_the_login_page(team_mode, db):
    response = HttpsClient().get("/people/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/people/"


def test_plain_http_is_redirected_to_https(team_mode, db):
    response = Client().get("/account/login/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_login_issues_a_new_session_id(team_mode, alice):
    client = HttpsClient()
    planted = client.session  # a session the attacker could have fixed beforehand
    planted["x"] = 1
    planted.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    assert log_in(client).status_code == 302
    assert session_key(client) != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()


def test_the_session_cookie_is_secure_httponly_and_samesite(team_mode, alice):
    client = HttpsClient()
    log_in(client)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.key == "__Host-sessionid"
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/" and not cookie["domain"]
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf.key == "__Host-csrftoken" and csrf["secure"] and csrf["httponly"]


def test_a_wrong_password_names_no_detail(team_mode, alice):
    response = log_in(HttpsClient(), password="wrong password")
    assert response.status_code == 400
    assert "Please enter a correct username and password" in response.content.decode()


def test_logout_ends_the_session_on_the_server(team_mode, alice):
    client = HttpsClient()
    log_in(client)
    key = session_key(client)
    assert client.post("/account/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = HttpsClient()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert replay.get("/people/").status_code == 302


def test_an_idle_session_ends(team_mode, alice):
    client = HttpsClient()
    with time_machine.travel("2026-11-20 09:00", tick=False) as clock:
        log_in(client)
        key = session_key(client)
        clock.shift(timedelta(minutes=59))
        assert client.get("/people/").status_code == 200
        clock.shift(timedelta(minutes=61))
        assert client.get("/people/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()


def test_an_active_session_still_ends_after_twelve_hours(team_mode, alice):
    client = HttpsClient()
    with time_machine.travel("2026-11-20 08:00", tick=False) as clock:
        log_in(client)
        for _ in range(23):
            clock.shift(timedelta(minutes=30))
            assert client.get("/people/").status_code == 200
        clock.shift(timedelta(minutes=31))
        assert client.get("/people/").status_code == 302


def test_guessing_one_account_from_one_address_is_stopped(team_mode, alice):
    client = HttpsClient()
    for _ in range(throttle.PAIR_LIMIT):
        assert log_in(client, password="guess").status_code == 400
    response = log_in(client)  # even the right password waits now
    assert response.status_code == 429
    assert "Try again in 15 minutes" in response.content.decode()


def test_the_owner_elsewhere_is_not_locked_out_by_a_guesser(team_mode, alice):
    for _ in range(throttle.PAIR_LIMIT):
        log_in(HttpsClient(), password="guess", address="203.0.113.9")
    assert log_in(HttpsClient(), address="198.51.100.7").status_code == 302


def test_spraying_many_accounts_from_one_address_is_stopped(team_mode, alice):
    for number in range(throttle.ADDRESS_LIMIT):
        log_in(HttpsClient(), username=f"user{number}", password="guess", address="203.0.113.9")
    assert log_in(HttpsClient(), address="203.0.113.9").status_code == 429
    assert log_in(HttpsClient(), address="198.51.100.7").status_code == 302


def test_a_botnet_only_slows_the_owner_down_for_a_minute(team_mode, alice):
    with time_machine.travel("2026-11-20 09:00", tick=False) as clock:
        for number in range(throttle.ACCOUNT_LIMIT):
            log_in(HttpsClient(), password="guess", address=f"203.0.113.{number}")
        assert log_in(HttpsClient(), address="198.51.100.7").status_code == 429
        clock.shift(throttle.ACCOUNT_PAUSE + timedelta(seconds=1))
        assert log_in(HttpsClient(), address="198.51.100.7").status_code == 302


def test_a_success_forgets_the_failures_of_that_address(team_mode, alice):
    client = HttpsClient()
    for _ in range(throttle.PAIR_LIMIT - 1):
        log_in(client, password="guess")
    assert log_in(client).status_code == 302
    client.post("/account/logout/")
    assert log_in(client, password="guess").status_code == 400  # counting from zero again


@pytest.mark.parametrize(
    "refused", ["", "x" * (PASSWORD_MAX + 1)], ids=["blank password", "password over the maximum"]
)
def test_a_refused_field_never_clears_the_failures(team_mode, alice, refused):
    """Issue 18, finding 2: after 4 wrong passwords, a blank or over-long one failed
    field validation and was then recorded as a success, clearing the failures: 60
    guesses went through without a 429."""
    client = HttpsClient()
    with time_machine.travel("2026-11-20 09:00", tick=False) as clock:
        answers = [log_in(client, password=f"guess {n}").status_code for n in range(4)]
        answers.append(log_in(client, password=refused).status_code)
        answers += [log_in(client, password=f"guess {n}").status_code for n in range(4, 60)]
        assert answers == [400] * 5 + [429] * 56
        assert log_in(client).status_code == 429  # the right password waits too
        clock.shift(throttle.WINDOW - timedelta(seconds=1))
        assert log_in(client).status_code == 429
        clock.shift(timedelta(seconds=2))
        assert log_in(client).status_code == 302
