"""Train the job-request model and write coffeechat/domain/checker_model.json.

    python scripts/train_checker.py            # rebuild the shipped weights

Plain Python, no numpy or scikit-learn: a logistic regression fitted with AdaGrad over
hashed word and character n-grams (coffeechat/domain/job_model.py). Deterministic: the
same corpus gives the same file, byte for byte.

Training units are sentences. In a job request, the sentence holding the request words
(the corpus's `request` field) is positive and the greeting, hook and closing around it
are negative; every sentence of a good message is negative. So the model learns which
words ask for work, not which messages look like job seekers'.
"""

import json
import math
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coffeechat.domain.job_model import (  # noqa: E402
    MODEL_FILE,
    Model,
    bucket,
    features,
    sentences,
    tokens,
)

CORPUS = ROOT / "tests" / "outreach" / "corpus" / "messages.jsonl"
BUCKETS = 1 << 18
EPOCHS = 6
RATE = 0.2
L2 = 1e-5
PRUNE = 0.01  # weights smaller than this change no decision; leaving them out halves the file
THRESHOLD = 0.5
HARD_NEGATIVE = 3.0
CLAUSE_WEIGHT = 1.0


def load(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def units(record: dict, buckets: int = BUCKETS) -> list[tuple[list[int], int, float]]:
    """(feature buckets, label, weight) for each sentence of a corpus message.

    The sentences of a good message that ask something or talk about work ("how did you
    land your role?") weigh more than its greeting: they are the near misses the model
    must learn to let through."""
    text = record["text"]
    request = _span(text, record["request"])
    asks = [_span(text, ask) for ask in record.get("asks", [])]
    result = []
    for start, end in sentences(text):
        words = [t.norm for t in tokens(text, start, end)]
        if not words:
            continue
        label = int(_overlaps(request, start, end))
        hard = not label and any(_overlaps(a, start, end) for a in asks)
        result.append(
            (
                [bucket(f, buckets) for f, _, _ in features(words)],
                label,
                HARD_NEGATIVE if hard else 1.0,
            )
        )
        if hard:  # its clauses too: "my job application season is over" alone is no ask
            for clause in _CLAUSE.split(text[start:end]):
                clause_words = [t.norm for t in tokens(clause)]
                if 3 <= len(clause_words) < len(words):
                    result.append(
                        (
                            [bucket(f, buckets) for f, _, _ in features(clause_words)],
                            0,
                            CLAUSE_WEIGHT,
                        )
                    )
    return result


_CLAUSE = re.compile(r"[,;:]\s+|\s+(?:and|so|but|because|before|while)\s+")


def _span(text: str, words: str) -> tuple[int, int] | None:
    start = text.find(words) if words else -1
    return (start, start + len(words)) if start >= 0 else None


def _overlaps(span, start: int, end: int) -> bool:
    return span is not None and start < span[1] and end > span[0]


def train(
    records: list[dict],
    buckets: int = BUCKETS,
    epochs: int = EPOCHS,
    threshold: float = THRESHOLD,
    seed: int = 19,
) -> Model:
    data = [unit for record in records for unit in units(record, buckets)]
    positives = sum(weight for _, label, weight in data if label) or 1
    negatives = sum(weight for _, label, weight in data if not label)
    # Balance the classes: there are several negative sentences for each positive one.
    balance = {1: negatives / positives, 0: 1.0}
    weights: dict[int, float] = {}
    squares: dict[int, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            feats, label, weight = data[index]
            score = bias + sum(weights.get(f, 0.0) for f in feats)
            probability = 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))
            gradient = (probability - label) * balance[label] * weight
            for f in feats:
                g = gradient + L2 * weights.get(f, 0.0)
                squares[f] = squares.get(f, 1e-8) + g * g
                weights[f] = weights.get(f, 0.0) - RATE * g / math.sqrt(squares[f])
            bias_square += gradient * gradient
            bias -= RATE * gradient / math.sqrt(bias_square)
    kept = {f: round(w, 4) for f, w in weights.items() if abs(w) >= PRUNE}
    return Model(kept, round(bias, 4), buckets, threshold)


def main() -> None:
    records = load()
    model = train(records)
    MODEL_FILE.write_text(
        json.dumps(model.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        f"{len(records)} messages -> {MODEL_FILE.relative_to(ROOT)}: "
        f"{len(model.weights)} weights, {MODEL_FILE.stat().st_size // 1024} KB"
    )


if __name__ == "__main__":
    main()
