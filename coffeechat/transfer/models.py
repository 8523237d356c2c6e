from django.conf import settings
from django.db import models


class JobState(models.TextChoices):
    CHECKING = "checking", "Reading the file"
    READY = "ready", "Ready to import"
    SAVING = "saving", "Saving"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


class ImportJob(models.Model):
    """One upload on its way in: checked, previewed, then committed all-or-nothing.

    Large files are read and saved by a background job; the page polls this row for
    `done` of `total`. The file itself is kept only until the import ends.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    format = models.CharField(max_length=20, blank=True)  # forced by the user, or detected
    data = models.BinaryField(blank=True)
    state = models.CharField(max_length=20, choices=JobState.choices, default=JobState.CHECKING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    # The background job running its current step (coffeechat/jobs), for a large file;
    # none when the step ran inside the request.
    background = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"import of {self.file_name} ({self.state})"

    @property
    def busy(self) -> bool:
        return self.state in {JobState.CHECKING, JobState.SAVING}


class ExternalId(models.Model):
    """An identifier a person carries in another address book (a vCard UID), so that
    importing the same file again finds them instead of adding them twice."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="external_ids"
    )
    source = models.CharField(max_length=20, default="vcard")
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "value"], name="one_person_per_external_id"
            )
        ]

    def __str__(self):
        return f"{self.source}:{self.value}"
