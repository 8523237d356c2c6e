"""The Today area's background jobs (coffeechat/jobs/services.py)."""

from datetime import datetime

from django.utils import timezone

from coffeechat.jobs.leases import identity
from coffeechat.jobs.services import RESUME, job

from .services import run_digests_once


@job(label="Daily digests", on_interrupt=RESUME)
def send_digests(progress, now: str | None = None) -> dict:
    """Create, claim and send the digests that are due (SPEC T2). Queued every minute
    by the worker; each digest is claimed on its own row, so it is sent once."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    return {"sent": run_digests_once(identity(), moment)}
