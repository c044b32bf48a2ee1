"""The last check of `mus build`: no private text anywhere in the new site.

Every file is searched as written (for the forms a text takes in HTML and JSON) and
as a reader gets it: entities and JSON escapes decoded, whitespace collapsed,
calendar lines unfolded, CSV cells unquoted, sitemaps unzipped. Both the private
texts and what is read are taken as a reader sees them: in one Unicode form (NFC), and
without the invisible characters that a copy from a word processor or a chat may hold.
Files are read in overlapping pieces, so a 100 MB export costs a few megabytes of
memory, not several copies of itself.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from mus_build.check.load import PrivateText
from mus_build.check.private import MIN_SCAN_LENGTH
from mus_build.messages import say

SCANNED = (".html", ".json", ".xml", ".txt", ".csv", ".ics", ".js", ".css", ".svg")
# A private text is looked for by its first characters: that much identical text is a leak
# whatever follows, and it bounds the pattern below.
SCAN_PREFIX = 64
PIECE = 1 << 20
# Pieces overlap by OVERLAP characters of the file as it is read, invisible characters left
# out (they are taken out of each piece before the overlap is counted). That is 1,024 for
# each character of a private prefix, far more than any escape takes (the longest, an entity
# such as "&CounterClockwiseContourIntegral;", 33), so every occurrence lies wholly inside
# one piece unless its characters are spaced out by runs of a thousand spaces.
OVERLAP = 1 << 16
# Characters no reader sees: a zero-width space (U+200B), non-joiner and joiner, word joiner,
# byte order mark, and the soft hyphen, which shows only where a line happens to break.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# A prefix is looked for by its anchor: the ANCHOR characters after its first space. The
# characters after each space of a piece are looked up in a set of the anchors, and where one
# is found, the whole prefix is compared. A shorter text is searched for with a pattern that
# begins at its first space (the engine skips from space to space), one without a space with
# a pattern of the whole texts.
ANCHOR = 24
_AFTER_SPACE = re.compile(f" (?=(\\S.{{{ANCHOR - 1}}}))", re.DOTALL)  # not in runs of spaces
_SPACE = re.compile(r" (?=\S)")


def find_private_leaks(site_dir: Path, private_texts: list[PrivateText]) -> list[str]:
    """A message for each file of the built site that holds a private text.

    The same sentence written privately in one record and publicly in another is
    reported too: the scan cannot tell a copy from a leak, and a person decides by
    rewording one of them.
    """
    exact: dict[str, str] = {}
    plain: dict[str, str] = {}
    for private in private_texts:
        record, secret = private.path, _visible(private.text)
        if len(_collapse(secret)) < MIN_SCAN_LENGTH:
            continue
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
    as_written = _Prefixes(exact)
    as_read = _Prefixes(plain)
    leaks: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        suffix = Path(path.name.removesuffix(".gz")).suffix
        if not path.is_file() or suffix not in SCANNED:
            continue
        found = None
        for piece in _pieces(path):
            found = as_written.find(piece)
            if not found and suffix != ".csv":
                found = as_read.find(_as_read(piece, suffix))
            if found:
                break
        if suffix == ".csv" and not found:
            for piece in _csv_pieces(path):
                if found := as_read.find(_as_read(piece, suffix)):
                    break
        if found:
            leaks.append(say("private_text_found", source=found, page=path.relative_to(site_dir).as_posix()))
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
        piece = tail + _INVISIBLE.sub("", chunk)
        yield piece
        tail = piece[-OVERLAP:]


def _csv_pieces(path: Path) -> Iterator[str]:
    """A CSV file's cells as a reader sees them (one line a row, cells joined by spaces),
    in overlapping pieces: rows are read whole, as a quoted cell may hold a line break."""
    with open(path, encoding="utf-8", errors="replace", newline="") as file:
        tail, lines, size = "", [], 0
        for row in csv.reader(file):
            lines.append(_INVISIBLE.sub("", " ".join(row)) + "\n")
            size += len(lines[-1])
            if size >= PIECE:
                piece = tail + "".join(lines)
                yield piece
                tail, lines, size = piece[-OVERLAP:], [], 0
        yield tail + "".join(lines)


class _Prefixes:
    """The private prefixes, each with the record it was written in, and the search for them.

    Finding the anchors costs one set look-up for each space of a piece, however many
    prefixes there are. One pattern of the whole prefixes took longer for each one added, and
    longest to compile: bench/leak_bench.py, 61,000 private lines and a 1,000-person site, took
    39 s and 540 MB; now 11.5 s and 190 MB.
    """

    def __init__(self, prefixes: dict[str, str]) -> None:
        # anchor -> (offset of the anchor in the prefix, length of the prefix) -> prefix -> record
        self._by_anchor: dict[str, dict[tuple[int, int], dict[str, str]]] = {}
        self._anchors: set[str] = set()
        from_space: set[str] = set()
        self._whole: dict[str, str] = {}
        for prefix, record in prefixes.items():
            space = _SPACE.search(prefix, 1)
            if space is None:
                self._whole.setdefault(prefix, record)
                continue
            if len(prefix) - space.end() >= ANCHOR:
                offset = space.end()
                self._anchors.add(anchor := prefix[offset : offset + ANCHOR])
            else:
                offset = space.start()
                from_space.add(anchor := prefix[offset:])
            group = self._by_anchor.setdefault(anchor, {}).setdefault((offset, len(prefix)), {})
            group.setdefault(prefix, record)
        self._from_space = _alternatives(from_space) if from_space else None
        self._lengths = sorted({len(anchor) for anchor in from_space}, reverse=True)
        self._whole_texts = _alternatives(self._whole) if self._whole else None

    def find(self, text: str) -> str | None:
        """The record of a prefix found in the text, if one is; the same one on every run."""
        found = [
            hit
            for anchor in self._anchors.intersection(_AFTER_SPACE.findall(text))
            if (hit := self._first(text, anchor))
        ]
        if self._from_space and (hit := self._first_from_space(self._from_space, text)):
            found.append(hit)
        if self._whole_texts and (match := self._whole_texts.search(text)):
            found.append((match.start(), self._whole[match.group(0)]))
        return min(found)[1] if found else None

    def _first_from_space(self, pattern: re.Pattern[str], text: str) -> tuple[int, str] | None:
        """Where the first prefix found by the pattern of anchors from a space begins, and its record."""
        match = pattern.search(text)
        while match:
            # The pattern matches the longest anchor there; a shorter one may be the leak.
            matched = match.group(0)
            if hit := self._at(
                text, match.start(), [matched[:n] for n in self._lengths if n <= len(matched)]
            ):
                return hit
            match = pattern.search(text, match.start() + 1)
        return None

    def _first(self, text: str, anchor: str) -> tuple[int, str] | None:
        """Where a prefix with this anchor (found after a space) begins in the text, and its record."""
        at = text.find(" " + anchor) + 1  # where the anchor begins; 0 when it is not there
        while at:
            if hit := self._at(text, at, [anchor]):
                return hit
            at = text.find(" " + anchor, at) + 1
        return None

    def _at(self, text: str, at: int, anchors: list[str]) -> tuple[int, str] | None:
        """Where a prefix begins whose anchor (one of these) begins at `at`, and its record."""
        found = [
            (at - offset, record)
            for anchor in anchors
            for (offset, size), prefixes in self._by_anchor.get(anchor, {}).items()
            if at >= offset and (record := prefixes.get(text[at - offset : at - offset + size]))
        ]
        return min(found) if found else None


def _alternatives(texts: Iterable[str]) -> re.Pattern[str]:
    """One pattern for all texts, as a trie: `a|b|c|...` tries every text at every position
    (20,000 private lines took 20 s on a small site), a trie only the texts that share what
    was read so far. The texts are at most SCAN_PREFIX long, so it nests no deeper."""
    return re.compile(_trie(sorted(set(t for t in texts if t)), 0))


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
    return _collapse(_visible(html.unescape(text)))


def _visible(text: str) -> str:
    """The text in one Unicode form (NFC: "é" one character, not "e" and an accent), without
    the characters no reader sees."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
