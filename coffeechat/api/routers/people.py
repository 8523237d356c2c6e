"""Organizations and people (SPEC P1-P4, D4)."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from coffeechat.errors import Conflict
from coffeechat.explorations.services import get_exploration_for
from coffeechat.people import services

from ..common import Paged, actor, answers, hold, owned, reader
from ..schemas import (
    Id,
    OrganizationIn,
    OrganizationOut,
    OrganizationPatch,
    PersonIn,
    PersonOut,
    PersonPatch,
)

router = Router(tags=["people"])

# ---- organizations ---------------------------------------------------------------------


@router.get("/organizations", response=answers({200: list[OrganizationOut]}))
@paginate(Paged)
def list_organizations(request, explorer: Query[Id | None] = None):
    """Organizations, by name."""
    return services.organizations_for(reader(request, explorer))


@router.post("/organizations", response=answers({201: OrganizationOut}))
def create_organization(request, payload: OrganizationIn):
    return Status(201, services.create_organization(actor(request), **payload.dict()))


@router.get("/organizations/{organization_id}", response=answers({200: OrganizationOut}))
def get_organization(request, organization_id: Id, explorer: Query[Id | None] = None):
    return services.get_organization_for(reader(request, explorer), organization_id)


@router.patch("/organizations/{organization_id}", response=answers({200: OrganizationOut}))
def update_organization(request, organization_id: Id, payload: OrganizationPatch):
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    version = changes.pop("version")
    return services.update_organization(actor(request), organization_id, version, **changes)


@router.delete("/organizations/{organization_id}", response=answers({204: None}))
def delete_organization(request, organization_id: Id):
    """Move it to the Trash (SPEC U1); people there stay, without it until it is restored."""
    services.delete_organization(actor(request), organization_id)
    return Status(204, None)


# ---- people --------------------------------------------------------------------------


@router.get("/people", response=answers({200: list[PersonOut]}))
@paginate(Paged)
def list_people(
    request,
    explorer: Query[Id | None] = None,
    organization_id: Query[Id | None] = None,
    exploration_id: Query[Id | None] = None,
):
    """People, by name; filter by organization or exploration."""
    return services.people_matching(
        reader(request, explorer), organization_id=organization_id, exploration_id=exploration_id
    )


def _links(user, values: dict) -> dict:
    """Ids named in the body become the caller's own records, held until the request
    commits, or a 404 naming the field."""
    loaders = {
        "organization_id": (services.get_organization_for, "organization"),
        "exploration_id": (get_exploration_for, "exploration"),
        "found_via_person_id": (services.get_person_for, "found_via_person"),
    }
    for field, (load, name) in loaders.items():
        if field in values:
            values[name] = owned(load, user, values.pop(field), field)
    return values


@router.post("/people", response=answers({201: PersonOut}))
def create_person(request, payload: PersonIn):
    """Add a person; `new_organization` creates (or reuses) an organization by name."""
    user = actor(request)
    values = _links(user, payload.dict())
    person = services.create_person(user, **values)
    return Status(201, services.get_person_for(user, person.pk))


@router.get("/people/{person_id}", response=answers({200: PersonOut}))
def get_person(request, person_id: Id, explorer: Query[Id | None] = None):
    return services.get_person_for(reader(request, explorer), person_id)


@router.patch("/people/{person_id}", response=answers({200: PersonOut}))
def update_person(request, person_id: Id, payload: PersonPatch):
    """Change the fields given; send `null` for an id to leave it as it is. A person
    cannot be their own `found_via_person_id` (409)."""
    user = actor(request)
    changes = _links(user, payload.dict(exclude_unset=True, exclude_none=True))
    version = changes.pop("version")
    if changes.get("found_via_person") and changes["found_via_person"].pk == person_id:
        # A rule about the stored person named in the path, not about the body's shape.
        raise Conflict("Someone cannot introduce themselves.", field="found_via_person_id")
    hold(services.get_person_for(user, person_id))
    return services.update_person(user, person_id, version, **changes)


@router.delete("/people/{person_id}", response=answers({204: None}))
def delete_person(request, person_id: Id):
    """Move a person and everything said about them to the Trash (SPEC U1); the web
    interface restores them for 30 days. Erasing for good is `coffeechat erase` (D4)."""
    services.delete_person(actor(request), person_id)
    return Status(204, None)
