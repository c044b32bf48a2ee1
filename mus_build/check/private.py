"""Private parts of a record: found, cut out before anything is published, and remembered
so the built site can be searched for them afterwards.

Markers fail closed. A comment that is removed from the page while the text after it is
published is how a private part leaks, so every comment whose first word is "private" or
"privat" (in any case, after any dashes, spaces or slash, on one line or several) is either
a well-formed marker in the body or an error, and so is one in a front-matter value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from mus_build.check.problems import LineError, quote
from mus_build.check.yamltree import Mapping, Node, Scalar
from mus_build.messages import say

# What a well-formed marker holds between "<!--" and "-->": the word and spaces, on one line.
# Markers may stand on their own lines or inside a line ("Aftalt. <!-- private -->...").
WELL_FORMED = re.compile(r"[ \t]*(/?)[ \t]*private[ \t]*", re.ASCII | re.IGNORECASE)
# First words that make a comment a marker, meant or mistyped ("<!-- Private: løn -->").
MARKER_WORDS = ("private", "privat")
# Words that are a mistyped marker when they are all the comment holds ("<!-- hemmeligt -->").
NEAR_MISS_WORDS = ("fortrolig", "fortroligt", "hemmelig", "hemmeligt", "secret")
# Left out when a comment's first word is read, so "pri\u200bvate" is still "private".
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_WORD = re.compile(r"\w+")
_LINE_BREAKS = re.compile(r"[ \t\n]+")
# How much of a comment is read for its first word; a near miss is a short comment.
_HEAD = 40
_NEAR_MISS_LENGTH = 80
# "<!" that begins no comment, as in "<!-private-->" or "<!—private—>" (a word processor's
# dash): it is shown as text, and so is what follows. How far its words are looked for.
_NOT_A_COMMENT = re.compile("<!(?!--)")
_NOT_A_COMMENT_LENGTH = 200

# Shorter private fragments ("ja", a date) would be found everywhere by chance.
MIN_SCAN_LENGTH = 12


@dataclass
class _Opener:
    """One "<!--" of a text, read as pages/notes.py reads comments: a comment runs from
    "<!--" to the first "-->" after it, and one that is never closed is shown as text."""

    start: int
    line: int
    line_start: int  # where its line begins in the text
    end: int | None  # just after the comment's "-->"; None when there is none
    words_end: int  # where its own words end: at "-->" or at the next "<!--"
    inside: int | None  # the line of the comment it stands in, when it starts none itself


def _openers(text: str, first_line: int) -> Iterator[_Opener]:
    """Every "<!--" of the text, in one pass: each search starts where the last one ended,
    so 50,000 unclosed comments cost no more than one."""
    line, counted, line_start = first_line, 0, 0
    comment_end, comment_line = 0, first_line
    close = 0
    start = text.find("<!--")
    while start != -1:
        following = text.find("<!--", start + 4)
        if close != -1 and close < start + 4:
            close = text.find("-->", start + 4)
        line += text.count("\n", counted, start)
        newline = text.rfind("\n", counted, start)
        line_start = newline + 1 if newline != -1 else line_start
        counted = start
        words_end = min(p for p in (close, following, len(text)) if p != -1)
        if start >= comment_end:
            end = close + 3 if close != -1 else None
            comment_end, comment_line = (end if end is not None else start + 4), line
            yield _Opener(start, line, line_start, end, words_end, None)
        else:
            yield _Opener(start, line, line_start, None, words_end, comment_line)
        start = following


def _loose(text: str) -> str:
    """A piece of text as a reader takes it in: invisible characters, accents and width left
    out, case folded ("ＰＲİVATE" is "private")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(INVISIBLE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _looks_private(text: str, start: int, end: int) -> bool:
    """Whether the comment words in text[start:end] make it a private marker, meant or mistyped."""
    first = _WORD.search(text, start, end)
    if first is None:
        return False
    word = _WORD.match(_loose(text[first.start() : min(end, first.start() + _HEAD)]))
    if word is None:
        return False
    if word[0] in MARKER_WORDS:
        return True
    return (
        word[0] in NEAR_MISS_WORDS
        and end - start <= _NEAR_MISS_LENGTH
        and _WORD.findall(_loose(text[start:end])) == [word[0]]
    )


def _shown(text: str, opener: _Opener) -> str:
    """The comment as a message quotes it: on one line, and never long; a space that is not
    an ordinary one shows as '?', as the reason the marker is not read as one."""
    end = opener.end if opener.end is not None else opener.words_end
    return quote(_LINE_BREAKS.sub(" ", text[opener.start : min(end, opener.start + 80)]))


def _not_a_comment(text: str) -> Iterator[tuple[int, str]]:
    """Where each marker that is no comment begins ("<!-private-->"), and how it looks."""
    for bang in _NOT_A_COMMENT.finditer(text):
        words = bang.end()
        limit = min(len(text), words + _NOT_A_COMMENT_LENGTH)
        following = text.find("<", words, limit)  # in "<!<!-- private -->" the words are the comment's
        limit = following if following != -1 else limit
        closing = text.find(">", words, limit)
        if _looks_private(text, words, closing if closing != -1 else limit):
            shown = text[bang.start() : closing + 1 if closing != -1 else limit]
            yield bang.start(), quote(_LINE_BREAKS.sub(" ", shown[:80]))


def _markers(body: str, first_line: int) -> tuple[dict[int, list[tuple[int, int]]], list[LineError]]:
    """The well-formed markers of a body by line, as (start, end) within their line; any
    other comment that looks like one, and any marker out of turn, is a problem (all of
    them are reported; a marker in error changes nothing of what is open)."""
    problems = [
        LineError(first_line + body.count("\n", 0, start), say("private_not_a_comment", shown=shown))
        for start, shown in (_not_a_comment(body) if "<!" in body else ())
    ]
    found: dict[int, list[tuple[int, int]]] = {}
    opened_at = None
    for opener in _openers(body, first_line):
        if not _looks_private(body, opener.start + 4, opener.words_end):
            continue
        shown = _shown(body, opener)
        if opener.inside is not None:
            problems.append(
                LineError(opener.line, say("private_inside_comment", shown=shown, line=opener.inside))
            )
            continue
        if opener.end is None:
            problems.append(LineError(opener.line, say("private_comment_not_closed", shown=shown)))
            continue
        marker = WELL_FORMED.fullmatch(body, opener.start + 4, opener.end - 3)
        if marker is None:
            problems.append(
                LineError(opener.line, _malformed(shown, body[opener.start + 4 : opener.end - 3]))
            )
            continue
        if marker[1] and opened_at is None:
            problems.append(LineError(opener.line, say("private_end_without_begin", shown=shown)))
            continue
        if not marker[1] and opened_at is not None:
            problems.append(LineError(opener.line, say("private_nested", shown=shown, line=opened_at)))
            continue
        opened_at = None if marker[1] else opener.line
        found.setdefault(opener.line, []).append(
            (opener.start - opener.line_start, opener.end - opener.line_start)
        )
    if opened_at is not None:
        problems.append(LineError(opened_at, say("private_not_closed")))
    return found, problems


def _malformed(shown: str, inner: str) -> str:
    if "\n" in inner and len(inner) <= _NEAR_MISS_LENGTH and WELL_FORMED.fullmatch(" ".join(inner.split())):
        return say("private_over_lines", shown=shown)
    return say("private_malformed", shown=shown)


def split_body(body: str, first_line: int) -> tuple[str, list[str], list[LineError]]:
    """The body without its private sections, the text of those sections, and what is wrong
    with its markers (then nothing is cut, and nothing may be built from it)."""
    markers, problems = _markers(body, first_line)
    if problems:
        return "", [], problems
    public: list[str] = []
    secret: list[str] = []
    inside = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        on_line = markers.get(number)
        if not on_line:
            (secret if inside else public).append(line)
            continue
        kept: list[str] = []
        position = 0
        for start, end in on_line:
            (secret if inside else kept).append(line[position:start])
            inside = not inside
            position = end
        (secret if inside else kept).append(line[position:])
        if "".join(kept).strip():  # a line of markers only is left out
            public.append("".join(kept))
    return "\n".join(public), secret, []


def markers_in_front(front: Mapping, has_private_key: bool) -> list[LineError]:
    """Private markers in front-matter values, at the line of their key: a value is
    published as written, so a marker there would publish the text it was meant to hide."""
    found = []
    stack: list[tuple[str, str, int, Node]] = [(k.text, k.text, k.line, v) for k, v in front.items]
    while stack:
        top, key, line, node = stack.pop()
        if isinstance(node, Mapping):
            stack += [(top, k.text, k.line, v) for k, v in node.items]
        elif not isinstance(node, Scalar):
            stack += [(top, key, item.line, item) for item in node.items]
        elif "<!" in node.text and (shown := _any_marker(node.text)):
            found.append(LineError(line, _in_front(shown, top, key, has_private_key)))
    return found


def _any_marker(text: str) -> str | None:
    """How the first thing in the text that looks like a private marker looks, if there is one."""
    for opener in _openers(text, 1):
        if _looks_private(text, opener.start + 4, opener.words_end):
            return _shown(text, opener)
    return next((shown for _, shown in _not_a_comment(text)), None)


def _in_front(shown: str, top: str, key: str, has_private_key: bool) -> str:
    if top == "private" and has_private_key:
        return say("private_marker_under_private", shown=shown)
    if has_private_key:
        return say("private_marker_in_front_or_key", shown=shown, key=key)
    return say("private_marker_in_front", shown=shown, key=key)


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
