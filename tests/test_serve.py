"""`mus serve`, run as a person previewing their edits does: a real server, read over HTTP."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import TODAY

RECORD = "content/people/anna-jensen/2026-03-12.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(read, text: str, limit: float = 60) -> str:
    """Poll until `text` is in what `read()` returns; that result."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = read()
        if text in found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear within {limit} s; last seen:\n{found[-2000:]}")


class Preview:
    def __init__(self, root: Path, temp: Path | None = None) -> None:
        """`temp`: where the preview makes its folder (TMPDIR), if not the system's."""
        self.root = root
        self.url = f"http://127.0.0.1:{_free_port()}/"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mus_build", "serve", "-f", str(root / "mkdocs.yml")]
            + ["--today", TODAY.isoformat(), "-a", self.url[len("http://") : -1]],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "TMPDIR": str(temp)} if temp else None,
            # Ctrl+C must reach it even when the suite itself runs in the background, where
            # the shell starts every program with SIGINT ignored (and Python keeps that).
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    def page(self, path: str) -> str:
        return _fetch(self.url + path)

    def printed(self) -> str:
        return "".join(self.output)

    def wait_until_serving(self, limit: float = 60) -> None:
        """Until the preview answers (any status): its watcher of files starts just before,
        so an edit made earlier, while only the first round had run, might go unnoticed."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url, timeout=5):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the preview did not answer within {limit} s:\n{self.printed()[-2000:]}")

    def stop(self) -> int:
        """Press Ctrl+C, as the printed hint says; the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new), encoding="utf-8")


# mkdocs' preview adds a script with the time of the build to every page it serves.
_RELOAD_SCRIPT = re.compile(r"<script>\s*var livereload = .*?</script>", re.DOTALL)


def _as_built(preview: Preview, page: str) -> str:
    """The page as served, without the reload script and the preview's own address."""
    return _RELOAD_SCRIPT.sub("", preview.page(page)).replace(preview.url[len("http://") : -1], "HOST")


@pytest.fixture
def preview(small):
    running = Preview(small)
    yield running
    if running.process.poll() is None:  # a test that failed before stopping it
        running.process.terminate()
        running.process.wait(timeout=30)


def test_a_saved_record_shows_in_the_preview(preview):
    _wait_for(lambda: preview.page("people/anna-jensen/"), "Anna Jensen")
    record = preview.root / RECORD
    record.write_text(record.read_text(encoding="utf-8") + "\nAftalt efter pausen.\n", encoding="utf-8")
    page = _wait_for(lambda: preview.page("people/anna-jensen/"), "Aftalt efter pausen.")
    # Rebuilt on its own, the page still has its earlier conversation and no placeholders.
    assert "Strammer rykkerproceduren op" in page
    assert "mus:raw" not in page
    assert preview.stop() == 0, preview.printed()


def test_a_preview_killed_stops_as_on_ctrl_c_and_removes_its_folder(small, tmp_path):
    """`kill` (SIGTERM) ends the preview as Ctrl+C does: its Pagefind is not left running
    and its folder of staged files and site is removed."""
    temp = tmp_path / "temp"
    temp.mkdir()
    preview = Preview(small, temp)
    try:
        _wait_for(lambda: preview.page("people/anna-jensen/"), "Anna Jensen")
        folder = next(temp.iterdir())
        assert folder.name.startswith("mus-serve-")
        preview.process.terminate()
        assert preview.process.wait(timeout=30) == 0, preview.printed()
        assert list(temp.iterdir()) == []
        _wait_for(preview.printed, f"Stopper og fjerner forhåndsvisningens filer i {folder}.", limit=5)
    finally:
        if preview.process.poll() is None:
            preview.process.kill()


def test_a_broken_record_keeps_the_last_good_preview(preview):
    _wait_for(lambda: preview.page("people/anna-jensen/"), "Anna Jensen")
    record = preview.root / RECORD
    record.write_text(
        record.read_text(encoding="utf-8").replace("date: 2026-03-12", "date: 12-03-2026"), encoding="utf-8"
    )
    printed = _wait_for(preview.printed, "Forhåndsvisningen viser den seneste version uden fejl.")
    assert f"{RECORD}:2: 'date: 12-03-2026' er ikke skrevet som ÅÅÅÅ-MM-DD; skriv date: 2026-03-12" in printed
    assert "Traceback" not in printed
    assert preview.process.poll() is None, preview.printed()  # still serving
    assert "Anna Jensen" in preview.page("people/anna-jensen/")
    assert preview.stop() == 0, preview.printed()


def test_a_saved_agreement_shows_on_the_person_page_and_the_lists_it_is_on(preview):
    _wait_for(lambda: preview.page("overdue/"), "Skriver en vejledning")
    _edit(preview.root / RECORD, "Skriver en vejledning", "Skriver en ny vejledning om bilag")
    for page in ("people/anna-jensen/", "overdue/", "teams/mette-boss/", "departments/oekonomi/"):
        _wait_for(lambda page=page: preview.page(page), "Skriver en ny vejledning om bilag")
    # Kept pieces stay: the overdue list still names the team's manager as Anna's.
    assert "Mette Boss" in preview.page("overdue/")
    _wait_for(lambda: preview.page("exports/agreements.csv"), "Skriver en ny vejledning om bilag")
    assert preview.stop() == 0, preview.printed()


def test_a_new_manager_shows_on_both_teams_and_on_the_person_page(preview):
    _wait_for(lambda: preview.page("teams/mette-boss/"), "Cecilie Dam")
    _edit(preview.root / "content/people/cecilie-dam/index.md", "manager: mette-boss", "manager: anna-jensen")
    _wait_for(lambda: preview.page("teams/anna-jensen/"), "Cecilie Dam")
    # Anna is now a manager: her own page, unchanged on disk, links to her team.
    _wait_for(lambda: preview.page("people/anna-jensen/"), "teams/anna-jensen/")
    assert "Cecilie Dam" not in preview.page("teams/mette-boss/")
    assert preview.stop() == 0, preview.printed()


def test_a_change_to_mkdocs_yml_or_the_guide_shows_on_every_page(preview):
    _wait_for(lambda: preview.page("people/bo-berg/"), "Lille håndbog")
    _edit(preview.root / "mkdocs.yml", "site_name: Lille håndbog", "site_name: Ny håndbog")
    # Bo's page did not change itself, but its frame did.
    _wait_for(lambda: preview.page("people/bo-berg/"), "Ny håndbog")
    _edit(preview.root / "guides/index.md", "Læs [spørgeguiden]", "Læs altid [spørgeguiden]")
    _wait_for(lambda: preview.page("guide/"), "Læs altid")
    assert preview.stop() == 0, preview.printed()


def test_a_deleted_person_is_gone_from_the_preview(preview):
    _wait_for(lambda: preview.page("people/bo-berg/"), "Bo Berg")
    shutil.rmtree(preview.root / "content/people/bo-berg")
    _wait_for(lambda: "" if "Bo Berg" in preview.page("people/") else "gone", "gone")
    assert preview.page("people/bo-berg/") == ""  # 404, not the last page built
    assert preview.stop() == 0, preview.printed()


def test_the_preview_after_a_series_of_saves_is_what_a_fresh_preview_shows(small):
    """Whatever a round kept from the last, the pages come out as a preview started anew
    on the same sources makes them."""
    people = small / "content/people"
    running = Preview(small)
    try:
        _wait_for(lambda: running.page("people/anna-jensen/"), "Anna Jensen")
        edits = [
            (
                lambda: (people / "bo-berg/2025-02-03.md").write_text(
                    (people / "bo-berg/2025-02-03.md").read_text(encoding="utf-8") + "\nEn ny note.\n",
                    encoding="utf-8",
                ),
                "people/bo-berg/",
                "En ny note.",
            ),
            (
                lambda: _edit(
                    people / "anna-jensen/2026-03-12.md", "deadline: 2026-12-10", "deadline: 2026-11-01"
                ),
                "overdue/",
                "Tester backup",
            ),
            (
                lambda: _edit(
                    people / "mette-boss/index.md", 'name: "Mette Boss"', 'name: "Mette Bos Hansen"'
                ),
                "people/cecilie-dam/",
                "Mette Bos Hansen",
            ),
            (
                lambda: (
                    (people / "dorte-lund").mkdir()
                    or (people / "dorte-lund/index.md").write_text(
                        '---\nname: "Dorte Lund"\ndepartment: "Salg"\nmanager: cecilie-dam\n---\n',
                        encoding="utf-8",
                    )
                ),
                "teams/cecilie-dam/",
                "Dorte Lund",
            ),
            (
                lambda: _edit(people / "cecilie-dam/index.md", "manager: mette-boss", "manager: anna-jensen"),
                "teams/anna-jensen/",
                "Cecilie Dam",
            ),
        ]
        for edit, page, text in edits:
            edit()
            _wait_for(lambda page=page: running.page(page), text)
        time.sleep(1)  # no save is left to rebuild
        fresh = Preview(small)
        try:
            _wait_for(lambda: fresh.page("people/dorte-lund/"), "Dorte Lund")
            ids = ["anna-jensen", "bo-berg", "cecilie-dam", "dorte-lund", "mette-boss"]
            pages = ["", "people/", "overdue/", "due/", "teams/", "departments/", "forms/"]
            pages += ["departments/oekonomi/", "departments/ledelse/", "departments/salg/"]
            pages += [
                f"{kind}/{pid}/" for kind in ("people", "forms", "teams", "owned", "round") for pid in ids
            ]
            pages += ["round/"]
            pages += ["exports/agreements.json", "exports/agreements.csv", "exports/calendar.ics"]
            pages += [f"exports/teams/{pid}.ics" for pid in ids]
            for page in pages:
                kept, anew = _as_built(running, page), _as_built(fresh, page)
                differ = difflib.unified_diff(
                    anew.splitlines(), kept.splitlines(), "fresh", "kept", lineterm=""
                )
                assert kept == anew, f"{page}:\n" + "\n".join(list(differ)[:40])
        finally:
            assert fresh.stop() == 0, fresh.printed()
    finally:
        assert running.stop() == 0, running.printed()


def test_the_preview_remembers_only_the_notes_its_last_round_used():
    """mus serve renders every body on each save; it keeps what it rendered for the next
    save, but a body edited away is forgotten instead of staying for as long as it runs."""
    from mus_build.pages.notes import RenderedNotes, render

    rendered = RenderedNotes()
    for body in ("Første udgave af noterne.", "Uændret note."):
        assert rendered.render(body, 2) == render(body, 2)
    rendered.end_round()
    assert len(rendered) == 2
    for round_ in range(3):
        rendered.render(f"Udgave {round_ + 2} af noterne.", 2)
        assert rendered.render("Uændret note.", 2) == render("Uændret note.", 2)
        rendered.end_round()
        assert len(rendered) == 2


@pytest.mark.browser
def test_the_preview_searches_what_was_just_saved(preview, browser):
    _wait_for(lambda: preview.page("pagefind/pagefind-entry.json"), '"version"')
    record = preview.root / RECORD
    record.write_text(record.read_text(encoding="utf-8") + "\nVi talte om lygtepælene.\n", encoding="utf-8")
    _wait_for(lambda: preview.page("people/anna-jensen/"), "lygtepælene")
    tab = browser.new_page()
    try:
        # The index is made again in the background at a lower priority, and swapped in
        # while a search may be reading the old one: ask again until the word is found.
        deadline, found = time.monotonic() + 120, []
        while time.monotonic() < deadline and not any("people/anna-jensen/" in href for href in found):
            tab.goto(preview.url)
            tab.keyboard.press("/")
            tab.locator("input.md-search__input").press_sequentially("lygtepælene")
            try:
                tab.locator(".md-search-result__meta").filter(has_text="resultat").wait_for(timeout=10_000)
            except PlaywrightTimeout:
                continue
            tab.wait_for_timeout(300)
            found = tab.locator(".md-search-result__link").evaluate_all("els => els.map(a => a.href)")
        assert any("people/anna-jensen/" in href for href in found), found
    finally:
        tab.close()
    assert preview.stop() == 0, preview.printed()


def test_the_collector_rests_from_a_round_until_the_preview_tidies(small, tmp_path):
    """After a round that made everything the collector looks at once; after a save it
    rests until `tidy`, which `mus serve` calls once the browser has the page. Tidying
    freezes what the round left, and even a round that fails gives the collector back."""
    import gc

    from mus_build.publish.preview_build import PreviewBuild

    said: list[str] = []
    preview = PreviewBuild(small / "mkdocs.yml", tmp_path / "preview", "http://127.0.0.1:8000/", said.append)
    gc.unfreeze()
    try:
        assert preview.rebuild(TODAY) is not None, said
        assert gc.isenabled() and gc.get_freeze_count() > 0
        record = small / "content/people/anna-jensen/2026-03-12.md"
        _edit(record, "## Trivsel", "## Trivsel\n\nEn ny linje.")
        assert preview.rebuild(TODAY, noticed=[str(record)]) is not None, said
        assert not gc.isenabled()
        preview.tidy()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        _edit(record, "date: 2026-03-12", "date: 2026-13-12")
        assert preview.rebuild(TODAY, noticed=[str(record)]) is None
        preview.tidy()
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_later_call_is_made_once_unless_cancelled():
    """What calls `tidy` after a round: once, after its time; a new round cancels it."""
    import time

    from mus_build.publish.serve import _Later

    calls: list[float] = []
    later = _Later(0.2, lambda: calls.append(time.monotonic()))
    started = time.monotonic()
    later.start()
    later.start()  # again: still one call
    time.sleep(0.5)
    assert len(calls) == 1 and calls[0] - started >= 0.2
    later.start()
    later.cancel()
    time.sleep(0.4)
    assert len(calls) == 1


def test_a_record_saved_while_the_first_round_runs_is_shown(small):
    """The watcher runs before the first round: a save while it builds starts another."""
    running = Preview(small)
    try:
        _wait_for(running.printed, "Lavede alles sider igen")  # generated; mkdocs is building
        _edit(small / "content/people/anna-jensen/index.md", 'title: "Bogholder"', 'title: "Controller"')
        _wait_for(lambda: running.page("people/anna-jensen/"), "Controller")
    finally:
        assert running.stop() == 0, running.printed()


def test_a_round_reads_again_the_folders_the_system_told_of(small):
    """`mus serve` asks for the status of the files only in the people's folders where the
    system told of a write; a round told of nothing keeps every person as read."""
    import datetime as dt

    from mus_build.check.config import load_config
    from mus_build.check.load import FolderCache, load_sources
    from mus_build.publish.preview_build import people_folders

    config, _ = load_config(small / "mkdocs.yml")
    folders = FolderCache()
    today = dt.date(2026, 11, 26)
    first = load_sources(config, today, folders=folders).handbook.people["bo-berg"]
    record = small / "content/people/bo-berg/2025-02-03.md"
    record.write_text(record.read_text(encoding="utf-8") + "\nEn ny note.\n", encoding="utf-8")

    folders.look_only_at(people_folders(small, [str(small / "mkdocs.yml")]))
    assert load_sources(config, today, folders=folders).handbook.people["bo-berg"] is first
    folders.look_only_at(people_folders(small, [str(record)]))
    again = load_sources(config, today, folders=folders).handbook.people["bo-berg"]
    assert "En ny note." in again.records[0].body
    assert people_folders(small, [str(small / "content/people")]) is None  # every folder


def test_the_preview_asks_the_system_to_tell_of_writes_only(tmp_path):
    """Every round reads the records it looks at, and at 10,000 people the system's
    notices of those reads overflowed its queue: watchdog then listed every folder again,
    which the system told of as reads too, without end, and saves went unnoticed. The
    watcher asks for writes only, and still hears of a file written."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers.inotify_c import InotifyConstants

    from mus_build.publish import builder

    (tmp_path / "anna").mkdir()
    record = tmp_path / "anna/2026-03-12.md"
    record.write_text("a", encoding="utf-8")
    noticed: list[str] = []
    observer = builder._WritesOnly(builder._observer([tmp_path]), noticed.append)
    observer.schedule(FileSystemEventHandler(), str(tmp_path), recursive=True)
    observer.start()
    try:
        reads = InotifyConstants.IN_OPEN | InotifyConstants.IN_CLOSE_NOWRITE
        assert all(not emitter.get_event_mask_from_filter() & reads for emitter in observer.emitters)
        record.read_bytes()
        record.write_text("b", encoding="utf-8")
        deadline = time.monotonic() + 10
        while str(record) not in noticed and time.monotonic() < deadline:
            time.sleep(0.05)
        assert str(record) in noticed
    finally:
        observer.stop()
        observer.join()
