"""The preview's search index, made in a thread of its own (publish/background_search.py)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from mus_build.check.config import load_config
from mus_build.publish.background_search import BackgroundSearch

WORDS = "samtale aftale udvikling kursus mentor projekt kunde leder team frist".split()


def _site(folder: Path, pages: int) -> Path:
    """A site of many searched pages, so that Pagefind takes seconds to index it."""
    for number in range(pages):
        page = folder / "people" / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        text = " ".join(f"{WORDS[(number * 7 + i) % len(WORDS)]}{(number * i) % 997}" for i in range(400))
        page.write_text(
            f'<html lang="da"><body><main data-pagefind-body><h1>P{number}</h1><p>{text}</p></main></body></html>',
            encoding="utf-8",
        )
    return folder


def _stat(pid: int | str) -> tuple[str, list[str]]:
    """The process's name and the fields of /proc/PID/stat after it (its state first)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()


def _pagefinds() -> list[int]:
    """The Pagefind processes this process started."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                name, fields = _stat(entry.name)
            except OSError:
                continue
            if name == "pagefind" and int(fields[1]) == os.getpid():
                found.append(int(entry.name))
    return found


def _started_pagefinds() -> list[int]:
    deadline = time.monotonic() + 30
    while not (found := _pagefinds()):
        assert time.monotonic() < deadline, "Pagefind did not start"
        time.sleep(0.02)
    return found


def _state(pid: int) -> str:
    return _stat(pid)[1][0]


def _cpu_ticks(pid: int) -> int:
    utime, stime = _stat(pid)[1][11:13]
    return int(utime) + int(stime)


def test_stopping_gives_up_the_index_being_made(small, tmp_path):
    """Ctrl+C ends the preview at once: the Pagefind running is ended, not waited for (a
    minute at 10,000 people), and nothing of its index reaches the site."""
    config, _ = load_config(small / "mkdocs.yml")
    site = _site(tmp_path / "site", 3000)
    search = BackgroundSearch(site, tmp_path / "search", threading.Lock(), print)
    search.request(config)
    _started_pagefinds()
    search.stop(wait=30)
    assert not _pagefinds()
    assert not (site / "pagefind").exists()


def test_a_held_index_waits_and_then_finishes(small, tmp_path):
    """While the preview rebuilds a saved page, the index being made is held still, so
    that the page is served sooner; afterwards it goes on and reaches the site."""
    config, _ = load_config(small / "mkdocs.yml")
    site = _site(tmp_path / "site", 3000)
    search = BackgroundSearch(site, tmp_path / "search", threading.Lock(), print)
    try:
        search.request(config)
        [pagefind] = _started_pagefinds()
        with search.held():
            assert _state(pagefind) == "T"
            ticks = _cpu_ticks(pagefind)
            time.sleep(0.5)
            assert _cpu_ticks(pagefind) == ticks
        assert _state(pagefind) != "T"
        deadline = time.monotonic() + 60
        while not (site / "pagefind" / "pagefind-entry.json").exists():
            assert time.monotonic() < deadline, "the index did not reach the site"
            time.sleep(0.1)
    finally:
        search.stop(wait=30)
    assert not _pagefinds()


def test_an_index_started_while_held_starts_held_and_stops(small, tmp_path):
    """A Pagefind started during a rebuild waits for its end too; and stopping the preview
    ends a held Pagefind as well as a running one."""
    config, _ = load_config(small / "mkdocs.yml")
    site = _site(tmp_path / "site", 3000)
    search = BackgroundSearch(site, tmp_path / "search", threading.Lock(), print)
    with search.held():
        search.request(config)
        [pagefind] = _started_pagefinds()
        deadline = time.monotonic() + 5
        while _state(pagefind) != "T":
            assert time.monotonic() < deadline, "the new Pagefind was not held"
            time.sleep(0.01)
        search.stop(wait=30)
        assert not _pagefinds()
    assert not (site / "pagefind").exists()
