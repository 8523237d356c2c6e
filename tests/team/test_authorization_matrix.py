"""Every web route against the three personas (issue 11, STYLE 4).

alice owns one of every record; bob coaches her with her grant; charlie is a stranger.
- charlie gets exactly what a nonexistent id gets (404, or 405 for a wrong method),
  directly and through the coach view: an id of alice's tells him nothing;
- bob reads every page of alice's through /coach/<alice>/ exactly as she does, and
  every attempt of his to change anything is refused; her rows stay as they were.
The API has its own matrix (tests/api/test_authorization_matrix.py).
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from coffeechat.accounts.middleware import HIDDEN_FROM_COACHES

from .workspace import build, snapshot

# Which of alice's records each URL argument names.
BY_ROUTE = {
    "people:organization": "organization",
    "people:organization_edit": "organization",
    "questions:edit": "question",
    "questions:retire": "question",
    "questions:about_me_delete": "talking_point",
    "transfer:erase": "person",
    "accounts:coach_revoke": "grant",
    "accounts:coach_leave": "grant",
    "accounts:invitation_withdraw": "invitation",
    "api_tokens:revoke": "token",
    "outreach:template_edit": "template",
    "outreach:file_delete": "attachment",
    "assistant:summary": "conversation",
    "people:organization_delete": "organization",
    "outreach:template_delete": "template",
    "today:unmark": "task_mark",
    "trash:restore": "trash_item",
    "trash:delete": "trash_item",
}
BY_NAMESPACE = {
    "explorations": "exploration",
    "insights": "exploration",
    "people": "person",
    "conversations": "conversation",
    "questions": "conversation",
    "transfer": "import_job",
}
BY_ARGUMENT = {"option_pk": "option", "person_pk": "person", "note_pk": "note", "event_pk": "event"}
PLAIN_VALUES = {("insights:report", "kind"): "md", ("transfer:export", "kind"): "json"}
# The secret in these addresses is the key itself (a calendar subscription, an
# invitation link): whoever holds it may use it. tests/team/test_accounts.py covers them.
CAPABILITY_ROUTES = {"accounts:feed", "accounts:invitation"}
# A grant belongs to both sides: the coach may step back from it himself.
SHARED_WITH_COACH = {"accounts:coach_leave"}
MISSING = 2**40


def web_routes():
    """(name, route) of every URL pattern outside the API."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    pattern.namespace or namespace,
                )
            else:
                yield f"{namespace}:{pattern.name}", prefix + str(pattern.pattern), pattern

    return [
        (name, route, pattern)
        for name, route, pattern in walk(get_resolver().url_patterns)
        if not route.startswith("api/")
    ]


def arguments_of(pattern) -> list[str]:
    return list(pattern.pattern.converters)


def record_for(name, argument):
    if argument in BY_ARGUMENT:
        return BY_ARGUMENT[argument]
    if argument == "pk":
        return BY_ROUTE.get(name) or BY_NAMESPACE.get(name.split(":")[0])
    return None


def url_for(name, pattern, workspace, missing=False) -> str:
    kwargs = {}
    for argument in arguments_of(pattern):
        if (name, argument) in PLAIN_VALUES:
            kwargs[argument] = PLAIN_VALUES[(name, argument)]
        else:
            kwargs[argument] = (
                MISSING if missing else getattr(workspace, record_for(name, argument)).pk
            )
    return reverse(name, kwargs=kwargs)


def names_records(name, pattern) -> bool:
    return any(record_for(name, argument) for argument in arguments_of(pattern))


ROUTES = [(name, pattern) for name, _, pattern in web_routes() if name not in CAPABILITY_ROUTES]


@pytest.fixture
def world(team_mode, alice, bob, charlie, client_of):
    workspace = build(alice, bob)
    return workspace, client_of(alice), client_of(bob), client_of(charlie)


def coach_url(alice, url) -> str:
    return f"/coach/{alice.pk}{url}"


def test_every_route_is_in_the_matrix():
    unknown = [
        f"{name}: <{argument}>"
        for name, _, pattern in web_routes()
        if name not in CAPABILITY_ROUTES
        for argument in arguments_of(pattern)
        if (name, argument) not in PLAIN_VALUES and not record_for(name, argument)
    ]
    assert unknown == [], "say which record each new URL argument names (BY_ROUTE …)"


def test_a_stranger_learns_nothing_from_alices_ids(world, alice):
    workspace, _, _, stranger = world
    wrong = []
    for name, pattern in ROUTES:
        if not names_records(name, pattern):
            continue
        url, nowhere = url_for(name, pattern, workspace), url_for(name, pattern, workspace, True)
        for method in ("get", "post"):
            status = getattr(stranger, method)(url).status_code
            expected = getattr(stranger, method)(nowhere).status_code
            if status != expected or status not in (404, 405):
                wrong.append(f"{method.upper()} {url}: {status}, not {expected}")
    assert wrong == []


def test_a_stranger_cannot_open_the_coach_view(world, alice):
    workspace, _, _, stranger = world
    wrong = [
        url
        for name, pattern in ROUTES
        for url in [coach_url(alice, url_for(name, pattern, workspace))]
        for method in ("get", "post")
        if getattr(stranger, method)(url).status_code != 404
    ]
    assert wrong == []


def test_the_coach_reads_every_page_alice_reads(world, alice):
    workspace, explorer, coach, _ = world
    wrong = []
    for name, pattern in ROUTES:
        url = url_for(name, pattern, workspace)
        hidden = url.startswith(HIDDEN_FROM_COACHES)
        expected = 404 if hidden else explorer.get(url).status_code
        status = coach.get(coach_url(alice, url)).status_code
        if status != expected:
            wrong.append(f"GET {url}: {status} for bob, {expected} for alice")
    assert wrong == []


def test_the_coach_sees_her_records_on_her_pages(world, alice):
    workspace, _, coach, _ = world
    page = coach.get(coach_url(alice, f"/people/{workspace.person.pk}/"))
    assert page.status_code == 200
    assert "Ada Alicesdottir" in page.content.decode()
    assert f"/coach/{alice.pk}/explorations/" in page.content.decode()  # links stay inside


def test_the_coach_cannot_change_anything(world, alice):
    workspace, _, coach, _ = world
    before = snapshot(alice)
    wrong = []
    for name, pattern in ROUTES:
        url = url_for(name, pattern, workspace)
        via_coach_view = coach.post(coach_url(alice, url)).status_code
        if via_coach_view != (404 if url.startswith(HIDDEN_FROM_COACHES) else 403):
            wrong.append(f"POST /coach/…{url}: {via_coach_view}")
        if names_records(name, pattern) and name not in SHARED_WITH_COACH:
            direct = coach.post(url).status_code
            if direct not in (404, 405):
                wrong.append(f"POST {url}: {direct}")
    assert wrong == []
    assert snapshot(alice) == before


def test_a_stranger_changes_nothing_of_alices(world, alice):
    workspace, _, _, stranger = world
    before = snapshot(alice)
    for name, pattern in ROUTES:
        stranger.post(url_for(name, pattern, workspace))
    assert snapshot(alice) == before


def test_lists_show_a_stranger_none_of_alices_records(world):
    workspace, _, _, stranger = world
    leaks = []
    for name, pattern in ROUTES:
        if arguments_of(pattern):
            continue
        url = url_for(name, pattern, workspace)
        body = stranger.get(url).content.decode(errors="replace")
        leaks += [
            f"{url} shows {text}"
            for text in ("Alicesdottir", "Alicorp", "Alice's secret")
            if text in body
        ]
    assert leaks == []
