"""Jobs for the tests: importable by a worker process too (tests/ is on its path)."""

import os
import time
from pathlib import Path

from coffeechat.errors import Invalid
from coffeechat.jobs.services import RESUME, job


@job(label="Counting")
def count(progress, upto: int, pause: float = 0.0) -> dict:
    progress.update(total=upto)
    for done in range(1, upto + 1):
        time.sleep(pause)
        progress.update(done=done, message=f"counted {done}")
    return {"counted": upto}


@job(label="Leaving a mark")
def mark(progress, folder: str, name: str) -> None:
    """Each run leaves a file: how many times a job ran, whoever ran it."""
    Path(folder, f"{name}.{os.getpid()}.{time.monotonic_ns()}").write_text("ran")
    time.sleep(0.05)


@job(label="Refusing")
def refuse(progress) -> None:
    raise Invalid("The recording is empty.")


@job(label="Breaking")
def crash(progress) -> None:
    raise RuntimeError("boom")


@job(label="Slow, resumable", queue="long", on_interrupt=RESUME, max_attempts=2)
def slow_resumable(progress, steps: int, pause: float) -> dict:
    """Goes on from its checkpoint after an interruption, as a transcription would."""
    start = progress.checkpoint.get("next", 0)
    progress.update(done=start, total=steps, force=True)
    for step in range(start, steps):
        time.sleep(pause)
        progress.save_checkpoint({"next": step + 1})
        progress.update(done=step + 1, force=True)
    return {"attempt": progress.attempt, "resumed_from": start}


@job(label="Slow, not resumable")
def slow(progress, steps: int, pause: float) -> None:
    progress.update(total=steps, force=True)
    for step in range(steps):
        time.sleep(pause)
        progress.update(done=step + 1, force=True)
