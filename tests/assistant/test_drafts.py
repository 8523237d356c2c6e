"""Drafts through the app: off until turned on, the preview before the first use, the
checker's hold on the model, and failures that leave nothing half-done (issue 23)."""

import pytest

from coffeechat.assistant import services
from coffeechat.assistant.models import SentLog
from coffeechat.conversations.models import Event

from .fake_openai import CUT, SERVER_ERROR, hang, quote_notes, text
from .helpers import GOOD_ASK, JOB_REQUEST, NOTE, events_of, held_conversation, priya

pytestmark = pytest.mark.django_db


@pytest.fixture
def turned_on(me, model_server, assistant_env):
    services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
    services.consent(me)
    return model_server


def draft(client, **values):
    return client.post("/assistant/draft/", values)


def test_the_assistant_is_off_until_turned_on_and_sends_nothing(
    client, me, model_server, assistant_env
):
    person = priya(me)
    response = draft(client, kind="ask", person=person.pk)
    assert "The writing assistant is off" not in response.content.decode()
    assert "No model is set up yet" in response.content.decode()
    services.save_settings(me, enabled=False, url=model_server.url, model="tiny-test")
    response = draft(client, kind="ask", person=person.pk)
    assert "The writing assistant is off: turn it on in Settings" in response.content.decode()
    assert model_server.requests == [] and SentLog.objects.count() == 0


def test_before_the_first_use_the_exact_request_and_its_destination_are_shown(
    client, me, model_server, assistant_env
):
    person = priya(me)
    services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
    page = draft(
        client, kind="ask", person=person.pk, approach="direct", form="written"
    ).content.decode()
    assert f"<code>{model_server.url}</code>" in page and "tiny-test" in page
    assert "Priya Raman" in page and "UX researcher" in page and "Acme" in page
    # Only the facts the message needs: no address, no phone number.
    assert "priya@example.com" not in page and "7946" not in page
    assert model_server.requests == [] and SentLog.objects.count() == 0
    model_server.reply(text(GOOD_ASK))
    events = events_of(draft(client, kind="ask", person=person.pk, consent="yes"))
    assert events[-1][0] == "done"
    # Agreed once for this endpoint: the next draft goes straight out.
    assert draft(client, kind="ask", person=person.pk)["Content-Type"] == "text/event-stream"


def test_a_draft_that_asks_for_a_job_is_written_again_with_the_findings(client, me, turned_on):
    person = priya(me)
    turned_on.reply(text(JOB_REQUEST), text(GOOD_ASK))
    events = events_of(
        draft(
            client, kind="ask", person=person.pk, approach="direct", form="written", channel="email"
        )
    )
    names = [name for name, _ in events]
    assert names[0] == "attempt" and "token" in names
    retries = [data["findings"] for name, data in events if name == "retry"]
    assert len(retries) == 1 and retries[0][0] == "Asks for a job"
    assert names.count("attempt") == 2
    done = events[-1][1]
    assert events[-1][0] == "done" and done["text"] == GOOD_ASK and done["severity"] == "ok"
    assert "Draft 1 was not used" in done["html"] and "asks for a job" in done["html"]
    retry = turned_on.requests[1]["body"]["messages"]
    assert retry[-2] == {"role": "assistant", "content": JOB_REQUEST}
    assert "Asks for a job" in retry[-1]["content"] and "refer me for a" in retry[-1]["content"]
    assert [entry.outcome for entry in SentLog.objects.order_by("pk")] == ["answered"] * 2
    assert not Event.objects.filter(kind="asked").exists()  # a draft is never sent or logged


def test_a_draft_still_too_long_after_two_retries_is_shown_with_the_findings(client, me, turned_on):
    long = "Could you spare 15 minutes to talk about your work at Acme? " + "word " * 150
    turned_on.reply(text(long))
    events = events_of(draft(client, kind="ask", person=priya(me).pk))
    assert [name for name, _ in events].count("attempt") == 3  # the first and two retries
    assert len(turned_on.requests) == 3
    assert events[-1][0] == "done" and "Too long" in events[-1][1]["html"]
    assert events[-1][1]["text"] == long.strip()


@pytest.mark.parametrize(
    "reply, says",
    [
        (SERVER_ERROR, "answered with an error (500)"),
        (CUT, "cut off halfway"),
        (hang(10), "did not answer in time"),
    ],
)
def test_a_failing_endpoint_ends_the_draft_with_a_clear_message(client, me, turned_on, reply, says):
    turned_on.reply(reply)
    events = events_of(draft(client, kind="ask", person=priya(me).pk))
    assert events[-1][0] == "error" and says in events[-1][1]["message"]
    assert SentLog.objects.get().outcome.startswith("failed: ")


def test_a_wrong_model_name_is_named(client, me, model_server, assistant_env):
    services.save_settings(me, enabled=True, url=model_server.url, model="llama-9000")
    services.consent(me)
    events = events_of(draft(client, kind="ask", person=priya(me).pk))
    assert "does not know the model “llama-9000”" in events[-1][1]["message"]


def test_the_thank_you_draft_quotes_what_they_said(client, me, turned_on):
    conversation = held_conversation(me)
    turned_on.reply(
        quote_notes(
            "Dear Priya,\n\nThank you for your time. You said "
            "“{note}”, and I will remember it.\n\nSam"
        )
    )
    events = events_of(draft(client, kind="thanks", conversation=conversation.pk))
    prompt = turned_on.requests[-1]["body"]["messages"][-1]["content"]
    assert NOTE in prompt
    assert events[-1][0] == "done"
    assert "“She said the best research changes a roadmap”" in events[-1][1]["text"]


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("follow_up", "The ask I sent:\nMay I have 15 minutes?"),
        ("too_busy", "Write the answer to “too busy”."),
        ("decision", "What I decided: [what you decided]"),
    ],
)
def test_every_writing_place_gets_its_own_prompt(client, me, turned_on, kind, expected):
    conversation = held_conversation(me)
    turned_on.reply(text("Dear Priya, thank you. Would 15 minutes suit you?\n\nSam"))
    events = events_of(draft(client, kind=kind, conversation=conversation.pk))
    assert events[-1][0] == "done"
    assert expected in turned_on.requests[-1]["body"]["messages"][-1]["content"]


def test_a_strangers_conversation_is_not_found(client, me, charlie, turned_on):
    theirs = held_conversation(charlie)
    assert draft(client, kind="thanks", conversation=theirs.pk).status_code == 404
    assert turned_on.requests == []


def test_an_unknown_kind_is_refused_by_name(client, me, turned_on):
    response = draft(client, kind="sonnet", person=priya(me).pk)
    assert response.status_code == 400 and "Unknown kind of draft “sonnet”" in (
        response.content.decode()
    )


def test_a_strangers_person_is_not_found(client, me, charlie, turned_on):
    theirs = priya(charlie)
    response = draft(client, kind="ask", person=theirs.pk)
    assert response.status_code == 404 and turned_on.requests == []
    assert draft(client, kind="ask", person="nonsense").status_code == 404


def test_a_draft_slower_than_the_total_time_allowed_is_stopped(
    client, me, turned_on, assistant_env
):
    assistant_env.setenv("COFFEECHAT_ASSISTANT_TOTAL_TIMEOUT", "1")
    turned_on.reply(text("Dear Priya, " + "slowly " * 40, delay=0.1))
    events = events_of(draft(client, kind="ask", person=priya(me).pk))
    assert events[-1][0] == "error" and "took too long" in events[-1][1]["message"]
    assert SentLog.objects.get().outcome.startswith("failed: ")


def test_a_draft_the_browser_stops_reading_is_stopped_and_logged_as_cancelled(me, turned_on):
    from coffeechat.assistant.views import _server_sent

    turned_on.reply(text("Dear Priya, " + "slowly " * 100, delay=0.05))
    request = services.draft_request(me, "ask", {"person": priya(me).pk})
    stream = _server_sent(
        services.draft_events(me, request, services.status_for(me).endpoint), "ask"
    )
    while b"event: token" not in next(stream):
        pass
    stream.close()  # what the server does when the browser cancels the request
    assert SentLog.objects.get().outcome == "cancelled by the user"
