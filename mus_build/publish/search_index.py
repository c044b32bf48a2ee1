"""The search index: Pagefind reads the finished pages and writes an index that the
browser loads a piece at a time, only the pieces the words typed need.

Pagefind indexes what a page marks `data-pagefind-body` (the guide and the people's
pages, see the theme's main.html) and leaves out what is marked `data-pagefind-ignore`.

With access rules every reader must search only what they may read, so the site gets
several indexes ("bundles"): the guide's for everyone at pagefind/, one of every person
for HR, and one per reader of the people they may read, which the web server serves
each reader at one address (`access.subjects.READER_SEARCH`). The index is made from
the pages that the search for private text then reads, into a folder beside the site,
so it can be made while that search runs; only when both are done is it moved in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.model.settings import Config
from mus_build.pages import paths
from mus_build.publish import processes

# The folders whose pages are searched; pages elsewhere (lists, sheets) are never indexed.
GUIDE = (paths.GUIDE_DIR,)
EVERY = (paths.GUIDE_DIR, paths.PEOPLE_DIR)
PEOPLE = (paths.PEOPLE_DIR,)
_SEARCHED = b"data-pagefind-body"

# What a bundle keeps of what Pagefind writes; the rest (its own search interfaces) is
# never loaded by mus's script. A bundle merged into the site's index needs no script
# and no WebAssembly of its own: the web server serves the site index's.
_INDEX_PARTS = ("pagefind-entry.json", "index", "fragment", "filter")
_SCRIPT_PARTS = ("pagefind.js", "pagefind-worker.js")
# How many threads Pagefind's two pools of workers start: one per core unless told.
_THREADS = ("RAYON_NUM_THREADS", "TOKIO_WORKER_THREADS")


@dataclass(frozen=True)
class Bundle:
    folder: str  # where in the site, e.g. "pagefind"
    folders: tuple[str, ...] = ()  # the site's folders whose pages it indexes
    people: tuple[str, ...] = ()  # or the pages of these people
    merged: bool = False  # searched beside the site's index rather than on its own


def bundles(readers: dict[str, list[str]] | None, personal_data: bool = True) -> list[Bundle]:
    """The indexes of a site. Without access rules (`readers` None) one, of everything
    searchable; with them the guide's, everyone's for HR, and one per reader (`readers`:
    each person with the people they may read)."""
    if not personal_data:
        return [Bundle(paths.SEARCH_BUNDLE, folders=GUIDE)]
    if readers is None:
        return [Bundle(paths.SEARCH_BUNDLE, folders=EVERY)]
    found = [
        Bundle(paths.SEARCH_BUNDLE, folders=GUIDE),
        Bundle(paths.EVERYONE_SEARCH, folders=PEOPLE, merged=True),
    ]
    for reader, people in sorted(readers.items()):
        found.append(Bundle(paths.reader_search(reader), people=tuple(people), merged=True))
    return found


class Stopped(Exception):
    """The index was given up: `Runs.stop` was called."""


# Not every system can hold a process still (Windows cannot); there `held` does nothing.
_HOLD, _GO_ON = getattr(signal, "SIGSTOP", None), getattr(signal, "SIGCONT", None)

# How often a Pagefind that may be stopped is looked at: `mus serve` ends within this
# after Ctrl+C, instead of waiting for an index (a minute at 10,000 people) it throws away.
_LOOK_EVERY = 0.2  # seconds


class Runs:
    """The Pagefind processes of the indexes being made, which another thread may end
    (`stop`) or hold still for a while (`held`): the preview holds them while it rebuilds
    a saved page, so that the rebuild has the machine to itself. A preview killed outright
    (SIGKILL) during a rebuild leaves its Pagefind held; Ctrl+C and SIGTERM end it."""

    def __init__(self) -> None:
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self._holds = 0

    def stop(self) -> None:
        """End the Pagefind running, and any started later, at once."""
        self._stopped.set()

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold every Pagefind running, and any started meanwhile, until the block ends."""
        with self._lock:
            self._holds += 1
            if self._holds == 1:
                _signal(self._running, _HOLD)
        try:
            yield
        finally:
            with self._lock:
                self._holds -= 1
                if self._holds == 0:
                    _signal(self._running, _GO_ON)

    def communicate(self, process: subprocess.Popen[str]) -> tuple[str, str]:
        """Wait for the process to end, as `Popen.communicate` does, holding it while a
        block holds the runs, and ending it (`Stopped`) once `stop` is called."""
        with self._lock:
            self._running.add(process)
            if self._holds:
                _signal({process}, _HOLD)
        try:
            while True:
                try:
                    return process.communicate(timeout=_LOOK_EVERY)
                except subprocess.TimeoutExpired:
                    if self._stopped.is_set():
                        process.kill()  # held still or not
                        process.communicate()
                        raise Stopped from None
        finally:
            with self._lock:
                self._running.discard(process)


def _signal(processes: Iterable[subprocess.Popen[str]], signum: int | None) -> None:
    if signum is None:
        return
    for process in processes:
        with contextlib.suppress(ProcessLookupError):  # it has just ended
            process.send_signal(signum)


def build(
    site_dir: Path,
    out_dir: Path,
    every: list[Bundle],
    config: Config,
    threads: int | None = None,
    runs: Runs | None = None,
) -> None:
    """Write every bundle into out_dir, at its folder. A bundle of given people indexes
    a folder of links to their pages, so Pagefind sees the same paths, and so the same
    addresses, as in the site. `threads`: how many each Pagefind may use (None: one per
    core). `runs`: to end or hold Pagefind from another thread; ended, `Stopped` is raised."""
    language = config.settings.language
    pagefind = _pagefind_command(language, config.site.directory_urls)
    env = None if threads is None else {**os.environ, **dict.fromkeys(_THREADS, str(threads))}
    shutil.rmtree(out_dir, ignore_errors=True)
    links = out_dir.with_name(out_dir.name + "-pages")
    shutil.rmtree(links, ignore_errors=True)
    try:
        with ThreadPoolExecutor(max_workers=processes.usable_cores()) as pool:
            made = []
            for bundle in every:
                source, folders = site_dir, bundle.folders
                if bundle.people:
                    source, folders = links / bundle.folder, PEOPLE
                    _link_pages(site_dir, source, bundle.people)
                elif not _has_searched_page(site_dir, folders):
                    source, folders = links / bundle.folder, ()
                    _placeholder_page(source, language)
                made.append(
                    pool.submit(
                        _index, pagefind, bundle, source, _glob(folders), out_dir, language, env, runs
                    )
                )
            for bundle_made in made:
                bundle_made.result()  # the first failure, if any
    finally:
        shutil.rmtree(links, ignore_errors=True)


def move_into(out_dir: Path, site_dir: Path) -> None:
    """Put the finished bundles into the site."""
    for bundle_dir in sorted(out_dir.iterdir()):
        os.replace(bundle_dir, site_dir / bundle_dir.name)
    out_dir.rmdir()


def _glob(folders: tuple[str, ...]) -> str:
    """Pagefind's pattern for the pages under the folders (every page, for none)."""
    if len(folders) > 1:
        return "{" + ",".join(folders) + "}/**/*.html"
    return f"{folders[0]}/**/*.html" if folders else "**/*.html"


def _has_searched_page(site_dir: Path, folders: tuple[str, ...]) -> bool:
    """Whether a page under the folders is marked for search. Pagefind cannot make an
    index of nothing, and where no page is marked it would index every page whole."""
    return any(
        _SEARCHED in page.read_bytes() for folder in folders for page in (site_dir / folder).rglob("*.html")
    )


def _placeholder_page(folder: Path, language: str) -> None:
    """The one page of a site with nothing to search (no guide, no people): the front
    page, found by the word "MUS", so that the search box works and finds nothing else."""
    folder.mkdir(parents=True, exist_ok=True)
    page = f'<html lang="{language}"><body><main data-pagefind-body><h1>MUS</h1></main></body></html>'
    (folder / "index.html").write_text(page, encoding="utf-8")


def _link_pages(site_dir: Path, folder: Path, people: Iterable[str]) -> None:
    for person in people:
        page = paths.html_file(paths.person_page(person))
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / page, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(site_dir / page, target)


def _pagefind_command(language: str, directory_urls: bool) -> list[str]:
    """Pagefind and the options every bundle of the site is made with."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]

    command = [
        str(get_executable()),
        "--force-language",
        language,
        # The ¶ after every heading (toc's permalink), which would end each result's title.
        "--exclude-selectors",
        ".headerlink",
        "--silent",
    ]
    if not directory_urls:
        command.append("--keep-index-url")  # people/anna/index.html, as the site links it
    return command


def _index(
    pagefind: list[str],
    bundle: Bundle,
    source: Path,
    glob: str,
    out_dir: Path,
    language: str,
    env: dict[str, str] | None,
    runs: Runs | None,
) -> None:
    output = out_dir / bundle.folder
    command = [*pagefind, "--site", str(source), "--glob", glob, "--output-path", str(output)]
    returncode, said = _run(command, env, runs)
    if returncode != 0:
        reason = list(dict.fromkeys(said.strip().splitlines()))
        raise MusError(say("search_index_failed", folder=bundle.folder, reason=" ".join(reason[-3:]) or "?"))
    _keep_used_parts(output, bundle.merged, language)


def _run(command: list[str], env: dict[str, str] | None, runs: Runs | None) -> tuple[int, str]:
    """Run Pagefind: its exit code, and its error output (or its output, if none)."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as process:
        out, err = process.communicate() if runs is None else runs.communicate(process)
        return process.returncode, err or out


def _keep_used_parts(output: Path, merged: bool, language: str) -> None:
    """Remove what the browser never loads from a bundle: an allowlist, so whatever a
    later Pagefind adds stays out until named here."""
    kept = set(_INDEX_PARTS)
    if not merged:
        kept |= {*_SCRIPT_PARTS, f"wasm.{language}.pagefind"}
    for entry in output.iterdir():
        wanted = entry.name in kept or (
            entry.name.startswith("pagefind.") and entry.name.endswith(".pf_meta")
        )
        if not wanted:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
