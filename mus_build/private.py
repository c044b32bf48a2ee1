"""Private parts of a record: found, cut out before anything is published, and remembered
so the built site can be searched for them afterwards."""

from __future__ import annotations

import re

from .yamltree import Mapping, Node, Scalar

OPEN = re.compile(r"^\s*<!--\s*private\s*-->\s*$", re.IGNORECASE)
CLOSE = re.compile(r"^\s*<!--\s*/private\s*-->\s*$", re.IGNORECASE)

# Shorter private fragments ("ja", a date) would be found everywhere by chance.
MIN_SCAN_LENGTH = 12


class UnclosedPrivate(Exception):
    def __init__(self, line: int):
        self.line = line


def split_body(body: str, first_line: int) -> tuple[str, list[str]]:
    """Return the body without its private sections, and the text of those sections."""
    public: list[str] = []
    secret: list[str] = []
    opened_at = None
    for number, line in enumerate(body.split("\n"), start=first_line):
        if opened_at is None:
            if OPEN.match(line):
                opened_at = number
            elif CLOSE.match(line):
                continue
            else:
                public.append(line)
        elif CLOSE.match(line):
            opened_at = None
        else:
            secret.append(line)
    if opened_at is not None:
        raise UnclosedPrivate(opened_at)
    return "\n".join(public), secret


def texts_of(node: Node) -> list[str]:
    """Every piece of text in a `private:` value, however it is nested."""
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Scalar):
            found.extend(current.text.split("\n"))
        elif isinstance(current, Mapping):
            for key, value in current.items:
                stack.extend((key, value))
        else:
            stack.extend(current.items)
    return found


def worth_scanning(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if len(line.strip()) >= MIN_SCAN_LENGTH]
