"""Explorations (SPEC E1-E3)."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from coffeechat.explorations import services

from ..common import Paged, actor, answers, reader
from ..schemas import (
    ExplorationClose,
    ExplorationIn,
    ExplorationOut,
    ExplorationPatch,
    ExplorationReopen,
    Id,
)

router = Router(tags=["explorations"])


@router.get("/explorations", response=answers({200: list[ExplorationOut]}))
@paginate(Paged)
def list_explorations(request, explorer: Query[Id | None] = None):
    """Career questions, open ones first."""
    return services.explorations_for(reader(request, explorer))


@router.post("/explorations", response=answers({201: ExplorationOut}))
def create_exploration(request, payload: ExplorationIn):
    return Status(201, services.create_exploration(actor(request), **payload.dict()))


@router.get("/explorations/{exploration_id}", response=answers({200: ExplorationOut}))
def get_exploration(request, exploration_id: Id, explorer: Query[Id | None] = None):
    return services.get_exploration_for(reader(request, explorer), exploration_id)


@router.patch("/explorations/{exploration_id}", response=answers({200: ExplorationOut}))
def update_exploration(request, exploration_id: Id, payload: ExplorationPatch):
    """Change the fields given; `version` is the one you read (409 if it moved on)."""
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    version = changes.pop("version")
    return services.update_exploration(actor(request), exploration_id, version, **changes)


@router.post("/explorations/{exploration_id}/close", response=answers({200: ExplorationOut}))
def close_exploration(request, exploration_id: Id, payload: ExplorationClose):
    """Record the decision and its date (SPEC E3)."""
    return services.close_exploration(
        actor(request),
        exploration_id,
        payload.version,
        decision=payload.decision,
        closed_on=payload.closed_on,
    )


@router.post("/explorations/{exploration_id}/reopen", response=answers({200: ExplorationOut}))
def reopen_exploration(request, exploration_id: Id, payload: ExplorationReopen):
    return services.reopen_exploration(actor(request), exploration_id, payload.version)


@router.delete("/explorations/{exploration_id}", response=answers({204: None}))
def delete_exploration(request, exploration_id: Id):
    """Move it to the Trash with its conversations, options and targets (SPEC U1)."""
    services.delete_exploration(actor(request), exploration_id)
    return Status(204, None)
