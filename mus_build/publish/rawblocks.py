"""A mkdocs plugin that keeps mus's raw HTML blocks away from the Markdown and search parsers.

Most of a generated page is finished HTML (tables, the history of conversations),
yet mkdocs would run all of it through Python-Markdown's HTML block parser and,
once more, through the search plugin's parser, which also reads every part kept
out of search. Measured at 1,000 people, those two parsers took over half of the
build. So each block that `markup.block` marks is swapped for a placeholder before
Markdown runs, and put back:

- searchable blocks right after Markdown (`on_page_content`), so search still reads them;
- blocks kept out of search (`<section data-search-exclude>`) in the finished page
  (`on_post_page`), after search has read the page. They are read again from the
  page's source file then rather than held, so a large build does not keep every
  person's history in memory until its end.

A heading right above a block kept out of search is kept out too: it would be a search
result with nothing under it. At 2,000 people such headings were 11,000 of the
index's 18,500 entries, and the browser builds the index entry by entry.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from mus_build.pages.markup import RAW_MARKER

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# The marker line, then the block: every line up to the next blank one (markup.block has none inside).
_BLOCK = re.compile(rf"^{re.escape(RAW_MARKER)}\n((?:[ \t]*\S[^\n]*(?:\n|\Z))+)", re.M)
_PLACEHOLDER = re.compile(r"<!-- mus:raw (\d+) -->")
_EXCLUDED = "<section data-search-exclude"
# A heading (Python-Markdown gives it an id) directly followed by a block's placeholder.
_HEADING_OVER_BLOCK = re.compile(
    r"<(h[1-6]) (id=\"[^\"]*\">(?:(?!</h[1-6]>).)*</\1>\s*<!-- mus:raw \d+ -->)", re.S
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
        self._searchable: dict[str, dict[int, str]] = {}
        self._excluded_count: dict[str, int] = {}

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lifted, found = lift(markdown)
        if not found:
            return markdown
        key = page.file.src_uri
        self._searchable[key] = {i: b for i, b in enumerate(found) if not b.startswith(_EXCLUDED)}
        self._excluded_count[key] = len(found) - len(self._searchable[key])
        return lifted

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        searchable = self._searchable.pop(page.file.src_uri, None)
        if searchable:
            html = _PLACEHOLDER.sub(lambda m: searchable.get(int(m.group(1)), m.group(0)), html)
        if self._excluded_count.get(page.file.src_uri):  # the placeholders left are excluded blocks
            html = _HEADING_OVER_BLOCK.sub(r"<\1 data-search-exclude \2", html)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        count = self._excluded_count.pop(page.file.src_uri, 0)
        if not count:
            return output
        if page.file.abs_src_path is None:  # staged pages are files: only a plugin makes one in memory
            raise PluginError(f"{page.file.src_uri} has no source file to read its blocks from again")
        with open(page.file.abs_src_path, encoding="utf-8-sig") as source:
            _, found = lift(source.read())
        excluded = {i: b for i, b in enumerate(found) if b.startswith(_EXCLUDED)}
        if len(excluded) != count:
            raise PluginError(f"{page.file.src_uri} changed during the build; build again")
        return _PLACEHOLDER.sub(lambda m: excluded.get(int(m.group(1)), m.group(0)), output)
