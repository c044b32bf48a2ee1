"""A mkdocs plugin that keeps mus's raw HTML blocks away from the Markdown parser.

Most of a generated page is finished HTML (tables, the history of conversations),
yet mkdocs would run all of it through Python-Markdown's HTML block parser. Measured
at 1,000 people, that parser took most of the build. So each block that `markup.block`
marks is swapped for a placeholder before Markdown runs, and put back into the
finished page (`on_post_page`). The blocks are read again from the page's source file
then rather than held: mkdocs renders every page's Markdown before it writes the first
page, and a large build would otherwise keep every person's history in memory.

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

# The marker line, then the block: every line up to the next blank one (markup.block has none inside).
_BLOCK = re.compile(rf"^{re.escape(RAW_MARKER)}\n((?:[ \t]*\S[^\n]*(?:\n|\Z))+)", re.M)
_PLACEHOLDER = re.compile(r"<!-- mus:raw (\d+) -->")
_EXCLUDED = f"<div {IGNORED}"
# A heading (Python-Markdown gives it an id) directly followed by a block's placeholder.
_HEADING_OVER_BLOCK = re.compile(
    r"<(h[1-6]) (id=\"[^\"]*\">(?:(?!</h[1-6]>).)*</\1>\s*<!-- mus:raw (\d+) -->)", re.S
)


def lift(markdown: str) -> tuple[str, list[str]]:
    """The page with each marked block swapped for a numbered placeholder, and the blocks
    in that order, without their (or nested) markers."""
    found: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        found.append(match.group(1).rstrip("\n").replace(RAW_MARKER + "\n", ""))
        return f"<!-- mus:raw {len(found) - 1} -->\n"

    return _BLOCK.sub(placeholder, markdown), found


class RawBlocks(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self._count: dict[str, int] = {}  # blocks lifted out of each page
        self._excluded: dict[str, set[int]] = {}  # the blocks of a page kept out of search

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lifted, found = lift(markdown)
        if not found:
            return markdown
        self._count[page.file.src_uri] = len(found)
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
        if not count:
            return output
        if page.file.abs_src_path is None:  # staged pages are files: only a plugin makes one in memory
            raise PluginError(f"{page.file.src_uri} has no source file to read its blocks from again")
        with open(page.file.abs_src_path, encoding="utf-8-sig") as source:
            _, found = lift(source.read())
        if len(found) != count:
            raise PluginError(f"{page.file.src_uri} changed during the build; build again")
        return _PLACEHOLDER.sub(lambda m: found[int(m.group(1))], output)
