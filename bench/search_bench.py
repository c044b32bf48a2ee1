"""How quickly the site's search answers in a real browser, and how much it fetches.

Usage: .venv/bin/python bench/search_bench.py [--people 2000] [--repeats 5]

Builds a generated handbook once, serves it on 127.0.0.1, and in Debian's Chromium
(driven by Playwright), each time in a fresh browser with nothing cached: opens the
home page, presses `/` as soon as the page has loaded, types a word that only the
notes of one person's oldest conversation hold (planted there), and times from the start of the page
load to the first result on screen (page load, index loading and search together).
Counts the bytes of every answer the page got, and of those of the search index; checks
that the person's page is among the first five results.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
import time
from pathlib import Path

from benchlib import OUT, REPO, TODAY, handbook, must_succeed, run, tool
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(REPO))
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the browser the tests drive, as they start it


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line per file would drown the figures
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# A word no generated record holds, written into the notes of one person's oldest
# conversation: the search must find their page by it.
WORD = "lygtepælsreparationen"


def plant_word_in_oldest_record(people: Path) -> str:
    """Add WORD to the oldest conversation of the first person (once); that person's id."""
    person = sorted(p for p in people.iterdir() if p.is_dir())[0]
    oldest = sorted(p for p in person.glob("*.md") if p.name != "index.md")[0]
    text = oldest.read_text(encoding="utf-8")
    if WORD not in text:
        oldest.write_text(text.rstrip("\n") + f"\n\nVi talte også om {WORD}.\n", encoding="utf-8")
    return person.name


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    source = handbook(args.people, 5, 1)
    person = plant_word_in_oldest_record(source / "content" / "people")
    word = WORD
    site = OUT / f"site-{args.people}"
    must_succeed(
        run(
            [tool("mus"), "build", "--today", TODAY, "-d", str(site), "-q", "-f", str(source / "mkdocs.yml")]
        ),
        "mus build",
    )
    index_bytes = folder_bytes(site / "pagefind")

    server, url = serve(site)
    times, fetched, fetched_index = [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for _ in range(args.repeats):
                context = browser.new_context()
                page = context.new_page()
                answers: list[tuple[str, int]] = []

                def keep(request, answers=answers) -> None:
                    answers.append((request.url, request.sizes()["responseBodySize"]))

                page.on("requestfinished", keep)
                start = time.perf_counter()
                page.goto(url, wait_until="load")
                page.keyboard.press("/")
                page.keyboard.type(word)
                page.wait_for_selector(".md-search-result__item", timeout=60_000)
                times.append(time.perf_counter() - start)
                found = page.locator(".md-search-result__item > a").evaluate_all(
                    "els => els.map(a => a.href)"
                )
                if not any(f"/people/{person}/" in href for href in found[:5]):
                    raise SystemExit(f"searching {word!r}: {person} is not among the first five: {found}")
                fetched.append(sum(size for _, size in answers))
                fetched_index.append(sum(size for u, size in answers if "/pagefind/" in u))
                context.close()
            browser.close()
    finally:
        server.shutdown()

    print(
        "| people | search index on disk (MB) | page load → first result, median of "
        f"{args.repeats} (s) | min–max (s) | fetched in all (MB) | of it the search (MB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.people:,} | {index_bytes / 1e6:.1f} | {statistics.median(times):.2f} | "
        f"{min(times):.2f}–{max(times):.2f} | {statistics.median(fetched) / 1e6:.2f} | "
        f"{statistics.median(fetched_index) / 1e6:.2f} |"
    )
    print(f"\n(query: '{word}', only in the oldest conversation of {person}; found among the first five)")


if __name__ == "__main__":
    main()
