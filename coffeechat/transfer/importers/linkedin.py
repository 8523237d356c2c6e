"""LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data).

Quirks: "Notes:" lines before the header; emails missing for most connections
(only those who allow it are exported); company names with commas, in quotes;
profile URLs in any case, with or without a trailing slash; dates as "12 Mar 2024".
Older exports have no URL column.
"""

from .contact import Contact, clean
from .dates import dated_note

NAME = "linkedin"
LABEL = "LinkedIn connections"
REQUIRED = {"first name", "last name", "company", "position", "connected on"}


def recognise(header: list[str]) -> str | None:
    return NAME if REQUIRED <= set(header) else None


def contact(record: dict[str, str], warnings: list[str]) -> Contact:
    connected = dated_note("Connected on LinkedIn", record.get("connected on", ""), warnings)
    return Contact(
        name=f"{clean(record['first name'])} {clean(record['last name'])}",
        title=record["position"],
        organization=record["company"],
        emails=[record.get("email address", "")],
        urls=[record.get("url", "")],
        notes=[connected],
        how_found="online_profile",
    )
