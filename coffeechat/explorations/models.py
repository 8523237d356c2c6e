from django.conf import settings
from django.db import models


class DecisionKind(models.TextChoices):
    JOB = "job", "Take a job"
    DEGREE = "degree", "Enter a degree programme"
    CERTIFICATION = "certification", "Earn a certification"
    CAREER_CHANGE = "career_change", "Change careers"
    OTHER = "other", "Something else"


class Exploration(models.Model):
    """A career question (SPEC E1): a field, a target position and the decision it feeds."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="explorations")
    title = models.CharField(max_length=200)
    field = models.CharField(max_length=200, blank=True)
    target_position = models.CharField(max_length=200)
    decision_kind = models.CharField(max_length=20, choices=DecisionKind.choices,
                                     default=DecisionKind.JOB)
    notes = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    decision = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic concurrency: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["closed_on", "-created_at"]
        indexes = [models.Index(fields=["owner", "closed_on"])]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
