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
from .generic import leftovers

NAME = "outlook"
LABEL = "Outlook"
ADDRESS_IN_BRACKETS = re.compile(r"\(([^()\s]+@[^()\s]+)\)")
PHONES = (
    "mobile phone",
    "business phone",
    "primary phone",
    "home phone",
    "other phone",
    "business phone 2",
    "home phone 2",
    "company main phone",
)


# Read into a field, or noise Outlook writes for everyone: not copied into the notes.
USED = {
    "title",
    "first name",
    "middle name",
    "last name",
    "suffix",
    "job title",
    "company",
    "web page",
    "personal web page",
    "business city",
    "home city",
    "location",
    "notes",
    "birthday",
    "categories",
    "nickname",
    "e-mail display name",
    "e-mail 2 display name",
    "e-mail 3 display name",
    "display name",
    "name",
    "initials",
    "priority",
    "sensitivity",
    "private",
    "gender",
    "e-mail type",
    "e-mail 2 type",
    "e-mail 3 type",
    "anniversary",
}
SKIP = re.compile(r"^e-mail( \d)? (address|type|display name)$")


def recognise(header: list[str]) -> str | None:
    """The desktop and outlook.com layouts, and a file with only the e-mail columns (an
    export of a distribution list)."""
    columns = set(header)
    named = {"first name", "last name", "e-mail display name", "name", "display name"}
    mail = {
        "e-mail address",
        "e-mail 2 address",
        "e-mail 3 address",
        "e-mail type",
        "e-mail 2 type",
        "e-mail 3 type",
        "e-mail 2 display name",
        "e-mail 3 display name",
    }
    if "e-mail address" not in columns:
        return None
    if (named & columns) and {
        "job title",
        "company",
        "e-mail display name",
        "e-mail 2 address",
    } & columns:
        return NAME
    return NAME if columns <= named | mail | {"middle name"} else None


def contact(record: dict[str, str], warnings: list[str]) -> Contact:
    get = record.get
    name = " ".join(
        clean(get(column))
        for column in ("first name", "middle name", "last name", "suffix")
        if clean(get(column))
    )
    if not name:  # "Jürgen Müller (juergen@cafe.example)", or a bare address
        shown = clean(ADDRESS_IN_BRACKETS.sub("", get("e-mail display name", "")))
        name = (
            clean(get("display name")) or clean(get("name")) or (shown if "@" not in shown else "")
        )
    found = Contact(
        name=name or clean(get("nickname")),
        title=get("job title", ""),
        organization=get("company", ""),
        emails=emails(record),
        phones=[get(column, "") for column in PHONES],
        urls=[get("web page", ""), get("personal web page", "")],
        location=clean(get("business city")) or clean(get("home city")) or clean(get("location")),
        notes=[get("notes", ""), dated_note("Birthday", get("birthday", ""), warnings)],
        tags=re.split(r"[;,]", get("categories", "")),
    )
    found.extra = [("Nickname", get("nickname", ""))] if name and get("nickname") else []
    if clean(get("anniversary")):
        found.extra.append(
            (
                "Anniversary",
                dated_note("Anniversary", get("anniversary"), warnings).removeprefix(
                    "Anniversary: "
                ),
            )
        )
    found.extra += leftovers(record, USED | set(PHONES), SKIP)
    return found


def emails(record: dict[str, str]) -> list[str]:
    found = []
    for prefix in ("e-mail", "e-mail 2", "e-mail 3"):
        address = clean(record.get(f"{prefix} address"))
        if address.lower().startswith(EXCHANGE_PREFIX):
            shown = ADDRESS_IN_BRACKETS.search(record.get(f"{prefix} display name", ""))
            address = shown[1] if shown else address
        found.append(address)
    return found
