"""A service that refuses after it wrote leaves nothing behind (ARCHITECTURE.md,
"Transactions: one rule"): the view turns the refusal into a form error, so nothing
raises out of the request and ATOMIC_REQUESTS alone would commit the half."""

from datetime import date

import pytest

from coffeechat.conversations.models import Conversation
from coffeechat.conversations.services import log_ask
from coffeechat.errors import Invalid
from coffeechat.explorations.services import close_exploration
from tests.conftest import make_exploration, make_person

pytestmark = pytest.mark.django_db


def test_an_ask_in_a_closed_exploration_leaves_no_conversation(me):
    exploration = make_exploration(me)
    close_exploration(
        me, exploration.pk, exploration.version, decision="Not for me", closed_on=date(2026, 11, 20)
    )
    exploration.refresh_from_db()
    with pytest.raises(Invalid) as refused:
        log_ask(
            me,
            person=make_person(me),
            exploration=exploration,
            on=date(2026, 11, 23),
            channel="email",
            approach="direct",
            text="May I have 15 minutes?",
        )
    assert refused.value.field == "exploration"
    assert not Conversation.objects.filter(owner=me).exists()
