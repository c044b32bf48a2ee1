"""One version of a record, as the proof of sign-offs needs it: the `signed_off` entries
it holds, and everything else it says, in a form two versions can be compared by.

A version is read with the same strict reader as `mus check`. Its content is the values
written, not the bytes: quotes, comments, indentation and the order of keys are not
content (an editor such as Decap CMS rewrites them when it saves), while any change of a
value or of the notes is, however small.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mus_build.check.markdown_file import parse_markdown
from mus_build.check.yamltree import Mapping, Node, Scalar, Sequence

SIGNED_OFF = "signed_off"
BODY = ""  # the part name of the notes below the front matter

Entry = tuple[str, str]  # (by, on) as written
Value = tuple[object, ...]


@dataclass(frozen=True)
class Version:
    entries: Counter[Entry]
    parts: tuple[tuple[str, Value], ...]  # each front-matter key but signed_off, and the notes

    def changed_parts(self, other: Version) -> list[str]:
        """The keys (and BODY for the notes) whose value differs between two versions."""
        mine, theirs = dict(self.parts), dict(other.parts)
        return sorted(key for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key))


def read_version(path: str, raw: bytes) -> Version:
    """A version of the record at `path`; one that cannot be read holds no entries, and its
    bytes are its content (so it differs from every readable version)."""
    source, problems = parse_markdown(path, raw)
    if source is None:
        return Version(Counter(), ((BODY, ("unreadable", raw)),))
    entries: Counter[Entry] = Counter()
    parts: list[tuple[str, Value]] = [(BODY, ("text", source.body.rstrip("\n")))]
    for key, node in source.front.items:
        if key.text == SIGNED_OFF:
            entries.update(_entries(node))
        else:
            parts.append((key.text, _value(node)))
    return Version(entries, tuple(sorted(parts)))


def _entries(node: Node) -> list[Entry]:
    if not isinstance(node, Sequence):
        return []
    found = []
    for item in node.items:
        if isinstance(item, Mapping):
            by, on = item.get("by"), item.get("on")
            if isinstance(by, Scalar) and isinstance(on, Scalar):
                found.append((by.text.strip(), on.text.strip()))
    return found


def _value(node: Node) -> Value:
    if isinstance(node, Scalar):
        return ("scalar", node.text, node.tag)
    if isinstance(node, Sequence):
        return ("list", *(_value(item) for item in node.items))
    return ("map", *sorted((key.text, _value(value)) for key, value in node.items))
