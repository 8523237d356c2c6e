"""What counts as asking for a job (SPEC O4), and what only mentions one.

An informational interview asks for advice, so a request for work, an interview
slot, or a referral to a position is the one mistake the checker calls an error.
People rarely write "give me a job": they ask about "any openings", offer to
"pass my CV along", hope someone will "put in a good word". So the patterns
below are paraphrases, and a denial ("I am not asking for a job") is told apart
from a request, because saying it plainly is what a good message does (O3).
"""

import re
from collections.abc import Iterable

_JOB = r"(?:jobs?|positions?|roles?|openings?|vacanc(?:y|ies)|internships?)\b"
_A = r"(?:a|an|any|the|this|that)"
_RESUME = r"(?:cv|r[eé]sum[eé])"
_THE_JOB = rf"(?:\s+(?:\w+\s+)?{_JOB})?"  # so the finding shows "for the role", not "for the"

# Each pattern is one way of asking for work; the paraphrases matter more than the word "job".
_JOB_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    # any openings, any open positions ("any roles" alone is too often innocent)
    r"\bany\s+(?:\w+\s+)?(?:jobs?|positions?|openings?|vacanc(?:y|ies)|internships?)\b",
    r"\b(?:open|available|vacant)\s+(?:positions?|jobs?|roles?)\b",
    r"\b(?:current|open)\s+(?:openings?|vacanc(?:y|ies))\b",
    r"\bjob\s+(?:openings?|offers?|opportunit(?:y|ies)|leads?|requests?|applications?)\b",
    r"\bjob\s+interviews?\b",
    # are you hiring, if your team is hiring, you're hiring (not "the hiring process")
    r"\b(?:are|is|if|whether|still|currently|now)\s+(?:\w+\s+){0,3}?hiring\b"
    r"(?!\s+(?:manager|process|practices?|side|decisions?|committee|team))",
    r"\b\w+'re\s+(?:\w+\s+)?hiring\b(?!\s+(?:manager|process))",
    rf"\brefer\s+me\s+for(?:\s+{_A}\s+(?:\w+\s+)?{_JOB})?",
    rf"\brefer\s+me\s+to\s+{_A}\s+(?:\w+\s+)?(?:hiring|recruit)\w*",
    rf"\breferral\s+(?:for|to)\s+{_A}\s+(?:\w+\s+)?{_JOB}",
    rf"\b(?:recommend|put)\s+me\s+(?:forward\s+)?for\s+{_A}\b{_THE_JOB}",
    r"\bput\s+me\s+forward\b",
    rf"\bconsider(?:ed|ing)?\s+(?:me\s+)?for\s+{_A}\b{_THE_JOB}",
    r"\bconsider\s+(?:me|my\s+(?:application|candidacy|profile))\b",
    r"\bmy\s+(?:job\s+)?(?:application|candidacy)\b",
    rf"\bappl(?:y|ying|ied)\s+(?:for|to)\s+(?:{_A}|your|one\s+of\s+your)\s+(?:\w+\s+)?{_JOB}",
    r"\binterview\s+(?:slots?|spots?)\b",
    rf"(?<!informational\s)(?<!information\s)\binterview\s+(?:me\s+)?for\s+(?:{_A}|your)\b"
    rf"{_THE_JOB}",
    r"\b(?:get|land|secure)\s+(?:me\s+)?an?\s+interview\b",
    rf"\b(?:pass|forward|send|hand|give|circulate|share)\s+(?:along\s+|on\s+)?my\s+{_RESUME}"
    r"(?:\s+(?:along|on))?\s+(?:to|with)\b(?!\s+you\b)",
    r"\bput\s+in\s+a\s+(?:good\s+)?word\b",
    r"\bgood\s+word\s+for\s+me\b",
    r"\bvouch\s+for\s+me\b",
    rf"\b(?:look|search|hop|ask|appl)\w*\s+(?:you\s+)?for\s+(?:a|an|any)\s+(?:\w+\s+)?{_JOB}",
    rf"\b(?:like|love|want|seek|seeking|need|land|secure)\s+(?:a|an)\s+(?:\w+\s+)?{_JOB}",
    rf"\binterested\s+in\s+(?:a|an|any|joining)\s+(?:\w+\s+)?{_JOB}",
    rf"\b{_JOB}\s+(?:is\s+|are\s+)?(?:still\s+)?(?:open|available|vacant)(?![\w-])",
    r"\b(?:looking|searching|hoping)\s+for\s+(?:work|employment)\b",
    rf"\b(?:offer|give)\s+me\s+(?:a|an|the)\s+(?:\w+\s+)?{_JOB}",
    rf"\b(?:a|any)\s+(?:\w+\s+)?{_JOB}\s+for\s+me\b",
    r"\b(?:hire|employ)\s+me\b",
    r"\bjoin\s+your\s+(?:team|company|organi[sz]ation|firm|staff)\b",
    r"\bwork\s+for\s+you\b",
))

_NEGATOR = re.compile(r"\b(?:not|never|no|nor|cannot|without)\b|n't\b"
                      r"|\b(?:rather\s+than|instead\s+of)\b", re.IGNORECASE)
_INVERTED_QUESTION = re.compile(r"n't\s+(?:you|i|we|they|there|it|he|she)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n()\u2013\u2014]|\s-\s"
                           r"|\b(?:but|however|though|although|yet)\b", re.IGNORECASE)
# "I don't know if you're hiring" is still a request: the negation is about knowing.
_NEGATION_BLOCKERS = frozenset({"if", "whether", "know", "sure", "mind", "wonder", "wondering",
                                "certain", "suppose", "think"})
_NEGATION_REACH = 12  # words between "not" and the words it negates


def job_request_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of `text` that asks for a job; denials are left out."""
    text = text.replace("\u2019", "'")  # same length, so the offsets still fit the original
    spans = _merge(m.span() for pattern in _JOB_PATTERNS for m in pattern.finditer(text))
    return [(start, end) for start, end in spans if not _negated(text, start, end)]


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches of several patterns become one span."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _negated(text: str, start: int, end: int) -> bool:
    """True when the words are denied ("I am not asking for a job"), not requested.

    A negator counts when it stands earlier in the same clause, within reach, with
    no "if"/"know"/"sure" in between, and is not a question's inversion ("couldn't
    you refer me"). A negator inside the match ("Acme is not hiring") states a fact.
    """
    if _NEGATOR.search(text, start, end):
        return True
    negators = list(_NEGATOR.finditer(text, _clause_start(text, start), start))
    if not negators or _INVERTED_QUESTION.match(text, negators[-1].start()):
        return False
    between = [w.strip("'\"").lower() for w in text[negators[-1].end():start].split()]
    return len(between) <= _NEGATION_REACH and not _NEGATION_BLOCKERS.intersection(between)


def _clause_start(text: str, position: int) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(text, 0, position))
    return breaks[-1].end() if breaks else 0
