"""The message checker (SPEC O4) for a text: the same findings as the compose page and
`coffeechat check`, so a client gets the same verdict for the same words."""

from typing import Literal

from ninja import Router, Schema
from pydantic import StrictBool

from coffeechat.domain.checker import has_errors
from coffeechat.outreach import services

from ..common import answers
from ..schemas import Text

router = Router(tags=["checker"])


class CheckIn(Schema):
    text: Text(20000)
    channel: Literal["email", "network", "letter", "phone", "in_person"] | None = None
    profile: Literal["relaxed", "strict"] = "relaxed"
    strict: StrictBool = False


class FindingOut(Schema):
    rule: str
    severity: str
    title: str
    start: int
    end: int
    words: str
    message: str


class CheckOut(Schema):
    has_errors: bool
    findings: list[FindingOut]


@router.post("/check", response=answers({200: CheckOut}))
def check(request, payload: CheckIn):
    """Every finding for a message, errors first; `has_errors` is true for a job request
    (or any finding under `strict`). Reads and stores nothing."""
    findings = services.check(
        payload.text, channel=payload.channel, profile=payload.profile, strict=payload.strict
    )
    return {
        "has_errors": has_errors(findings),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "title": f.title,
                "start": f.start,
                "end": f.end,
                "words": f.words,
                "message": f.message,
            }
            for f in findings
        ],
    }
