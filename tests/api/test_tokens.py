"""Personal access tokens: hashed at rest, revocable, listed with their last use (I3)."""

from datetime import timedelta

import time_machine
from django.test import Client

from coffeechat.api.models import PersonalAccessToken
from coffeechat.api.services import create_token

from .conftest import ApiClient


def test_every_operation_needs_a_token(db):
    for headers in (
        {},
        {"Authorization": "Bearer cc_not-a-token"},
        {"Authorization": "Basic bWU6bWU="},
    ):
        response = Client().get("/api/v1/people", headers=headers)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
        assert response.json()["detail"].startswith("Send a valid personal access token")


def test_personal_mode_api_does_not_act_as_the_local_user_without_a_token(me):
    assert Client().get("/api/v1/me").status_code == 401


def test_only_a_digest_of_the_token_is_stored(alice):
    token, secret = create_token(alice, "laptop")
    stored = PersonalAccessToken.objects.filter(pk=token.pk).values().get()
    assert secret not in str(stored)
    assert stored["prefix"] == secret[:10] and len(stored["digest"]) == 64


def test_a_token_is_shown_once_and_listed_with_its_last_use(alice):
    with time_machine.travel("2026-11-20 09:00", tick=False) as clock:
        api = ApiClient(create_token(alice, "laptop")[1])
        made = api.post("tokens", {"name": "sync job"})
        assert made.status_code == 201 and made.json()["secret"].startswith("cc_")
        clock.shift(timedelta(hours=2))
        ApiClient(made.json()["secret"]).get("me")
        listed = {t["name"]: t for t in api.get("tokens").json()}
    assert "secret" not in listed["sync job"]
    assert listed["sync job"]["last_used_at"].startswith("2026-11-20T11:00")


def test_a_revoked_token_is_refused_at_once(alice):
    token, secret = create_token(alice, "old script")
    api = ApiClient(secret)
    assert api.get("me").status_code == 200
    assert (
        ApiClient(create_token(alice, "admin")[1]).delete(f"tokens/{token.pk}").status_code == 204
    )
    assert api.get("me").status_code == 401
    listed = ApiClient(create_token(alice, "x")[1]).get("tokens").json()
    assert [t["revoked_at"] is not None for t in listed if t["id"] == token.pk] == [True]


def test_a_deactivated_account_cannot_use_its_tokens(alice):
    api = ApiClient(create_token(alice, "laptop")[1])
    alice.is_active = False
    alice.save()
    assert api.get("me").status_code == 401


def test_tokens_are_made_and_revoked_on_the_settings_page(me):
    client = Client()
    page = client.post("/settings/tokens/", {"name": "laptop"})
    secret = page.context["secret"]
    assert secret.startswith("cc_") and secret in page.content.decode()
    assert ApiClient(secret).get("me").json()["username"] == "me"
    token = PersonalAccessToken.objects.get(owner=me)
    client.post(f"/settings/tokens/{token.pk}/revoke/")
    assert ApiClient(secret).get("me").status_code == 401
    assert secret not in client.get("/settings/tokens/").content.decode()
