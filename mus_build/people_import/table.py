"""An HR export as a table: its headers and its rows, each with the row number a
spreadsheet shows (the header is row 1). CSV in the encodings and separators Danish
exports use, or the first sheet of an .xlsx workbook."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

Cell = str | dt.date  # an Excel date cell stays a date; everything else is text


class FileProblem(Exception):
    """The file as a whole cannot be read: a message key of `messages` and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    cells: list[Cell]


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]


def read_table(path: Path) -> Table:
    """Raise FileProblem when the file cannot be read as a table."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path.read_bytes())
    raise FileProblem("kind")


def decode(raw: bytes) -> str:
    """UTF-8 (with or without a BOM) when it is that; else Windows-1252, as Excel saves CSV."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _separator(first_line: str) -> str:
    """The separator the header row uses most, outside quotes: `;` in Danish Excel, `,` elsewhere."""
    counts = dict.fromkeys(";,\t", 0)
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ";"


def _read_csv(raw: bytes) -> Table:
    text = decode(raw)
    first = text.split("\n", 1)[0]
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first)))
    return _table([[cell.strip() for cell in record] for record in records])


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook  # only an .xlsx import pays for loading it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem("unreadable", reason=type(exc).__name__) from None
    try:
        sheet = workbook.worksheets[0]
        records = [[_cell(value) for value in values] for values in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(records)


def _cell(value: object) -> Cell:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an employee number typed as a number
    return str(value).strip()


def _table(records: list[list[Cell]]) -> Table:
    if not records:
        raise FileProblem("empty")
    headers = [str(cell).strip() for cell in records[0]]
    if not any(headers):
        raise FileProblem("empty")
    rows = [
        Row(number, cells)
        for number, cells in enumerate(records[1:], start=2)
        if any(cell != "" for cell in cells)  # blank rows at the end of a sheet
    ]
    return Table(headers, rows)
