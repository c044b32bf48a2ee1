"""The last check of `mus build`: no private text anywhere in the new site.

Every file is searched as written (for the forms a text takes in HTML and JSON) and
as a reader gets it: entities and JSON escapes decoded, whitespace collapsed,
calendar lines unfolded, CSV cells unquoted, sitemaps unzipped. Files are read in
overlapping pieces, so a 100 MB export costs a few megabytes of memory, not
several copies of itself.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from mus_build.check.load import PrivateText

SCANNED = (".html", ".json", ".xml", ".txt", ".csv", ".ics", ".js", ".css", ".svg")
# A private text is looked for by its first characters: that much identical text is a leak
# whatever follows, and it bounds the pattern below.
SCAN_PREFIX = 64
PIECE = 1 << 20
# Pieces overlap by far more than any private prefix takes in a file, however it is
# escaped or spaced out, so every occurrence lies wholly inside one piece.
OVERLAP = 1 << 16


def find_private_leaks(site_dir: Path, private_texts: list[PrivateText]) -> list[str]:
    """A message for each file of the built site that holds a private text.

    The same sentence written privately in one record and publicly in another is
    reported too: the scan cannot tell a copy from a leak, and a person decides by
    rewording one of them.
    """
    exact: dict[str, str] = {}
    plain: dict[str, str] = {}
    for private in private_texts:
        record, secret = private.path, private.text
        for form in (
            secret,
            html.escape(secret),
            html.escape(secret, quote=False),
            json.dumps(secret)[1:-1],
            json.dumps(secret, ensure_ascii=False)[1:-1],
        ):
            exact.setdefault(form[:SCAN_PREFIX], record)
        plain.setdefault(_collapse(secret)[:SCAN_PREFIX], record)
    if not exact:
        return []
    exact_pattern = _alternatives(exact)
    plain_pattern = _alternatives(plain)
    leaks = []
    for path in sorted(site_dir.rglob("*")):
        suffix = Path(path.name.removesuffix(".gz")).suffix
        if not path.is_file() or suffix not in SCANNED:
            continue
        found = None
        for piece in _pieces(path):
            if match := exact_pattern.search(piece):
                found = exact[match.group(0)]
            elif suffix != ".csv" and (match := plain_pattern.search(_as_read(piece, suffix))):
                found = plain[match.group(0)]
            if found:
                break
        if suffix == ".csv" and not found:
            for piece in _csv_pieces(path):
                if match := plain_pattern.search(_as_read(piece, suffix)):
                    found = plain[match.group(0)]
                    break
        if found:
            leaks.append(
                f"{found}: its private text appears in {path.relative_to(site_dir).as_posix()}; "
                "if the same words are meant to be public elsewhere, word them differently"
            )
    return leaks


def _pieces(path: Path) -> Iterator[str]:
    """The file's text in overlapping pieces, unzipped when it is a .gz that unzips."""
    if path.suffix == ".gz":
        try:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as unzipped:
                yield from _overlapping(unzipped)
            return
        except (OSError, EOFError):
            pass  # not gzip after all: scanned as it is
    with open(path, encoding="utf-8", errors="replace", newline="") as file:
        yield from _overlapping(file)


def _overlapping(file: TextIO) -> Iterator[str]:
    """The text in pieces of PIECE characters, each after the first starting with the last
    OVERLAP characters of the one before."""
    tail = ""
    while chunk := file.read(PIECE):
        piece = tail + chunk
        yield piece
        tail = piece[-OVERLAP:]


def _csv_pieces(path: Path) -> Iterator[str]:
    """A CSV file's cells as a reader sees them (one line a row, cells joined by spaces),
    in overlapping pieces: rows are read whole, as a quoted cell may hold a line break."""
    with open(path, encoding="utf-8", errors="replace", newline="") as file:
        tail, lines, size = "", [], 0
        for row in csv.reader(file):
            lines.append(" ".join(row) + "\n")
            size += len(lines[-1])
            if size >= PIECE:
                piece = tail + "".join(lines)
                yield piece
                tail, lines, size = piece[-OVERLAP:], [], 0
        yield tail + "".join(lines)


def _alternatives(texts: dict[str, str]) -> re.Pattern[str]:
    """One pattern for all texts, as a trie: `a|b|c|...` tries every text at every position
    (20,000 private lines took 20 s on a small site), a trie only the texts that share what
    was read so far. The texts are at most SCAN_PREFIX long, so it nests no deeper."""
    return re.compile(_trie(sorted(t for t in texts if t), 0))


def _trie(words: list[str], start: int) -> str:
    """The pattern for sorted, distinct words that share their first `start` characters."""
    first, last = words[0], words[-1]
    end = start
    while end < min(len(first), len(last)) and first[end] == last[end]:
        end += 1
    ends_here = len(first) == end  # sorted, so a word that is the shared part itself comes first
    rest = words[1:] if ends_here else words
    if not rest:
        return re.escape(first[start:end])
    branches = []
    i = 0
    while i < len(rest):
        j = i + 1
        while j < len(rest) and rest[j][end] == rest[i][end]:
            j += 1
        branches.append(_trie(rest[i:j], end))
        i = j
    return re.escape(first[start:end]) + "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


def _collapse(text: str) -> str:
    return " ".join(text.split())  # three times as fast as re.sub(r"\s+", ...) on a piece


# JSON's escapes; a pair of \u escapes for one character beyond the BMP comes first.
_JSON_ESCAPE = re.compile(
    r'\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])'
)
_JSON_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _json_unescape(match: re.Match[str]) -> str:
    high, low, code, simple = match.groups()
    if high:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00))
    if code:
        return chr(int(code, 16))
    return _JSON_SIMPLE[simple]


def _as_read(text: str, suffix: str) -> str:
    """The text a reader gets from a piece of a file, whitespace collapsed."""
    if suffix == ".ics":  # lines folded at 75 octets; , ; \ and newlines escaped
        text = text.replace("\r\n ", "").replace("\n ", "")
        text = re.sub(r"\\([,;\\nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)
    elif suffix == ".json":
        text = _JSON_ESCAPE.sub(_json_unescape, text)
    return _collapse(html.unescape(text))
