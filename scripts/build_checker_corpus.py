"""Build the message checker's labelled corpus: tests/outreach/corpus/messages.jsonl.

Every ask in scripts/checker_corpus/asks.py goes into messages on several channels
(email, a network note of at most 300 characters, a phone opener) and placements (the
ask itself, after a good ask, hidden in a P.S.), with greetings, hooks and closings
from scripts/checker_corpus/frames.py. Seeded, so the same file comes out every time:

    python scripts/build_checker_corpus.py

Each line: id, text, label (job_request or good), kind, family (the template family,
for group k-fold), channel, placement, request (the words that carry a job request),
asks (for good messages, the sentences that ask or talk about work), recipient
(what the records would say about the reader), warnings (for good messages, the O4
warnings that should fire) and group (the section
of tests/outreach/corpus/SOURCES.md that lists the public material behind it).
"""

import json
import random
import re
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checker_corpus import frames  # noqa: E402
from checker_corpus.asks import GOOD_ASKS, JOB_REQUESTS  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "outreach" / "corpus" / "messages.jsonl"
NETWORK_LIMIT = 300
_TIME = re.compile(
    r"\b(?:\d+|ten|fifteen|twenty|thirty)[\s-]*minutes?\b|\bhalf an hour\b", re.IGNORECASE
)
_MEETING = re.compile(
    r"\b(?:call|chat|coffee|talk|meet|conversation|speak|minutes)\b", re.IGNORECASE
)
_INTEREST = ("{field}", "{org}", "{role}", "{team}")

GROUP = {  # kind -> section of SOURCES.md
    "referral": "referral-asks",
    "resume": "referral-asks",
    "good_word": "referral-asks",
    "applied": "hiring-manager-emails",
    "openings": "hiring-manager-emails",
    "employer_interest": "hiring-manager-emails",
    "considered": "hiring-manager-emails",
    "intro_recruiter": "referral-asks",
    "interview": "hiring-manager-emails",
    "hire_me": "hiring-manager-emails",
    "internship": "career-centres",
    "negation": "career-centres",
    "misspelled": "qa-threads",
    "advice": "career-centres",
    "tricky": "career-centres",
}


class Filler(string.Formatter):
    def __init__(self, rng: random.Random):
        self.values = {
            "name": rng.choice(frames.NAMES),
            "org": rng.choice(frames.ORGS),
            "role": rng.choice(frames.ROLES),
            "field": rng.choice(frames.FIELDS),
            "team": rng.choice(frames.TEAMS),
            "topic": rng.choice(frames.TOPICS),
            "mutual": rng.choice(frames.MUTUALS),
            "school": rng.choice(frames.SCHOOLS),
            "req": str(rng.randint(10000, 99999)),
        }

    def fill(self, text: str) -> str:
        return self.format(text, **self.values)

    def recipient(self, text: str) -> dict:
        """What the compose page would know about the reader (coffeechat's records)."""
        v = self.values
        return {
            "name": v["name"],
            "organization": v["org"],
            "role": v["role"],
            "field": v["field"],
            "acquaintance": v["mutual"] if v["mutual"] in text else "",
        }


def email(rng, filler, asks: list[str], ps: str = "") -> str:
    hook, _ = rng.choice(frames.HOOKS)
    about, _ = rng.choice(frames.ABOUT_ME)
    closer, _ = rng.choice(frames.CLOSERS)
    body = " ".join(part for part in (hook, about, *asks, closer) if part)
    if rng.random() < 0.4:  # some people write one sentence a line
        body = body.replace(". ", ".\n", 1)
    parts = [rng.choice(frames.GREETINGS), body, rng.choice(frames.SIGNOFFS)]
    if ps:
        parts.append(f"P.S. {ps}")
    return filler.fill("\n\n".join(part for part in parts if part))


def network_note(rng, filler, asks: list[str]) -> str:
    for _ in range(20):
        hook, _ = rng.choice(frames.HOOKS)
        greeting = rng.choice(["Hi {name},", "Hi {name} -", "Hello {name},", "{name},", ""])
        text = filler.fill(" ".join(part for part in (greeting, hook, *asks) if part))
        if len(text) <= NETWORK_LIMIT:
            return text
    return filler.fill(" ".join(asks))[:NETWORK_LIMIT]


def phone(rng, filler, asks: list[str]) -> str:
    about, _ = rng.choice(frames.ABOUT_ME)
    return filler.fill(" ".join(p for p in (rng.choice(frames.PHONE_OPENINGS), about, *asks) if p))


def job_messages(rng: random.Random) -> list[dict]:
    records = []
    plain_asks = [text for kind, _, text in GOOD_ASKS if kind == "advice"]
    for index, (kind, family, written) in enumerate(JOB_REQUESTS):
        layouts = ["alone", "after_good", "ps", "network", "phone"]
        for layout in rng.sample(layouts, 2):
            filler = Filler(rng)
            good, ask = rng.choice(plain_asks), written
            if layout == "alone":
                denial = rng.choice(frames.DISCLAIMERS)
                channel, text = "email", email(rng, filler, [denial, ask] if denial else [ask])
            elif layout == "after_good":
                glue = rng.choice(["Also, ", "And one more thing: ", "", "Separately, "])
                second = glue + (ask[0].lower() + ask[1:] if glue else ask)
                channel, text = "email", email(rng, filler, [good, second])
                ask = second
            elif layout == "ps":
                channel, text = "email", email(rng, filler, [good], ps=ask)
            elif layout == "network":
                channel, text = "network", network_note(rng, filler, [ask])
            else:
                channel, text = "phone", phone(rng, filler, [ask])
            records.append(
                {
                    "label": "job_request",
                    "kind": kind,
                    "family": family,
                    "channel": channel,
                    "placement": layout,
                    "text": text,
                    "request": filler.fill(ask),
                    "asks": [],
                    "warnings": [],
                    "recipient": filler.recipient(text),
                    "group": GROUP[kind],
                    "ask": index,
                }
            )
    return records


def good_messages(rng: random.Random) -> list[dict]:
    records = []
    tricky = [text for kind, _, text in GOOD_ASKS if kind == "tricky"]
    for index, (kind, family, ask) in enumerate(GOOD_ASKS):
        for channel in ["email", "email", "network", "phone"]:
            filler = Filler(rng)
            asks = [ask]
            if channel == "email" and rng.random() < 0.35:
                asks.insert(0, rng.choice(tricky))
            disclaimer = rng.choice(frames.DISCLAIMERS)
            if channel == "email" and disclaimer:
                asks.append(disclaimer)
            if channel == "email":
                text = email(rng, filler, asks)
            elif channel == "network":
                text = network_note(rng, filler, asks[:1])
            else:
                text = phone(rng, filler, asks)
            records.append(
                {
                    "label": "good",
                    "kind": kind,
                    "family": family,
                    "channel": channel,
                    "placement": "alone",
                    "text": text,
                    "request": "",
                    "asks": [filler.fill(a) for a in asks if a],
                    "recipient": filler.recipient(text),
                    "warnings": expected_warnings(text, asks, channel),
                    "group": GROUP[kind],
                    "ask": index,
                }
            )
    return records


def app_templates(rng: random.Random) -> list[dict]:
    """coffeechat's own default templates, filled in: good messages by definition."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from coffeechat.domain.outreach import DEFAULT_TEMPLATES, Form

    records = []
    for template in DEFAULT_TEMPLATES:
        for _ in range(3):
            filler = Filler(rng)
            values = {
                "their_name": filler.values["name"],
                "my_name": "Maya",
                "their_role": filler.values["role"],
                "organization": filler.values["org"],
                "field": filler.values["field"],
                "minutes": rng.choice(["15", "20"]),
                "acquaintance": filler.values["mutual"],
            }
            text = template.body.format(**values)
            channel = "phone" if template.form == Form.PHONE else "email"
            records.append(
                {
                    "label": "good",
                    "kind": "advice",
                    "family": "app-templates",
                    "channel": channel,
                    "placement": "alone",
                    "text": text,
                    "request": "",
                    "asks": [],
                    "recipient": filler.recipient(text),
                    "warnings": [],
                    "group": "career-centres",
                    "ask": -1,
                }
            )
    return records


def expected_warnings(text: str, asks: list[str], channel: str) -> list[str]:
    """What the writer of a good message left out, by construction of its parts."""
    words = len(re.findall(r"\w+(?:['-]\w+)*", text))
    warnings = []
    if words > 120:
        warnings.append("too_long")
    if channel == "network" and len(text.strip()) > NETWORK_LIMIT:
        warnings.append("channel_limit")
    if any(_MEETING.search(a) for a in asks) and not _TIME.search(text):
        warnings.append("no_time_bound")
    if "?" not in text:
        warnings.append("no_question")
    if not any(marker in a for a in asks for marker in _INTEREST) and not re.search(
        r"\b(?:field|industry|sector)\b", text
    ):
        warnings.append("interest_not_narrow_and_broad")
    return warnings


def main() -> None:
    rng = random.Random(19)
    records = job_messages(rng) + good_messages(rng) + app_templates(rng)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as out:
        for number, record in enumerate(records, 1):
            out.write(json.dumps({"id": number, **record}, ensure_ascii=False) + "\n")
    jobs = sum(r["label"] == "job_request" for r in records)
    print(f"{len(records)} messages ({jobs} job requests, {len(records) - jobs} good) -> {OUT}")


if __name__ == "__main__":
    main()
