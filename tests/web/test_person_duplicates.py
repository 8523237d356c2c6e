"""The person page's duplicate notice follows the page in its own request (htmx)."""

import pytest

from coffeechat.people.services import update_person
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
