"""`mus serve`, run as a person previewing their edits does: a real server, read over HTTP."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

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
    def __init__(self, root: Path) -> None:
        self.root = root
        self.url = f"http://127.0.0.1:{_free_port()}/"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mus_build", "serve", "-f", str(root / "mkdocs.yml")]
            + ["--today", TODAY.isoformat(), "-a", self.url[len("http://") : -1]],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    def page(self, path: str) -> str:
        return _fetch(self.url + path)

    def printed(self) -> str:
        return "".join(self.output)

    def stop(self) -> int:
        """Press Ctrl+C, as the printed hint says; the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)


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


def test_a_broken_record_keeps_the_last_good_preview(preview):
    _wait_for(lambda: preview.page("people/anna-jensen/"), "Anna Jensen")
    record = preview.root / RECORD
    record.write_text(
        record.read_text(encoding="utf-8").replace("date: 2026-03-12", "date: 12-03-2026"), encoding="utf-8"
    )
    printed = _wait_for(preview.printed, "The preview shows the last version without errors.")
    assert f"{RECORD}:2: 'date: 12-03-2026' is not an ISO date; write date: 2026-03-12" in printed
    assert "Traceback" not in printed
    assert preview.process.poll() is None, preview.printed()  # still serving
    assert "Anna Jensen" in preview.page("people/anna-jensen/")
    assert preview.stop() == 0, preview.printed()


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
        deadline, found = time.monotonic() + 30, []
        while time.monotonic() < deadline and not any("people/anna-jensen/" in href for href in found):
            tab.goto(preview.url)
            tab.keyboard.press("/")
            tab.locator("input.md-search__input").press_sequentially("lygtepælene")
            tab.locator(".md-search-result__meta").filter(has_text="resultat").wait_for()
            tab.wait_for_timeout(300)
            found = tab.locator(".md-search-result__link").evaluate_all("els => els.map(a => a.href)")
        assert any("people/anna-jensen/" in href for href in found), found
    finally:
        tab.close()
    assert preview.stop() == 0, preview.printed()
