"""The three personas of team mode (STYLE 9): alice explores, bob coaches her with her
grant, charlie (tests/conftest.py) is a stranger. Plain factories, real database."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from coffeechat.accounts.models import CoachGrant
from coffeechat.settings import TEAM_SETTINGS

PASSWORD = "correct horse battery staple"


class HttpsClient(Client):
    """Team mode answers plain HTTP with a redirect to HTTPS; tests speak HTTPS."""

    def generic(self, *args, secure=True, **kwargs):
        return super().generic(*args, secure=True, **kwargs)


@pytest.fixture
def team_mode(settings):
    settings.MODE = "team"
    for name, value in TEAM_SETTINGS.items():
        setattr(settings, name, value)
    return settings


def make_user(username, password=PASSWORD, **values):
    return get_user_model().objects.create_user(username, password=password, **values)


@pytest.fixture
def alice(db):
    return make_user("alice", email="alice@example.org")


@pytest.fixture
def bob(db, alice):
    coach = make_user("bob", email="bob@example.org")
    CoachGrant.objects.create(explorer=alice, coach=coach)
    return coach


@pytest.fixture
def client_of(team_mode):
    """A logged-in HTTPS browser for any persona: client_of(alice)."""

    def make(user):
        client = HttpsClient()
        client.force_login(user)
        return client

    return make
