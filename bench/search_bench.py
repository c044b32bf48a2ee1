"""How quickly the site's search answers in a real browser, and how big its index is.

Usage: .venv/bin/python bench/search_bench.py [--people 2000] [--repeats 5]

Builds a generated handbook once, serves it on 127.0.0.1, and in Debian's Chromium
(driven by Playwright) opens the home page, types a person's name into the search
box as soon as the page has loaded, and times from the load event to the first
result on screen: the index is fetched and built in the browser in that time.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import threading
import time
from pathlib import Path

from benchlib import OUT, TODAY, handbook, must_succeed, run, tool
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per file would drown the figures
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    source = handbook(args.people, 5, 1)
    site = OUT / f"site-{args.people}"
    must_succeed(
        run(
            [tool("mus"), "build", "--today", TODAY, "-d", str(site), "-q", "-f", str(source / "mkdocs.yml")]
        ),
        "mus build",
    )
    index_bytes = (site / "search/search_index.json").stat().st_size
    first_person = sorted(p.name for p in (source / "content/people").iterdir())[0]
    name = first_person.split("-")[0].capitalize()  # a first name, as people search

    server, url = serve(site)
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(args.repeats):
                page = browser.new_context().new_page()
                page.goto(url, wait_until="load")
                loaded = time.perf_counter()
                page.keyboard.press("/")
                page.keyboard.type(name)
                page.wait_for_selector(".md-search-result__item", timeout=60_000)
                times.append(time.perf_counter() - loaded)
                page.context.close()
            browser.close()
    finally:
        server.shutdown()

    print(
        f"| people | search index (MB) | load → first results for '{name}', median of {args.repeats} (s) | min–max (s) |"
    )
    print("|---:|---:|---:|---:|")
    print(
        f"| {args.people:,} | {index_bytes / 1e6:.1f} | {statistics.median(times):.2f} | "
        f"{min(times):.2f}–{max(times):.2f} |"
    )


if __name__ == "__main__":
    main()
