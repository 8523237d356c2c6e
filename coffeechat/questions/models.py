from django.conf import settings
from django.db import models

from coffeechat.domain.questions import Domain, FindingTopic, Tiara


class Question(models.Model):
    """A question in the owner's bank; the built-in ones are copied in on first use so
    they can be edited and retired like the user's own (SPEC Q1, Q1b)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(max_length=60)
    text = models.CharField(max_length=500)
    domain = models.CharField(max_length=20, choices=[(d.value, d.label) for d in Domain])
    tiara = models.CharField(max_length=20, blank=True, choices=[(t.value, t.label) for t in Tiara])
    minutes = models.PositiveSmallIntegerField(default=3)
    rank = models.PositiveSmallIntegerField(default=3)
    topic = models.CharField(
        max_length=30, blank=True, choices=[(t.value, t.label) for t in FindingTopic]
    )
    built_in = models.BooleanField(default=False)
    retired = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["domain", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="unique_question_key")]

    def __str__(self):
        return self.text


class PlanItem(models.Model):
    """One question planned for one conversation, in order (SPEC Q2)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="plan_items"
    )
    # A question a plan used is never deleted, only retired.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="plan_items")
    position = models.PositiveSmallIntegerField()
    minutes = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.position}. {self.question}"


class TalkingPoint(models.Model):
    """Something about me to tell when they ask (SPEC Q3): for every exploration, or one."""

    TOPICS = [
        ("introduction", "Short introduction"),
        ("education", "Education"),
        ("experience", "Experience"),
        ("skills", "Skills"),
        ("other", "Other"),
    ]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talking_points"
    )
    exploration = models.ForeignKey(
        "explorations.Exploration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="talking_points",
    )
    topic = models.CharField(max_length=20, choices=TOPICS, default="introduction")
    text = models.TextField()
    share = models.BooleanField(default=True, help_text="Put it on the meeting agenda.")

    class Meta:
        ordering = ["topic", "id"]

    def __str__(self):
        return self.text[:50]


class ChecklistTick(models.Model):
    """A ticked checklist item of one meeting (SPEC Q5)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="checklist_ticks"
    )
    key = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "key"], name="one_tick_per_item")
        ]

    def __str__(self):
        return f"{self.key} ticked"


class QuestionNote(models.Model):
    """What they answered to one planned question, typed live (SPEC C1)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="question_notes"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="notes")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "question"], name="one_note_per_question"
            )
        ]

    def __str__(self):
        return self.text[:50]
