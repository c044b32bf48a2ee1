"""A site built in parts, each by its own mkdocs process, and the parts put together.

mkdocs renders one page after another on one core. Most pages of a handbook are outside
the navigation (people, lists, sheets), and none of them depends on another's rendering,
so the parts divide those pages among them: every part reads the whole handbook, renders
the guide (the navigation needs its titles) and its own share of the other pages, and
writes only its own pages. Part 0 also writes the guide, the theme's pages and the
static files. The merged site is the one a single process writes (tests/test_site.py).

A page of another part is left out of the reading of the Markdown (the costly half) as
a draft, which mkdocs reads only in its own preview and links to without a warning, then
put back as an empty page before anything is written, so that every part sees the same
list of pages (the sitemap lists them all) and writes nothing for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

# In the theme's overrides: renders nothing, and mkdocs writes no file for an empty page.
ELSEWHERE_TEMPLATE = "mus-elsewhere.html"


@dataclass(frozen=True)
class Part:
    number: int  # 0 writes the guide, the theme's pages and the static files
    count: int


class PartOfSite(BasePlugin):
    """Makes mkdocs write one part of the site (see the module's text)."""

    def __init__(self, part: Part) -> None:
        super().__init__()
        self.part = part
        self._elsewhere: dict[str, InclusionLevel] = {}  # pages of other parts, as they were
        self._guide: set[str] = set()  # pages in the navigation

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.part.number != 0:
            for file in files:
                if not file.is_documentation_page():
                    file.inclusion = InclusionLevel.DRAFT  # copied by part 0
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._guide = {page.file.src_uri for page in nav.pages}
        rest = sorted(file.src_uri for file in files.documentation_pages() if file.src_uri not in self._guide)
        own = set(rest[self.part.number :: self.part.count])
        for file in files.documentation_pages():
            if file.src_uri not in own and file.src_uri not in self._guide:
                self._elsewhere[file.src_uri] = file.inclusion
                file.inclusion = InclusionLevel.DRAFT  # not read: its Markdown is another part's
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        for src_uri, inclusion in self._elsewhere.items():
            file = files.get_file_from_path(src_uri)
            assert file is not None
            file.inclusion = inclusion
            Page(None, file, config).meta = {"template": ELSEWHERE_TEMPLATE}
        if self.part.number != 0:
            for src_uri in self._guide:
                guide_file = files.get_file_from_path(src_uri)
                assert guide_file is not None and guide_file.page is not None
                guide_file.page.meta["template"] = ELSEWHERE_TEMPLATE
        return env


def part_folder(site_dir: Path, number: int) -> Path:
    """Where part `number` (1 and up) writes; part 0 writes into the site itself."""
    return site_dir.with_name(f"{site_dir.name}.part-{number}")


def merge(folder: Path, site_dir: Path) -> None:
    """Move a part's pages into the site. What part 0 wrote already (the theme's pages,
    which every part renders alike) stays."""
    for directory, _, names in os.walk(folder):
        target_dir = site_dir / Path(directory).relative_to(folder)
        target_dir.mkdir(exist_ok=True)
        for name in names:
            target = target_dir / name
            if not target.exists():
                os.replace(Path(directory) / name, target)
