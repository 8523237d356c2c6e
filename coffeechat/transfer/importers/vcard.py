"""vCard 2.1, 3.0 and 4.0 (.vcf), read with vobject card by card.

vobject unfolds lines, decodes quoted-printable and base64, and keeps groups
(`item1.EMAIL`). What it does not do is done here: it drops the continuation lines
of a quoted-printable value (a line ending in "="), so those are joined first; and
each card is parsed on its own so that one broken card is reported, not fatal.
Preference is read the three ways it is written: `PREF=1` (4.0), `TYPE=pref` (3.0)
and a bare `PREF` (2.1). Photos are skipped.
"""

import re

import vobject

from .contact import Contact, Row, clean
from .dates import dated_note

NAME = "vcard"
LABEL = "vCard"
BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
QUOTED_PRINTABLE = re.compile(r"^[^:]*QUOTED-PRINTABLE[^:]*:", re.IGNORECASE)


def recognise(text: str) -> bool:
    return bool(re.match(r"\s*BEGIN:VCARD", text[:2000], re.IGNORECASE))


def rows(text: str):
    for line, card, problem in cards(text):
        if problem:
            yield Row(line, problem=problem)
            continue
        yield read_card(line, card)


def cards(text: str):
    """(first line, card text, problem) for each BEGIN:VCARD … END:VCARD block."""
    start, lines = None, []
    for number, line in enumerate(text.splitlines(), start=1):
        if BEGIN.match(line):
            if start is not None:
                yield start, "", "a card with no END:VCARD before the next BEGIN:VCARD"
            start, lines = number, [line]
        elif start is not None:
            lines.append(line)
            if END.match(line):
                yield start, "\r\n".join(join_soft_breaks(lines)) + "\r\n", ""
                start = None
        elif line.strip():
            yield number, "", "text outside of a BEGIN:VCARD … END:VCARD card"
    if start is not None:
        yield start, "", "the file ends inside a card (no END:VCARD)"


def join_soft_breaks(lines: list[str]) -> list[str]:
    """A quoted-printable value continues on the next line while a line ends with "="."""
    joined, pending = [], None
    for line in lines:
        if pending is not None:
            pending = pending[:-1] + line
        elif QUOTED_PRINTABLE.match(line):
            pending = line
        else:
            joined.append(line)
            continue
        if not pending.endswith("="):
            joined.append(pending)
            pending = None
    if pending is not None:
        joined.append(pending)
    return joined


def read_card(line: int, text: str) -> Row:
    try:
        card = vobject.readOne(text, allowQP=True)
    except Exception as error:  # vobject raises many types for a malformed card
        return Row(line, problem=f"a card vobject cannot read ({_first_line(error)})")
    row = Row(line)
    try:
        row.contact = contact(card, row.warnings)
    except Exception as error:  # a property with an unexpected shape
        return Row(line, problem=f"a card with an unreadable property ({_first_line(error)})")
    return row


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:150]


def contact(card, warnings: list[str]) -> Contact:
    return Contact(
        name=name_of(card),
        title=_text(first(card, "title")),
        organization=organization_of(card),
        emails=[_text(p.value) for p in preferred(card, "email")],
        phones=[_text(p.value) for p in preferred(card, "tel")],
        urls=[_text(p.value) for p in preferred(card, "url")],
        location=location_of(card),
        notes=[_text(p.value) for p in card.contents.get("note", [])]
        + [dated_note("Birthday", _text(first(card, "bday")), warnings)],
        tags=[tag for p in card.contents.get("categories", []) for tag in _list(p.value)],
        uid=_text(first(card, "uid")),
    )


def first(card, key):
    found = card.contents.get(key)
    return found[0].value if found else ""


def _text(value) -> str:
    if isinstance(value, bytes):
        return ""
    if isinstance(value, list):
        return " ".join(_text(part) for part in value)
    return str(value or "").strip()


def _list(value) -> list[str]:
    return [clean(v) for v in (value if isinstance(value, list) else str(value).split(","))]


def name_of(card) -> str:
    full = clean(_text(first(card, "fn")))
    if full:
        return full
    name = first(card, "n")
    if name and not isinstance(name, str):  # a vobject Name: a card with no FN
        parts = [name.prefix, name.given, name.additional, name.family, name.suffix]
        full = clean(" ".join(_text(part) for part in parts))
    return full or clean(_text(first(card, "nickname")))


def organization_of(card) -> str:
    value = first(card, "org")
    parts = value if isinstance(value, list) else [value]
    return clean(_text(parts[0])) if parts else ""


def location_of(card) -> str:
    for prop in preferred(card, "adr"):
        address = prop.value
        city = getattr(address, "city", "")
        if _text(city):
            return clean(_text(city))
    return ""


def preferred(card, key) -> list:
    """The values of a property, the preferred one first."""
    props = list(card.contents.get(key, []))
    return sorted(props, key=lambda prop: 0 if is_preferred(prop) else 1)


def is_preferred(prop) -> bool:
    params = {k.upper(): [str(v).lower() for v in vs] for k, vs in prop.params.items()}
    if "PREF" in params:  # 4.0: PREF=1 is the most preferred
        return any(v in {"1", ""} for v in params["PREF"]) or not params["PREF"]
    if "pref" in params.get("TYPE", []):
        return True
    return any(str(p).upper() == "PREF" for p in getattr(prop, "singletonparams", []))
