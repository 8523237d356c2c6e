from django.conf import settings
from django.db import models

from coffeechat.domain.today import MarkAction


class TaskMark(models.Model):
    """Done, dismissed or snoozed: an event about a derived task (SPEC T1)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    task_key = models.CharField(max_length=100)
    action = models.CharField(max_length=10, choices=[(a.value, a.value) for a in MarkAction])
    on = models.DateField()
    until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "task_key"])]

    def __str__(self):
        return f"{self.task_key} {self.action}"


class DigestStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, will retry"
    GAVE_UP = "gave_up", "Failed, gave up"


class Digest(models.Model):
    """One daily email of the Today list (SPEC T2). A process claims it with a
    conditional UPDATE, so two processes never send the same digest twice."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField()
    status = models.CharField(
        max_length=10, choices=DigestStatus.choices, default=DigestStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["owner", "day"], name="one_digest_per_day")]

    def __str__(self):
        return f"digest {self.day} {self.status}"
