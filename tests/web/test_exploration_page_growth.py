"""The exploration page does not grow with the number of organizations (issue 26): past
200, the LAMP form asks for the organization's name, with the newest as suggestions."""

import pytest

from coffeechat.explorations.models import Target
from coffeechat.people.models import Organization
from tests.conftest import make_exploration

pytestmark = pytest.mark.django_db


def organizations(owner, count: int, start: int = 0):
    Organization.objects.bulk_create(
        Organization(owner=owner, name=f"Company {n:05}") for n in range(start, start + count)
    )


def page(client, exploration) -> str:
    return client.get(f"/explorations/{exploration.pk}/").content.decode()


def test_a_few_organizations_are_a_select(client, me):
    exploration = make_exploration(me)
    organizations(me, 3)
    body = page(client, exploration)
    assert '<select name="organization"' in body
    assert "Company 00002</option>" in body


def test_many_organizations_are_a_name_box_and_the_page_stays_the_same_size(client, me):
    exploration = make_exploration(me)
    organizations(me, 250)
    before = page(client, exploration)
    assert '<select name="organization"' not in before
    assert '<input type="text" name="organization"' in before
    assert '<datalist id="id_organization-suggestions">' in before
    organizations(me, 2000, start=250)
    after = page(client, exploration)
    assert "Company 02249" in after  # the newest are suggested
    assert len(after) <= len(before) * 1.05


def test_an_organization_is_scored_by_its_name_in_any_case(client, me):
    exploration = make_exploration(me)
    organizations(me, 250)
    response = client.post(
        f"/explorations/{exploration.pk}/targets/",
        {"organization": " company 00007 ", "motivation": 3, "postings": 2},
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.organization.name, target.motivation) == ("Company 00007", 3)


def test_an_unknown_name_is_refused_naming_the_field_and_nothing_is_saved(client, me, charlie):
    exploration = make_exploration(me)
    organizations(me, 250)
    organizations(charlie, 1, start=90000)  # someone else's is not found by its name
    for name in ("Company 99999", "Company 90000", "9" * 30, "Company\x0000007"):
        response = client.post(
            f"/explorations/{exploration.pk}/targets/",
            {"organization": name, "motivation": 1, "postings": 1},
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "None of yours is named" in body
        if "\x00" not in name:
            assert f"None of yours is named “{name}”" in body
            assert f'value="{name}"' in body  # what was typed stays in the box
    assert not Target.objects.exists()
