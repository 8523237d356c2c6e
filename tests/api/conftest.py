import json

import pytest
from django.test import Client

from coffeechat.api.services import create_token
from tests.team.conftest import alice, bob, client_of, team_mode  # noqa: F401 - shared


class ApiClient:
    """The test client speaking JSON with a bearer token."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method, path, body=None, **query):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        kwargs = {"headers": self.headers}
        if query:
            kwargs["query_params"] = query
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(self.client, method)(url, **kwargs)

    def get(self, path, **query):
        return self.call("get", path, **query)

    def post(self, path, body=None, **query):
        return self.call("post", path, body if body is not None else {}, **query)

    def patch(self, path, body, **query):
        return self.call("patch", path, body, **query)

    def put(self, path, body, **query):
        return self.call("put", path, body, **query)

    def delete(self, path, **query):
        return self.call("delete", path, **query)


@pytest.fixture
def api_as():
    """api_as(alice) -> an ApiClient with a fresh token of hers."""
    return lambda user: ApiClient(create_token(user, "tests")[1])
