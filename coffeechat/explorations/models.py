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

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="explorations"
    )
    title = models.CharField(max_length=200)
    field = models.CharField(max_length=200, blank=True)
    target_position = models.CharField(max_length=200)
    decision_kind = models.CharField(
        max_length=20, choices=DecisionKind.choices, default=DecisionKind.JOB
    )
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


class Option(models.Model):
    """One of the choices under decision, e.g. "MSc in HCI" vs "UX bootcamp" (SPEC E2)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exploration = models.ForeignKey(Exploration, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class Side(models.TextChoices):
    PRO = "pro", "Pro"
    CON = "con", "Con"


class OptionPoint(models.Model):
    """A pro or a con of an option; findings can be cited once insights exist (L3)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="points")
    side = models.CharField(max_length=3, choices=Side.choices)
    text = models.CharField(max_length=500)
    # The evidence: what someone said that supports this point (SPEC L3).
    finding = models.ForeignKey(
        "conversations.Finding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["side", "created_at", "id"]

    def __str__(self):
        return f"{self.side}: {self.text}"


class Target(models.Model):
    """An organization on an exploration's LAMP list (SPEC P6, Dalton's scoring)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exploration = models.ForeignKey(Exploration, on_delete=models.CASCADE, related_name="targets")
    organization = models.ForeignKey(
        "people.Organization", on_delete=models.CASCADE, related_name="targets"
    )
    advocacy = models.BooleanField(default=False, help_text="Do I have a contact there?")
    motivation = models.PositiveSmallIntegerField(default=0)  # 0 = don't know, 1-3, bumped 4
    postings = models.PositiveSmallIntegerField(default=1)  # 1 none, 2 somewhat, 3 relevant
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["exploration", "organization"], name="one_target_per_organization"
            )
        ]

    def __str__(self):
        return f"{self.organization} in {self.exploration}"
