"""The example handbook, built once, served over HTTP and read in headless Chromium
(the `browser` fixture of tests/chromium.py)."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..chromium import VIEWPORT

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"
SCREENSHOTS = REPO / "tests" / "screenshots"


def copy_handbook(target: Path, content: bool = True) -> Path:
    """The example's mkdocs.yml and guide (and records) in a folder of its own, so a build
    never shares the repository's staging folder with another build running there."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "guides", target / "guides")
    if content:
        shutil.copytree(REPO / "content", target / "content")
    return target


def build(root: Path, site: Path) -> Path:
    """`mus build` as a reader of the README runs it; fails the test with mus's own output."""
    command = [sys.executable, "-m", "mus_build", "build", "-f", str(root / "mkdocs.yml")]
    command += ["--today", TODAY, "-d", str(site), "-q"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        pytest.fail(f"mus build failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a tab closed mid-download (a broken pipe) is no failure of the site


def serve(site: Path) -> tuple[str, http.server.HTTPServer]:
    """Serve a built site on 127.0.0.1 on a free port; returns its base URL and the server."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, name=f"http {site.name}", daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(tmp_path_factory) -> Iterator[str]:
    """The example handbook as of 2026-11-26, built once and served for the whole session."""
    work = tmp_path_factory.mktemp("example")
    site = build(copy_handbook(work / "handbook"), work / "site")
    url, server = serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    """A fresh tab (own cookies and storage) per test, in Danish, at a desktop size."""
    context = browser.new_context(viewport=VIEWPORT, locale="da-DK")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
