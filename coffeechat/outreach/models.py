from django.conf import settings
from django.db import models

from coffeechat.conversations.models import Approach

FORM_CHOICES = [("written", "Written message"), ("phone", "Phone script")]


class MessageTemplate(models.Model):
    """A template of the user's own, next to the built-in ones (SPEC O2)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_templates"
    )
    name = models.CharField(max_length=100)
    approach = models.CharField(max_length=20, choices=Approach.choices)
    form = models.CharField(max_length=10, choices=FORM_CHOICES, default="written")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Attachment(models.Model):
    """A file sent with an ask (U4): the résumé or another file kept in Settings, or one
    added to a single ask, kept with that person (erased with them). The bytes live in
    the database, so export, restore and backup carry them like any other row."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attachments"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    is_resume = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_resume", "name", "id"]
        indexes = [models.Index(fields=["owner", "person"])]

    def __str__(self):
        return self.name
