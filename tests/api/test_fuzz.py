"""Schemathesis over every operation of the API, in-process (issue 11).

Requests are generated from the OpenAPI description, valid and invalid alike, and sent
as alice with a real token against a real database holding a small workspace of hers.
No answer may be a server error, and every answer must match the description: its
status code, its content type and its body's schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coffeechat.api.services import create_token
from tests.conftest import make_ask, make_organization, make_person

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
# Small enough to finish in a couple of minutes on a 2-core CI machine; raise it locally
# with COFFEECHAT_FUZZ_EXAMPLES to search harder.
EXAMPLES = 25


@pytest.fixture
def alice_token(alice):
    organization = make_organization(alice)
    make_ask(alice)
    make_person(alice, name="Grace Hopper", organization=organization)
    return create_token(alice, "fuzz")[1]


def load_schema():
    """The description the app serves, sent to the app itself over WSGI."""
    from coffeechat.api.api import api
    from coffeechat.wsgi import application

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = application
    return loaded


schema = load_schema()


@pytest.fixture
def in_process(db):
    """Requests arrive through WSGI as from a server, so Django would close the database
    connection after each one; the test's transaction needs it open (as Django's own
    test client arranges)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def examples() -> int:
    import os

    return int(os.environ.get("COFFEECHAT_FUZZ_EXAMPLES", EXAMPLES))


@schema.parametrize()
@settings(max_examples=examples(), deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_described(in_process, case, alice_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {alice_token}"}, checks=CHECKS)
