"""Plain-text tables and JSON for the CLI."""

import json


def print_json(data) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(columns, records, empty: str = "(nothing yet)") -> None:
    """A table of `records`, or `empty`: a line that says what to do first."""
    if not records:
        print(empty)
        return
    widths = {c: max(len(c), *(len(str(r[c])) for r in records)) for c in columns}
    print("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for record in records:
        print("  ".join(str(record[c]).ljust(widths[c]) for c in columns).rstrip())
