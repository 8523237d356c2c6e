"""The learned half of the job-request detector (SPEC O4): a logistic regression over
hashed word and character n-grams, scored sentence by sentence.

People phrase a job request a hundred ways ("open to referring me", "keep my CV on
file", "reffer me for the positon"), so a list of patterns always misses some. This
model was trained on the labelled corpus in tests/outreach/corpus/ by
scripts/train_checker.py; its weights are the small file checker_model.json beside
this module. Inference is plain Python (no numpy), so `coffeechat check` stays quick
and the install stays light; nothing downloads, ever.

Why sentences: a request hides in one sentence (a P.S., a last line) of an otherwise
good message, and scoring each sentence finds it where a whole-message score would be
diluted. The explanation quotes the few words that pushed the score up most.
"""

import json
import math
import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .job_request import negated

MODEL_FILE = Path(__file__).with_name("checker_model.json")

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)
# A sentence ends at . ! ? or a line break; "Mr." and "e.g." do not end one. A semicolon
# does not: "I'm not asking for a job; just your advice" must be read whole.
_END = re.compile(r"[.!?]+(?=\s|$|[\"')\]])|\n+")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "p.s",
        "ps",
        "no",
        "approx",
        "jr",
        "sr",
    }
)
_PREVIOUS = re.compile(r"[\w.]*$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str


def normalize(word: str) -> str:
    """Lower case, accents and curly apostrophes gone, digits as 0: "Résumé" -> "resume"."""
    word = unicodedata.normalize("NFKD", word.replace("\u2019", "'").lower())
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    return re.sub(r"\d", "0", word)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), normalize(m.group())) for m in _TOKEN.finditer(text, start, end)
    ]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed; empty ones left out."""
    spans, start = [], 0
    for match in _END.finditer(text):
        before = _PREVIOUS.search(text, max(0, match.start() - 6), match.start()).group()
        if match.group().startswith(".") and before.lower() in _ABBREVIATIONS:
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for a, b in spans:
        piece = text[a:b]
        a2 = a + len(piece) - len(piece.lstrip())
        b2 = a + len(piece.rstrip())
        if any(ch.isalnum() for ch in text[a2:b2]):
            trimmed.append((a2, b2))
    return trimmed


# Small word lists that say what a sentence does, whatever its exact words: it asks
# something of the reader, it names work (a job, a CV, a referral, hiring; misspellings
# included), it is about the writer, it denies. Their combinations ("asks" + "work" +
# "me") carry a request across phrasings the corpus never showed the model.
_WORK = (
    "job",
    "jbo",
    "position",
    "positon",
    "postion",
    "role",
    "opening",
    "oppening",
    "openning",
    "vacanc",
    "vaccanc",
    "refer",
    "reffer",
    "recommend",
    "recomend",
    "cv",
    "resume",
    "resmue",
    "portfolio",
    "hiring",
    "hirring",
    "hire",
    "recruit",
    "recuit",
    "intern",
    "placement",
    "interview",
    "apply",
    "applie",
    "applica",
    "candida",
    "employ",
    "opportunit",
    "headcount",
    "shortlist",
    "offer",
    "spot",
    "fresher",
    "placed",
)
# A sentence the model may flag says something about work, a team or an employer: without
# any of these words ("Could you?", "You?") a high score is the bias of short asks, not
# a request for a job.
_ABOUT_WORK = _WORK + (
    "work",
    "team",
    "join",
    "compan",
    "compny",
    "organi",
    "firm",
    "career",
    "hands",
    "short",
    "start",
    "radar",
    "mind",
    "foot",
    "door",
    "fit",
    "board",
    "contract",
    "freelance",
    "gig",
    "project",
    "esteemed",
    "staff",
    "people",
    "hire",
    "help",
    "analyst",
    "junior",
    "graduate",
    "vacan",
    "posting",
    "posted",
    "hr",
    "manager",
    "opportun",
    "chance",
    "spot",
    "employ",
    "salary",
    "paid",
    "available",
    "part",
    "get",
    "land",
)
_ASK = frozenset(
    {
        "could",
        "can",
        "would",
        "will",
        "please",
        "pls",
        "plz",
        "kindly",
        "mind",
        "chance",
        "possible",
        "let",
        "keep",
        "consider",
        "help",
        "request",
        "hoping",
        "hope",
        "appreciate",
        "grateful",
        "love",
        "willing",
        "open",
        "any",
        "is",
        "are",
        "do",
        "does",
        "may",
        "might",
    }
)
_ME = frozenset({"me", "my", "myself", "mine"})
_NOT = frozenset(
    {
        "not",
        "no",
        "never",
        "nothing",
        "don't",
        "won't",
        "isn't",
        "i'm not",
        "rather",
        "instead",
        "without",
        "nor",
    }
)
_THEIR_STORY = frozenset(
    {"did", "was", "were", "had", "your", "yours", "how", "what", "which", "why", "when"}
)


def _cues(words: list[str]) -> Iterator[tuple[str, int, int]]:
    work = [i for i, w in enumerate(words) if w.startswith(_WORK)]
    if not work:
        yield "x:nowork", 0, 0
        return
    first = work[0]
    present = {
        "ask": any(w in _ASK for w in words),
        "me": any(w in _ME for w in words),
        "not": any(w in _NOT or w.endswith("n't") for w in words[:first]),
        "you": "you" in words or "u" in words or "your" in words,
        "story": any(w in _THEIR_STORY for w in words[:first]),
        "q": words[0] in _ASK,
    }
    on = sorted(name for name, flag in present.items() if flag)
    yield "x:work", first, first + 1
    for i, a in enumerate(on):
        yield f"x:work&{a}", first, first + 1
        for b in on[i + 1 :]:
            yield f"x:work&{a}&{b}", first, first + 1
    yield "x:work=" + "&".join(on), first, first + 1


def features(words: list[str]) -> Iterator[tuple[str, int, int]]:
    """(feature, first word, last word + 1) for each feature of a sentence's words:
    words, word pairs and triples (with sentence edges), character 3- to 5-grams of
    each word so that a misspelling ("reffer", "positon") shares most of its features
    with the right spelling, and the cues above."""
    yield from _cues(words)
    padded = ["<s>", *words, "</s>"]
    for i, word in enumerate(words):
        yield "w:" + word, i, i + 1
        marked = f"<{word}>"
        for size in (3, 4, 5):
            for j in range(len(marked) - size + 1):
                yield "c:" + marked[j : j + size], i, i + 1
    for i in range(len(padded) - 1):
        yield "b:" + padded[i] + " " + padded[i + 1], max(i - 1, 0), min(i + 1, len(words))
    for i in range(len(padded) - 2):
        yield ("t:" + " ".join(padded[i : i + 3]), max(i - 1, 0), min(i + 2, len(words)))


def bucket(feature: str, size: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % size


@dataclass(frozen=True)
class Model:
    weights: dict[int, float]
    bias: float
    buckets: int
    threshold: float

    @classmethod
    def from_dict(cls, data: dict) -> "Model":
        return cls(
            {int(k): v for k, v in data["weights"].items()},
            data["bias"],
            data["buckets"],
            data["threshold"],
        )

    def to_dict(self) -> dict:
        return {
            "buckets": self.buckets,
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": {str(k): v for k, v in sorted(self.weights.items())},
        }

    def probability(self, words: list[str]) -> float:
        get = self.weights.get
        score = self.bias + sum(get(bucket(f, self.buckets), 0.0) for f, _, _ in features(words))
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))

    def contributions(self, words: list[str]) -> list[float]:
        """How much each word pushed the score towards a job request."""
        share = [0.0] * len(words)
        for feature, first, last in features(words):
            weight = self.weights.get(bucket(feature, self.buckets), 0.0)
            if weight and last > first:
                for i in range(first, last):
                    share[i] += weight / (last - first)
        return share


@cache
def model() -> Model:
    return Model.from_dict(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Hit:
    start: int  # the quoted words
    end: int
    probability: float
    sentence: tuple[int, int]


def job_request_hits(text: str, current: Model | None = None, denials: bool = True) -> list[Hit]:
    """Each sentence the model reads as a job request, with its strongest words. With
    `denials`, a sentence whose every word about work is denied ("I'm not after a role
    at Globex") is let through: see `is_denial`."""
    current = current or model()
    hits = []
    for start, end in sentences(text):
        toks = tokens(text, start, end)
        words = [t.norm for t in toks]
        if not words:
            continue
        if not any(w.startswith(_ABOUT_WORK) for w in words):
            continue
        probability = current.probability(words)
        if probability >= current.threshold and not (denials and is_denial(text, toks)):
            first, last = strongest_window(current.contributions(words))
            hits.append(Hit(toks[first].start, toks[last - 1].end, probability, (start, end)))
    return hits


def strongest_window(share: list[float], shortest: int = 3, longest: int = 7) -> tuple[int, int]:
    """The run of words (3 to 7, or the whole sentence if shorter) with the largest total
    contribution: what the explanation quotes."""
    if len(share) <= shortest:
        return 0, len(share)
    best, best_span = -math.inf, (0, shortest)
    for size in range(shortest, min(longest, len(share)) + 1):
        total = sum(share[:size])
        for first in range(len(share) - size + 1):
            if first:
                total += share[first + size - 1] - share[first - 1]
            # a slight preference for short quotes: a longer window must add real weight
            value = total - 0.05 * size
            if value > best:
                best, best_span = value, (first, first + size)
    return best_span


# "Refer me to someone else", "recommend a book": asking for a person or a resource to
# learn from is what a good message does.
_ELSEWHERE = frozenset(
    {
        "someone",
        "anyone",
        "somebody",
        "anybody",
        "colleague",
        "colleagues",
        "people",
        "others",
        "person",
        "book",
        "books",
        "course",
        "courses",
        "resources",
        "resource",
        "community",
        "communities",
        "reading",
    }
)


def _harmless(word: str, following: list[str]) -> bool:
    """ "Refer me to someone else", "recommend a book": asking for someone to learn from.
    "Share my CV with you": offering the reader background, not asking them to pass it on."""
    if word.startswith(("refer", "reffer", "recommend", "recomend")):
        return bool(_ELSEWHERE.intersection(following))
    if word.startswith(("cv", "resume", "portfolio")):
        pairs = set(zip(following, following[1:], strict=False))
        return bool(
            pairs & {("with", "you"), ("to", "you"), ("for", "context"), ("as", "background")}
        )
    return False


def is_denial(text: str, toks: list[Token]) -> bool:
    """True when the sentence's words about work only ask for someone else to talk to, or
    when every one of them is denied in its own clause: "I'm
    not looking for a job or a referral, only your perspective". The model learns
    phrasings; this rule knows grammar it cannot: a denial stays a denial whatever
    words follow "not". A request after the denial ("not a job, just a referral";
    "rather than applying online, could you forward my CV") has an undenied work word,
    so the sentence stays flagged; "I'm not sure if you're hiring" is no denial."""
    mentions = [(i, t) for i, t in enumerate(toks) if t.norm.startswith(_WORK)]
    work = [t for i, t in mentions if not _harmless(t.norm, [x.norm for x in toks[i + 1 : i + 6]])]
    if mentions and not work:
        return True  # only "refer me to someone else", "share my CV with you"
    return bool(work) and all(negated(text, t.start, t.end) for t in work)
