"""CSV files whose header is not on the first line, in any of the usual dialects.

LinkedIn puts a few "Notes:" lines (one of them a quoted paragraph with commas)
before its header, so the header is *found* — the first record whose columns name
a known layout — never assumed to be line 1 or counted from the top.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from coffeechat.errors import Invalid

DELIMITERS = (",", ";", "\t")  # European Outlook and Excel write semicolons
HEADER_SEARCH_RECORDS = 50


@dataclass
class Table:
    layout: str
    header: list[str]
    records: Iterator[tuple[int, list[str] | None, str]]  # (line, cells or None, csv error)


def header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())


def find_table(text: str, recognise: Callable[[list[str]], str | None]) -> Table:
    """The table of `text` whose header `recognise` names, in whichever delimiter works."""
    seen = []
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for _ in range(HEADER_SEARCH_RECORDS):
                cells = next(reader)
                header = [header_key(cell) for cell in cells]
                layout = recognise(header)
                if layout:
                    return Table(layout, header, _records(reader))
                if delimiter == "," and any(header):
                    seen.append(", ".join(cell for cell in cells if cell)[:120])
        except (StopIteration, csv.Error):
            continue
    first = f" The first lines read: {seen[0]!r}." if seen else ""
    raise Invalid("No header of a LinkedIn, Google Contacts or Outlook export was found in "
                  f"this file.{first}", field="file")


def _records(reader) -> Iterator[tuple[int, list[str] | None, str]]:
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, None, f"not valid CSV ({error})"
            continue
        if any(cell.strip() for cell in cells):
            yield start, cells, ""


def as_dict(header: list[str], cells: list[str]) -> dict[str, str] | str:
    """The record keyed by header, or the reason it cannot be read."""
    if len(cells) > len(header):
        return (f"{len(cells)} values for {len(header)} columns (a comma inside a value "
                "that is not in quotes?)")
    if len(cells) < len(header):
        return f"{len(cells)} values for {len(header)} columns (the line is cut short?)"
    return dict(zip(header, cells, strict=True))
