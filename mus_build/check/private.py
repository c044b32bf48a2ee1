"""Private parts of a record: found, cut out before anything is published, and remembered
so the built site can be searched for them afterwards."""

from __future__ import annotations

import re

from mus_build.check.problems import LineError, quote
from mus_build.check.yamltree import Mapping, Node, Scalar

# The markers may stand on their own lines or inside a line ("Aftalt. <!-- private -->...").
MARKER = re.compile(r"<!--\s*(/?)\s*private\s*-->", re.IGNORECASE)
# Something meant as a marker that is not one ("<!-- privat -->", "<!-- private: løn -->")
# would be removed as a comment and everything after it published. Comments that merely
# begin with the word, such as a question "Private forhold ..." from `mus new`, are fine.
NEAR_MISS = re.compile(r"<!--\s*/?\s*(?:private(?!\s*-->)|(?i:privat|fortroligt?|hemmeligt?|secret)\s*-->)")

# Shorter private fragments ("ja", a date) would be found everywhere by chance.
MIN_SCAN_LENGTH = 12


def split_body(body: str, first_line: int) -> tuple[str, list[str]]:
    """Return the body without its private sections, and the text of those sections."""
    public: list[str] = []
    secret: list[str] = []
    opened_at = None
    for number, line in enumerate(body.split("\n"), start=first_line):
        if "<!--" not in line:
            (public if opened_at is None else secret).append(line)
            continue
        public_parts: list[str] = []
        position = 0
        markers = list(MARKER.finditer(line))
        for marker in markers:
            part = line[position : marker.start()]
            if opened_at is None:
                public_parts.append(part)
                if not marker[1]:
                    opened_at = number
            else:
                secret.append(part)
                if marker[1]:
                    opened_at = None
            position = marker.end()
        rest = line[position:]
        (public_parts if opened_at is None else secret).append(rest)
        public_text = "".join(public_parts)
        near_miss = NEAR_MISS.search(public_text)
        if near_miss:
            comment = public_text[near_miss.start() :]
            end = comment.find("-->")
            raise LineError(
                number,
                f"{quote(comment[: end + 3] if end != -1 else comment)} looks like a private marker but "
                "is not one, so the text after it would be published; write '<!-- private -->' "
                "and '<!-- /private -->' exactly",
            )
        if not markers or public_text.strip():  # a line of markers only is left out
            public.append(public_text)
    if opened_at is not None:
        raise LineError(
            opened_at,
            "'<!-- private -->' is never closed; add a line '<!-- /private -->' where the private part ends",
        )
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
