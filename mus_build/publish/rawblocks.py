"""A mkdocs plugin that keeps mus's raw HTML blocks away from the Markdown parser.

Most of a generated page is finished HTML (tables, the history of conversations),
yet mkdocs would run all of it through Python-Markdown's HTML block parser. Measured
at 1,000 people, that parser took most of the build. So each block that `markup.block`
marks is swapped for a placeholder before Markdown runs, and put back into the
finished page (`on_post_page`). mkdocs renders every page's Markdown before it writes
the first page, so a large build cannot hold every person's history in memory: blocks up
to `HELD_CHARS` are held, and those of the pages after that are read again from the
page's source file. The few pages `mus serve` renders after a save are all held.

A heading right above a block kept out of search is kept out too: it would be a search
result with nothing under it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from mus_build.pages.markup import IGNORED, RAW_MARKER

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# A marked block is the marker's line, then every line up to the first that is blank or
# starts with whitespace other than spaces and tabs (markup.block has none inside).
_MARKER = RAW_MARKER + "\n"
_BLOCK_LINE = re.compile(r"[ \t]*\S")
_AFTER_BLOCK = re.compile(r"\n(?![ \t]*\S)")
HELD_CHARS = 64 * 2**20
_PLACEHOLDER = re.compile(r"<!-- mus:raw (\d+) -->")
_EXCLUDED = f"<div {IGNORED}"
# A heading (Python-Markdown gives it an id) directly followed by a block's placeholder.
_HEADING_OVER_BLOCK = re.compile(
    r"<(h[1-6]) (id=\"[^\"]*\">(?:(?!</h[1-6]>).)*</\1>\s*<!-- mus:raw (\d+) -->)", re.S
)


def lift(markdown: str) -> tuple[str, list[str]]:
    """The page with each marked block swapped for a numbered placeholder, and the blocks
    in that order, without their (or nested) markers. The markers are found as strings and
    only the blocks' ends by pattern: a list of everyone is megabytes, lifted after every
    save of `mus serve`."""
    found: list[str] = []
    parts: list[str] = []
    kept_from = look_from = 0
    while (start := markdown.find(_MARKER, look_from)) != -1:
        body = start + len(_MARKER)
        if (start and markdown[start - 1] != "\n") or not _BLOCK_LINE.match(markdown, body):
            look_from = start + 1  # not at a line's start, or no block under it
            continue
        after = _AFTER_BLOCK.search(markdown, body)
        end = after.end() if after else len(markdown)
        found.append(markdown[body:end].rstrip("\n").replace(_MARKER, ""))
        parts += [markdown[kept_from:start], f"<!-- mus:raw {len(found) - 1} -->\n"]
        kept_from = look_from = end
    parts.append(markdown[kept_from:])
    return "".join(parts), found


class RawBlocks(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self._count: dict[str, int] = {}  # blocks lifted out of each page
        self._held: dict[str, list[str]] = {}  # the blocks of the pages held, see HELD_CHARS
        self._held_chars = 0
        self._excluded: dict[str, set[int]] = {}  # the blocks of a page kept out of search

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lifted, found = lift(markdown)
        self._let_go(page.file.src_uri)
        if not found:
            return markdown
        self._count[page.file.src_uri] = len(found)
        size = sum(map(len, found))
        if self._held_chars + size <= HELD_CHARS:
            self._held[page.file.src_uri] = found
            self._held_chars += size
        excluded = {i for i, b in enumerate(found) if b.startswith(_EXCLUDED)}
        if excluded:
            self._excluded[page.file.src_uri] = excluded
        return lifted

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        excluded = self._excluded.pop(page.file.src_uri, None)
        if excluded:

            def exclude(match: re.Match[str]) -> str:
                if int(match.group(3)) not in excluded:
                    return match.group(0)
                return f"<{match.group(1)} {IGNORED} {match.group(2)}"

            html = _HEADING_OVER_BLOCK.sub(exclude, html)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        count = self._count.pop(page.file.src_uri, 0)
        held = self._let_go(page.file.src_uri)
        if held is not None:
            return _put_back(output, held)
        if not count:
            return output
        if page.file.abs_src_path is None:  # staged pages are files: only a plugin makes one in memory
            raise PluginError(f"{page.file.src_uri} has no source file to read its blocks from again")
        with open(page.file.abs_src_path, encoding="utf-8-sig") as source:
            _, found = lift(source.read())
        if len(found) != count:
            raise PluginError(f"{page.file.src_uri} changed during the build; build again")
        return _put_back(output, found)

    def _let_go(self, src_uri: str) -> list[str] | None:
        held = self._held.pop(src_uri, None)
        if held is not None:
            self._held_chars -= sum(map(len, held))
        return held


def _put_back(output: str, found: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda m: found[int(m.group(1))], output)
