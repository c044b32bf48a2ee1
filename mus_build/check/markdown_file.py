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
            return None, [
                LineError(1, "is not an ordinary file; records and index.md must be plain text files")
            ]
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return None, [
                LineError(
                    1,
                    f"the file is {size / 1_000_000:.1f} MB; a record must be under 1 MB. Move long texts elsewhere",
                )
            ]
        raw = full.read_bytes()
    except OSError as exc:
        return None, [LineError(1, f"the file cannot be read ({exc.strerror})")]
    return parse_markdown(rel, raw)


def parse_markdown(rel: str, raw: bytes) -> tuple[SourceFile | None, list[LineError]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            LineError(
                line,
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it with the encoding UTF-8",
            )
        ]
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")

    if not text.strip():
        return None, [
            LineError(1, "the file is empty; it must start with front matter between two '---' lines")
        ]
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
            return None, [LineError(index + 1, "end the front matter with a line '---', not '...'")]
    if closing is None:
        return None, [
            LineError(1, "the front matter is not closed; add a line with only '---' after the last key")
        ]

    tab_lines = (
        [
            LineError(i + 1, "a tab is used for indentation; indent with spaces")
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
        return None, [LineError(1, "the front matter is empty; write the keys between the two '---' lines")]
    if not isinstance(root, Mapping):
        return None, [
            LineError(
                2, f"the front matter must be keys and values ('key: value'), not {yamltree.describe(root)}"
            )
        ]
    if problems:
        return None, problems
    body = "\n".join(lines[closing + 1 :])
    return SourceFile(rel, root, body, closing + 2), []


def _missing_front_matter(first: str) -> str:
    if first.startswith("{"):
        return "front matter must be YAML between two '---' lines, not JSON"
    if first == "+++":
        return "front matter must be YAML between two '---' lines, not TOML ('+++')"
    if first == "":
        return "the file must start with '---' on the first line; remove the blank lines above it"
    return "the file must start with front matter: a line with only '---', the keys, then '---' again"
