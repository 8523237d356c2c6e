"""Schemathesis over every operation of the API, in-process (issues 11 and 18).

Requests are generated from the OpenAPI description, valid and invalid alike, and sent
as alice with a real token against a real database holding a small workspace of hers.
Every check runs: no answer may be a server error, every answer must match the
description (status code, content type, headers, body), a request the description
allows must be accepted and one it refuses must be refused. Figures: docs/SECURITY.md,
"API schema fuzzing".
"""

import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import negated_parameters

from coffeechat.api.services import create_token
from tests.conftest import make_ask, make_organization, make_person

# Every check Schemathesis has (issue 18): a server error, and any difference between the
# description and the answer — the status code, the content type, the headers, the body,
# a valid request refused (positive_data_acceptance), an invalid one taken
# (negative_data_rejection), a wrong method or a missing token accepted, a deleted record
# still served.
load_all_checks()
CHECK_NAMES = CHECKS.get_all_names()
ALL_CHECKS = CHECKS.get_by_names(CHECK_NAMES)
# Bounded for CI (a couple of minutes per database on a 2-core machine); `make bench`, or
# COFFEECHAT_FUZZ_EXAMPLES=500, searches harder.
EXAMPLES = 5
TALLY: Counter = Counter()


def test_every_check_is_run():
    """An upgrade of Schemathesis that renamed or dropped a check would be noticed."""
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "positive_data_acceptance",
        "negative_data_rejection",
        "missing_required_header",
        "unsupported_method",
        "ignored_auth",
    } <= set(CHECK_NAMES)
    assert len(ALL_CHECKS) == len(CHECK_NAMES) >= 14


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
@settings(
    max_examples=examples(),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_described(in_process, case, alice_token):
    TALLY[case.operation.label] += 1
    # A case meant to go without the token (the description requires it) must not get it.
    unauthenticated = ("Authorization", ParameterLocation.HEADER) in negated_parameters(case.meta)
    headers = {} if unauthenticated else {"Authorization": f"Bearer {alice_token}"}
    try:
        case.call_and_validate(headers=headers, checks=ALL_CHECKS)
    except Exception:
        TALLY["failures"] += 1
        raise


@pytest.fixture(scope="session", autouse=True)
def fuzz_report():
    """COFFEECHAT_FUZZ_REPORT=file.json: the figures of docs/SECURITY.md (operations,
    cases sent, failures, seconds)."""
    started = time.monotonic()
    yield
    target = os.environ.get("COFFEECHAT_FUZZ_REPORT")
    if target and TALLY:
        failures = TALLY.pop("failures", 0)
        Path(target).write_text(
            json.dumps(
                {
                    "examples": examples(),
                    "checks": CHECK_NAMES,
                    "operations": len(TALLY),
                    "cases": sum(TALLY.values()),
                    "failures": failures,
                    "seconds": round(time.monotonic() - started),
                    "per_operation": dict(TALLY),
                },
                indent=1,
            )
        )
