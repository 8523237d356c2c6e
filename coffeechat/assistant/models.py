from django.conf import settings
from django.db import models


class AssistantSettings(models.Model):
    """A user's choice to use the assistant, and (personal mode) with which endpoint.

    Off until the user turns it on. `consented_to` names the endpoint and model the
    user agreed to send to after seeing exactly what goes there; another endpoint
    asks again.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assistant_settings"
    )
    enabled = models.BooleanField(default=False)
    url = models.CharField(max_length=500, blank=True)
    model = models.CharField(max_length=200, blank=True)
    api_key = models.CharField(max_length=500, blank=True)
    consented_to = models.CharField(max_length=800, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"assistant {'on' if self.enabled else 'off'} for {self.owner_id}"


class SentLog(models.Model):
    """Exactly what was sent to a model, where, and how it ended (kept locally, erasable)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assistant_sent"
    )
    # Whom the request was about: erasing the person (D4) erases what was sent about them.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=30)
    endpoint = models.CharField(max_length=500)
    model = models.CharField(max_length=200)
    messages = models.JSONField()
    outcome = models.CharField(max_length=300, blank=True)
    reply = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.kind} to {self.model} at {self.endpoint}: {self.outcome}"
