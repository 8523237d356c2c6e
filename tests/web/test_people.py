import pytest

from coffeechat.people.models import Organization, Person
from tests.conftest import make_exploration, make_organization, make_person, queries_for_get

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Grace Hopper",
    "title": "Rear admiral",
    "level": "above",
    "how_found": "alumni",
    "priority": 2,
}


def test_it_adds_a_person_with_a_new_organization(client, me):
    exploration = make_exploration(me)
    response = client.post(
        "/people/new/",
        {
            **VALID,
            "new_organization": "US Navy",
            "exploration": exploration.pk,
            "email": "grace@example.org",
        },
    )
    person = Person.objects.get(owner=me)
    assert response.status_code == 302
    assert person.organization.name == "US Navy"
    assert person.organization.owner == me
    assert person.exploration == exploration


def test_an_existing_organization_is_reused_by_name(client, me):
    acme = make_organization(me, name="Acme")
    client.post("/people/new/", {**VALID, "new_organization": "ACME"})
    assert Person.objects.get().organization == acme
    assert Organization.objects.count() == 1


@pytest.mark.parametrize(
    "field, value, label, message",
    [
        ("name", "", "Name", "This field is required."),
        ("email", "grace@", "Email", "Enter a valid email address."),
        ("profile_url", "not a url", "Profile URL", "Enter a valid URL."),
        ("priority", "7", "Priority", "Choose 1, 2 or 3."),
        ("level", "sideways", "Level relative to the target position", "Select a valid choice."),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(client, me, field, value, label, message):
    response = client.post("/people/new/", {**VALID, "new_organization": "Navy", field: value})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"{label}</a>: {message}" in body
    assert not Person.objects.exists()
    assert not Organization.objects.exists()


def test_a_mutual_acquaintance_must_be_named(client, me):
    response = client.post("/people/new/", {**VALID, "how_found": "acquaintance"})
    assert response.status_code == 400
    assert "Mutual acquaintance</a>: Name the acquaintance" in response.content.decode()


def test_another_owners_organization_cannot_be_chosen(client, me, charlie):
    theirs = make_organization(charlie, name="Secret Corp")
    response = client.post("/people/new/", {**VALID, "organization": theirs.pk})
    assert response.status_code == 400
    assert not Person.objects.exists()


def test_a_strangers_person_is_not_found(client, me, charlie):
    theirs = make_person(charlie)
    assert client.get(f"/people/{theirs.pk}/").status_code == 404
    assert "Ada Lovelace" not in client.get("/people/").content.decode()


def test_the_people_list_runs_as_many_queries_for_30_people_as_for_one(client, me):
    make_person(me, organization=make_organization(me))
    one = queries_for_get(client, "/people/")
    for n in range(29):
        make_person(me, name=f"Person {n}", organization=make_organization(me, name=f"Org {n}"))
    assert queries_for_get(client, "/people/") == one


def test_an_edit_based_on_an_old_version_is_refused(client, me):
    person = make_person(me)
    values = {**VALID, "name": "Ada King", "version": person.version}
    assert client.post(f"/people/{person.pk}/edit/", values).status_code == 302
    response = client.post(f"/people/{person.pk}/edit/", {**values, "name": "Ada Byron"})
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.name == "Ada King"


def test_it_adds_an_organization(client, me):
    response = client.post(
        "/orgs/",
        {"name": "Lumen Labs", "hiring_status": "not_hiring", "website": "https://lumen.example"},
    )
    assert response.status_code == 302
    assert Organization.objects.get(owner=me).hiring_status == "not_hiring"


def test_an_organization_with_a_bad_website_is_refused(client, me):
    response = client.post(
        "/orgs/", {"name": "Lumen", "hiring_status": "unknown", "website": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert "Website</a>: Enter a valid URL." in response.content.decode()
    assert not Organization.objects.exists()
