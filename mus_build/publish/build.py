"""`mus build`, phase by phase: generate the files into the staging folder, run mkdocs
beside the live site, search the result for private text, then swap it into place."""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mus_build.access.policy import Policy
from mus_build.check.load import PrivateText, Sources
from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.model.derive import VoidedSignOff
from mus_build.model.settings import Config
from mus_build.pages import generate, notes
from mus_build.pages.joined import FileData
from mus_build.publish import builder, editor, leaks, processes, search_index, site_folder, staging
from mus_build.publish.search_index import Bundle
from mus_build.timings import Timings

Echo = Callable[[str], None]
Voided = frozenset[VoidedSignOff]
RenderNotes = Callable[[str, int], str]


def _silent(message: str) -> None:
    pass


# Who a site is for: everyone, served with the rules of `mus nginx` when access rules are
# set; or anyone at all, a site of the guide alone without any personal data.
ALL = "all"
GUIDE = "guide"


@dataclass
class Staged:
    docs_dir: Path
    nav: list | None  # None when mkdocs.yml has its own nav
    search: list[Bundle]  # the search indexes to make from the built pages


def staged_files(
    config: Config,
    sources: Sources,
    today: dt.date,
    render_notes: RenderNotes = notes.render,
    audience: str = ALL,
    readers: dict[str, list[str]] | None = None,
    voided: Voided = frozenset(),
    editor_files: list[tuple[str, bytes]] | None = None,
) -> Iterator[tuple[str, FileData]]:
    """Every file of the staging folder, made one at a time. `readers`: see `readers_of`;
    `voided`: the sign-offs a later change voided (`history.run.for_site`); `editor_files`:
    the form at admin/ (`editor.site_files`), which the full site has."""
    handbook, topics, guides = sources.handbook, sources.topics, sources.guides
    personal_data = audience == ALL
    if readers is None:
        readers = readers_of(config, sources, audience)
    yield from generate.site_files(
        config,
        handbook,
        topics,
        guides,
        today,
        render_notes,
        readers=readers,
        personal_data=personal_data,
        voided=voided,
    )
    yield from builder.theme_assets()
    if personal_data:
        yield from editor.site_files(config).files if editor_files is None else editor_files


def readers_of(config: Config, sources: Sources, audience: str) -> dict[str, list[str]] | None:
    """With access rules, each person who signs in (HR and whoever reads everyone aside)
    and the people they may read: what their own exports and search index hold."""
    if config.settings.access is None or audience != ALL:
        return None
    # Only who reads whom is asked here; department pages are not, so need no names.
    return Policy(sources.handbook, config.settings.access, department_slugs={}).people_by_reader()


def stage(
    config: Config,
    sources: Sources,
    today: dt.date,
    docs_dir: Path,
    echo: Echo,
    timings: Timings,
    render_notes: RenderNotes = notes.render,
    audience: str = ALL,
    jobs: int = 1,
    voided: Voided = frozenset(),
) -> Staged:
    """Generate every file and bring the staging folder up to date; `jobs` processes
    render the notes."""
    start = time.perf_counter()
    if jobs > 1 and audience == ALL:
        render_notes = _rendered_ahead(sources, jobs).render
    readers = readers_of(config, sources, audience)
    form = editor.site_files(config) if audience == ALL else editor.EditorFiles()
    if form.left_out is not None:
        echo(form.left_out)
    files = staged_files(config, sources, today, render_notes, audience, readers, voided, form.files)
    synced = staging.sync_folder(docs_dir, files)
    people = len(sources.handbook.people)
    if audience == ALL:
        echo(say("build_generated", files=synced.files, written=synced.written, people=people))
    else:
        echo(say("build_generated_guide", files=synced.files, written=synced.written))
    timings.add("generate", time.perf_counter() - start - synced.seconds)
    timings.add("write", synced.seconds)
    nav = generate.navigation(config, sources.guides, sources.topics, personal_data=audience == ALL)
    search = search_index.bundles(readers, personal_data=audience == ALL)
    return Staged(docs_dir, nav, search)


def _rendered_ahead(sources: Sources, jobs: int) -> notes.RenderedAhead:
    with processes.pool(jobs, failing=say("notes_failed")) as pool:
        return notes.RenderedAhead(notes.bodies(sources.handbook), pool.map)


def build_site(
    config: Config,
    sources: Sources,
    today: dt.date,
    target: Path,
    echo: Echo,
    timings: Timings,
    progress: Echo = _silent,
    audience: str = ALL,
    jobs: int = 1,
    voided: Voided = frozenset(),
) -> None:
    """`mus build` from checked sources: the site in `target`, or a MusError and the last
    site untouched. A second build of the same handbook or into the same folder waits for
    the first to finish, so neither removes the other's work. `audience` GUIDE builds a
    site of the guide alone, with no personal data; `jobs` processes build its pages;
    `voided`: the sign-offs a later change voided, from the Git history."""
    site_folder.check_target(config.root, target)
    staging_dir = config.root / staging.STAGING
    try:
        with (
            site_folder.locked(
                staging_dir / "lock", "Waiting for another mus build of this handbook to finish…", echo
            ),
            site_folder.locked(
                site_folder.lock_file(target), f"Waiting for another mus build into {target} to finish…", echo
            ),
        ):
            site_folder.recover(target)
            progress(f"Generating the pages of {len(sources.handbook.people)} people…")
            staged = stage(
                config,
                sources,
                today,
                staging_dir / "docs",
                echo,
                timings,
                audience=audience,
                jobs=jobs,
                voided=voided,
            )
            private_texts = sources.private_texts
            sources.release()
            _give_back_memory()
            publish(config, staged, private_texts, target, echo, timings, progress, jobs)
    except OSError as exc:  # a full disk, a folder that cannot be written
        where = exc.filename2 or exc.filename or target  # filename2: where a copy or rename was going
        raise MusError(say("site_not_written", where=where, reason=exc.strerror or exc)) from None


def _give_back_memory() -> None:
    """Hand the memory of the released handbook back to the system before mkdocs' parts
    are forked from this process. Python frees it, but the C library keeps freed memory
    for later, and each part would start beside it: at 10,000 people mus's processes
    held 1,612 MiB together while mkdocs ran, 1,266 MiB since."""
    gc.collect()
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):  # a C library other than glibc's
            ctypes.CDLL(None).malloc_trim(0)


def publish(
    config: Config,
    staged: Staged,
    private_texts: list[PrivateText],
    target: Path,
    echo: Echo,
    timings: Timings,
    progress: Echo = _silent,
    jobs: int = 1,
) -> None:
    """The second half: mkdocs into a new folder beside the target, the search for
    private text, and the swap into place."""
    start = time.perf_counter()
    new_site = target.with_name(f".{target.name}.new-{os.getpid()}")
    new_search = target.with_name(f".{target.name}.search-{os.getpid()}")
    target.parent.mkdir(parents=True, exist_ok=True)
    reader_search = any(bundle.merged for bundle in staged.search)  # served per reader
    try:
        progress("Building the site with mkdocs (the longest step)…")
        builder.build(config, staged.docs_dir, new_site, staged.nav, echo, reader_search, jobs)
        start = timings.measure("mkdocs", start)
        progress("Indexing the new site for search and searching it for private text…")
        # The index is made beside the site from its pages while they are searched for
        # private text; it goes in only if nothing private was found.
        with ThreadPoolExecutor(max_workers=1) as pool:
            indexing = pool.submit(_index, config, staged.search, new_site, new_search, timings)
            found = leaks.find_private_leaks(new_site, private_texts)
            start = timings.measure("private scan", start)
            indexing.result()
        start = timings.measure("waiting for the index", start)
        if found:
            raise MusError(say("private_would_be_published", found="\n  ".join(found)))
        search_index.move_into(new_search, new_site)
        site_folder.write_marker(new_site)
        site_folder.swap_into_place(new_site, target)
        timings.measure("swap", start)
    finally:
        shutil.rmtree(new_site, ignore_errors=True)
        shutil.rmtree(new_search, ignore_errors=True)


def _index(config: Config, bundles: list[Bundle], site: Path, out: Path, timings: Timings) -> None:
    start = time.perf_counter()
    search_index.build(site, out, bundles, config)
    timings.add("search index", time.perf_counter() - start)
