from django.conf import settings
from django.db import models


class HiringStatus(models.TextChoices):
    UNKNOWN = "unknown", "Unknown"
    HIRING = "hiring", "Hiring"
    NOT_HIRING = "not_hiring", "Not hiring"


class Organization(models.Model):
    """A place where people I could ask work (SPEC P1)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organizations"
    )
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    would_like_to_work_here = models.BooleanField(default=False)
    # "Not hiring" is no reason to skip an organization: it is recorded, not filtered.
    hiring_status = models.CharField(
        max_length=20, choices=HiringStatus.choices, default=HiringStatus.UNKNOWN
    )
    research_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["owner", "name"])]

    def __str__(self):
        return self.name


class Tag(models.Model):
    """A label of the owner's choosing ("alumni", "met at conference")."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="unique_tag_name")]

    def __str__(self):
        return self.name


class Level(models.TextChoices):
    """Where a person stands relative to the exploration's target position (SPEC P2)."""

    ABOVE = "above", "Above the target"
    SAME = "same", "At the target"
    BELOW = "below", "Below the target"
    UNKNOWN = "unknown", "Not sure"


class HowFound(models.TextChoices):
    """SPEC P3."""

    ACQUAINTANCE = "acquaintance", "Mutual acquaintance"
    ASSOCIATION = "association", "Professional association"
    INSTRUCTOR = "instructor", "Instructor"
    FRONT_DESK = "front_desk", "Front desk or HR"
    ALUMNI = "alumni", "Alumni network"
    ONLINE_PROFILE = "online_profile", "Online profile"
    REFERRAL = "referral", "Referred in a conversation"
    OTHER = "other", "Other"


class Person(models.Model):
    """Someone who could tell me about the work (SPEC P2-P4)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    exploration = models.ForeignKey(
        "explorations.Exploration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.UNKNOWN)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    profile_url = models.URLField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    how_found = models.CharField(max_length=20, choices=HowFound.choices, default=HowFound.OTHER)
    found_via_person = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    found_via_conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    priority = models.PositiveSmallIntegerField(default=2)  # 1 low .. 3 high (SPEC P4)
    do_not_ask = models.BooleanField(default=False)
    keep_in_touch_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for the usual rhythm (every 8 weeks)."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        # (owner, found_via_conversation): Today's referrals not asked yet, without a walk
        # over every person of the owner (9 ms at 10,000 people, on every Today).
        indexes = [
            models.Index(fields=["owner", "name"]),
            models.Index(fields=["owner", "email"]),
            models.Index(fields=["owner", "found_via_conversation"]),
        ]

    def __str__(self):
        return self.name


class Note(models.Model):
    """A dated note about a person, optionally from a conversation."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="dated_notes")
    conversation = models.ForeignKey(
        "conversations.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "created_at"])]

    def __str__(self):
        return self.text[:50]
