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
    grace = make_person(
        me,
        name="Grace Hopper",
        organization=acme,
        profile_url="https://www.linkedin.com/in/ghopper/",
    )
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
    response = client.post(
        "/people/new/",
        {
            "name": "Grace Hopper",
            "new_organization": "acme",
            "level": "unknown",
            "how_found": "other",
            "priority": 2,
        },
    )
    assert response.status_code == 200  # the form again, with the notice: nothing saved
    assert "very similar name" in response.content.decode()
    assert people_for(me).count() == 1


# ---- while the new person is typed (issue 24, point 4) ---------------------------------


def test_the_new_person_form_asks_as_the_identifying_fields_are_typed(client, me):
    page = client.get("/people/new/").content.decode()
    assert 'hx-get="/people/new/duplicates/"' in page
    assert 'hx-trigger="input changed delay:400ms from:.identifies' in page
    for field in ("name", "email", "profile_url", "new_organization", "organization"):
        assert f'name="{field}"' in page
    assert page.count('class="identifies"') == 5


def test_the_check_finds_the_same_email_or_a_close_name_at_the_same_organization(client, me):
    acme = make_organization(me)
    grace = make_person(me, name="Grace Hopper", email="grace@navy.mil", organization=acme)
    by_email = client.get("/people/new/duplicates/", {"name": "G", "email": "GRACE@navy.mil "})
    assert "same email" in by_email.content.decode()
    assert f"/people/{grace.pk}/" in by_email.content.decode()
    by_name = client.get(
        "/people/new/duplicates/", {"name": "grace  hopper", "organization": acme.pk}
    )
    assert "very similar name" in by_name.content.decode()
    by_typed_organization = client.get(
        "/people/new/duplicates/", {"name": "Grace Hoper", "new_organization": "acme"}
    )
    assert "very similar name" in by_typed_organization.content.decode()
    nobody = client.get("/people/new/duplicates/", {"name": "Grace Hopper"})  # no organization
    assert "Already here?" not in nobody.content.decode()
    assert 'id="duplicate-check"' in nobody.content.decode()


def test_editing_a_person_does_not_find_them_as_their_own_duplicate(client, me):
    grace = make_person(me, name="Grace Hopper", email="grace@navy.mil")
    page = client.get(f"/people/{grace.pk}/edit/").content.decode()
    assert f'name="person" value="{grace.pk}"' in page
    answer = client.get("/people/new/duplicates/", {"email": "grace@navy.mil", "person": grace.pk})
    assert "Already here?" not in answer.content.decode()


def test_bad_values_in_the_check_are_no_error(client, me):
    for query in (
        {"organization": "x"},
        {"person": "abc"},
        {"name": "a" * 5000},
        {"profile_url": "http://[::1"},
        {},
    ):
        assert client.get("/people/new/duplicates/", query).status_code == 200, query
