from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    EXPLORATION = "exploration", "Exploration"
    NOTE = "note", "Note"
    # What was said in a conversation: the ask, findings, question notes, referrals.
    CONVERSATION = "conversation", "Conversation"


# The table of each kind's records, whose id a document holds in `object_id` (a restore
# translates it to the record's fresh id).
TABLES = {
    Kind.PERSON: "people.person",
    Kind.ORGANIZATION: "people.organization",
    Kind.EXPLORATION: "explorations.exploration",
    Kind.NOTE: "people.note",
    Kind.CONVERSATION: "conversations.conversation",
}


class SearchDocument(models.Model):
    """The searchable text of one record, kept in step by the services.

    SQLite indexes it with an FTS5 table fed by triggers, PostgreSQL with a GIN
    index over its tsvector (see the migrations); search/services.py queries both
    through one interface.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_record")
        ]
        indexes = [models.Index(fields=["owner", "kind"])]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"
