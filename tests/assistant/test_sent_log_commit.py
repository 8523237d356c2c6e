"""The sent-log row a draft waits for is committed without waiting for the disk, and
the connection goes back to the full wait for everything else (SQLite's synchronous)."""

import pytest
from django.db import connection

from coffeechat.assistant import services
from coffeechat.assistant.models import SentLog

from .fake_openai import text
from .helpers import GOOD_ASK, priya

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_log_row_is_committed_and_the_full_wait_comes_back(me, model_server, assistant_env):
    services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
    model_server.reply(text(GOOD_ASK))
    request = services.draft_request(me, "ask", {"person": priya(me).pk})
    assert not connection.in_atomic_block  # as when a draft streams after its request
    events = list(services.draft_events(me, request, services.status_for(me).endpoint))
    assert events[-1][0] == "done"
    assert SentLog.objects.get().outcome == "answered"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 2  # FULL, as settings.py sets it
