"""The few rules of text every stage shares: what an id is, the id a name gives, and
a value as one line of visible text."""

from __future__ import annotations

import re

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
