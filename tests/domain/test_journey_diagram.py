"""The journey picture in docs/USER_GUIDE.md is the one the model draws (issue 20)."""

import subprocess
import sys
from pathlib import Path

from coffeechat.domain.diagram import mermaid, section
from coffeechat.domain.journey import NEXT_STEPS, Stage
from coffeechat.domain.today import TASK_LABELS, Cadence

ROOT = Path(__file__).resolve().parents[2]


def test_the_guide_shows_the_diagram_the_model_draws_now():
    assert section() in (ROOT / "docs" / "USER_GUIDE.md").read_text(), (
        "docs/USER_GUIDE.md's journey diagram is out of date: run "
        ".venv/bin/python scripts/journey_diagram.py"
    )


def test_the_script_checks_the_guide():
    result = subprocess.run(
        [sys.executable, "scripts/journey_diagram.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_state_every_step_and_every_obligation_is_drawn():
    text = mermaid()
    for stage in Stage:
        assert f"    {stage.value} : {stage.label}" in text
    arrows = [line for line in text.splitlines() if "-->" in line and "[*]" not in line]
    assert len(arrows) >= sum(len(kinds) for kinds in NEXT_STEPS.values())
    for label in TASK_LABELS.values():
        assert label in text


def test_the_day_counts_come_from_the_settings():
    assert "5 business days after the ask" in mermaid(Cadence(follow_up_after=5))
