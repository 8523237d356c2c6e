"""Settings, the environment, the team administrator's say, and the local sent-log."""

import pytest
from django.test import override_settings

from coffeechat.assistant import services
from coffeechat.assistant.models import SentLog
from coffeechat.errors import Invalid

from .fake_openai import text
from .helpers import GOOD_ASK, events_of, priya

pytestmark = pytest.mark.django_db


def test_it_is_off_by_default_even_with_an_endpoint_in_the_environment(me, assistant_env):
    assistant_env.setenv("COFFEECHAT_ASSISTANT_URL", "http://127.0.0.1:11434/v1")
    assistant_env.setenv("COFFEECHAT_ASSISTANT_MODEL", "llama3.2")
    status = services.status_for(me)
    assert status.endpoint.complete and not status.enabled and not status.ready
    assert status.why_not == "The writing assistant is off: turn it on in Settings."


def test_turning_it_on_needs_an_endpoint_and_a_model(me, assistant_env):
    with pytest.raises(Invalid, match="Name the endpoint's address and the model") as error:
        services.save_settings(me, enabled=True, url="http://127.0.0.1:8080/v1")
    assert error.value.field == "model"
    with pytest.raises(Invalid, match="starting with http:// or https://") as error:
        services.save_settings(me, enabled=True, url="ftp://models", model="x")
    assert error.value.field == "url"
    assert not services.settings_for(me).enabled


def test_the_settings_page_saves_and_names_the_field_at_fault(client, me, assistant_env):
    response = client.post(
        "/settings/assistant/", {"enabled": "on", "url": "localhost:8080", "model": "x"}
    )
    assert response.status_code == 400 and "starting with http://" in response.content.decode()
    response = client.post(
        "/settings/assistant/",
        {
            "enabled": "on",
            "model": "qwen",
            "url": "http://127.0.0.1:8080/v1/",
            "api_key": "sk-local",
        },
    )
    assert response.status_code == 302
    page = client.get("/settings/assistant/").content.decode()
    assert "On: drafts go to <strong>qwen</strong>" in page and "An API key is saved" in page
    assert "sk-local" not in page  # never shown back


def test_the_api_key_can_come_from_a_file(client, me, model_server, assistant_env, tmp_path):
    key = tmp_path / "key"
    key.write_text("sk-from-file\n")
    assistant_env.setenv("COFFEECHAT_ASSISTANT_URL", model_server.url)
    assistant_env.setenv("COFFEECHAT_ASSISTANT_MODEL", "tiny-test")
    assistant_env.setenv("COFFEECHAT_ASSISTANT_API_KEY_FILE", str(key))
    services.save_settings(me, enabled=True)
    services.consent(me)
    model_server.reply(text(GOOD_ASK))
    events_of(client.post("/assistant/draft/", {"kind": "ask", "person": priya(me).pk}))
    assert model_server.requests[-1]["authorization"] == "Bearer sk-from-file"


@override_settings(MODE="team")
def test_in_team_mode_only_the_administrator_allows_it(me, assistant_env):
    assert not services.status_for(me).allowed
    with pytest.raises(Invalid, match="administrator has not allowed"):
        services.save_settings(me, enabled=True, url="http://127.0.0.1:1/v1", model="m")


@override_settings(MODE="team")
def test_in_team_mode_the_administrators_endpoint_is_the_only_one(me, model_server, assistant_env):
    assistant_env.setenv("COFFEECHAT_ASSISTANT_ALLOWED", "1")
    assistant_env.setenv("COFFEECHAT_ASSISTANT_URL", model_server.url)
    assistant_env.setenv("COFFEECHAT_ASSISTANT_MODEL", "tiny-test")
    services.save_settings(me, enabled=True, url="https://cloud.example/v1", model="big")
    assert services.status_for(me).endpoint.url == model_server.url
    status = services.status_for(me)
    model_server.reply(text(GOOD_ASK))
    request = services.draft_request(me, "ask", {"person": priya(me).pk})
    events = list(services.draft_events(me, request, status.endpoint))
    assert events[-1][0] == "done" and len(model_server.requests) == 1


def test_a_new_endpoint_shows_the_preview_again(client, me, model_server, assistant_env):
    services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
    services.consent(me)
    services.save_settings(me, enabled=True, url=model_server.url, model="other-model")
    response = client.post("/assistant/draft/", {"kind": "ask", "person": priya(me).pk})
    assert "exactly what will be sent" in response.content.decode()
    assert model_server.requests == []


def test_the_sent_log_shows_what_was_sent_and_can_be_erased(
    client, me, charlie, model_server, assistant_env
):
    for user in (me, charlie):
        services.save_settings(user, enabled=True, url=model_server.url, model="tiny-test")
        services.consent(user)
    model_server.reply(text(GOOD_ASK))
    events_of(client.post("/assistant/draft/", {"kind": "ask", "person": priya(me).pk}))
    SentLog.objects.create(owner=charlie, kind="ask", endpoint="x", model="y", messages=[])
    page = client.get("/settings/assistant/").content.decode()
    assert "ask to tiny-test" in page and "Their name: Priya Raman" in page
    client.post("/settings/assistant/log/erase/")
    assert not SentLog.objects.filter(owner=me).exists()
    assert SentLog.objects.filter(owner=charlie).count() == 1  # only my own


def test_erasing_a_person_erases_what_was_sent_about_them(client, me, model_server, assistant_env):
    from coffeechat.transfer.backup import erase_person

    services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
    services.consent(me)
    person, other = priya(me), priya(me)
    model_server.reply(text(GOOD_ASK))
    for someone in (person, other):
        events_of(client.post("/assistant/draft/", {"kind": "ask", "person": someone.pk}))
    erase_person(me, person.pk)
    assert list(SentLog.objects.values_list("person", flat=True)) == [other.pk]
