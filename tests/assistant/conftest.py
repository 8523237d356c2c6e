import pytest

from .fake_openai import FakeOpenAI, without_assistant_environment


@pytest.fixture
def model_server():
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def assistant_env(monkeypatch):
    """No assistant settings leak in from the machine's environment."""
    without_assistant_environment(monkeypatch, timeout=2)
    return monkeypatch
