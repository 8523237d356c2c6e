"""What counts as asking for a job (SPEC O4), and what only mentions one: the rules.

These regular expressions were the whole detector until issue 19 measured them on
real messages (recall 24 %). They are now the high-precision half of it: the checker
keeps only the patterns that never fired on a good message of the corpus
(`PRECISE`), and the learned model (job_model.py) catches the hundred other ways of
asking. `job_request_spans` still runs every pattern, so the evaluation can compare
the rules alone with the model and with the two combined (docs/DECISIONS.md).

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
_JOB_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
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
    )
)

# Kinds of request the first patterns missed (issue 19): "I applied ... could we talk
# about it", "keep me in mind", "I can start immediately", "taking on new people",
# "I'd be a strong fit", "help me get hired". Precise by construction: each needs the
# writer or the reader in the request, not only a word about jobs.
_KIND_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:i|i've|i\s+have)\s+(?:\w+\s+)?(?:applied\s+(?:for|to)|submitted\s+(?:my|an)\s+"
        r"application\s+for)\s+[^.!?\n]{0,60}?\b(?:role|position|job|opening|vacancy|req|posting)"
        r"[^.!?\n]*?\b(?:could|can|would|might|may|love\s+to|like\s+to)\s+[^.!?\n]*?"
        r"\b(?:chat|talk|discuss|call|speak|follow\s+up|nudge|flag|check)\w*",
        r"\bkeep\s+me\s+(?:in\s+mind|on\s+your\s+(?:radar|list))\b|\bthink\s+of\s+me\b"
        r"|\bkeep\s+my\s+(?:cv|r[eé]sum[eé]|details|profile)\s+on\s+(?:file|hand)\b",
        r"\b(?:can|could)\s+start\s+(?:immediately|right\s+away|straight\s+away|tomorrow"
        r"|next\s+(?:week|month))\b|\bavailable\s+to\s+start\b|\bready\s+to\s+(?:start|jump\s+in)\b",
        r"\b(?:taking|take|bring|bringing)\s+(?:me\s+)?on\s+(?:new\s+(?:people|staff|hires)|anyone"
        r"|board)\b|\btake\s+me\s+on\b|\bheadcount\b",
        r"\b(?:i(?:'d|\s+would)|i'm|i\s+am)\s+(?:be\s+)?(?:a\s+)?(?:strong|good|great|perfect)\s+fit\b",
        r"\b(?:are|is)\s+(?:you|u|y'all|you\s+guys|your\s+\w+|[a-z]\w*(?:\s+[a-z]\w*)?)\s+"
        r"(?:still\s+|currently\s+|now\s+)?(?:hiring|hirring|recruiting)\b"
        r"(?=\s*(?:\?|at\s+the\s+moment|right\s+now|now\b|currently|this\s+\w+\s*\?))",
        # "not a job so much as a referral": the denial is of the job, the referral is asked
        r"\b(?:so\s+much\s+as|just|only|simply)\s+(?:a\s+|an\s+|your\s+)?referral\b",
        # saying you are searching, to a stranger, asks them to help you find it
        r"\bi(?:'m|\s+am)\s+(?:currently\s+|now\s+|actively\s+)?(?:looking|searching|seeking)\s+"
        r"(?:for\s+)?(?:a\s+|an\s+)?(?:new\s+|junior\s+|full-time\s+|part-time\s+|paid\s+)?"
        r"(?:job|position|role|employment|opportunit(?:y|ies))\b",
        r"\bthrow\s+my\s+hat\s+in(?:to)?\s+the\s+ring\b",
        r"\b(?:i(?:'d|\s+would)\s+(?:love|like|welcome\s+the\s+chance|appreciate)|help\s+me)"
        r"\s+(?:to\s+)?(?:be|get|being)\s+(?:considered|shortlisted|hired|placed)\b",
    )
)

# The patterns that never fired on a good message of tests/outreach/corpus (checked by
# scripts/eval_checker.py and tests/domain/test_checker.py): "refer me for", "pass my CV
# to", "hire me", "any openings"... The others ("open positions", "my application",
# "work for you") also fire on good messages that talk about jobs.
PRECISE = (
    tuple(
        _JOB_PATTERNS[i]
        for i in (
            0,
            2,
            4,
            6,
            7,
            8,
            9,
            10,
            11,
            12,
            13,
            16,
            17,
            18,
            19,
            20,
            21,
            22,
            26,
            27,
            28,
            29,
            30,
            31,
        )
    )
    + _KIND_PATTERNS
)

_NEGATOR = re.compile(
    r"\b(?:not|never|no|nor|cannot|without)\b|n't\b"
    r"|\b(?:rather\s+than|instead\s+of)\b",
    re.IGNORECASE,
)
_INVERTED_QUESTION = re.compile(r"n't\s+(?:you|i|we|they|there|it|he|she)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,\n()\u2013\u2014]|\s-\s"
    r"|\b(?:but|however|though|although|yet)\b",
    re.IGNORECASE,
)
# "Not a job so much as a referral", "not a job, just a referral": what follows is asked.
_CONTRAST = re.compile(
    r"\b(?:so\s+much\s+as|just|only|merely|simply|but\s+rather)\b", re.IGNORECASE
)
# "I don't know if you're hiring" is still a request: the negation is about knowing.
_NEGATION_BLOCKERS = frozenset(
    {"if", "whether", "know", "sure", "mind", "wonder", "wondering", "certain", "suppose", "think"}
)
_NEGATION_REACH = 12  # words between "not" and the words it negates


def job_request_spans(text: str, patterns=_JOB_PATTERNS) -> list[tuple[int, int]]:
    """(start, end) of each stretch of `text` that asks for a job; denials are left out."""
    text = text.replace("\u2019", "'")  # same length, so the offsets still fit the original
    spans = _merge(m.span() for pattern in patterns for m in pattern.finditer(text))
    return [(start, end) for start, end in spans if not negated(text, start, end)]


def rule_spans(text: str) -> list[tuple[int, int]]:
    """Only the precise patterns: what the checker trusts without the model."""
    return job_request_spans(text, PRECISE)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping matches of several patterns become one span."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def negated(text: str, start: int, end: int) -> bool:
    """`_negated`, and a contrast ("so much as", "just") between the negator and the
    words ends the denial."""
    if not _negated(text, start, end):
        return False
    clause = _clause_start(text, start)
    negators = list(_NEGATOR.finditer(text, clause, start))
    after = negators[-1].end() if negators else start
    return not _CONTRAST.search(text, after, end)


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
    between = [w.strip("'\"").lower() for w in text[negators[-1].end() : start].split()]
    return len(between) <= _NEGATION_REACH and not _NEGATION_BLOCKERS.intersection(between)


def _clause_start(text: str, position: int) -> int:
    breaks = list(_CLAUSE_BREAK.finditer(text, 0, position))
    return breaks[-1].end() if breaks else 0
