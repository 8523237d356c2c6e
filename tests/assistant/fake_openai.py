"""A small OpenAI-compatible server on 127.0.0.1 that answers from scripted replies.

The real client talks to it over HTTP, so the tests see what a person's Ollama or
llama.cpp server would do to the app: stream a draft, answer 500, hang, cut the
stream halfway, send garbage, or not know the model. Each chat request takes the
next scripted reply (the last one repeats); every request is recorded.
"""

import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def text(body: str, *, delay: float = 0.0, first_delay: float = 0.0) -> dict:
    return {"text": body, "delay": delay, "first_delay": first_delay}


def quote_notes(template: str) -> dict:
    """A reply built from the prompt: {note} becomes the first note the prompt carries."""
    return {"quote": template}


CUT = {"cut": "Dear Ada, thank you so much for your time last week and for"}
SERVER_ERROR = {"status": 500}
GARBAGE = {"garbage": True}


def hang(seconds: float = 30.0) -> dict:
    return {"hang": seconds}


ENVIRONMENT = ("URL", "MODEL", "API_KEY", "API_KEY_FILE", "ALLOWED", "TIMEOUT", "TOTAL_TIMEOUT")


def without_assistant_environment(monkeypatch, *, timeout: float) -> None:
    """No assistant setting leaks in from the machine's environment; each wait for the
    model is bounded by `timeout` seconds (longer where a browser or a process waits)."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(f"COFFEECHAT_ASSISTANT_{name}", raising=False)
    monkeypatch.setenv("COFFEECHAT_ASSISTANT_TIMEOUT", str(timeout))


def scripted_server(monkeypatch, *, timeout: float) -> Iterator["FakeOpenAI"]:
    """A running server in a clean assistant environment, for a fixture to `yield from`."""
    without_assistant_environment(monkeypatch, timeout=timeout)
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()


class FakeOpenAI:
    def __init__(self, model: str = "tiny-test"):
        self.model = model
        self.script: list[dict] = []
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> "FakeOpenAI":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reply(self, *replies: dict) -> None:
        with self.lock:
            self.script = list(replies)

    def next_reply(self) -> dict:
        with self.lock:
            return (
                self.script.pop(0)
                if len(self.script) > 1
                else (self.script[0] if self.script else text("Hello."))
            )

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):  # quiet in test output
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with fake.lock:
                    fake.requests.append(
                        {
                            "path": self.path,
                            "body": body,
                            "authorization": self.headers.get("Authorization"),
                        }
                    )
                if not self.path.endswith("/chat/completions"):
                    return self.answer(404, {"error": {"message": "no such route"}})
                if body.get("model") != fake.model:
                    return self.answer(
                        404,
                        {
                            "error": {
                                "message": "model not found",
                                "type": "invalid_request_error",
                                "code": "model_not_found",
                            }
                        },
                    )
                reply = fake.next_reply()
                if "hang" in reply:
                    time.sleep(reply["hang"])
                    return self.answer(200, {"choices": []})
                if "status" in reply:
                    return self.answer(reply["status"], {"error": {"message": "boom"}})
                if reply.get("garbage"):
                    return self.send_stream(["<html>not a stream</html>"], raw=True)
                if "cut" in reply:
                    return self.send_stream(words(reply["cut"]), finish=False)
                if "quote" in reply:
                    said = re.search(r"my notes\):\n- ([^\n]+)", body["messages"][-1]["content"])
                    note = said[1].split(". ")[0].rstrip(".") if said else "nothing"
                    return self.send_stream(words(reply["quote"].replace("{note}", note)))
                return self.send_stream(
                    words(reply["text"]), delay=reply["delay"], first_delay=reply["first_delay"]
                )

            def answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def send_stream(self, pieces, *, finish=True, raw=False, delay=0.0, first_delay=0.0):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                self.wfile.flush()
                if first_delay:
                    time.sleep(first_delay)
                for number, piece in enumerate(pieces):
                    if raw:
                        self.wfile.write(piece.encode())
                        continue
                    self.event(
                        {"content": piece} if number else {"role": "assistant", "content": piece}
                    )
                    if delay:
                        time.sleep(delay)
                if finish:
                    self.event({}, finish_reason="stop")
                    self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def event(self, delta, finish_reason=None):
                chunk = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": fake.model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()

        return Handler


def words(body: str) -> list[str]:
    """The reply in word-sized pieces, as a model streams it."""
    return re.findall(r"\S+\s*|\s+", body)
