from django.conf import settings
from django.db import models


class TrashItem(models.Model):
    """What one deletion took away, kept so that it can be put back (SPEC U1).

    The rows themselves are gone from their tables, so nothing that reads those tables
    (lists, search, Today, export, the API, reports) can show them by mistake; this row
    holds them as serialized JSON until they are restored or purged (docs/DECISIONS.md).
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # person, organization, event, note, ...; "changes": the undo of a bulk edit, not
    # listed in the Trash (its rows were changed, not deleted).
    kind = models.CharField(max_length=20)
    label = models.CharField(max_length=300)  # "Dana Reyes", "the ask to Dana Reyes"
    # The deleted rows (Django's JSON serialization, parents first), the links that the
    # deletion emptied in rows that stay ([model, field, value, [ids]]), and their search
    # documents.
    rows = models.JSONField(default=list)
    links = models.JSONField(default=list)
    # For an undo of changes (a bulk edit) rather than a deletion: the version each
    # changed row had right after the change; an undo is refused once one has moved on.
    expect = models.JSONField(default=dict)
    deleted_at = models.DateTimeField()

    class Meta:
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["owner", "deleted_at"])]

    def __str__(self):
        return f"{self.kind} {self.label}"
