"""Google Contacts CSV ("Google CSV" in Export), in its two layouts.

The current one has "First Name, Middle Name, Last Name, …, Labels, E-mail 1 - Value";
the legacy one "Name, Given Name, Family Name, …, Group Membership, E-mail 1 - Value".
A cell may hold several values separated by " ::: ", and system groups carry a
"* " prefix ("* myContacts", "* starred").
"""

import re

from .contact import Contact, clean
from .dates import dated_note

NAME = "google"
LABEL = "Google Contacts"
SEPARATOR = ":::"
SYSTEM_GROUPS = {"mycontacts", "my contacts"}


def recognise(header: list[str]) -> str | None:
    columns = set(header)
    if {"given name", "family name"} <= columns and "group membership" in columns:
        return NAME
    numbered = any(re.fullmatch(r"(e-mail|phone|website) \d+ - value", c) for c in columns)
    if "first name" in columns and numbered and ("labels" in columns
                                                 or "organization name" in columns):
        return NAME
    return None


def values(cell: str) -> list[str]:
    return [clean(part).removeprefix("* ") for part in (cell or "").split(SEPARATOR)
            if clean(part)]


def numbered(record: dict[str, str], kind: str) -> list[str]:
    """Every value of "E-mail 1 - Value", "E-mail 2 - Value", … in column order."""
    pattern = re.compile(rf"{kind} \d+ - value")
    return [value for column, cell in record.items() if pattern.fullmatch(column)
            for value in values(cell)]


def contact(record: dict[str, str], warnings: list[str]) -> Contact:
    get = record.get
    name = clean(get("name")) or " ".join(
        clean(get(column)) for column in ("first name", "given name", "middle name",
                                          "additional name", "last name", "family name")
        if clean(get(column)))
    groups = values(get("labels", "")) + values(get("group membership", ""))
    return Contact(
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


def first(cell) -> str:
    found = values(cell or "")
    return found[0] if found else ""
