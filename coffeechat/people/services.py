"""People and organizations (SPEC P1-P4). Every query is scoped to its owner."""

from coffeechat.errors import NotFound
from coffeechat.versioning import save_if_unchanged

from .models import Organization, Person


def organizations_for(user):
    return Organization.objects.filter(owner=user)


def get_organization_for(user, pk) -> Organization:
    try:
        return organizations_for(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such organization.") from None


def create_organization(user, **values) -> Organization:
    return Organization.objects.create(owner=user, **values)


def organization_named(user, name: str) -> Organization:
    """The owner's organization with this name (any case), created if new."""
    existing = organizations_for(user).filter(name__iexact=name.strip()).first()
    return existing or create_organization(user, name=name.strip())


def people_for(user):
    return Person.objects.filter(owner=user).select_related("organization", "exploration")


def get_person_for(user, pk) -> Person:
    try:
        return people_for(user).select_related("found_via_person").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such person.") from None


def create_person(user, *, new_organization: str = "", **values) -> Person:
    """Add a person; `new_organization` names an organization to create on the way."""
    if new_organization.strip():
        values["organization"] = organization_named(user, new_organization)
    return Person.objects.create(owner=user, **values)


def update_person(user, pk, version: int, **changes) -> Person:
    """Apply an edit made on top of `version`; a concurrent save makes it a Conflict."""
    person = get_person_for(user, pk)
    save_if_unchanged(person, version, changes, "person")
    return get_person_for(user, pk)
