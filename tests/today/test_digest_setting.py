"""Issue 20, point 13: no morning email without a mail server, and no exception text."""

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from coffeechat.accounts.services import profile_for, update_profile
from coffeechat.today.services import run_digests_once
from tests.conftest import free_port

pytestmark = pytest.mark.django_db
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def settings_form(profile, **values):
    return {
        "display_name": "Me",
        "country": "",
        "digest_email": "me@example.org",
        "digest_hour": "7",
        "version": profile.version,
        **values,
    }


@override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="")
def test_the_morning_email_is_refused_until_a_mail_server_is_set_up(client, me):
    response = client.post("/settings/", settings_form(profile_for(me), digest_enabled="on"))
    assert response.status_code == 400
    assert "needs a mail server" in response.content.decode()
    assert profile_for(me).digest_enabled is False


@override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1")
def test_with_a_mail_server_it_can_be_switched_on(client, me):
    response = client.post("/settings/", settings_form(profile_for(me), digest_enabled="on"))
    assert response.status_code == 302 and profile_for(me).digest_enabled is True


def test_a_failed_digest_is_told_in_words_not_as_an_exception(client, me):
    update_profile(
        me,
        profile_for(me).version,
        digest_enabled=True,
        digest_email="me@example.org",
        digest_hour=8,
    )
    with override_settings(
        EMAIL_BACKEND=SMTP,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_USE_TLS=False,
        TIME_ZONE="UTC",
    ):  # nobody listens there
        run_digests_once("a", datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    for url in ("/?on=2026-11-25", "/settings/"):
        page = client.get(url).content.decode()
        assert "could not be reached" in page
        for raw in ("Error", "Errno", "SMTP", "refused]"):
            assert raw not in page.split("<footer", 1)[0].split("</nav>", 1)[-1], (url, raw)
