"""A record's notes, from untrusted Markdown to HTML that is safe to publish.

Raw HTML in a body is shown as text: Python-Markdown's raw-HTML handling is
switched off, so `<script>` is escaped rather than passed through. Only plain
Markdown extensions are used (no attribute lists, no snippets, no md_in_html),
and the result goes through nh3 as a second line of defence against links such as
`javascript:` that Markdown itself allows.

Links are read by one bounded regular expression instead of Python-Markdown's own
parser, which scans the rest of the text again for every `[` (12,500 brackets took
14 s, and the time grows with the square of their number). So link texts cannot
hold brackets, reference-style links are not supported (they stay visible as
text), and images are shown as the text that was written: notes are text, and a
path such as `../../secret.png` is never fetched or copied.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor, LinkInlineProcessor

from mus_build.model.handbook import Handbook

_ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto"}

# [text](url "title"): the text holds no brackets and every part is bounded, so each
# '[' is looked at once and the whole body is read in linear time.
_URL = r"<[^<>\n]{0,2000}>|(?:[^()\s]|\([^()\s]{0,200}\)){0,2000}"
_TITLE = r"\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'"
_LINK = rf"(?<!\!)\[([^\[\]]{{1,1000}})\]\(\s*({_URL})(?:\s+({_TITLE}))?\s*\)"
_IMAGE = rf"\!\[[^\[\]]{{0,1000}}\]\(\s*(?:{_URL})(?:\s+(?:{_TITLE}))?\s*\)"
# Python-Markdown's block and inline parsers take time that grows with the square of a
# block's size (text between empty lines): 50 KB of headings without an empty line took
# 3 s, 500 KB of backslashes 23 s. A body with a block beyond these limits is
# shown as plain text, which is read in linear time.
MAX_BLOCK_LINES = 200
MAX_BLOCK_CHARS = 20_000
# So is the number of blocks: Python-Markdown takes each block off the front of a list
# and adds each code block to the one before as a longer string, which takes time that
# grows with the square of their number (330,000 one-letter paragraphs took 12 s, a
# million empty lines 14 s). Every empty line may end a block, so empty lines are what is
# counted; the slowest body within all three bounds renders in about 0.3 s.
MAX_EMPTY_LINES = 1_000
# Control characters have no place in HTML; STX and ETX are Python-Markdown's own placeholders.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class _Link(LinkInlineProcessor):
    # Python-Markdown's InlineProcessor changes the signature of the Pattern.handleMatch it
    # overrides (its own stubs ignore that override), and mypy checks an override against
    # every base class: so the override is ignored here too, as in _ImageAsText.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # type: ignore[override]
        href = m.group(2)
        if href.startswith("<"):
            href = href[1:-1]
        el = etree.Element("a")
        el.text = m.group(1)
        el.set("href", self.unescape(href).strip())
        if m.group(3):
            el.set("title", " ".join(self.unescape(m.group(3)[1:-1]).split()))
        return el, m.start(0), m.end(0)


class _ImageAsText(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return m.group(0), m.start(0), m.end(0)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One converter, reset before each body: building one costs as much as converting a body."""
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.parser.blockprocessors.deregister("reference")
    for name in ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(_Link(_LINK, md), "link", 160)
    md.inlinePatterns.register(_ImageAsText(_IMAGE, md), "image_link", 150)
    return md


def render(body: str, heading_offset: int = 2) -> str:
    """HTML for a record body; headings move down so `##` sits under the record's own heading."""
    return _render(body, heading_offset)


class RenderedNotes:
    """Rendered bodies remembered from one round of page generation to the next, for
    `mus serve`, which regenerates every page on each save while most bodies did not
    change. A build renders each body once and keeps nothing: at 10,000 people this would
    hold 100 MiB of HTML. After each round, bodies no page asked for are forgotten, so an
    edited body does not stay behind for as long as the preview runs."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, int], str] = {}
        self._used: dict[tuple[str, int], str] = {}

    def render(self, body: str, heading_offset: int = 2) -> str:
        key = (body, heading_offset)
        html = self._used.get(key)
        if html is None:
            html = self._kept.get(key)
            if html is None:
                html = _render(body, heading_offset)
            self._used[key] = html
        return html

    def end_round(self) -> None:
        """Keep what this round used; forget the rest."""
        self._kept, self._used = self._used, {}

    def __len__(self) -> int:
        return len(self._kept)


def bodies(handbook: Handbook) -> Iterator[tuple[str, int]]:
    """Every body the people's pages show, with its heading offset (see person.py)."""
    for person in handbook.people.values():
        yield person.body, 1
        for record in person.records:
            yield record.body, 2


def render_pair(body_and_offset: tuple[str, int]) -> str:
    return _render(*body_and_offset)


class RenderedAhead:
    """Bodies rendered before the pages are made, by a map that runs in several processes
    (`mus build -j`): rendering them is the largest part of making the pages, and each
    is independent. Each body is handed out once and then forgotten."""

    def __init__(self, wanted: Iterable[tuple[str, int]], parallel_map: Callable[..., Iterable[str]]) -> None:
        unique = list(dict.fromkeys(wanted))
        self._ready = dict(zip(unique, parallel_map(render_pair, unique, chunksize=64), strict=True))

    def render(self, body: str, heading_offset: int = 2) -> str:
        html = self._ready.pop((body, heading_offset), None)
        return html if html is not None else _render(body, heading_offset)


def _render(body: str, heading_offset: int) -> str:
    body = _without_comments(body)  # prompts left from the template; never shown
    body = _CONTROL.sub("", body)
    if not body.strip():
        return ""
    if _has_huge_block(body):
        return _CONTROL.sub("", _plain(body))
    html = _markdown().reset().convert(body)
    html = _shift_headings(html, heading_offset)
    html = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return _CONTROL.sub("", html)  # character references such as &#2; come out as characters


def _has_huge_block(body: str) -> bool:
    """Whether a block, or the number of blocks, is beyond what Markdown reads in linear time."""
    lines = chars = empty = 0
    for line in body.split("\n"):
        if line.strip(" \t"):  # Markdown counts a line of spaces and tabs as empty
            lines, chars = lines + 1, chars + len(line) + 1
            if lines > MAX_BLOCK_LINES or chars > MAX_BLOCK_CHARS:
                return True
        else:
            lines = chars = 0
            empty += 1
            if empty > MAX_EMPTY_LINES:
                return True
    return False


def _plain(body: str) -> str:
    paragraphs = re.split(r"\n[ \t]*\n", body.strip())
    return "\n".join(
        "<p>" + "<br>\n".join(html_lib.escape(line) for line in p.strip("\n").split("\n")) + "</p>"
        for p in paragraphs
        if p.strip()
    )


def _without_comments(body: str) -> str:
    """The body without `<!-- ... -->` comments; an unclosed one stays as it is.

    A loop rather than a regular expression: `<!--.*?-->` searches to the end of
    the text again from every unclosed `<!--`: 50,000 of them took 26 s.
    """
    parts, start = [], 0
    while (opened := body.find("<!--", start)) != -1:
        closed = body.find("-->", opened + 4)
        if closed == -1:
            break
        parts.append(body[start:opened])
        start = closed + 3
    parts.append(body[start:])
    return "".join(parts)


_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str, offset: int) -> str:
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + offset)}>", html)
