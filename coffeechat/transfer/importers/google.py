"""Google Contacts CSV ("Google CSV" in Export), in its two layouts.

The current one has "First Name, Middle Name, Last Name, …, Labels, E-mail 1 - Value";
the legacy one "Name, Given Name, Family Name, …, Group Membership, E-mail 1 - Value".
A cell may hold several values separated by " ::: ", and system groups carry a
"* " prefix ("* myContacts", "* starred").
"""

import re

from .contact import Contact, clean
from .dates import dated_note
from .generic import leftovers

NAME = "google"
LABEL = "Google Contacts"
SEPARATOR = ":::"
SYSTEM_GROUPS = {"mycontacts", "my contacts"}


def recognise(header: list[str]) -> str | None:
    columns = set(header)
    if {"given name", "family name"} <= columns and "group membership" in columns:
        return NAME
    numbered = any(re.fullmatch(r"(e-mail|phone|website) \d+ - value", c) for c in columns)
    if (
        "first name" in columns
        and numbered
        and ("labels" in columns or "organization name" in columns)
    ):
        return NAME
    return None


def values(cell: str) -> list[str]:
    return [clean(part).removeprefix("* ") for part in (cell or "").split(SEPARATOR) if clean(part)]


def numbered(record: dict[str, str], kind: str) -> list[str]:
    """Every value of "E-mail 1 - Value", "E-mail 2 - Value", … in column order."""
    pattern = re.compile(rf"{kind} \d+ - value")
    return [
        value
        for column, cell in record.items()
        if pattern.fullmatch(column)
        for value in values(cell)
    ]


def contact(record: dict[str, str], warnings: list[str]) -> Contact:
    get = record.get
    name = clean(get("name")) or " ".join(
        clean(get(column))
        for column in (
            "first name",
            "given name",
            "middle name",
            "additional name",
            "last name",
            "family name",
        )
        if clean(get(column))
    )
    groups = values(get("labels", "")) + values(get("group membership", ""))
    found = Contact(
        name=name or clean(get("nickname")) or clean(get("file as")),
        title=first(get("organization title")) or first(get("organization 1 - title")),
        organization=first(get("organization name")) or first(get("organization 1 - name")),
        emails=numbered(record, "e-mail"),
        phones=numbered(record, "phone"),
        urls=numbered(record, "website"),
        location=first(get("address 1 - city")) or first(get("location")),
        notes=[get("notes", ""), dated_note("Birthday", get("birthday", ""), warnings)],
        tags=[group for group in groups if group.lower() not in SYSTEM_GROUPS],
    )
    found.extra = [
        (label, value)
        for label, column in EXTRA
        for value in values(get(column, ""))
        if value not in USELESS
    ]
    titles = values(get("organization title")) + values(get("organization 1 - title"))
    found.extra += [("Other title", t) for t in titles[1:]]
    found.extra += [
        ("Other organization", o)
        for o in (values(get("organization name")) + values(get("organization 1 - name")))[1:]
    ]
    found.extra += [
        (f"Address ({label})" if label else "Address", text) for label, text in addresses(record)
    ]
    for column in ("google id", "resource name"):
        if clean(get(column)):
            found.keys.append(f"google:{clean(get(column))}")
    found.extra += leftovers(record, set(), SKIP)
    return found


EXTRA = [
    ("Nickname", "nickname"),
    ("Department", "organization department"),
    ("Department", "organization 1 - department"),
    ("Relation", "relation 1 - value"),
    ("IM", "im 1 - value"),
    ("Occupation", "occupation"),
    ("Hobby", "hobby"),
    ("Event", "event 1 - value"),
]
USELESS = {""}
# Columns read above, and the labels, photos and phonetic names nobody needs in notes.
SKIP = re.compile(
    r"^(name|given name|family name|first name|middle name|last name|"
    r"additional name|nickname|file as|labels|group membership|notes|birthday|"
    r"location|photo|initials|short name|yomi name|sensitivity|priority|"
    r"google id|resource name|name prefix|name suffix|subject|gender|"
    r"billing information|directory server|mileage|occupation|hobby|language|"
    r"maiden name|organization .*|"
    r".* - (label|type|value|formatted|street|city|po box|region|"
    r"postal code|country|extended address|name|title|department|"
    r"symbol|location|job description|yomi name)|phonetic .*|.* yomi)$"
)


def addresses(record: dict[str, str]):
    """(label, one-line address) for "Address 1 - Formatted" or its parts."""
    numbers = sorted(
        {int(m[1]) for column in record if (m := re.fullmatch(r"address (\d+) - .*", column))}
    )
    for n in numbers:

        def part(name, n=n):
            return clean(first(record.get(f"address {n} - {name}")))

        text = part("formatted") or ", ".join(
            p
            for p in (
                part("po box"),
                part("street"),
                part("extended address"),
                part("city"),
                " ".join(filter(None, (part("region"), part("postal code")))),
                part("country"),
            )
            if p
        )
        if text:
            yield (part("label") or part("type")).removeprefix("* ").lower(), text


def first(cell) -> str:
    found = values(cell or "")
    return found[0] if found else ""
