"""A cell's value as the field it fills: dates as Danish exports write them, e-mails,
and text made one clean line."""

from __future__ import annotations

import datetime as dt
import re

from mus_build.check.fields import EMAIL
from mus_build.model.dates import in_range
from mus_build.model.names import clean
from mus_build.people_import.table import Cell

_DAY_FIRST = re.compile(r"([0-9]{1,2})([-./])([0-9]{1,2})\2([0-9]{4})")  # one separator throughout
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9:.]+)?")


class CellProblem(Exception):
    """A message key of `messages` for a cell that cannot be read."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def text(cell: Cell) -> str:
    return clean(cell.isoformat() if isinstance(cell, dt.date) else cell)


def date(cell: Cell) -> dt.date | None:
    """dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy, ISO, or an Excel date cell; None when empty."""
    if isinstance(cell, dt.date):
        day: dt.date | None = cell
    else:
        value = cell.strip()
        if not value:
            return None
        day = _parse(value)
    if day is not None and not in_range(day):
        raise CellProblem("date_range")
    return day


def _parse(value: str) -> dt.date:
    match = _DAY_FIRST.fullmatch(value)
    parts = (match[4], match[3], match[1]) if match else None
    if parts is None:
        match = _ISO.fullmatch(value)
        parts = (match[1], match[2], match[3]) if match else None
    if parts is None:
        raise CellProblem("bad_date")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise CellProblem("no_such_date") from None


def email(cell: Cell) -> str | None:
    value = text(cell)
    if not value:
        return None
    if not EMAIL.fullmatch(value):
        raise CellProblem("bad_email")
    return value
