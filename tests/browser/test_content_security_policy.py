"""A real Chromium enforces the Content Security Policy on the main pages, and nothing
is refused: every script, style and image the app uses comes from its own origin."""

import pytest
from django.db import transaction
from django.utils import timezone

from coffeechat.accounts.services import local_user
from coffeechat.questions.services import build_plan
from tests.conftest import make_ask, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_main_pages_trigger_no_policy_violation(page):
    with transaction.atomic():  # as a request or a command would
        me = local_user()
        conversation = make_ask(
            me, person=make_person(me, name="Priya Raman"), on=timezone.localdate()
        )
        build_plan(me, conversation)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in [
        "/",
        "/people/",
        f"/people/{conversation.person_id}/",
        "/explorations/",
        f"/explorations/{conversation.exploration_id}/",
        f"/conversations/{conversation.pk}/",
        f"/conversations/{conversation.pk}/live/",
        f"/conversations/{conversation.pk}/plan/",
        "/settings/",
        "/data/",
        "/settings/tokens/",
        "/api/v1/docs",
    ]:
        response = page.goto(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.goto("/people/")
    page.get_by_role("searchbox").fill("Priya")  # an htmx request and swap
    page.wait_for_load_state("networkidle")
    assert refused == []
