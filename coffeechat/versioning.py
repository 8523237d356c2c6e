"""Optimistic concurrency: an edit names the version it started from (STYLE: no lost update)."""

from django.db.models import F
from django.utils import timezone

from coffeechat.errors import Conflict


def save_if_unchanged(
    instance, version: int, changes: dict, what: str, owner_field: str = "owner"
) -> None:
    """Compare-and-set on the version column in one UPDATE; Conflict if someone saved first."""
    model = type(instance)
    owner = {owner_field: getattr(instance, owner_field)}
    rows = model.objects.filter(pk=instance.pk, version=version, **owner).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if rows != 1:
        raise Conflict(
            f"This {what} was changed elsewhere since you opened it. "
            "Reload to see the new version, then make your edit again."
        )
