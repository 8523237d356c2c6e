from django.conf import settings
from django.db import models
from django.db.models import Q


class JobState(models.TextChoices):
    QUEUED = "queued", "Waiting"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    """One piece of background work as people see it: what, how far, how it ended.

    django-tasks keeps the queue (which worker takes what, once); this row keeps what
    the queue does not: progress, a cancel request, the lease that tells a dead worker
    from a slow one, and how many times the work was started (coffeechat/jobs/
    services.py).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=200)  # the job function's import path
    label = models.CharField(max_length=200, blank=True)  # for people
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    # At most one queued or running job per key (a periodic job, one per recording...).
    key = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    # What a resumed job needs to go on where it stopped; the job writes it.
    checkpoint = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    cancel_requested = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=1)
    # The process running it ("host:pid:thread"), holding its lease while it runs.
    worker = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)  # django-tasks' result id
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(state__in=ACTIVE) & ~Q(key=""),
                name="one_active_job_per_key",
            )
        ]
        indexes = [models.Index(fields=["state"], name="jobs_job_state_idx")]

    def __str__(self):
        return f"{self.label or self.name} ({self.state})"

    @property
    def active(self) -> bool:
        return self.state in ACTIVE

    @property
    def percent(self) -> int | None:
        return min(100, self.done * 100 // self.total) if self.total else None
