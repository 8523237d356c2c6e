from django.conf import settings
from django.db import models


class Profile(models.Model):
    """What the app needs to know about the explorer: how to sign a message, and
    which country's public holidays are not business days (SPEC O2, O6)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="profile")
    display_name = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True,
                               help_text="Two-letter code, e.g. US, DE, GB.")
    # The daily digest of the Today list (SPEC T2), only when asked for.
    digest_enabled = models.BooleanField(default=False)
    digest_email = models.EmailField(blank=True)
    digest_hour = models.PositiveSmallIntegerField(default=7)
    feed_tasks = models.BooleanField(default=False)  # due tasks as all-day feed items
    # The secret in the private calendar feed URL (SPEC S2); empty means no feed.
    feed_token = models.CharField(max_length=64, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.display_name or str(self.user)
