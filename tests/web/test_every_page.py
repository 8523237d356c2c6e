"""Every page of the demo workspace answers, with a clean title and one main heading."""

import re
from datetime import date

import pytest

from coffeechat.accounts.services import local_user
from coffeechat.conversations.models import Conversation
from coffeechat.demo.services import build_demo_workspace
from coffeechat.explorations.models import Exploration
from coffeechat.people.models import Organization, Person

pytestmark = pytest.mark.django_db


def pages():
    exploration = Exploration.objects.get()
    conversation = Conversation.objects.filter(stage_cache="scheduled").first()
    person, organization = Person.objects.first(), Organization.objects.first()
    return [
        "/",
        "/?on=2026-12-01",
        "/explorations/",
        f"/explorations/{exploration.pk}/",
        f"/explorations/{exploration.pk}/edit/",
        f"/explorations/{exploration.pk}/insights/",
        f"/explorations/{exploration.pk}/side-by-side/",
        "/people/",
        "/people/new/",
        f"/people/{person.pk}/",
        f"/people/{person.pk}/edit/",
        f"/people/{person.pk}/merge/",
        f"/people/{person.pk}/delete/",
        f"/people/{person.pk}/compose/",
        "/orgs/",
        f"/orgs/{organization.pk}/",
        f"/orgs/{organization.pk}/edit/",
        f"/conversations/{conversation.pk}/",
        f"/conversations/{conversation.pk}/plan/",
        f"/conversations/{conversation.pk}/prep/",
        f"/conversations/{conversation.pk}/live/",
        f"/conversations/{conversation.pk}/findings/",
        "/search/?q=pri",
        "/settings/",
        "/questions/",
        "/about-me/",
        "/outreach/templates/",
    ]


def test_every_page_renders_with_a_plain_title_and_one_h1(client):
    build_demo_workspace(local_user(), today=date(2026, 11, 23))
    for url in pages():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
        assert "<" not in title and title.endswith("· coffeechat"), (url, title)
        assert body.count("<h1") == 1, url
