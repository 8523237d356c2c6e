"""Explorations (SPEC E1-E3). Services take the acting user and validated values."""

from coffeechat.errors import NotFound
from coffeechat.search.models import Kind
from coffeechat.search.services import index_document
from coffeechat.versioning import save_if_unchanged

from .models import Exploration

EDITABLE = ("title", "field", "target_position", "decision_kind", "notes")


def explorations_for(user):
    return Exploration.objects.filter(owner=user)


def get_exploration_for(user, pk) -> Exploration:
    try:
        return explorations_for(user).get(pk=pk)
    except (Exploration.DoesNotExist, ValueError, TypeError):
        raise NotFound("No such exploration.") from None


def create_exploration(user, **values) -> Exploration:
    exploration = Exploration.objects.create(owner=user, **values)
    index_exploration(exploration)
    return exploration


def index_exploration(exploration) -> None:
    body = "\n".join([exploration.field, exploration.target_position, exploration.notes,
                      exploration.decision])
    index_document(exploration.owner, Kind.EXPLORATION, exploration.pk, exploration.title, body)


def update_exploration(user, pk, version: int, **values) -> Exploration:
    """Apply an edit made on top of `version`; refuse it if someone saved in between."""
    exploration = get_exploration_for(user, pk)
    changes = {name: values[name] for name in EDITABLE if name in values}
    save_if_unchanged(exploration, version, changes, "exploration")
    exploration = get_exploration_for(user, pk)
    index_exploration(exploration)
    return exploration
