"""mkdocs kept loaded between the rounds of `mus serve`, so a save renders only its pages.

Even a dirty build of mkdocs does on every save what grows with the handbook: it loads
the configuration, lists every staged file, makes a page of each and the navigation,
asks each file whether it changed and renders the sitemap. At 10,000 people that took
over 3 s before the one changed page was rendered. So the preview keeps what its last
build made (the files, the navigation, the theme's templates, the configuration) and a
save renders only the pages whose staged files it wrote, as the build renders them.

Only a save that changes no more than files the site already has can be rendered so: a
new or removed file changes the list of files, the sitemap and perhaps the navigation,
and the preview builds again (publish/preview_build.py).

A kept page holds on to its title, which the navigation shows, but not its Markdown, its
HTML or its table of contents: nothing needs them once the page is written, and 30,000
pages of them would stay in memory as long as the preview runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_build_date

from mus_build.publish.preview_staging import link_or_copy

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation

# How mkdocs' build reads and renders one page. Both are private to mkdocs: under a
# builder without them, every save builds the site.
try:
    from mkdocs.commands.build import _build_page, _populate_page
except ImportError:  # pragma: no cover - another mkdocs
    _build_page = _populate_page = None  # type: ignore[assignment]

IN_PREVIEW: Callable[[InclusionLevel], bool] = InclusionLevel.is_in_serve


class KeptSite:
    """What a build of the preview made, to render some of its pages again."""

    def __init__(self, config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment) -> None:
        self._config, self._files, self._nav, self._env = config, files, nav, env
        self._pages: Sequence[File] = files.documentation_pages(inclusion=IN_PREVIEW)
        # Each page tells the sitemap the day it was built: a build on another day writes
        # another sitemap.
        self._day = get_build_date()
        _let_go_of_rendering(self._pages)

    def can_render(self, written: list[str]) -> bool:
        """Whether `written` (paths in the staging folder) are all files the site has."""
        if _populate_page is None or get_build_date() != self._day:
            return False
        return all(self._files.get_file_from_path(rel) is not None for rel in written)

    def render(self, written: list[str]) -> None:
        """Render the pages and copy the other files among `written` into the site, as the
        build does: every page is read before the first is written."""
        files = [self._files.get_file_from_path(rel) for rel in written]
        shown = [file for file in files if file is not None and IN_PREVIEW(file.inclusion)]
        pages = [file.page for file in shown if file.is_documentation_page() and file.page is not None]
        for file in shown:
            if not file.is_documentation_page():
                _link_into_site(file)
        config = self._config
        for page in pages:
            _populate_page(page, config, self._files)
        for page in pages:
            excluded = page.file.inclusion.is_excluded()
            _build_page(page, config, self._pages, self._nav, self._env, excluded=excluded)
        for page in pages:
            page.validate_anchor_links(files=self._files, log_level=config.validation.links.anchors)
        _let_go_of_rendering([page.file for page in pages])

    def close(self) -> None:
        """Let the files and pages go as soon as nothing holds the site. Each file and its
        page point at each other, and the preview freezes what outlives a round away from
        the collector (preview_build.py): without this, a site let go of would stay in
        memory until the collector's next look at everything."""
        for file in self._files:
            file.page = None


def _link_into_site(file: File) -> None:
    """A staged file that is not a page, into the site as a second name of the staged one,
    not a copy: the exports of everyone are 170 MB at 10,000 people, and copying them took
    a tenth of a second of every save that changed an agreement. The staging folder writes
    a file again as a new one (publish/preview_staging.py), so the site's name keeps the
    bytes it had until this links the new ones; a dirty build finds the two names' times
    equal and copies nothing, and a whole build empties the site first."""
    if file.abs_src_path is None:  # made in memory by a plugin: only a copy will do
        file.copy_file()
        return
    link_or_copy(file.abs_src_path, file.abs_dest_path)


class Keep(BasePlugin):
    """A plugin that keeps what the build made. Registered last, it sees what the other
    plugins made of it."""

    def __init__(self) -> None:
        super().__init__()
        self._nav: Navigation | None = None
        self._made: tuple[MkDocsConfig, Files, jinja2.Environment] | None = None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self._made = (config, files, env)
        return env

    def site(self) -> KeptSite | None:
        """The site the build made; None before it got that far. The plugin lets go of it:
        mkdocs holds the last configuration loaded, and so this plugin, after the site is
        gone."""
        nav, made, self._nav, self._made = self._nav, self._made, None, None
        if nav is None or made is None:
            return None
        config, files, env = made
        return KeptSite(config, files, nav, env)


def _let_go_of_rendering(files: Sequence[File]) -> None:
    """Drop what each page held only to be written. A page that was read keeps an empty
    Markdown rather than none: mkdocs then takes its title from the heading it rendered."""
    for file in files:
        page = file.page
        if page is None:
            continue
        if page.markdown is not None:
            page.markdown = ""
        page.content = None
        page.toc = []  # type: ignore[assignment]  # as a page starts, in mkdocs
        page.present_anchor_ids = None
        page.links_to_anchors = None
