"""Set keys of a person file's front matter by editing its text, line by line.

Loading and dumping YAML would drop comments, reorder keys and requote values; here a
changed key's line is replaced (its trailing comment kept), a new key is put after the
managed key before it, and every other byte of the file stays as it was."""

from __future__ import annotations

import datetime as dt
import json
import re

from mus_build.model.names import clean
from mus_build.people_import.columns import FIELDS

Value = str | dt.date

# A key's value on one line and its trailing comment, when it has one.
_VALUE_AND_COMMENT = re.compile(
    r"""[^:]*:[ \t]*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#"']*?)(?P<comment>[ \t]+#.*)?"""
)


def render(key: str, value: Value) -> str:
    """The value as YAML the check reads back as written: texts in double quotes, ids and dates bare."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if key == "manager":
        return value
    return json.dumps(clean(value), ensure_ascii=False)


def set_keys(text: str, values: dict[str, Value]) -> str:
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    lines = text.splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---")
    for key in sorted(values, key=FIELDS.index):
        start = _find(lines, close, key)
        line = f"{key}: {render(key, values[key])}"
        if start is not None:
            end = _block_end(lines, start, close)
            if end == start + 1:
                match = _VALUE_AND_COMMENT.fullmatch(lines[start].rstrip("\r\n"))
                if match and match["comment"]:
                    line += match["comment"]
            ending = lines[end - 1][len(lines[end - 1].rstrip("\r\n")) :] or newline
            lines[start:end] = [line + ending]
            close -= end - start - 1
        else:
            at = _insert_at(lines, close, key)
            lines.insert(at, line + newline)
            close += 1
    return "".join(lines)


def _find(lines: list[str], close: int, key: str) -> int | None:
    pattern = re.compile(rf"{re.escape(key)}[ \t]*:")
    return next((i for i in range(1, close) if pattern.match(lines[i])), None)


def _block_end(lines: list[str], start: int, close: int) -> int:
    """Past the key's line and the indented lines that continue its value."""
    end = start + 1
    while end < close and lines[end][:1] in (" ", "\t") and lines[end].strip():
        end += 1
    return end


def _insert_at(lines: list[str], close: int, key: str) -> int:
    """After the managed key that comes before it in a person file, else at the end."""
    for earlier in reversed(FIELDS[: FIELDS.index(key)]):
        found = _find(lines, close, earlier)
        if found is not None:
            return _block_end(lines, found, close)
    return close
