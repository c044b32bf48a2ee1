"""The few rules of text every stage shares: what an id is, the id a name gives, and
a value as one line of visible text."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from difflib import get_close_matches

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The blank preparation sheets' folders under forms/, per audience. Each person's own
# sheet is forms/<person-id>/, so no person may have one of these ids.
BLANK_SHEET_NAMES = {"employee": "medarbejder", "manager": "leder"}
# Bidirectional overrides and other invisible controls can disguise a name.
_INVISIBLE = re.compile("[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def is_id(value: str) -> bool:
    """A person, agreement or role id: lower-case a-z, digits and single hyphens, nothing else
    (not even a trailing newline, which `re.match` with `$` would let through)."""
    return ID_PATTERN.fullmatch(value) is not None


def clean(text: str) -> str:
    """One line of visible text: control and direction characters removed."""
    return " ".join(_INVISIBLE.sub(" ", text).split())


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})


def slugify(value: str) -> str:
    """An id made from a name, the Danish way: 'Søren Aabye' becomes soeren-aabye."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower().translate(_ASCII)).strip("-")


def near_ids(value: str, ids: Collection[str], n: int = 3, extra: Iterable[str] = ()) -> list[str]:
    """The ids (or `extra` words, such as roles) a mistyped id most likely means, best first:
    the close ones, and those whose first part is the value (`bo` → `bo-lind`), which are too
    short for difflib to find. For a few values at a time (check/rules.py has the version
    whose cost does not grow with the number of people)."""
    close = get_close_matches(value, [*extra, *ids], n=n, cutoff=0.6)
    if "-" in value:
        return close
    named = sorted(known for known in ids if known.partition("-")[0] == value and known not in close)
    return (close + named)[:n]
