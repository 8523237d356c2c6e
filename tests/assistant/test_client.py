"""The real client (the openai package) against the scripted server over HTTP."""

import time

import pytest

from coffeechat.assistant.client import Unavailable, stream_chat
from coffeechat.assistant.config import Endpoint
from tests.conftest import free_port

from .fake_openai import CUT, GARBAGE, SERVER_ERROR, hang, text

MESSAGES = [{"role": "user", "content": "Write the ask."}]


def endpoint(server, model="tiny-test"):
    return Endpoint(server.url, model, "secret-key")


def test_a_streamed_answer_arrives_piece_by_piece_with_the_key(model_server):
    model_server.reply(text("Would you have 15 minutes?"))
    pieces = list(stream_chat(endpoint(model_server), MESSAGES, timeout=2))
    assert len(pieces) > 1
    assert "".join(pieces) == "Would you have 15 minutes?"
    sent = model_server.requests[-1]
    assert sent["body"]["stream"] is True and sent["body"]["messages"] == MESSAGES
    assert sent["authorization"] == "Bearer secret-key"


@pytest.mark.parametrize(
    "reply, says",
    [
        (SERVER_ERROR, "answered with an error (500)"),
        (CUT, "cut off halfway"),
        (GARBAGE, "no text of a chat completion"),
    ],
)
def test_a_bad_answer_is_a_clear_message(model_server, reply, says):
    model_server.reply(reply)
    with pytest.raises(Unavailable, match=says.replace("(", r"\(").replace(")", r"\)")):
        list(stream_chat(endpoint(model_server), MESSAGES, timeout=2))


def test_a_hanging_server_ends_at_the_timeout(model_server):
    model_server.reply(hang(10))
    started = time.monotonic()
    with pytest.raises(Unavailable, match="did not answer in time"):
        list(stream_chat(endpoint(model_server), MESSAGES, timeout=0.5))
    assert time.monotonic() - started < 5


def test_a_model_the_server_does_not_know_is_named(model_server):
    with pytest.raises(Unavailable, match="does not know the model “llama-9000”"):
        list(stream_chat(endpoint(model_server, "llama-9000"), MESSAGES, timeout=2))


def test_a_server_that_is_not_running_is_named():
    down = Endpoint(f"http://127.0.0.1:{free_port()}/v1", "tiny-test", "")
    with pytest.raises(Unavailable, match="Could not reach http://127.0.0.1"):
        list(stream_chat(down, MESSAGES, timeout=2))
