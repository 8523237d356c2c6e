import pytest

from .fake_openai import FakeOpenAI


@pytest.fixture
def model_server():
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def assistant_env(monkeypatch):
    """No assistant settings leak in from the machine's environment."""
    for name in ("URL", "MODEL", "API_KEY", "API_KEY_FILE", "ALLOWED", "TIMEOUT",
                 "TOTAL_TIMEOUT"):
        monkeypatch.delenv(f"COFFEECHAT_ASSISTANT_{name}", raising=False)
    monkeypatch.setenv("COFFEECHAT_ASSISTANT_TIMEOUT", "2")
    return monkeypatch
