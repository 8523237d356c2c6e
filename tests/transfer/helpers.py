"""Shared helpers for the data in-and-out tests."""

from pathlib import Path

FILES = Path(__file__).parent / "files"


def file_bytes(name: str) -> bytes:
    return (FILES / name).read_bytes()


def rows_by_line(parsed):
    return {row.line: row for row in parsed.rows}


def names(parsed):
    return [row.contact.name for row in parsed.rows if not row.problem]


def refused(parsed):
    return {row.line: row.problem for row in parsed.rows if row.problem}
