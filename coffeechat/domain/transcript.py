"""Placing a transcript's words under the questions of a meeting (SPEC C5, C6).

Live mode's timeline says when each question became current; a recording's words say
when they were spoken. Both are plain seconds on one clock (the caller turns server
times into seconds since a reference), so the rule is a fold: a word belongs to the
question that was current at its middle.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Word:
    start: float  # seconds on the meeting's clock
    end: float
    text: str  # as the recogniser wrote it, with its leading space


@dataclass(frozen=True)
class Switch:
    at: float  # seconds on the meeting's clock
    question_id: int | None  # None: no question current (the clock ended)


@dataclass(frozen=True)
class Piece:
    """Consecutive words spoken while one question was current."""

    question_id: int | None
    start: float
    end: float
    text: str


def question_at(moment: float, switches: list[Switch]) -> int | None:
    """The question current at `moment`: the last switch at or before it (None before
    the first one)."""
    current = None
    for switch in sorted(switches, key=lambda switch: switch.at):
        if switch.at > moment:
            break
        current = switch.question_id
    return current


def place(words: list[Word], switches: list[Switch]) -> list[Piece]:
    """Group the words, in order, into pieces under the question current when each was
    spoken (at the word's middle, so a word cut by a switch goes where most of it is)."""
    switches = sorted(switches, key=lambda switch: switch.at)
    pieces: list[Piece] = []
    words_of_piece: list[Word] = []
    current: int | None = None
    for word in words:
        question = question_at((word.start + word.end) / 2, switches)
        if words_of_piece and question != current:
            pieces.append(_piece(current, words_of_piece))
            words_of_piece = []
        current = question
        words_of_piece.append(word)
    if words_of_piece:
        pieces.append(_piece(current, words_of_piece))
    return pieces


def _piece(question_id, words: list[Word]) -> Piece:
    text = "".join(word.text for word in words).strip()
    return Piece(question_id, words[0].start, words[-1].end, " ".join(text.split()))


def seconds_since(reference: datetime, moment: datetime) -> float:
    return (moment - reference).total_seconds()


def drafts_by_question(pieces: list[Piece]) -> dict[int | None, str]:
    """Each question's words as one draft answer, pieces in the order spoken (a
    question returned to later gets both parts)."""
    drafts: dict[int | None, list[str]] = {}
    for piece in pieces:
        if piece.text:
            drafts.setdefault(piece.question_id, []).append(piece.text)
    return {question: " ".join(texts) for question, texts in drafts.items()}


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance over the reference's length, case and punctuation
    ignored (for the benchmark's figures)."""
    ref, hyp = _normalised(reference), _normalised(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    row = list(range(len(hyp) + 1))
    for i, word in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (word != other))
    return row[-1] / len(ref)


def _normalised(text: str) -> list[str]:
    kept = "".join(ch.lower() if ch.isalnum() or ch in " '" else " " for ch in text)
    return kept.replace("'", "").split()
