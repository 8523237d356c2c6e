"""The calendar feed's secret (issue 18, finding 4): only its digest is stored, it is
shown once, it dies with the account's deactivation and with a password change, and it
is no part of the JSON export. Before, a deactivated account's feed still answered 200
and the secret sat in plain text in the database and in every export."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coffeechat.accounts.models import Profile
from coffeechat.accounts.services import profile_for, renew_feed_token
from coffeechat.accounts.team import digest_of
from coffeechat.transfer.archive import dumps, export_workspace, loads, restore
from tests.team.conftest import PASSWORD, HttpsClient
from tests.web.test_scheduling import feed_token_in


def feed(client, token) -> int:
    return client.get(f"/calendar/{token}.ics").status_code


def test_the_secret_is_shown_once_and_only_its_digest_is_stored(client, me):
    token = feed_token_in(client.post("/settings/feed/renew/"))
    assert feed(client, token) == 200
    assert token not in client.get("/settings/").content.decode()
    assert "Your feed is on" in client.get("/settings/").content.decode()
    assert profile_for(me).feed_digest == digest_of(token)
    with connection.cursor() as cursor:  # every column of every profile row, as stored
        cursor.execute(f"SELECT * FROM {Profile._meta.db_table}")
        stored = repr(cursor.fetchall())
    assert token not in stored


def test_the_export_carries_neither_the_secret_nor_its_digest(client, me):
    token = feed_token_in(client.post("/settings/feed/renew/"))
    exported = dumps(export_workspace(me))
    assert token not in exported and digest_of(token) not in exported
    assert "feed_" + "digest" not in exported and "feed_token" not in exported
    assert json.loads(exported)["tables"]["accounts.profile"]  # the profile itself is there
    downloaded = client.get("/data/export/json/")  # the download the person makes
    assert downloaded.status_code == 200
    body = b"".join(downloaded) if downloaded.streaming else downloaded.content
    assert token.encode() not in body and digest_of(token).encode() not in body


def test_a_deactivated_accounts_feed_is_gone(team_mode, alice):
    token = renew_feed_token(alice)
    assert feed(HttpsClient(), token) == 200
    alice.is_active = False
    alice.save()
    assert feed(HttpsClient(), token) == 404
    alice.is_active = True  # reactivating does not bring the old address back
    alice.save()
    assert feed(HttpsClient(), token) == 404


def test_a_deactivated_account_is_refused_even_when_changed_behind_the_apps_back(team_mode, alice):
    token = renew_feed_token(alice)
    get_user_model().objects.filter(pk=alice.pk).update(is_active=False)  # no signal
    assert feed(HttpsClient(), token) == 404


def test_a_password_change_ends_the_feed(team_mode, client_of, alice):
    token = renew_feed_token(alice)
    client = client_of(alice)
    assert feed(client, token) == 200
    response = client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another horse battery staple",
            "new_password2": "another horse battery staple",
        },
    )
    assert response.status_code == 302
    assert feed(client, token) == 404
    assert profile_for(alice).feed_digest == ""


def test_a_rehash_at_login_is_no_password_change(team_mode, alice):
    """Django rehashes a password stored with a hasher no longer preferred when it is
    checked; that is no change of password and must not end the feed."""
    team_mode.PASSWORD_HASHERS = [
        *team_mode.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    old_hash = make_password(PASSWORD, hasher="md5")
    get_user_model().objects.filter(pk=alice.pk).update(password=old_hash)
    token = renew_feed_token(alice)
    user = get_user_model().objects.get(pk=alice.pk)
    assert user.check_password(PASSWORD)
    assert get_user_model().objects.get(pk=alice.pk).password != old_hash  # rehashed
    assert feed(HttpsClient(), token) == 200


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_subscribed_feeds_working_without_their_secret():
    executor = MigrationExecutor(connection)
    before = [("accounts", "0004_invitation_loginfailure_coachgrant")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("auth", "User").objects.create(username="subscriber")
    old.get_model("accounts", "Profile").objects.create(user_id=user.pk, feed_token="a" * 43)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    profile = Profile.objects.get(user_id=user.pk)
    assert profile.feed_digest == digest_of("a" * 43)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Profile._meta.db_table}")
        assert "a" * 43 not in repr(cursor.fetchall())


def test_an_export_from_before_restores_without_its_feed_secret(me, charlie):
    """Exports made before this change carry `feed_token` in plain text: they still
    restore, and the secret opens nothing; nor does a digest written into a file."""
    profile_for(me)
    data = export_workspace(me)
    data["tables"]["accounts.profile"][0].update(
        feed_token="b" * 43, feed_digest=digest_of("c" * 43)
    )
    restore(charlie, loads(dumps(data)))
    assert profile_for(charlie).feed_digest == ""
    assert feed(HttpsClient(), "b" * 43) == 404 and feed(HttpsClient(), "c" * 43) == 404
