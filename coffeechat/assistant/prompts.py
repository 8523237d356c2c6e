"""What the model is told: the method's rules for each kind of message, and the facts.

The prompt carries only the facts the message needs (names, role, organization,
how they were found, what they said); never email addresses, phone numbers or
notes about anyone else. The rules restate the method in a few lines each, and the
checker has the last word on the draft anyway (services.draft_events).
"""

from dataclasses import dataclass, field

KINDS = {
    "ask": "the ask",
    "follow_up": "the follow-up",
    "too_busy": "the answer to “too busy”",
    "confirmation": "the confirmation note",
    "thanks": "the thank-you note",
    "decision": "the “what I decided” note",
}

# Word and character budgets the prompt asks for; the checker's own limits decide.
WORDS = {
    "ask": 110,
    "follow_up": 70,
    "too_busy": 60,
    "confirmation": 160,
    "thanks": 110,
    "decision": 110,
}
CHANNEL_CHARACTERS = {"network": 300}

COMMON = (
    "You help someone run informational interviews: short conversations held to learn "
    "about a person's work and hear their advice, never to ask for a job. You draft one "
    "message for them to edit and send themselves. Write only the message itself, in "
    "plain text, with no subject line and no comments around it. Use only the facts "
    "given below; never invent names, dates, events or quotes. Where a fact is missing, "
    "leave a gap in square brackets such as [their role]."
)

RULES = {
    "ask": (
        "Ask for {minutes} minutes of their time to learn about their work and hear their "
        "advice. Never ask for a job, an interview, a referral to a position or about "
        "openings; saying plainly that this is not a job request is good. Name the "
        "minutes. Put the request as a question ending with a question mark. Make it "
        "about them: mention their role or organization. Name the specific role or "
        "organization you are curious about and the wider field. Write more about them "
        "than about yourself."
    ),
    "follow_up": (
        "They have not answered the ask below for a week. Write the one polite follow-up: "
        "no reproach, restate the small request ({minutes} minutes) as a question, and "
        "make it easy to say no. Never ask for a job. This is the only follow-up."
    ),
    "too_busy": (
        "They answered that they are too busy. Thank them warmly, put no pressure on them, "
        "and ask whether there is someone else, perhaps a colleague, they would suggest "
        "you speak with about this kind of work. Never ask for a job."
    ),
    "confirmation": (
        "Confirm the meeting a day or two before it: when (with the time zone), where, "
        "and for how many minutes. Thank them for making the time. If questions are "
        "listed, include them as a short list so they can think ahead; add no others. "
        "Offer to move the meeting if anything has changed."
    ),
    "thanks": (
        "Thank them for the conversation, within two days of it. Recall one or two "
        "specific things they actually said, quoting the notes below word for word in "
        "quotation marks. Say what you will do with their advice. Never ask for a job."
    ),
    "decision": (
        "Tell them what you decided at the end of your exploration and thank them for "
        "the part their advice played. If the notes say something they told you, recall "
        "it. Never ask for a job."
    ),
}

PHONE = (
    "This is a phone script, to be spoken aloud when they answer: introduce "
    "yourself in one sentence, then ask."
)
REFERRED = "Name {acquaintance}, who suggested the contact, in the first sentence."


@dataclass(frozen=True)
class Facts:
    """The facts one message needs, as labelled lines; empty values are left out."""

    lines: dict[str, str]
    notes: list[str] = field(default_factory=list)  # what they said, for thanks/decision
    earlier: str = ""  # the ask being followed up

    def render(self) -> str:
        parts = ["Facts:"] + [
            f"- {label}: {value}" for label, value in self.lines.items() if str(value).strip()
        ]
        if self.notes:
            parts += ["", "What they said (my notes):"] + [f"- {note}" for note in self.notes]
        if self.earlier:
            parts += ["", "The ask I sent:", self.earlier]
        return "\n".join(parts)


def limits(kind: str, *, form: str = "written", channel: str = "") -> str:
    if kind == "ask" and form == "phone":
        return "Keep it under 80 spoken words."
    text = f"Keep it under {WORDS[kind]} words."
    characters = CHANNEL_CHARACTERS.get(channel)
    if characters:
        text += f" It must fit in {characters} characters, spaces included (a {channel} note)."
    return text


def system_prompt(
    kind: str,
    *,
    minutes: int = 15,
    form: str = "written",
    channel: str = "",
    acquaintance: str = "",
) -> str:
    rules = [COMMON, RULES[kind].format(minutes=minutes)]
    if kind == "ask" and form == "phone":
        rules.append(PHONE)
    if kind == "ask" and acquaintance:
        rules.append(REFERRED.format(acquaintance=acquaintance))
    rules.append(limits(kind, form=form, channel=channel))
    return "\n\n".join(rules)


def messages(kind: str, facts: Facts, **options) -> list[dict]:
    return [
        {"role": "system", "content": system_prompt(kind, **options)},
        {"role": "user", "content": f"{facts.render()}\n\nWrite {KINDS[kind]}."},
    ]


def feedback(previous: str, findings: list[tuple[str, str, str]]) -> list[dict]:
    """The draft that broke a rule and what the checker said, for the next attempt."""
    said = "\n".join(
        f"- {title}: “{words}” — {message}" if words else f"- {title}: {message}"
        for title, words, message in findings
    )
    return [
        {"role": "assistant", "content": previous},
        {
            "role": "user",
            "content": "The message checker found these problems:\n"
            f"{said}\n\nWrite the whole message again with every problem fixed.",
        },
    ]


# ---- summaries of live notes into findings per topic (SPEC C4) --------------------

SUMMARY_RULES = (
    "Below are notes I took during an informational interview, each with an id in "
    "square brackets such as [N1]. Turn them into short findings under the topics listed. "
    "Each line you write is: the topic key, a colon, one sentence saying what they said, "
    "then the id of the note it comes from in square brackets. Write only what the notes "
    "say; skip topics the notes do not cover; no other text.\n\nExample:\n"
    "likes: She enjoys seeing her research change a product. [N2]"
)


def summary_messages(topics: dict[str, str], notes: list[tuple[str, str, str]]) -> list[dict]:
    """`notes` are (id, question, text); `topics` maps key to label."""
    topic_lines = "\n".join(f"- {key}: {label}" for key, label in topics.items())
    note_lines = "\n".join(
        f"[{note_id}] ({question}) {text}" if question else f"[{note_id}] {text}"
        for note_id, question, text in notes
    )
    return [
        {"role": "system", "content": SUMMARY_RULES},
        {"role": "user", "content": f"Topics:\n{topic_lines}\n\nNotes:\n{note_lines}"},
    ]
