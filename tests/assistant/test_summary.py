"""Live notes into draft findings per topic, each sentence tied to its note (issue 23.4)."""

import pytest

from coffeechat.assistant import services
from coffeechat.conversations.models import Finding

from .fake_openai import SERVER_ERROR, text
from .helpers import held_conversation

pytestmark = pytest.mark.django_db

ANSWER = (
    "likes: She likes seeing research change a roadmap. [N1]\n"
    "working_conditions: Hours are long in launch weeks. [N2]\n"
    "advice_to_me: Start with usability tests. [N1]\n"
    "likes: She loves travelling for work. [N7]\n"
    "Here is your summary!"
)


@pytest.fixture
def ready(me, model_server, assistant_env):
    services.save_settings(me, enabled=True, url=model_server.url, model="tiny-test")
    services.consent(me)
    return model_server


def test_the_notes_are_sent_with_ids_and_sentences_come_back_tied_to_them(client, me, ready):
    conversation = held_conversation(me)
    ready.reply(text(ANSWER))
    page = client.post(f"/assistant/summary/{conversation.pk}/").content.decode()
    prompt = ready.requests[-1]["body"]["messages"][-1]["content"]
    assert "[N1] (" in prompt and "best research changes a roadmap" in prompt
    assert "[N2] (" in prompt and "launch weeks" in prompt
    assert 'She likes seeing research change a roadmap.</span> <a href="#note-N1"' in page
    assert 'data-assistant-accept="#finding-working_conditions"' in page
    assert 'id="note-N2"' in page
    # A sentence citing a note that does not exist, and chatter, are left out and counted.
    assert "travelling" not in page and "2 lines of the answer tied to no note were left" in page
    assert not Finding.objects.exists()  # the user accepts; nothing is saved here


def test_parse_keeps_only_known_topics_and_notes():
    found, dropped = services.parse_summary(
        "likes: Good. [N1]\n- dislikes: Bad [N2].\nmoods: Odd. [N1]\nlikes: No source.",
        {"N1", "N2"},
    )
    assert found == {
        "likes": [services.Sentence("Good.", "N1")],
        "dislikes": [services.Sentence("Bad", "N2")],
    }
    assert dropped == 2


def test_a_failing_endpoint_says_so_and_saves_nothing(client, me, ready):
    conversation = held_conversation(me)
    ready.reply(SERVER_ERROR)
    page = client.post(f"/assistant/summary/{conversation.pk}/").content.decode()
    assert "answered with an error (500)" in page
    assert not Finding.objects.exists()
