"""On an empty workspace, every list-like page says what to do first and links to it."""

from html.parser import HTMLParser

import pytest

from tests.conftest import make_ask, make_exploration, make_organization, make_person

pytestmark = pytest.mark.django_db

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class EmptyStateLinks(HTMLParser):
    """The text and the links inside elements of class "empty"."""

    def __init__(self):
        super().__init__()
        self.stack, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.inside() and tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag not in VOID:
            self.stack.append((tag, "empty" in (attrs.get("class") or "").split()))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.inside():
            self.text.append(data.strip())

    def inside(self):
        return any(is_empty for _, is_empty in self.stack)


def empty_state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = EmptyStateLinks()
    parser.feed(response.content.decode())
    return " ".join(filter(None, parser.text)), parser.links


def assert_guides(client, url, first_action):
    text, links = empty_state(client, url)
    assert text, f"{url} shows no empty state"
    assert first_action in links, f"{url}: no link to {first_action} in {links} ({text})"


WORKSPACE_PAGES = [
    ("/", "/explorations/#new"),
    ("/explorations/", "#new"),
    ("/people/", "/people/new/"),
    ("/orgs/", "#new"),
    ("/search/", "/people/new/"),
    ("/search/?q=nobody-like-this", "/people/new/"),
    ("/about-me/", "#id_topic"),
    ("/outreach/templates/", "#built-in"),
    ("/data/", "#import-title"),
    ("/settings/tokens/", "#id_name"),
]


@pytest.mark.parametrize(("url", "first_action"), WORKSPACE_PAGES)
def test_an_empty_workspace_page_says_what_to_do_first(client, me, url, first_action):
    assert_guides(client, url, first_action)


def test_an_empty_exploration_points_to_people_and_organizations(client, me):
    exploration = make_exploration(me)
    pk = exploration.pk
    assert_guides(client, "/", "/people/new/")
    assert_guides(client, f"/explorations/{pk}/", f"/people/new/?exploration={pk}")
    assert_guides(client, f"/explorations/{pk}/", "/orgs/#new")
    assert_guides(client, f"/explorations/{pk}/insights/", f"/people/new/?exploration={pk}")
    assert_guides(client, f"/explorations/{pk}/side-by-side/", f"/explorations/{pk}/#conversations")


def test_a_person_or_organization_with_no_history_points_to_the_next_step(client, me):
    organization = make_organization(me)
    person = make_person(me)
    assert_guides(client, f"/orgs/{organization.pk}/", "/people/new/")
    assert_guides(client, f"/people/{person.pk}/", f"/people/{person.pk}/compose/")


def test_a_conversation_without_a_plan_points_to_the_planner(client, me):
    conversation = make_ask(me)
    assert_guides(client, f"/conversations/{conversation.pk}/plan/", "#shape")
    for page in ("live", "prep"):
        assert_guides(
            client,
            f"/conversations/{conversation.pk}/{page}/",
            f"/conversations/{conversation.pk}/plan/",
        )
