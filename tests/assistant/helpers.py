"""Records and a parser of the draft's server-sent events, shared by the assistant tests."""

import json
from datetime import date

from coffeechat.conversations.services import log_event
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.questions.models import PlanItem
from coffeechat.questions.services import build_plan, save_note
from tests.conftest import make_ask, make_exploration, make_organization, make_person

JOB_REQUEST = (
    "Dear Priya,\n\nI saw your team at Acme is hiring. Could you refer me for a "
    "position as a UX researcher? I would love to get a job there.\n\nSam"
)
GOOD_ASK = (
    "Dear Priya,\n\nYour work as UX researcher at Acme is what I hope to understand as "
    "I explore a career in user research. Could you spare 15 minutes to tell me how "
    "you got into it? This is not a job request, only a wish for your perspective."
    "\n\nWith thanks,\nSam"
)
NOTE = "She said the best research changes a roadmap. Also: start with usability tests."


def priya(me):
    exploration = make_exploration(me, field="user research")
    return make_person(
        me,
        name="Priya Raman",
        title="UX researcher",
        organization=make_organization(me),
        email="priya@example.com",
        phone="+44 20 7946 0000",
        exploration=exploration,
    )


def held_conversation(me):
    person = priya(me)
    conversation = make_ask(me, person=person, exploration=person.exploration, on=date(2026, 11, 2))
    log_event(me, conversation, EventKind.REPLIED, on=date(2026, 11, 3), outcome=Outcome.ACCEPTED)
    build_plan(me, conversation)
    items = list(PlanItem.objects.filter(conversation=conversation).order_by("question_id"))
    save_note(me, conversation, items[0].question_id, NOTE)
    save_note(me, conversation, items[1].question_id, "Hours are long in launch weeks.")
    log_event(me, conversation, EventKind.HELD, on=date(2026, 11, 10))
    return conversation


def events_of(response) -> list[tuple[str, dict]]:
    body = b"".join(response.streaming_content).decode()
    events = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events
