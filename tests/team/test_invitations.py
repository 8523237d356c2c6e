"""Signup is closed: accounts come from an admin's invitation (SPEC M2)."""

from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve

from coffeechat.accounts.models import Invitation
from coffeechat.accounts.team import invite

from .conftest import PASSWORD, HttpsClient, make_user


def accept(client, secret, username="dora", password=PASSWORD, again=None):
    return client.post(
        f"/account/invitation/{secret}/",
        {"username": username, "password1": password, "password2": again or password},
    )


def test_there_is_no_signup_page():
    for path in ("/account/signup/", "/signup/", "/account/register/"):
        try:
            resolve(path)
        except Resolver404:
            continue
        raise AssertionError(f"{path} exists")


def test_an_admin_invites_and_the_link_creates_one_account(team_mode, client_of, db):
    admin = make_user("admin", is_staff=True)
    page = client_of(admin).post("/account/invitations/", {"email": "dora@example.org"})
    link = page.context["link"]
    assert link.startswith("https://testserver/account/invitation/")
    secret = link.rstrip("/").rsplit("/", 1)[1]
    assert secret not in str(list(Invitation.objects.values()))  # only a digest is kept
    newcomer = HttpsClient()
    assert accept(newcomer, secret).status_code == 302
    dora = get_user_model().objects.get(username="dora")
    assert dora.email == "dora@example.org" and not dora.is_staff
    assert newcomer.get("/people/").status_code == 200  # logged in
    assert accept(HttpsClient(), secret, username="mallory").status_code == 404  # used up


def test_only_admins_invite(team_mode, client_of, alice):
    assert client_of(alice).get("/account/invitations/").status_code == 404


def test_a_weak_or_mistyped_password_is_refused_by_field(team_mode, db):
    _, secret = invite("dora@example.org")
    weak = accept(HttpsClient(), secret, password="password")
    assert weak.status_code == 400 and weak.context["form"].errors["password1"]
    typo = accept(HttpsClient(), secret, again="correct horse battery stapler")
    assert typo.context["form"].errors["password2"] == ["The two passwords differ."]
    assert not get_user_model().objects.filter(username="dora").exists()


def test_a_taken_username_is_refused(team_mode, alice):
    _, secret = invite("dora@example.org")
    response = accept(HttpsClient(), secret, username="Alice")
    assert response.context["form"].errors["username"]


def test_an_invitation_expires_after_a_week(team_mode, db):
    with time_machine.travel("2026-11-20 09:00", tick=False) as clock:
        _, secret = invite("dora@example.org")
        clock.shift(timedelta(days=7, minutes=1))
        assert HttpsClient().get(f"/account/invitation/{secret}/").status_code == 404


def test_an_admin_invitation_makes_an_admin(team_mode, db):
    _, secret = invite("root@example.org", make_admin=True)
    accept(HttpsClient(), secret, username="root")
    assert get_user_model().objects.get(username="root").is_staff


def test_invitations_do_not_exist_in_personal_mode(db):
    from django.test import Client

    _, secret = invite("dora@example.org")
    assert Client().get(f"/account/invitation/{secret}/").status_code == 404
