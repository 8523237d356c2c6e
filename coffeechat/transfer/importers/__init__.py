"""Read a contacts file of any supported kind into rows (SPEC D1).

`read(data)` finds the encoding and the format by itself; `format` forces one.
Every record becomes a `Row`: a checked `Contact`, or the reason it was refused.
Nothing here touches the database.
"""

from dataclasses import dataclass

from coffeechat.errors import Invalid

from . import google, linkedin, outlook, tables, vcard
from .contact import Contact, Row, checked, person_values
from .decoding import REPLACEMENT, decode

CSV_LAYOUTS = {module.NAME: module for module in (linkedin, google, outlook)}
FORMATS = {"linkedin": linkedin.LABEL, "google": google.LABEL, "outlook": outlook.LABEL,
           "vcard": vcard.LABEL}

__all__ = ["FORMATS", "Contact", "Parsed", "Row", "person_values", "read", "sniff"]


@dataclass
class Parsed:
    format: str
    encoding: str
    rows: list[Row]

    @property
    def label(self) -> str:
        return FORMATS[self.format]


def sniff(data: bytes, format: str | None = None) -> str:
    """The format of `data` (quick: reads up to the header); Invalid if it is none we read."""
    text, _ = decode(data)
    if _is_vcard(text, format):
        return "vcard"
    return tables.find_table(text, _recogniser(format)).layout


def read(data: bytes, format: str | None = None) -> Parsed:
    text, encoding = decode(data)
    if _is_vcard(text, format):
        return Parsed("vcard", encoding, [_checked(row) for row in vcard.rows(text)])
    table = tables.find_table(text, _recogniser(format))
    layout = CSV_LAYOUTS[table.layout]
    return Parsed(table.layout, encoding, [_csv_row(layout, table.header, record)
                                           for record in table.records])


def _is_vcard(text: str, format: str | None) -> bool:
    if format and format not in FORMATS:
        raise Invalid(f"Unknown format “{format}”: use one of {', '.join(FORMATS)}.",
                      field="format")
    if format == "vcard" and not vcard.recognise(text):
        raise Invalid("This is not a vCard file: it does not start with BEGIN:VCARD.",
                      field="file")
    return format == "vcard" or (not format and vcard.recognise(text))


def _recogniser(format):
    def recognise(header):
        for name, layout in CSV_LAYOUTS.items():
            if (format in (None, name)) and layout.recognise(header):
                return name
        return None

    return recognise


def _csv_row(layout, header, record) -> Row:
    line, cells, problem = record
    if problem:
        return Row(line, problem=problem)
    if any(REPLACEMENT in cell for cell in cells):
        return Row(line, problem="bytes that are not valid UTF-8 (the file is damaged here)")
    values = tables.as_dict(header, cells)
    if isinstance(values, str):
        return Row(line, problem=values)
    row = Row(line)
    row.contact = layout.contact(values, row.warnings)
    return checked(row)


def _checked(row: Row) -> Row:
    if row.contact and REPLACEMENT in repr(row.contact):
        return Row(row.line, problem="bytes that are not valid UTF-8 (the file is damaged here)")
    return checked(row)
