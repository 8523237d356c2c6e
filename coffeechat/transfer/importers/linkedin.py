"""LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data).

Quirks: "Notes:" lines before the header; emails missing for most connections
(only those who allow it are exported); company names with commas, in quotes;
profile URLs in any case, with or without a trailing slash; dates as "12 Mar 2024".
Older exports have no URL column.
"""

from .contact import Contact, clean
from .dates import dated_note, parse_day

NAME = "linkedin"
LABEL = "LinkedIn connections"
REQUIRED = {"first name", "last name", "company", "position", "connected on"}
# The older export had no header row: these columns, in this order.
HEADERLESS = [
    ["first name", "last name", "email address", "company", "position", "connected on"],
    ["first name", "last name", "url", "email address", "company", "position", "connected on"],
]


def recognise(header: list[str]) -> str | None:
    return NAME if REQUIRED <= set(header) else None


def headerless(cells: list[str]) -> list[str] | None:
    """The header of an older export that has none, if `cells` look like one of its rows:
    six or seven values, the last a date ("12 Mar 2018", "3/12/18")."""
    for header in HEADERLESS:
        if len(cells) != len(header) or not cells[-1].strip():
            continue
        try:
            parse_day(cells[-1])
        except ValueError:
            continue
        if len(cells) == 7 and cells[2].strip() and "linkedin.com" not in cells[2].lower():
            continue
        return header
    return None


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
