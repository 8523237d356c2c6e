"""Outreach templates (SPEC O2, O3): how to ask someone for a short conversation.

Three approaches (direct, referred, advice), each as a phone script and as a
written message, filled from the records through `{placeholder}` fields. A value
the records do not have is never left blank: it shows as "[their role]" and is
listed, so the person sees what to fill in before sending.
"""

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Approach(StrEnum):
    DIRECT = "direct"
    REFERRED = "referred"
    ADVICE = "advice"


class Form(StrEnum):
    PHONE = "phone"
    WRITTEN = "written"


# Every placeholder a template may use, with what it stands for (shown in the editor).
PLACEHOLDERS: dict[str, str] = {
    "my_name": "your name",
    "their_name": "the name of the person you ask",
    "their_role": "their role or job title",
    "organization": "their organization",
    "field": "the field you are exploring",
    "acquaintance": "the person you both know who suggested them",
    "minutes": "the minutes you ask for",
}

_PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")


@dataclass(frozen=True)
class Template:
    approach: Approach
    form: Form
    subject: str  # empty for a phone script
    body: str


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: list[str] = field(default_factory=list)  # in order of first appearance


def placeholders_in(template: str) -> set[str]:
    """The names between curly braces, known or not ("{ their_name }" is "their_name")."""
    return {match.group(1).strip() for match in _PLACEHOLDER.finditer(template)}


def unknown_placeholders(template: str) -> set[str]:
    return placeholders_in(template) - PLACEHOLDERS.keys()


def explain_unknown(template: str) -> str | None:
    """A message for the template editor naming each unknown placeholder, or None.

    A typo such as "{their_nmae}" would otherwise only show up as a gap in a
    message already sent, so it is refused at save time with a suggestion.
    """
    unknown = sorted(unknown_placeholders(template))
    if not unknown:
        return None
    described = "; ".join(_describe(name) for name in unknown)
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    return f"Unknown placeholder {described}. Known placeholders: {known}."


def _describe(name: str) -> str:
    guess = difflib.get_close_matches(name.lower().replace(" ", "_"), PLACEHOLDERS, n=1)
    return f"{{{name}}} (did you mean {{{guess[0]}}}?)" if guess else f"{{{name}}}"


def render(template: str, values: Mapping[str, object]) -> Rendered:
    """Fill the placeholders; one with no value stays visible as "[their role]"."""
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        value = values.get(name)
        text = "" if value is None else str(value).strip()
        if text:
            return text
        if name not in missing:
            missing.append(name)
        return f"[{name.replace('_', ' ')}]"

    return Rendered(_PLACEHOLDER.sub(fill, template), missing)


def template_for(approach: Approach, form: Form) -> Template:
    """The built-in template of an approach and form."""
    return next(t for t in DEFAULT_TEMPLATES if (t.approach, t.form) == (approach, form))


# The written messages say plainly that this is not a job request and name the
# minutes (SPEC O3); the referred ones name the acquaintance first. A test checks
# that each rendered written message passes the checker's relaxed profile.
DEFAULT_TEMPLATES: list[Template] = [
    Template(
        Approach.DIRECT,
        Form.PHONE,
        "",
        "Hello {their_name}, my name is {my_name}. I understand you work as {their_role} "
        "at {organization}, and you know the field of {field} from the inside. Would you "
        "have about {minutes} minutes, now or at a time that suits you better, to tell me "
        "what your work is really like?",
    ),
    Template(
        Approach.DIRECT,
        Form.WRITTEN,
        "{minutes} minutes of your view on {field}?",
        "Dear {their_name},\n\n"
        "Your work as {their_role} at {organization} is what I hope to understand as I "
        "explore a career in {field}. Could you spare {minutes} minutes, at a time that "
        "suits you, to tell me how you got into it and what you would advise someone "
        "starting out? This is not a job request: your perspective is what I am after.\n\n"
        "With thanks,\n{my_name}",
    ),
    Template(
        Approach.REFERRED,
        Form.PHONE,
        "",
        "Hello {their_name}, {acquaintance} suggested I call you. My name is {my_name}, "
        "and {acquaintance} thought you would be the right person to ask about your work "
        "as {their_role} at {organization} and about the field of {field}. Do you have "
        "about {minutes} minutes now, or would another time suit you better?",
    ),
    Template(
        Approach.REFERRED,
        Form.WRITTEN,
        "{acquaintance} suggested I write to you",
        "Dear {their_name},\n\n"
        "{acquaintance} suggested I write to you about your work as {their_role} at "
        "{organization}. I am exploring a move into {field}, and your view of it would help "
        "me a great deal. Would you have {minutes} minutes for a call or a coffee in the "
        "coming weeks? To be clear, I am not asking for a job, only for your advice.\n\n"
        "Best regards,\n{my_name}",
    ),
    Template(
        Approach.ADVICE,
        Form.PHONE,
        "",
        "Hello {their_name}, my name is {my_name}. You work as {their_role} at "
        "{organization}, and I am looking for advice about the field of {field}. Could you "
        "give me {minutes} minutes, now or later this week, to hear what you would tell "
        "someone who wants to get into your line of work?",
    ),
    Template(
        Approach.ADVICE,
        Form.WRITTEN,
        "Your advice on getting into {field}",
        "Dear {their_name},\n\n"
        "As {their_role} at {organization}, you see {field} from the inside, and your "
        "advice would mean a lot to me. What would you tell someone who wants to get into "
        "your line of work? If you could spare {minutes} minutes, whenever suits you, "
        "your answer would help me choose my next step. I am not "
        "looking for a job, just for your perspective.\n\n"
        "Thank you,\n{my_name}",
    ),
]


RESUME_NOTE = (
    "I have attached my résumé only so you can see where I am coming from; "
    "I am not asking about openings."
)


def with_resume_note(body: str) -> str:
    """Add the résumé sentence before the sign-off (SPEC O3), once."""
    if RESUME_NOTE in body:
        return body
    head, separator, sign_off = body.rstrip().rpartition("\n\n")
    if not separator:
        return f"{body.rstrip()}\n\n{RESUME_NOTE}"
    return f"{head}\n\n{RESUME_NOTE}\n\n{sign_off}"
