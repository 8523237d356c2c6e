"""The journey as one picture: a Mermaid state diagram drawn from the model itself.

The states and steps come from `journey.NEXT_STEPS`, what each state owes and when from
`today.OWED_WHILE_OPEN` / `OWED_ONCE_CLOSED` and `DUE_RULES`, so the picture in
docs/USER_GUIDE.md cannot drift from the rules (scripts/journey_diagram.py writes it, a
test compares).
"""

from .journey import Stage, transitions
from .today import OWED_ONCE_CLOSED, OWED_WHILE_OPEN, TASK_LABELS, Cadence, TaskKind, due_rule

START = "<!-- journey diagram: made by scripts/journey_diagram.py, do not edit -->"
END = "<!-- end of journey diagram -->"
DEFAULT = Cadence()  # the day counts the guide names


def _owes(kinds, cadence) -> str:
    return "; ".join(f"{TASK_LABELS[kind]} ({due_rule(kind, cadence)})" for kind in kinds)


def mermaid(cadence: Cadence = DEFAULT) -> str:
    """The diagram's Mermaid source, with the day counts of `cadence`."""
    lines = ["stateDiagram-v2", "    direction TB"]
    for stage in Stage:
        lines.append(f"    {stage.value} : {stage.label}")
        if OWED_WHILE_OPEN[stage]:
            lines.append(f"    {stage.value} : owes {_owes(OWED_WHILE_OPEN[stage], cadence)}")
        if OWED_ONCE_CLOSED[stage] != OWED_WHILE_OPEN[stage] and OWED_ONCE_CLOSED[stage]:
            lines.append(
                f"    {stage.value} : once the exploration is closed, owes "
                f"{_owes(OWED_ONCE_CLOSED[stage], cadence)}"
            )
    lines.append(f"    [*] --> {Stage.NOT_ASKED.value}")
    for source, step, target in transitions():
        lines.append(f"    {source.value} --> {target.value} : {step}")
    for stage in (Stage.DECLINED, Stage.REFUSED):
        lines.append(f"    {stage.value} --> [*]")
    lines.append(
        f"    note right of {Stage.HELD.value} : each person they refer you to, at "
        f"any stage, owes {_owes([TaskKind.CONTACT_REFERRAL], cadence)}"
    )
    return "\n".join(lines) + "\n"


def section(cadence: Cadence = DEFAULT) -> str:
    """The block between the markers in docs/USER_GUIDE.md."""
    return f"{START}\n```mermaid\n{mermaid(cadence)}```\n{END}"


def replace_section(document: str, cadence: Cadence = DEFAULT) -> str:
    """`document` with its diagram block made anew (ValueError if it has no markers)."""
    head, start, rest = document.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError("the document has no journey diagram markers")
    return head + section(cadence) + tail
