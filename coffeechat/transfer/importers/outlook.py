"""Outlook CSV: the desktop export ("Title, First Name, …, E-mail Type, …") and the
outlook.com one ("First Name, …, E-mail Address, E-mail 2 Address, …").

"Title" is the courtesy title (Mr, Dr); the job is "Job Title". Empty dates are
written "0/0/00", real ones month first (3/15/1990). Contacts from an Exchange
directory carry a path ("/o=ExchangeLabs/…") where the address should be; the
desktop layout's display name often still holds the address in brackets.
"""

import re

from .contact import EXCHANGE_PREFIX, Contact, clean
from .dates import dated_note

NAME = "outlook"
LABEL = "Outlook"
ADDRESS_IN_BRACKETS = re.compile(r"\(([^()\s]+@[^()\s]+)\)")
PHONES = ("mobile phone", "business phone", "primary phone", "home phone", "other phone",
          "business phone 2", "home phone 2", "company main phone")


def recognise(header: list[str]) -> str | None:
    columns = set(header)
    if {"first name", "last name", "e-mail address"} <= columns and (
            "job title" in columns or "company" in columns):
        return NAME
    return None


def contact(record: dict[str, str], warnings: list[str]) -> Contact:
    get = record.get
    name = " ".join(clean(get(column)) for column in ("first name", "middle name", "last name",
                                                      "suffix") if clean(get(column)))
    return Contact(
        name=name or clean(get("nickname")),
        title=get("job title", ""),
        organization=get("company", ""),
        emails=emails(record),
        phones=[get(column, "") for column in PHONES],
        urls=[get("web page", ""), get("personal web page", "")],
        location=clean(get("business city")) or clean(get("home city"))
        or clean(get("location")),
        notes=[get("notes", ""), dated_note("Birthday", get("birthday", ""), warnings)],
        tags=re.split(r"[;,]", get("categories", "")),
    )


def emails(record: dict[str, str]) -> list[str]:
    found = []
    for prefix in ("e-mail", "e-mail 2", "e-mail 3"):
        address = clean(record.get(f"{prefix} address"))
        if address.lower().startswith(EXCHANGE_PREFIX):
            shown = ADDRESS_IN_BRACKETS.search(record.get(f"{prefix} display name", ""))
            address = shown[1] if shown else address
        found.append(address)
    return found
