"""A cancelled draft (issue 23): wherever the browser lets go of the stream, the log holds
one row per request that left, the last one saying it was cancelled with what had come
back; a cancel before a request left logs nothing for it."""

import json

import pytest

from coffeechat.assistant import services, views
from coffeechat.assistant.models import SentLog

from .fake_openai import text
from .helpers import GOOD_ASK, JOB_REQUEST, priya

CANCELLED = "cancelled by the user"


def outcomes_after(taken: list[tuple]) -> list[tuple[str, str]]:
    """What the log must say after these events were read and the draft was closed."""
    rows: list[list[str]] = []
    streaming = False
    for event in taken:
        if event[0] == "token":
            if not streaming:  # the first piece: the row was written, the request left
                rows.append([CANCELLED, ""])
                streaming = True
            rows[-1][1] += event[1]
        elif event[0] in {"retry", "done"}:
            rows[-1][0], streaming = "answered", False
    return [tuple(row) for row in rows]


def event_of(chunk: bytes) -> tuple:
    """A server-sent event back as the service's event: ("token", text), ("attempt", n)…"""
    lines = dict(line.split(": ", 1) for line in chunk.decode().strip().splitlines())
    data = json.loads(lines["data"])
    return (lines["event"], data.get("text", data.get("number")))


def read(stream, count: int, through_view: bool) -> list[tuple]:
    taken = []
    for _ in range(count):
        piece = next(stream)
        taken.append(piece if not through_view else event_of(piece))
    stream.close()  # what the server does when the browser cancels
    return taken


@pytest.mark.parametrize("through_view", [False, True], ids=["service", "view"])
def test_a_draft_closed_after_any_event_logs_each_request_that_left_and_how_it_ended(
    me, model_server, assistant_env, through_view
):
    services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
    request = services.draft_request(me, "ask", {"person": priya(me).pk})
    endpoint = services.status_for(me).endpoint
    model_server.reply(text(JOB_REQUEST), text(GOOD_ASK))
    every = list(services.draft_events(me, request, endpoint))
    assert [event[0] for event in every].count("attempt") == 2
    for count in range(1, len(every) + 1):
        SentLog.objects.all().delete()
        model_server.requests.clear()
        model_server.reply(text(JOB_REQUEST), text(GOOD_ASK))
        events = services.draft_events(me, request, endpoint)
        stream = views._server_sent(events, "ask") if through_view else events
        taken = read(stream, count, through_view)
        logged = list(SentLog.objects.order_by("pk").values_list("outcome", "reply"))
        assert logged == outcomes_after(taken), f"closed after {taken[-1]}"
        assert len(model_server.requests) == len(logged), f"closed after {taken[-1]}"
