"""Any other contacts CSV, read by what its columns are called (Thunderbird's address
book export, a spreadsheet, a CRM), and columns mapped by hand.

Thunderbird writes "First Name, Last Name, Display Name, Nickname, Primary Email,
Secondary Email, Screen Name, Work Phone, …, Birth Year, Birth Month, Birth Day, …,
Notes". Other files name their columns freely ("E-mail", "Mobile", "Surname"), so a
column is recognised by the usual names of each field; columns that name none of them
but hold something go into the notes under their own name, so nothing is dropped.

When no column names a name, an email or a phone, the file is refused with the list of
columns it would need, and the user can say which column holds what (`columns`).
"""

import re

from .contact import Contact, clean
from .dates import dated_note

NAME = "csv"
LABEL = "CSV (columns recognised by name)"
THUNDERBIRD = "thunderbird"
THUNDERBIRD_LABEL = "Thunderbird address book"

# field -> header names that mean it (header_key form: lower case, single spaces)
FIELDS = {
    "name": [
        "name",
        "full name",
        "display name",
        "contact name",
        "formatted name",
        "fn",
        "contact",
        "person",
    ],
    "first name": [
        "first name",
        "given name",
        "firstname",
        "first",
        "forename",
        "vorname",
        "prénom",
        "prenom",
    ],
    "middle name": ["middle name", "additional name", "middle"],
    "last name": ["last name", "family name", "surname", "lastname", "last", "nachname", "nom"],
    "email": [
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "primary email",
        "mail",
        "email 1",
        "e-mail 1",
        "work email",
        "business email",
    ],
    "phone": [
        "phone",
        "phone number",
        "mobile",
        "mobile phone",
        "mobile number",
        "cell",
        "cell phone",
        "telephone",
        "tel",
        "work phone",
        "business phone",
        "home phone",
        "primary phone",
    ],
    "organization": [
        "company",
        "organization",
        "organisation",
        "organization name",
        "employer",
        "company name",
        "firma",
    ],
    "title": ["job title", "position", "role", "occupation", "jobtitle"],
    "url": [
        "website",
        "web site",
        "web page",
        "web page 1",
        "url",
        "homepage",
        "linkedin",
        "linkedin url",
        "profile url",
        "profile",
    ],
    "notes": ["notes", "note", "comments", "comment", "description"],
    "city": ["city", "location", "work city", "business city", "home city", "town"],
    "birthday": ["birthday", "birth date", "date of birth", "birthdate"],
    "tags": ["tags", "labels", "categories", "groups", "group"],
    "id": ["id", "uid", "contact id", "google id", "resource name"],
}
# Further columns of the same kind: kept as other emails, phones, addresses.
MORE = {
    "email": re.compile(r".*\b(e-?mail|mail)\b(?!.*\b(type|label|display)).*"),
    "phone": re.compile(r".*\b(phone|mobile|cell|tel|fax|pager)\b(?!.*\b(type|label)).*"),
    "url": re.compile(r".*\b(web ?page|website|url)\b(?!.*\b(type|label)).*"),
}
NEEDED = "a name (“Name”, or “First Name” and “Last Name”), an “Email” or a “Phone” column"
DATA_LIKE = re.compile(r"\d{3}|\d+[/.-]\d+|://")
NOISE = {"", "false", "normal", "unspecified", "0/0/00", "0", "no"}


def columns_of(header: list[str], mapping: dict[str, str] | None = None) -> dict[str, list[str]]:
    """{field: [columns]} for the fields this header holds, in the order they are tried;
    `mapping` (field -> column, as the user chose them) replaces the names."""
    found = {}
    for name, synonyms in FIELDS.items():
        columns = [c for c in synonyms if c in header]
        if columns:
            found[name] = columns
    if mapping:
        found.update({name: [column] for name, column in mapping.items() if column})
    return found


def recognise(header: list[str]) -> str | None:
    columns = set(header)
    if {"display name", "primary email"} <= columns or {"first name", "primary email"} <= columns:
        return THUNDERBIRD
    if any("@" in cell or DATA_LIKE.search(cell) for cell in header):
        return None  # a row of data (an address, a date, a number), not names of columns
    found = columns_of(header)
    if {"name", "first name", "last name", "email", "phone"} & set(found):
        return NAME
    return None


def contact(record: dict[str, str], warnings: list[str], mapping=None) -> Contact:
    header = list(record)
    columns = columns_of(header, mapping)
    used = {
        column
        for found in columns.values()
        for column in found
        if not record.get(column, "").strip()
    }

    def get(name: str) -> str:
        """The first of the field's columns that holds something ("Work City" empty,
        "Home City" filled); the others stay for the notes."""
        for column in columns.get(name, []):
            if record.get(column, "").strip():
                used.add(column)
                return record[column]
        return ""

    name = clean(get("name")) or " ".join(
        clean(get(part)) for part in ("first name", "middle name", "last name") if clean(get(part))
    )
    used.update(
        c
        for part in ("name", "first name", "middle name", "last name")
        for c in columns.get(part, [])
    )
    found = Contact(
        name=name, title=get("title"), organization=get("organization"), location=clean(get("city"))
    )
    for kind in ("email", "phone", "url"):
        first = [get(kind)] if get(kind) else []
        others = [
            record[c]
            for c in header
            if c not in used and MORE[kind].fullmatch(c) and record[c].strip()
        ]
        used.update(c for c in header if MORE[kind].fullmatch(c))
        setattr(
            found,
            f"{kind}s",
            first + [v for cell in others for v in re.split(r"\s*:::\s*|;\s*", cell)],
        )
    found.notes = [get("notes")]
    if birthday := get("birthday"):
        found.notes.append(dated_note("Birthday", birthday, warnings))
    elif all(c in record for c in ("birth month", "birth day")) and record["birth month"]:
        used.update(("birth year", "birth month", "birth day"))
        year = record.get("birth year", "")
        text = (
            f"{year}-{record['birth month']:0>2}-{record['birth day']:0>2}"
            if year
            else f"--{record['birth month']:0>2}-{record['birth day']:0>2}"
        )
        found.notes.append(dated_note("Birthday", text, warnings))
    tags = get("tags")
    found.tags = [t for t in re.split(r"\s*(?:;|,|:::)\s*", tags) if t.strip()]
    if identifier := clean(get("id")):
        found.keys.append(f"id:{identifier}")
    found.extra = leftovers(record, used)
    return found


def leftovers(record: dict[str, str], used: set[str], skip=None) -> list[tuple[str, str]]:
    """Columns no field took that hold something: (column name, value) for the notes."""
    extra = []
    for column, value in record.items():
        if column in used or not column or (skip and skip.search(column)):
            continue
        text = clean(value) if "\n" not in value else value.strip()
        if text.lower() in NOISE:
            continue
        extra.append((column[:1].upper() + column[1:], text))
    return extra
