"""Read a contacts file of any supported kind into rows (SPEC D1).

`read(data)` finds the encoding and the format by itself; `format` forces one.
Every record becomes a `Row`: a checked `Contact`, or the reason it was refused.
Nothing here touches the database.
"""

import csv
import io
from dataclasses import dataclass

from coffeechat.errors import Invalid

from . import generic, google, linkedin, outlook, tables, vcard
from .contact import Contact, Row, checked, company_website_of, person_values
from .decoding import decode

# In the order they are tried: the named exports first, any other CSV last.
CSV_LAYOUTS = {module.NAME: module for module in (linkedin, google, outlook)}
FORMATS = {
    "linkedin": linkedin.LABEL,
    "google": google.LABEL,
    "outlook": outlook.LABEL,
    generic.THUNDERBIRD: generic.THUNDERBIRD_LABEL,
    generic.NAME: generic.LABEL,
    "vcard": vcard.LABEL,
}
# What a person can be read from: the fields a user may map columns to by hand.
MAPPABLE = [
    "name",
    "first name",
    "middle name",
    "last name",
    "email",
    "phone",
    "organization",
    "title",
    "url",
    "city",
    "notes",
    "birthday",
    "tags",
    "id",
]

__all__ = [
    "FORMATS",
    "MAPPABLE",
    "Contact",
    "Parsed",
    "Row",
    "company_website_of",
    "header_of",
    "person_values",
    "read",
    "sniff",
]


@dataclass
class Parsed:
    format: str
    encoding: str
    rows: list[Row]

    @property
    def label(self) -> str:
        return FORMATS[self.format]


def sniff(data: bytes, format: str | None = None, columns: dict | None = None) -> str:
    """The format of `data` (quick: reads up to the header); Invalid if it is none we read."""
    text, _ = decode(data)
    if _is_vcard(text, format):
        return "vcard"
    return _table(text, format, columns).layout


def read(data: bytes, format: str | None = None, columns: dict | None = None) -> Parsed:
    """`columns` maps fields (MAPPABLE) to column names of the file's first row, as the
    user chose them for a CSV whose columns were not recognised."""
    text, encoding = decode(data)
    if _is_vcard(text, format):
        return Parsed("vcard", encoding, [checked(row) for row in vcard.rows(text)])
    table = _table(text, format, columns)
    mapping = {
        field: tables.header_key(column)
        for field, column in (columns or {}).items()
        if field in MAPPABLE and column
    }
    return Parsed(
        table.layout, encoding, [_csv_row(table, record, mapping) for record in table.records]
    )


def header_of(data: bytes) -> list[str]:
    """The cells of the first non-empty row of a CSV, for mapping its columns by hand."""
    text, _ = decode(data)
    for cells in csv.reader(io.StringIO(text[:200_000], newline="")):
        if any(cell.strip() for cell in cells):
            return [cell.strip() for cell in cells if cell.strip()]
    return []


def _table(text: str, format: str | None, columns: dict | None):
    if columns:
        table = tables.find_table(text, lambda header: generic.NAME if any(header) else None)
        missing = [
            column
            for column in columns.values()
            if column and tables.header_key(column) not in table.header
        ]
        if missing:
            raise Invalid(f"The file has no column “{missing[0]}”.", field="columns")
        if not {"name", "first name", "last name", "email", "phone"} & {
            field for field, column in columns.items() if column
        }:
            raise Invalid(f"Choose the column of {generic.NEEDED}.", field="columns")
        return table
    try:
        return tables.find_table(
            text, _recogniser(format), _headerless(format), needed=generic.NEEDED
        )
    except Invalid as error:
        if format and format != generic.NAME:
            raise Invalid(
                f"This is not a {FORMATS[format]} file: no header of one was found. "
                "Leave the format to be detected, or map the columns by hand.",
                field="file",
            ) from None
        raise error


def _is_vcard(text: str, format: str | None) -> bool:
    if format and format not in FORMATS:
        raise Invalid(
            f"Unknown format “{format}”: use one of {', '.join(FORMATS)}.", field="format"
        )
    if format == "vcard" and not vcard.recognise(text):
        raise Invalid("This is not a vCard file: it does not start with BEGIN:VCARD.", field="file")
    return format == "vcard" or (not format and vcard.recognise(text))


def _recogniser(format):
    def recognise(header):
        for name, layout in CSV_LAYOUTS.items():
            if (format in (None, name)) and layout.recognise(header):
                return name
        found = generic.recognise(header)
        if found and format in (None, found, generic.NAME):
            return found
        return None

    return recognise


def _headerless(format):
    def headerless(cells):
        header = linkedin.headerless(cells) if format in (None, "linkedin") else None
        return ("linkedin", header) if header else None

    return headerless


def _csv_row(table, record, mapping) -> Row:
    line, cells, problem = record
    if problem:
        return Row(line, problem=problem)
    row = Row(line)
    values = tables.as_dict(table.header, cells, row.warnings, table.delimiter)
    surplus = values.pop("", "")
    if table.layout in CSV_LAYOUTS:
        row.contact = CSV_LAYOUTS[table.layout].contact(values, row.warnings)
    else:
        row.contact = generic.contact(values, row.warnings, mapping)
    if surplus:
        row.contact.extra.append(("Values past the last column", surplus))
    return checked(row)
