"""Regenerate the README's pictures: docs/screenshot-person.png, a person's page, and
docs/screenshot-editor.png, the form in the browser.

Builds the example handbook as of a fixed day (so the pictures change only when the
pages do), serves it on 127.0.0.1 and photographs, in Debian's Chromium at 1100x900,
Anna Jensen's page and her conversation of 2026-03-12 in the form, which reads it
through decap-server (npm; `npm ci` installs it). Usage: .venv/bin/python
scripts/screenshot.py [--output PATH] [--editor-output PATH] (or ./dev screenshot).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests import decap_server  # noqa: E402 - the form's local backend, as its tests start it
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the browser the tests drive, as they start it

TODAY = "2026-11-26"
PAGE = "people/anna-jensen/"
RECORD = "admin/#/collections/records/entries/anna-jensen/2026-03-12"
VIEWPORT = {"width": 1100, "height": 900}
MAX_BYTES = 200_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def build(work: Path) -> Path:
    """The example handbook, copied so the build never touches the repository's own folders."""
    root = work / "handbook"
    root.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("guides", "content"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "node_modules").symlink_to(decap_server.NODE_MODULES)
    site = work / "site"
    command = [sys.executable, "-m", "mus_build", "build", "-f", str(root / "mkdocs.yml")]
    subprocess.run([*command, "--today", TODAY, "-d", str(site), "-q"], check=True)
    return site


def photograph(site: Path, output: Path, editor_output: Path) -> None:
    from playwright.sync_api import sync_playwright

    root = site.parent / "handbook"
    backend, api = decap_server.start(root, "fs")
    decap_server.point_form_at(root, site, api, workflow=False)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT, locale="da-DK")
            page.goto(base + PAGE)
            page.wait_for_timeout(300)  # material fades its header in
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=output)
            page.goto(base + "admin/")
            page.get_by_role("button", name="Log ind").click()
            page.goto(base + RECORD)
            page.get_by_label("Dato for samtalen").wait_for()
            page.wait_for_timeout(500)  # the people of the choices arrive after the form
            page.screenshot(path=editor_output)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        backend.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "screenshot-person.png")
    parser.add_argument("--editor-output", type=Path, default=REPO / "docs" / "screenshot-editor.png")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        print(
            f"Chromium is missing: install it with 'sudo apt-get install chromium' ({CHROMIUM}).",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="mus-screenshot-") as work:
        photograph(build(Path(work)), args.output, args.editor_output)
    for output in (args.output, args.editor_output):
        size = output.stat().st_size
        print(f"Wrote {output} ({size // 1000} kB, {VIEWPORT['width']}x{VIEWPORT['height']}).")
        if size > MAX_BYTES:
            print(
                f"warning: larger than {MAX_BYTES // 1000} kB; the README should stay light.", file=sys.stderr
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
