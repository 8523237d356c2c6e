"""The background steps of a large import (coffeechat/jobs/services.py)."""

from coffeechat.jobs.services import RESUME, job

from . import services

STEPS = ("check_job", "save_job")


def _ended_badly(row) -> None:
    """The step was cancelled (the import was discarded: nothing to do) or its worker
    died a second time: the import says it was interrupted, with nothing saved."""
    services.interrupted(row.args[0])


# RESUME: a step killed halfway rolled back all it wrote (the save is one transaction,
# planned again inside it), so running it again is safe; a second death ends it.
@job(label="Import", on_interrupt=RESUME, max_attempts=2, on_failure=_ended_badly)
def import_step(progress, pk: int, step: str) -> None:
    if step not in STEPS:
        raise KeyError(step)
    getattr(services, step)(pk, progress)
