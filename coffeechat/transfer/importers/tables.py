"""CSV files whose header is not on the first line, in any of the usual dialects.

LinkedIn puts a few "Notes:" lines (one of them a quoted paragraph with commas)
before its header, so the header is *found* — the first record whose columns name
a known layout — never assumed to be line 1 or counted from the top.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from coffeechat.errors import UnknownColumns

DELIMITERS = (",", ";", "\t")  # European Outlook and Excel write semicolons
HEADER_SEARCH_RECORDS = 50


@dataclass
class Table:
    layout: str
    header: list[str]
    records: Iterator[tuple[int, list[str] | None, str]]  # (line, cells or None, csv error)
    delimiter: str = ","


def header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').lower().split())


def find_table(
    text: str,
    recognise: Callable[[list[str]], str | None],
    headerless: Callable[[list[str]], tuple[str, list[str]] | None] | None = None,
    needed: str = "",
) -> Table:
    """The table of `text` whose header `recognise` names, in whichever delimiter works.
    A file with no header at all is tried with `headerless`, which may know its columns
    from its first row (LinkedIn's older Connections.csv)."""
    seen = []
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        first = None
        try:
            for _ in range(HEADER_SEARCH_RECORDS):
                start = reader.line_num + 1
                cells = next(reader)
                header = [header_key(cell) for cell in cells]
                layout = recognise(header)
                if layout:
                    return Table(layout, header, _records(reader), delimiter)
                if any(header) and first is None:
                    first = (start, cells)
                    if delimiter == ",":
                        seen.append(", ".join(cell for cell in cells if cell)[:120])
        except (StopIteration, csv.Error):
            pass
        known = headerless(first[1]) if headerless and first else None
        if known:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            return Table(known[0], known[1], _records(reader), delimiter)
    read = f" The first line reads: {seen[0]!r}." if seen else ""
    raise UnknownColumns(
        "No header of a contacts export was found in this file: it needs a header "
        f"row naming {needed or 'its columns'}.{read} If the columns are there "
        "under other names, say which column holds what.",
        field="file",
    )


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


def as_dict(
    header: list[str], cells: list[str], warnings: list[str], delimiter: str = ","
) -> dict[str, str]:
    """The record keyed by header. A row with more values than columns (a comma inside a
    value that is not in quotes) or fewer (cut short) is still read, column by column, and
    flagged: its person is kept, the user checks the values. A row quoted whole, as a
    spreadsheet saves a line it took for one cell, is split again."""
    if len(cells) == 1 and len(header) > 1 and delimiter in cells[0]:
        cells = next(csv.reader([cells[0]], delimiter=delimiter, skipinitialspace=True))
    if len(cells) > len(header):
        warnings.append(
            f"{len(cells)} values for {len(header)} columns (a comma inside a "
            "value that is not in quotes?): the last values may be in the "
            "wrong fields, and the surplus went into the notes; check them"
        )
        extra = ", ".join(cell for cell in cells[len(header) :] if cell.strip())
        cells = cells[: len(header)]
        record = dict(zip(header, cells, strict=True))
        if extra:
            record[""] = extra
        return record
    if len(cells) < len(header):
        warnings.append(
            f"{len(cells)} values for {len(header)} columns (the line is cut "
            "short?): the missing ones are left empty"
        )
        cells = cells + [""] * (len(header) - len(cells))
    return dict(zip(header, cells, strict=True))
