"""One rebuild of `mus serve`, doing only what the change calls for.

Each round reads again only the people's folders the file watcher told of a write in (and
whose files changed), checks the rules of a person's own files again only for the people
read again (`check.rules.Passed`) and the rules across people on everyone, makes again
only the pieces of the people the change touches (see `pages.reuse`), writes only the
staged files whose bytes changed, and lets mkdocs render only those: with the site its
last build made, kept loaded (publish/kept_site.py), or, when the round adds or removes
a staged file, in a dirty build. Changed exports are written after the round, while the
browser loads the saved page (`finish_writes`). A change to mkdocs.yml, the guide or the
question guide rebuilds everything, as does the round after one that failed: the
navigation and every page's frame may have changed. A handbook with errors keeps the
last good preview.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import gc
import itertools
import os
import threading
import time
from collections.abc import Callable, Collection, Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mus_build.check.config import load_config
from mus_build.check.load import FolderCache, Sources, load_sources
from mus_build.check.problems import errors, sort_problems
from mus_build.errors import MusError
from mus_build.history.run import for_site
from mus_build.history.signoffs import Prover
from mus_build.messages import say
from mus_build.model.layout import PEOPLE_DIR
from mus_build.model.settings import Config
from mus_build.pages import generate, paths
from mus_build.pages.notes import RenderedNotes
from mus_build.pages.reuse import Reuse
from mus_build.pages.texts import Texts
from mus_build.publish import builder, editor
from mus_build.publish.build import ALL, readers_of
from mus_build.publish.preview_staging import Changes, PreviewStaging
from mus_build.timings import Timings

if TYPE_CHECKING:
    from mus_build.publish.kept_site import KeptSite

Echo = Callable[[str], None]
LOOK_AT_EVERYTHING_EVERY = 20  # rounds


class PreviewBuild:
    def __init__(self, config_file: Path, work: Path, url: str, echo: Echo) -> None:
        self.config_file, self.url, self.echo = config_file, url, echo
        self.site_dir = work / "site"
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self.site_lock = threading.Lock()  # held while mkdocs writes the site
        self.timings = Timings()  # of the last round, for the benchmark
        self._staging = PreviewStaging(work / "docs")
        self._folders = FolderCache()
        self._reuse = Reuse()
        self._notes = RenderedNotes()
        self._built: Hashable = None  # mkdocs.yml and the guide of the last round built
        self._notice: str | None = None  # why sign-offs come from the files alone, said once
        self._prover = Prover()
        self._rounds = 0
        self._thorough = False  # whether the last round looks at everything
        self._untidy = False  # whether the last round is yet to be tidied after
        self._tidy_lock = threading.Lock()
        self._writing: threading.Thread | None = None  # the exports the last round left
        self._writes_failed = False
        self._editor: editor.EditorFiles | None = None  # the form at admin/, made again with mkdocs.yml
        self._kept: KeptSite | None = None  # the site mkdocs made in the last round, kept loaded

    def rebuild(self, today: dt.date, noticed: Collection[str] | None = None) -> Config | None:
        """Bring the preview up to date; the configuration built, or None when nothing was.
        `noticed`: the paths the system told of a write in since the last round; the
        people's folders none of them lie in are taken as they were. None: look at all."""
        # A round makes hundreds of thousands of objects, and Python's collector, at each of
        # its full collections, looks at every object the preview holds: seconds per save at
        # 10,000 people. So it rests during a round, and `tidy` lets it look once at what
        # the round made: after the browser has the page, or at once after a round that made
        # everything, which is slow anyway. Every so many rounds it looks at everything; and
        # the round looks at every person's folder, in case the system missed a write.
        self.tidy()  # after a round that came too soon for it
        if self._writes_failed:
            self._writes_failed = False
            self._start_again()
        self._rounds += 1
        self._thorough = self._rounds % LOOK_AT_EVERYTHING_EVERY == 0
        gc.disable()
        try:
            if noticed is not None and not self._thorough:
                self._folders.look_only_at(people_folders(self.config_file.parent, noticed))
            return self._rebuild(today)
        finally:
            self._untidy = True
            if self._thorough or self._reuse.remade() is None:
                self.tidy()

    def finish_writes(self) -> None:
        """Wait until the exports the last round left are written and in the site."""
        if self._writing is not None:
            self._writing.join()
            self._writing = None

    def tidy(self) -> None:
        """Let the collector look once at what the last round made, and freeze what lives on
        so that it is not looked at again; after every so many rounds, look at everything,
        to free what died since among the frozen. `mus serve` calls it once the browser has
        had time to load the page: at 10,000 people it takes 0.15 s, and a whole look
        seconds. Until then the collector rests. The exports are written first."""
        self.finish_writes()
        with self._tidy_lock:
            if not self._untidy:
                return
            self._untidy = False
            gc.enable()
            if self._thorough:
                gc.unfreeze()
            gc.collect()
            gc.freeze()

    def _rebuild(self, today: dt.date) -> Config | None:
        timings = self.timings = Timings()
        config, problems = load_config(self.config_file)
        sources = load_sources(config, today, timings, self._folders)
        problems += sources.problems
        if errors(problems):
            for problem in sort_problems(problems):
                self.echo(str(problem))
            self.echo(say("preview_kept"))
            return None
        whole = (self.config_file.read_bytes(), sources.guides, sources.topics)
        # With a navigation of its own in mkdocs.yml, any page may give the navigation its
        # title, and a dirty build of mkdocs knows the titles of the pages it renders only.
        everything = whole != self._built or config.site.has_nav
        try:
            changes = self._stage(config, sources, today, everything, timings)
            start = time.perf_counter()
            nav = generate.navigation(config, sources.guides, sources.topics)
            with self.site_lock:
                self._kept = self._render(config, changes, nav, everything)
            timings.measure("mkdocs", start)
        except (MusError, OSError) as exc:
            self._start_again()
            self.echo(say("preview_error", error=exc))
            return None
        self._built = whole
        if changes.later:
            # Its own copy of the context, so that it speaks the round's language.
            self._writing = threading.Thread(
                target=contextvars.copy_context().run, args=(self._write_later,), name="mus-exports"
            )
            self._writing.start()
        return config

    def _write_later(self) -> None:
        try:
            self._staging.write_later(self.site_dir)
        except OSError as exc:
            self._writes_failed = True  # the next round starts again from nothing
            self.echo(say("preview_error", error=exc))

    def _start_again(self) -> None:
        """Forget what the last rounds made: the next round makes everything."""
        self._reuse.forget()
        self._staging.forget()
        self._built = None
        self._let_go_of_kept()

    def _render(
        self, config: Config, changes: Changes, nav: list | None, everything: bool
    ) -> KeptSite | None:
        """Bring the site up to date with the staged files; the site mkdocs made, kept for
        the next round. A save that only changed files the site has renders them into the
        site kept from the last round; any other builds the site."""
        kept = self._kept
        if kept is not None and not everything and not changes.removed:
            if builder.update_preview(kept, changes.written, self.echo):
                return kept
        self._let_go_of_kept()
        if not everything:
            _remove_built(self.site_dir, changes.removed, config.site.directory_urls)
            _render_again(self._staging.folder / paths.GUIDE_DIR)
        site = builder.preview(
            config, self._staging.folder, self.site_dir, nav, self.url, everything, self.echo
        )
        # With a navigation of its own in mkdocs.yml every round builds everything (see
        # _rebuild): a kept site would only take up memory.
        if site is not None and config.site.has_nav:
            site.close()
            return None
        return site

    def _let_go_of_kept(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None

    def _stage(
        self, config: Config, sources: Sources, today: dt.date, everything: bool, timings: Timings
    ) -> Changes:
        start = time.perf_counter()
        handbook = sources.handbook
        if everything:
            self._reuse.forget()
        # What every piece of every page may show besides its people: the day, and the
        # departments' addresses (a new department may take another's slug).
        slugs = paths.department_slugs(handbook, Texts(config.settings.language)("department_slug"))
        # Which sign-offs a change voided comes from the Git history, asked again each round
        # (saving a signed record voids its sign-offs at once), read again when HEAD moves.
        proof = for_site(config.root, handbook, self._prover)
        if proof.notice and proof.notice != self._notice:
            self.echo(proof.notice)
        self._notice = proof.notice
        self._reuse.begin(handbook, (today, tuple(slugs.items()), proof.voided))
        readers = readers_of(config, sources, ALL)  # each reader's own exports, as `mus build` makes them
        files = generate.site_files(
            config,
            handbook,
            sources.topics,
            sources.guides,
            today,
            self._notes.render,
            readers=readers,
            reuse=self._reuse,
            voided=proof.voided,
        )
        if everything or self._editor is None:
            # The preview's form reads and writes the handbook's own files through
            # `npx decap-server`, run beside `mus serve`, and the preview shows them at once.
            self._editor = editor.site_files(config, local_backend=editor.PREVIEW_BACKEND, workflow=False)
            if self._editor.left_out is not None:
                self.echo(self._editor.left_out)
        try:
            # Only a round that renders some pages may leave the exports for after the
            # reload; a whole build copies them from the staging folder.
            later = None if everything else _export
            changes = self._staging.sync(
                itertools.chain(files, builder.theme_assets(), self._editor.files), later
            )
        except BaseException:
            self._reuse.forget()
            raise
        self._reuse.end()
        self._notes.end_round()
        remade, written = self._reuse.remade(), len(changes.written) + len(changes.later)
        if remade is None:
            self.echo(say("preview_regenerated_all", files=written))
        else:
            some, people = len(remade & handbook.people.keys()), len(handbook.people)
            self.echo(say("preview_regenerated", some=some, people=people, files=written))
        timings.measure("generate and write", start)
        return changes


def _export(rel: str) -> bool:
    """Whether a staged file is one of the exports, which no page waits for."""
    return rel.startswith(paths.EXPORTS_DIR + "/")


def people_folders(root: Path, paths: Iterable[str]) -> set[str] | None:
    """The names of the people's folders these paths lie in; None when one of them is the
    folder of all people itself (every folder may have changed)."""
    people = os.path.abspath(root / PEOPLE_DIR)
    names = set()
    for path in paths:
        rel = os.path.relpath(os.path.abspath(path), people)
        if rel == os.curdir:
            return None
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):  # mkdocs.yml, the guide: none
            names.add(rel.split(os.sep)[0])
    return names


def _render_again(guide: Path) -> None:
    """Mark the guide's pages as changed: the navigation names them by their headings, and
    a dirty build of mkdocs reads the headings only of the pages it renders; every page it
    renders would name the others "None"."""
    for page in guide.rglob("*.md"):
        os.utime(page)


def _remove_built(site_dir: Path, removed: list[str], directory_urls: bool) -> None:
    """Take out of the site what was built from files no longer staged (a person deleted,
    a team without members): a dirty build of mkdocs leaves it there."""
    for rel in removed:
        built = rel
        if rel.endswith(".md"):
            url = paths.page_url(rel, directory_urls)
            built = url + "index.html" if url.endswith("/") or not url else url
        (site_dir / built).unlink(missing_ok=True)
