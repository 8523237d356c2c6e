"""Passwords (ASVS 5.0 V6.2, V11.4): Argon2id at OWASP's minimum, fast enough to verify,
length and a common-password list rather than composition rules."""

import pytest
from argon2 import PasswordHasher, Type
from argon2.low_level import Type as LowType
from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def test_new_passwords_are_hashed_with_argon2id_at_owasps_minimum_or_above():
    encoded = make_password("a long enough passphrase")
    hasher = identify_hasher(encoded)
    params = hasher.params()
    assert encoded.startswith("argon2$argon2id$")
    assert params.type == Type.ID == LowType.ID
    assert params.memory_cost >= 19 * 1024
    assert params.time_cost >= 2
    assert params.parallelism == 1


def test_new_hashes_cost_no_more_than_the_configuration_measured_within_60_ms():
    # Verification time is a benchmark figure (benchmarks/bench_passwords.py, in
    # docs/SECURITY.md), not a timed assertion; what a test can hold is that the cost
    # parameters never grow past the ones measured there.
    params = identify_hasher(make_password("a long enough passphrase")).params()
    assert params.memory_cost <= 19 * 1024
    assert params.time_cost <= 2
    assert params.parallelism == 1


@pytest.mark.parametrize("password", ["short1!", "password123", "qwertyuiop"])
def test_short_and_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password",
    [
        "plain lowercase words only",  # no composition rules
        "x" * 7 + "ä" * 57 + "z",  # 64+ characters, any Unicode
        "1 " * 200,  # long passphrases are fine
    ],
)
def test_long_passphrases_of_any_kind_are_accepted(password):
    validate_password(password)


def test_argon2_is_the_library_django_uses():
    assert PasswordHasher  # argon2-cffi is installed; Django's hasher needs it
