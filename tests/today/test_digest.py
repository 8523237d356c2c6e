"""The daily digest without cron (SPEC T2): claimed once, retried, never silent."""

import email
import os
import subprocess
import sys
from datetime import UTC, datetime
from email import policy

import pytest
from django.test import override_settings

from coffeechat.accounts.services import profile_for, update_profile
from coffeechat.today.models import Digest, DigestStatus
from coffeechat.today.services import run_digests_once
from tests.conftest import free_port, make_ask, make_person

MORNING = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def smtp_settings(port):
    return override_settings(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        TIME_ZONE="UTC",
    )


@pytest.mark.django_db
def test_the_digest_lists_the_day_and_is_sent_once(me, smtp_server):
    inbox, port = smtp_server
    make_ask(me, person=make_person(me, name="Grace"), on=datetime(2026, 11, 20).date())
    update_profile(
        me,
        profile_for(me).version,
        digest_enabled=True,
        digest_email="me@example.org",
        digest_hour=8,
    )
    with smtp_settings(port):
        assert run_digests_once("a", MORNING.replace(hour=7)) == 0  # before the hour
        assert run_digests_once("a", MORNING) == 1
        assert run_digests_once("b", MORNING) == 0
    [envelope] = inbox.messages
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert envelope.rcpt_tos == ["me@example.org"]
    assert "No reply from Grace yet" in message.get_content()
    assert Digest.objects.get().status == DigestStatus.SENT


@pytest.mark.django_db
def test_a_failed_send_is_recorded_shown_and_retried(client, me, smtp_server):
    inbox, port = smtp_server
    update_profile(
        me,
        profile_for(me).version,
        digest_enabled=True,
        digest_email="me@example.org",
        digest_hour=8,
    )
    with smtp_settings(free_port()):  # nobody listens there
        assert run_digests_once("a", MORNING) == 0
    digest = Digest.objects.get()
    assert digest.status == DigestStatus.FAILED and digest.last_error
    assert "could not be sent" in client.get("/?on=2026-11-25").content.decode()
    with smtp_settings(port):
        assert run_digests_once("a", MORNING) == 0  # waits before retrying
        assert run_digests_once("a", MORNING.replace(hour=10)) == 1
    assert Digest.objects.get().status == DigestStatus.SENT and len(inbox.messages) == 1
    assert "could not be sent" not in client.get("/?on=2026-11-25").content.decode()


SETUP = """
from coffeechat.accounts.services import local_user, profile_for, update_profile
user = local_user()
update_profile(user, profile_for(user).version, digest_enabled=True,
               digest_email="me@example.org", digest_hour=0)
"""


def worker_env(data_dir, port, database_url=None):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        COFFEECHAT_EMAIL_HOST="127.0.0.1",
        COFFEECHAT_EMAIL_PORT=str(port),
        COFFEECHAT_EMAIL_USE_TLS="false",
        COFFEECHAT_TIME_ZONE="UTC",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def two_workers_send_once(tmp_path, smtp_server, database_url=None):
    inbox, port = smtp_server
    env = worker_env(tmp_path, port, database_url)
    command = [sys.executable, "-m", "coffeechat.cli.main"]
    subprocess.run(
        [*command, "manage", "--data-dir", str(tmp_path), "migrate", "-v", "0"],
        env=env,
        check=True,
        timeout=120,
    )
    subprocess.run(
        [*command, "manage", "--data-dir", str(tmp_path), "shell", "-c", SETUP],
        env=env,
        check=True,
        timeout=120,
    )
    workers = [
        subprocess.Popen(
            [
                *command,
                "worker",
                "--data-dir",
                str(tmp_path),
                "--once",
                "--now",
                MORNING.isoformat(),
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = sorted(worker.communicate(timeout=120)[0].strip() for worker in workers)
    assert outputs == ["Sent 0 digests.", "Sent 1 digest."]
    assert len(inbox.messages) == 1


def test_two_workers_started_together_send_each_digest_once_on_sqlite(tmp_path, smtp_server):
    two_workers_send_once(tmp_path, smtp_server)


def test_two_workers_started_together_send_each_digest_once_on_postgresql(
    tmp_path, smtp_server, scratch_postgres
):
    two_workers_send_once(tmp_path, smtp_server, scratch_postgres)


@pytest.mark.django_db
@override_settings(TIME_ZONE="UTC")
def test_the_worker_queues_the_digest_job_only_when_a_digest_is_due(me):
    """An idle workspace sees no writes from the worker's chores."""
    from coffeechat.jobs.models import Job
    from coffeechat.jobs.worker import schedule

    assert schedule(MORNING) == 0 and not Job.objects.exists()  # nobody asked for one
    update_profile(
        me,
        profile_for(me).version,
        digest_enabled=True,
        digest_email="me@example.org",
        digest_hour=8,
    )
    assert schedule(MORNING.replace(hour=7)) == 0  # before the hour
    assert schedule(MORNING) == 1
    assert schedule(MORNING) == 0  # one at a time
