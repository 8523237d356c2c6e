"""Closing with a decision (E3), options with pros and cons (E2), the LAMP list (P6)."""

from datetime import date

import pytest

from coffeechat.explorations.models import Exploration, OptionPoint, Target
from coffeechat.search.services import search_for
from tests.conftest import make_exploration, make_organization, make_person

pytestmark = pytest.mark.django_db


def test_closing_records_the_decision_and_date_and_stays_searchable(client, me):
    exploration = make_exploration(me, title="Bootcamp or masters?")
    response = client.post(
        f"/explorations/{exploration.pk}/close/",
        {
            "decision": "The part-time masters",
            "closed_on": "2026-12-01",
            "version": exploration.version,
        },
    )
    exploration.refresh_from_db()
    assert response.status_code == 302
    assert (exploration.closed_on, exploration.decision) == (
        date(2026, 12, 1),
        "The part-time masters",
    )
    assert [h.title for h in search_for(me, "masters")] == ["Bootcamp or masters?"]
    body = client.get(f"/explorations/{exploration.pk}/").content.decode()
    assert "Closed on 1 December 2026" in body


def test_closing_without_a_decision_is_refused(client, me):
    exploration = make_exploration(me)
    response = client.post(
        f"/explorations/{exploration.pk}/close/",
        {"decision": "", "closed_on": "2026-12-01", "version": exploration.version},
    )
    assert response.status_code == 400
    assert "What I decided</a>: This field is required." in response.content.decode()
    assert Exploration.objects.get().closed_on is None


def test_a_closed_exploration_can_be_reopened(client, me):
    exploration = make_exploration(me, closed_on=date(2026, 12, 1), decision="x")
    client.post(f"/explorations/{exploration.pk}/reopen/")
    assert Exploration.objects.get().closed_on is None


def test_options_collect_pros_and_cons(client, me):
    exploration = make_exploration(me)
    client.post(f"/explorations/{exploration.pk}/options/", {"title": "MSc in HCI"})
    option = exploration.options.get()
    client.post(
        f"/explorations/{exploration.pk}/options/{option.pk}/points/",
        {"side": "pro", "text": "Research methods in depth"},
    )
    client.post(
        f"/explorations/{exploration.pk}/options/{option.pk}/points/",
        {"side": "con", "text": "Two years part-time"},
    )
    assert sorted(OptionPoint.objects.values_list("side", "text")) == [
        ("con", "Two years part-time"),
        ("pro", "Research methods in depth"),
    ]
    body = client.get(f"/explorations/{exploration.pk}/").content.decode()
    assert "Research methods in depth" in body


def test_a_point_on_a_strangers_option_is_not_found(client, me, charlie):
    theirs = make_exploration(charlie)
    option = theirs.options.create(owner=charlie, title="Theirs")
    mine = make_exploration(me)
    response = client.post(
        f"/explorations/{mine.pk}/options/{option.pk}/points/", {"side": "pro", "text": "sneaky"}
    )
    assert response.status_code == 404
    assert not OptionPoint.objects.exists()


def test_the_lamp_list_is_sorted_and_marks_the_first_batch(client, me):
    exploration = make_exploration(me, target_position="UX researcher")
    scores = [
        ("Dream", 4, 1, False),
        ("Keen", 3, 3, True),
        ("Mild", 1, 3, True),
        ("Unknown", 0, 3, True),
        ("Keen2", 3, 2, False),
        ("Keen3", 3, 3, False),
    ]
    for name, motivation, postings, advocacy in scores:
        organization = make_organization(me, name=name)
        values = {"organization": organization.pk, "motivation": motivation, "postings": postings}
        if advocacy:
            values["advocacy"] = "on"
        client.post(f"/explorations/{exploration.pk}/targets/", values)
    body = client.get(f"/explorations/{exploration.pk}/").content.decode()
    order = [
        body.index(f">{name}</a>")
        for name in ["Dream", "Keen", "Keen3", "Keen2", "Mild", "Unknown"]
    ]
    assert order == sorted(order)
    assert body.count("first batch") == 5


def test_each_target_suggests_two_starter_contacts(client, me):
    exploration = make_exploration(me, target_position="UX researcher")
    acme = make_organization(me, name="Acme")
    Target.objects.create(owner=me, exploration=exploration, organization=acme, motivation=3)
    make_person(me, name="Relevant Rita", title="Senior UX Researcher", organization=acme)
    make_person(me, name="Alumna Ann", title="Accountant", how_found="alumni", organization=acme)
    make_person(me, name="Other Otto", title="Driver", organization=acme)
    body = client.get(f"/explorations/{exploration.pk}/").content.decode()
    assert "Relevant Rita</a>, <a" in body and "Alumna Ann</a>" in body
    assert "Other Otto</a></td>" not in body


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("motivation", "5", "Motivation</a>: Select a valid choice."),
        ("postings", "0", "Postings</a>: Select a valid choice."),
    ],
)
def test_out_of_range_scores_are_named(client, me, field, value, message):
    exploration = make_exploration(me)
    organization = make_organization(me)
    values = {"organization": organization.pk, "motivation": 1, "postings": 1, field: value}
    response = client.post(f"/explorations/{exploration.pk}/targets/", values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Target.objects.exists()


def test_the_exploration_page_runs_flat_queries(client, me):
    from tests.conftest import queries_for_get

    exploration = make_exploration(me)
    organization = make_organization(me)
    Target.objects.create(owner=me, exploration=exploration, organization=organization)
    make_person(me, name="P", organization=organization, exploration=exploration)
    exploration.options.create(owner=me, title="Option")
    url = f"/explorations/{exploration.pk}/"
    one = queries_for_get(client, url)
    for n in range(15):
        organization = make_organization(me, name=f"Org {n}")
        Target.objects.create(owner=me, exploration=exploration, organization=organization)
        make_person(me, name=f"P{n}", organization=organization, exploration=exploration)
        exploration.options.create(owner=me, title=f"Option {n}")
    assert queries_for_get(client, url) == one
