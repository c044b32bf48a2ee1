"""One version of a record, as the proof of sign-offs needs it: the `signed_off` entries
it holds, and everything else it says, in a form two versions can be compared by.

A version is read with the same strict reader as `mus check`. Its content is the values
written, not the bytes: quotes, comments, indentation and the order of keys are not
content (an editor such as Decap CMS rewrites them when it saves), while any change of a
value or of the notes is, however small.

Most versions of a record differ from the next only by a sign-off, so the comparison
first takes the `signed_off` key's lines out of the front matter and compares what is
left byte for byte: equal bytes are equal values. Only versions whose bytes differ are
read in full, and only the few lines of `signed_off` are read for the entries.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from mus_build.check.markdown_file import parse_markdown
from mus_build.check.problems import LineError
from mus_build.check.yamltree import Mapping, Node, Scalar, Sequence, parse

SIGNED_OFF = "signed_off"
BODY = ""  # the part name of the notes below the front matter

Entry = tuple[str, str]  # (by, on) as written
Value = tuple[object, ...]


class Version:
    def __init__(self, path: str, raw: bytes | None) -> None:
        self.path, self.raw = path, raw  # None: the file does not exist in this version
        self.rest, block = _split(raw) if raw is not None else (b"", None)
        self.entries: Counter[Entry] = Counter()
        if block is not None:
            self.entries = _block_entries(block)
        elif raw is not None and SIGNED_OFF.encode() in raw:
            self.entries = self._full[0]

    def same_content(self, other: Version) -> bool:
        """Whether both say the same but for their sign-offs."""
        return (self.raw is None) == (other.raw is None) and (
            self.rest == other.rest or self.parts == other.parts
        )

    @cached_property
    def _full(self) -> tuple[Counter[Entry], tuple[tuple[str, Value], ...]]:
        if self.raw is None:
            return Counter(), ()
        source, _ = parse_markdown(self.path, self.raw)
        if source is None:  # a version that cannot be read: its bytes are its content
            return Counter(), ((BODY, ("unreadable", self.raw)),)
        entries: Counter[Entry] = Counter()
        parts: list[tuple[str, Value]] = [(BODY, ("text", source.body.rstrip("\n")))]
        for key, node in source.front.items:
            if key.text == SIGNED_OFF:
                entries.update(_entries(node))
            else:
                parts.append((key.text, _value(node)))
        return entries, tuple(sorted(parts))

    @property
    def parts(self) -> tuple[tuple[str, Value], ...]:
        """Each front-matter key but signed_off, and the notes (BODY), as values."""
        return self._full[1]

    def changed_parts(self, other: Version) -> list[str]:
        """The keys (and BODY for the notes) whose value differs between two versions."""
        mine, theirs = dict(self.parts), dict(other.parts)
        return sorted(key for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key))


def _split(raw: bytes) -> tuple[bytes, bytes | None]:
    """The file without the lines of its front matter's `signed_off` key, and those lines
    (None when there is no such key, or no front matter to find it in). A key at the start
    of a line owns every line after it that is indented, a list item, a comment or blank,
    up to the next key or the closing '---': those lines are its value, whatever they say."""
    lines = raw.split(b"\n")
    if not lines or lines[0].rstrip() != b"---":
        return raw, None
    start = None
    for index in range(1, len(lines)):
        line = lines[index]
        if line.rstrip() == b"---":
            break
        if start is None:
            if line.startswith(b"signed_off:"):
                start = index
            continue
        if line.strip() and not line.startswith((b" ", b"-", b"#", b"\t")):
            break
    else:
        return raw, None
    if start is None:
        return raw, None
    return b"\n".join(lines[:start] + lines[index:]), b"\n".join(lines[start:index])


# The shape `mus new` and the guide write, one entry after another: read without YAML, as
# its lines can mean nothing else. Any other shape is read as YAML.
_PLAIN_BLOCK = re.compile(
    rb"signed_off:(?: \[\])?\n?"
    rb"|signed_off:\n(?:- by: [a-z0-9-]+\n  on: \d{4}-\d{2}-\d{2}(?:\n|\Z))+"
    rb"|signed_off:\n(?:  - by: [a-z0-9-]+\n    on: \d{4}-\d{2}-\d{2}(?:\n|\Z))+"
)
_PLAIN_ENTRY = re.compile(rb"- by: ([a-z0-9-]+)\n *on: (\d{4}-\d{2}-\d{2})")


def _block_entries(block: bytes) -> Counter[Entry]:
    if _PLAIN_BLOCK.fullmatch(block):
        return Counter((by.decode(), on.decode()) for by, on in _PLAIN_ENTRY.findall(block))
    try:
        root, problems = parse(block.decode("utf-8"))
    except (LineError, UnicodeDecodeError):
        return Counter()
    if problems or not isinstance(root, Mapping):
        return Counter()
    node = root.get(SIGNED_OFF)
    return Counter(_entries(node)) if node is not None else Counter()


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
