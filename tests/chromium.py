"""Headless Chromium for the browser tests of every folder: Debian's Chromium at
/usr/bin/chromium, driven by Playwright; Playwright's own browser download is not used.

One browser serves the whole session, because Playwright's sync API runs one at a time:
tests/conftest.py offers the `browser` fixture below to tests/browser and tests/access.
When Chromium is missing the browser tests fail and say what to install: they are
deselected only on purpose, with `-m "not browser"`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Only the local server answers: no request leaves the machine, nothing waits on a network.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# Wide enough for material's navigation tabs and both sidebars.
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is missing: the browser tests need {CHROMIUM}. Install it with "
            "'sudo apt-get install chromium' (./dev test does it when run as root), "
            "or leave these tests out on purpose with: pytest -m 'not browser'",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright is missing: install the test extras with: .venv/bin/pip install -e '.[test]'",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
