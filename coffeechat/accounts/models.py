from django.conf import settings
from django.db import models


class Profile(models.Model):
    """What the app needs to know about the explorer: how to sign a message, and
    which country's public holidays are not business days (SPEC O2, O6)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=200, blank=True)
    # A country or one of its regions as the holidays package knows them: US, GB-ENG, DE-BY.
    country = models.CharField(
        max_length=16, blank=True, help_text="Country or region code, e.g. US, DE-BY, GB-ENG."
    )
    # The daily digest of the Today list (SPEC T2), only when asked for.
    digest_enabled = models.BooleanField(default=False)
    digest_email = models.EmailField(blank=True)
    digest_hour = models.PositiveSmallIntegerField(default=7)
    feed_tasks = models.BooleanField(default=False)  # due tasks as all-day feed items
    # The SHA-256 of the secret in the private calendar feed URL (SPEC S2), never the
    # secret itself, which is shown once; empty means no feed. serialize=False keeps it
    # out of the JSON export: a credential is no part of the workspace.
    feed_digest = models.CharField(max_length=64, blank=True, db_index=True, serialize=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.display_name or str(self.user)


# ---- team mode (SPEC M2) -------------------------------------------------------------


class CoachGrant(models.Model):
    """An explorer lets a coach read (never change) their records, until revoked."""

    explorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_grants"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_grants"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["explorer", "coach"], name="one_grant_per_coach")
        ]

    def __str__(self):
        return f"{self.coach} coaches {self.explorer}"


class Invitation(models.Model):
    """The only way into a team server: signup is closed, an admin invites.

    Only a digest of the secret is stored, so a database leak does not open accounts.
    """

    email = models.EmailField()
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    make_admin = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Invitation for {self.email}"


class LoginFailure(models.Model):
    """A failed login, kept briefly to throttle guessing (see docs/SECURITY.md)."""

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "at"]), models.Index(fields=["address", "at"])]

    def __str__(self):
        return f"{self.username} from {self.address}"
