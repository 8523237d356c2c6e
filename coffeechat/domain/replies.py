"""What to answer when someone replies to an ask (SPEC O6), in our own words.

Each outcome gets a short, gracious answer to propose; the person edits it before
sending. Placeholders: {their_name}, {my_name}, {minutes}.
"""

from .journey import Outcome

ANSWERS = {
    Outcome.ACCEPTED: (
        "Thank you, {their_name}! That is very kind. Would one of these times suit you "
        "for {minutes} minutes? I am happy to come to your workplace or call, whichever "
        "is easier for you.\n\n{my_name}"
    ),
    Outcome.DECLINED_BUSY: (
        "Thank you for letting me know, {their_name}, and no problem at all. Is there "
        "someone else, perhaps a colleague, whom you would suggest I speak with about "
        "this kind of work?\n\n{my_name}"
    ),
    Outcome.BUSY_NOW: (
        "Thanks, {their_name}, I completely understand. When would be a better time for "
        "me to get back in touch? I will keep it to {minutes} minutes.\n\n{my_name}"
    ),
    Outcome.CLEAR_NO: (
        "Thank you for your reply, {their_name}. I will not trouble you further, and I "
        "wish you all the best.\n\n{my_name}"
    ),
}

NEXT_STEP = {
    Outcome.ACCEPTED: "Agree on a time and log the meeting.",
    Outcome.DECLINED_BUSY: "Thank them and ask whom else they would suggest.",
    Outcome.BUSY_NOW: "Ask for a better time; a callback task is set for the day you chose.",
    Outcome.CLEAR_NO: "They will not be asked again. Time to ask the next person.",
}


def proposed_answer(outcome: Outcome, *, their_name: str, my_name: str, minutes: int = 15) -> str:
    first_name = their_name.split()[0] if their_name.strip() else "there"
    return (
        ANSWERS[outcome]
        .format(their_name=first_name, my_name=my_name or "", minutes=minutes)
        .rstrip()
    )


def confirmation_note(
    *, their_name: str, my_name: str, when: str, place: str, minutes: int, questions: list[str] = ()
) -> str:
    """The short note sent a day or two before the meeting (SPEC S3)."""
    first_name = their_name.split()[0] if their_name.strip() else "there"
    lines = [
        f"Hello {first_name},",
        "",
        f"Just confirming our {minutes}-minute conversation on {when}, {place}. "
        "Thank you again for making the time.",
    ]
    if questions:
        lines += ["", "In case it helps, these are the questions I hope to ask:"]
        lines += [f"- {question}" for question in questions]
    lines += ["", "If anything has changed on your side, just let me know.", "", my_name]
    return "\n".join(lines).rstrip()


def thank_you_note(*, their_name: str, my_name: str, recalled: str = "") -> str:
    """A short thank-you that recalls something specific they said (SPEC F1)."""
    first_name = their_name.split()[0] if their_name.strip() else "there"
    recalled = recalled.strip().rstrip(".!?…").strip()
    specific = (
        f" I keep thinking about what you said: “{recalled}”."
        if recalled
        else " [Recall one specific thing they told you here.]"
    )
    return (
        f"Dear {first_name},\n\nThank you for taking the time to talk with me."
        f"{specific} It gave me a much clearer picture of the work, and I will follow "
        f"up on your suggestions.\n\nWith thanks,\n{my_name}"
    ).rstrip()


def first_sentence(text: str, limit: int = 140) -> str:
    """The first sentence of a note, to recall in a thank-you."""
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        if end in text:
            text = text.split(end, 1)[0] + end.strip()
            break
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def waiting_advice_text(cadence, followed_up: bool = False) -> str:
    """While waiting for a reply, with the day counts the Today list follows (settings)."""
    if followed_up:
        return "You sent the one follow-up: let it rest now, and ask someone else as well."
    return (
        f"While you wait, ask someone else as well (Today reminds you after "
        f"{_days(cadence.ask_another_after)}); after {_days(cadence.follow_up_after)} "
        "without a reply, send one polite follow-up, then let it rest."
    )


def _days(count: int) -> str:
    return "one business day" if count == 1 else f"{count} business days"
