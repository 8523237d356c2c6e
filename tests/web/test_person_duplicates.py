"""The person page's duplicate notice follows the page in its own request (htmx)."""

import pytest

from coffeechat.people.services import people_for, update_person
from tests.conftest import make_organization, make_person

pytestmark = pytest.mark.django_db


def test_the_page_loads_its_duplicate_notice_after_itself(client, me):
    grace = make_person(me, name="Grace Hopper", email="grace@navy.mil")
    page = client.get(f"/people/{grace.pk}/").content.decode()
    assert f'hx-get="/people/{grace.pk}/duplicates/"' in page
    assert "Possible duplicate" not in page


def test_it_finds_a_duplicate_by_email_after_an_edit(client, me):
    grace = make_person(me, name="Grace Hopper")
    other = make_person(me, name="G. Hopper", email="grace@navy.mil")
    before = client.get(f"/people/{grace.pk}/duplicates/").content.decode()
    assert "Possible duplicate" not in before
    update_person(me, grace.pk, grace.version, email="Grace@Navy.mil")
    notice = client.get(f"/people/{grace.pk}/duplicates/").content.decode()
    assert "same email" in notice and f"/people/{other.pk}/" in notice


def test_it_finds_a_duplicate_by_profile_url_or_name_at_the_same_organization(client, me):
    acme = make_organization(me)
    grace = make_person(me, name="Grace Hopper", organization=acme,
                        profile_url="https://www.linkedin.com/in/ghopper/")
    by_url = make_person(me, name="Amazing Grace", profile_url="linkedin.com/in/GHopper")
    by_name = make_person(me, name="Grace  hopper", organization=acme)
    notice = client.get(f"/people/{grace.pk}/duplicates/").content.decode()
    assert "same profile URL" in notice and f"/people/{by_url.pk}/" in notice
    assert "very similar name" in notice and f"/people/{by_name.pk}/" in notice


def test_a_stranger_gets_404(client, me, charlie):
    theirs = make_person(charlie)
    assert client.get(f"/people/{theirs.pk}/duplicates/").status_code == 404


def test_the_form_warns_when_the_new_organization_typed_is_one_already_there(client, me):
    """P5 from every way in: typing "acme" instead of picking Acme is the same organization
    (the CLI's --organization takes a name, and both ask people.duplicates_of_values)."""
    make_person(me, name="Grace Hopper", organization=make_organization(me))
    response = client.post("/people/new/", {"name": "Grace Hopper", "new_organization": "acme",
                                            "level": "unknown", "how_found": "other",
                                            "priority": 2})
    assert response.status_code == 200  # the form again, with the notice: nothing saved
    assert "very similar name" in response.content.decode()
    assert people_for(me).count() == 1
