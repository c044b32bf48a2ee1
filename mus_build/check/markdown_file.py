"""Read one Markdown file with YAML front matter, refusing everything ambiguous.

python-frontmatter returns the whole file as body when it cannot split it (a BOM,
a missing closing `---`), which would publish the front matter, private fields
included. So the split is done here, by rules a person can be told.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from mus_build.check import yamltree
from mus_build.check.problems import LineError
from mus_build.check.yamltree import Mapping
from mus_build.messages import say

# MUS records are a few kilobytes; anything this large is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000

FENCE = "---"


@dataclass
class SourceFile:
    path: str  # relative to the handbook root, with forward slashes
    front: Mapping
    body: str
    body_line: int  # file line on which the body starts


def read_markdown(root: Path, rel: str) -> tuple[SourceFile | None, list[LineError]]:
    """Read `root/rel`; return the parsed file, or None and the reasons it cannot be read."""
    full = root / rel
    try:
        info = full.stat()
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO or a device would wait for ever
            return None, [LineError(1, say("not_regular_file"))]
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return None, [LineError(1, say("file_too_large", size=f"{size / 1_000_000:.1f}"))]
        raw = full.read_bytes()
    except OSError as exc:
        return None, [LineError(1, say("file_unreadable", reason=exc.strerror))]
    return parse_markdown(rel, raw)


def parse_markdown(rel: str, raw: bytes) -> tuple[SourceFile | None, list[LineError]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [LineError(line, say("not_utf8_byte", byte=f"{raw[exc.start]:02x}"))]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")

    if not text.strip():
        return None, [LineError(1, say("file_empty"))]
    first = lines[0].rstrip()
    if first != FENCE:
        return None, [LineError(1, _missing_front_matter(first))]

    closing = None
    for index in range(1, len(lines)):
        stripped = lines[index].rstrip()
        if stripped == FENCE:
            closing = index
            break
        if stripped == "...":
            return None, [LineError(index + 1, say("dots_fence"))]
    if closing is None:
        return None, [LineError(1, say("front_not_closed"))]

    tab_lines = (
        [
            LineError(i + 1, say("tab_indent"))
            for i in range(1, closing)
            if "\t" in lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        ]
        if any("\t" in lines[i] for i in range(1, closing))
        else []
    )
    if tab_lines:
        return None, tab_lines

    yaml_text = "\n".join(lines[1:closing]) + "\n"
    try:
        root, problems = yamltree.parse(yaml_text, first_line=2)
    except LineError as exc:
        return None, [exc]
    if root is None:
        return None, [LineError(1, say("front_empty"))]
    if not isinstance(root, Mapping):
        return None, [LineError(2, say("front_not_mapping", found=yamltree.describe(root)))]
    if problems:
        return None, problems
    body = "\n".join(lines[closing + 1 :])
    return SourceFile(rel, root, body, closing + 2), []


def _missing_front_matter(first: str) -> str:
    if first.startswith("{"):
        return say("front_json")
    if first == "+++":
        return say("front_toml")
    if first == "":
        return say("front_blank_lines")
    return say("front_missing")
