"""People and conversations as CSV for spreadsheets, and people as vCard 4.0 (SPEC D2).

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return
that hides one) as a formula, so such cells get a leading apostrophe: the value
reads the same, and nothing runs (the OWASP advice on CSV injection). Every cell is
quoted, and a formula start after a separator some dialect splits on (`x;=1+1` read
with semicolons) gets its apostrophe too, so no way of reading the file makes one.
"""

import csv
import io
import re
from datetime import UTC

from coffeechat.conversations.services import conversations_for
from coffeechat.domain.journey import Stage
from coffeechat.people.services import people_for

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A separator of any spreadsheet dialect (or a line break), spaces, then a formula start.
AFTER_SEPARATOR = re.compile(r"([,;|\t\r\n][ ]*)([=+\-@])")

PEOPLE_COLUMNS = [
    "id",
    "name",
    "title",
    "organization",
    "exploration",
    "level",
    "email",
    "phone",
    "profile_url",
    "location",
    "time_zone",
    "how_found",
    "found_via",
    "priority",
    "do_not_ask",
    "tags",
    "notes",
    "created_at",
    "updated_at",
]
CONVERSATION_COLUMNS = [
    "id",
    "person",
    "organization",
    "exploration",
    "kind",
    "stage",
    "asked_on",
    "last_event",
    "last_event_on",
    "events",
    "created_at",
]


def safe_cell(value) -> str:
    text = AFTER_SEPARATOR.sub(r"\1'\2", "" if value is None else str(value))
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row[column]) for column in columns])
    return out.getvalue()


def people_csv(user) -> str:
    people = people_for(user).select_related("found_via_person").prefetch_related("tags")
    return _csv(
        PEOPLE_COLUMNS,
        (
            {
                **{
                    column: getattr(person, column)
                    for column in (
                        "id",
                        "name",
                        "title",
                        "email",
                        "phone",
                        "profile_url",
                        "location",
                        "time_zone",
                        "priority",
                        "notes",
                        "created_at",
                        "updated_at",
                    )
                },
                "organization": person.organization or "",
                "exploration": person.exploration or "",
                "level": person.get_level_display(),
                "how_found": person.get_how_found_display(),
                "found_via": person.found_via_person or "",
                "do_not_ask": "yes" if person.do_not_ask else "",
                "tags": ", ".join(tag.name for tag in person.tags.all()),
            }
            for person in people.order_by("name", "pk")
        ),
    )


def conversations_csv(user) -> str:
    def row(conversation):
        events = list(conversation.events.all())
        asked = next((e.on for e in events if e.kind == "asked"), "")
        return {
            "id": conversation.pk,
            "person": conversation.person.name,
            "organization": conversation.person.organization or "",
            "exploration": conversation.exploration.title,
            "kind": conversation.get_kind_display(),
            "stage": Stage(conversation.stage_cache).label,
            "asked_on": asked,
            "last_event": events[-1].kind if events else "",
            "last_event_on": events[-1].on if events else "",
            "events": len(events),
            "created_at": conversation.created_at,
        }

    return _csv(
        CONVERSATION_COLUMNS, map(row, conversations_for(user).order_by("created_at", "pk"))
    )


# ---- vCard 4.0 (RFC 6350) ----------------------------------------------------------


def escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 6350 3.2)."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not parts else 74):
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def vcard(person, tags) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{escape(person.name)}",
        f"UID:urn:coffeechat:person:{person.pk}",
    ]
    optional = [
        ("ORG", person.organization.name if person.organization else ""),
        ("TITLE", person.title),
        ("EMAIL", person.email),
        ("TEL", person.phone),
        ("URL", person.profile_url),
        ("NOTE", person.notes),
        ("TZ", person.time_zone),
    ]
    lines += [f"{key}:{escape(value)}" for key, value in optional if value]
    if person.location:
        lines.append(f"ADR:;;;{escape(person.location)};;;")
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in tags))
    lines.append(f"REV:{person.updated_at.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def people_vcf(user) -> str:
    people = people_for(user).prefetch_related("tags").order_by("name", "pk")
    return "".join(vcard(person, [tag.name for tag in person.tags.all()]) for person in people)
