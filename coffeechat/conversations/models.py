from django.conf import settings
from django.db import models

from coffeechat.domain.journey import (
    EventFact,
    EventKind,
    Outcome,
    Stage,
    derive_stage,
    event_label,
)
from coffeechat.domain.meeting import DEFAULT_LENGTH, SchedulingEvent, Slot, current_meeting
from coffeechat.domain.questions import FindingTopic


class ConversationKind(models.TextChoices):
    """An employment conversation is never mixed into an informational one (SPEC F4)."""

    INFORMATIONAL = "informational", "Informational interview"
    EMPLOYMENT = "employment", "Employment conversation"


class Channel(models.TextChoices):
    """SPEC O1."""

    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    NETWORK = "network", "Professional-network message"
    IN_PERSON = "in_person", "In person"
    LETTER = "letter", "Letter"


class Approach(models.TextChoices):
    """SPEC O2."""

    DIRECT = "direct", "Direct"
    REFERRED = "referred", "Referred by someone"
    ADVICE = "advice", "Asking for advice"


class ConversationQuerySet(models.QuerySet):
    def mark_due_stale(self) -> int:
        """Their due dates must be recomputed (the Today cache). A queryset method, so
        that `person.conversations.mark_due_stale()` needs no import of this app."""
        return self.update(due_key="")


class Conversation(models.Model):
    """One conversation with one person inside one exploration.

    Its stage is never stored: it is derived from the append-only events.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    exploration = models.ForeignKey(
        "explorations.Exploration", on_delete=models.CASCADE, related_name="conversations"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="conversations"
    )
    kind = models.CharField(
        max_length=20, choices=ConversationKind.choices, default=ConversationKind.INFORMATIONAL
    )
    # A cache of derive_stage(events) for filtering lists in SQL; the service that
    # appends an event recomputes it in the same transaction.
    stage_cache = models.CharField(
        max_length=20, default=Stage.NOT_ASKED.value, choices=[(s.value, s.label) for s in Stage]
    )
    # Another cache, so Today reads only conversations with something due: the earliest
    # due date of its tasks, and the settings it was computed under ("" = recompute).
    next_due = models.DateField(null=True, blank=True)
    due_key = models.CharField(max_length=40, blank=True, default="")
    scratch = models.TextField(blank=True)  # the live-mode scratch pad (SPEC C1)
    # When live mode's clock was started: kept on the server, so a reload (or another
    # device) shows the time left instead of the full length again.
    live_started_at = models.DateTimeField(null=True, blank=True)
    recording_consent = models.BooleanField(default=False)  # asked before recording (C3)
    recording = models.FileField(upload_to="recordings/", blank=True)
    # The parts recorded in the browser, appended to `recording` as they came (C3): each
    # {"id": the browser's name for it, "offset": its first byte, "at": when it started
    # (ISO), "next": the chunk number expected next}. Empty for an uploaded file.
    recording_takes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "exploration"]),
            # An exploration's newest first (its page): no sort of all of them.
            models.Index(
                fields=["owner", "exploration", "created_at"], name="conv_owner_expl_created_idx"
            ),
            models.Index(fields=["owner", "stage_cache"]),
            models.Index(fields=["owner", "next_due"]),
            models.Index(fields=["owner", "due_key"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.person}"

    def facts(self) -> list[EventFact]:
        """The events as plain values for the domain rules (uses prefetched events)."""
        return [event.fact() for event in self.events.all()]

    @property
    def stage(self):
        return derive_stage(self.facts())

    @property
    def meeting(self):
        """The meeting as it stands, folded from the scheduling events (or None)."""
        return current_meeting(event.scheduling() for event in self.events.all())


class Event(models.Model):
    """Something that happened in a conversation. Rows are appended, never edited."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=[(k.value, k.name.title()) for k in EventKind])
    on = models.DateField()
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    approach = models.CharField(max_length=20, choices=Approach.choices, blank=True)
    outcome = models.CharField(
        max_length=20, blank=True, choices=[(o.value, o.name.title()) for o in Outcome]
    )
    meeting_on = models.DateField(null=True, blank=True)  # the meeting's local date
    callback_on = models.DateField(null=True, blank=True)
    # The meeting as (re)scheduled by this event (SPEC S1); empty on other events.
    starts_at = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    mode = models.CharField(max_length=20, blank=True)
    location = models.CharField(max_length=300, blank=True)
    link = models.URLField(blank=True)
    cost = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["conversation", "on"])]

    def __str__(self):
        return f"{self.kind} on {self.on}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Events are append-only; log a new event instead of editing one.")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        """What happened, in words: "They replied: declined, too busy"."""
        return event_label(self.kind, self.outcome or None)

    def scheduling(self) -> SchedulingEvent:
        slot = None
        if self.starts_at:
            slot = Slot(
                self.starts_at,
                self.time_zone,
                self.minutes or DEFAULT_LENGTH,
                self.mode or "workplace",
                self.location,
                self.link,
                self.cost,
            )
        return SchedulingEvent(EventKind(self.kind), self.on, slot, self.text)

    def fact(self) -> EventFact:
        return event_fact(self.kind, self.on, self.outcome, self.meeting_on, self.callback_on)


def event_fact(kind, on, outcome, meeting_on, callback_on) -> EventFact:
    """An event's columns as the rules' plain fact (also from rows, without a model)."""
    return EventFact(
        kind=EventKind(kind),
        on=on,
        outcome=Outcome(outcome) if outcome else None,
        meeting_on=meeting_on,
        callback_on=callback_on,
    )


class Finding(models.Model):
    """What one conversation taught me on one topic (SPEC C4)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="findings"
    )
    topic = models.CharField(max_length=30, choices=[(t.value, t.label) for t in FindingTopic])
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "topic"], name="one_finding_per_topic")
        ]

    def __str__(self):
        return f"{self.topic}: {self.text[:40]}"


class MarkKind(models.TextChoices):
    """What live mode's timeline notes (C6)."""

    CLOCK_START = "clock_start", "The clock started"
    QUESTION = "question", "A question became current"
    NOTE = "note", "A note was typed"
    CLOCK_END = "clock_end", "The meeting ended"


class TimelineMark(models.Model):
    """One moment of a meeting in live mode, kept on the server (C6): rows are added,
    never edited, so a reload or another device reads the same timeline."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="timeline"
    )
    kind = models.CharField(max_length=20, choices=MarkKind.choices)
    question = models.ForeignKey(
        "questions.Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["conversation", "at"])]

    def __str__(self):
        return f"{self.kind} at {self.at:%H:%M:%S}"


class TranscriptSegment(models.Model):
    """Words of the recording spoken while one question was current (C5): a draft,
    never a note or a finding until the user accepts it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="transcript"
    )
    question = models.ForeignKey(
        "questions.Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    spoken_at = models.DateTimeField(null=True, blank=True)  # None: no clock to place it
    start_ms = models.PositiveIntegerField()  # into the recording
    end_ms = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["start_ms", "id"]

    def __str__(self):
        return self.text[:50]
