"""How long the leak scan at the end of `mus build` takes with many private lines.

Usage: .venv/bin/python bench/leak_bench.py [--people 1000] [--lines 61000] [--repeats 3]

Builds a generated handbook once (under bench/out), then searches the built site for
LINES private lines: sentences of 4 to 14 words drawn at random from the handbook's own
records, so that they share their words with the pages as real private notes do, and
none of them is in the site. Prints the time of the scan alone, in this process.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time

from benchlib import OUT, TODAY, handbook, must_succeed, run, tool

from mus_build.check.load import PrivateText
from mus_build.publish.leaks import find_private_leaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=61_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    folder = handbook(args.people, 5, 1)
    site = OUT / f"site-{folder.name}"
    if not (site / "index.html").exists():
        must_succeed(
            run(
                [
                    tool("mus"),
                    "build",
                    "-f",
                    str(folder / "mkdocs.yml"),
                    "--today",
                    TODAY,
                    "-d",
                    str(site),
                    "-q",
                ]
            ),
            "mus build",
        )
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sorted(folder.glob("content/people/*/2*.md"))[:2000]
    )
    words = sorted(set(re.findall(r"[a-zæøåA-ZÆØÅ]{3,}", text)))
    rng = random.Random(1)
    lines = [
        PrivateText(
            f"content/people/p{i % 5000}/2026-01-01.md", " ".join(rng.choices(words, k=rng.randint(4, 14)))
        )
        for i in range(args.lines)
    ]
    times = []
    for _ in range(args.repeats):
        start = time.process_time()
        found = find_private_leaks(site, lines)
        times.append(time.process_time() - start)
    print(
        f"{args.lines} private lines, {args.people} people: scan {statistics.median(times):.2f} s CPU "
        f"(median of {args.repeats}, {min(times):.2f}–{max(times):.2f}); {len(found)} files with a leak"
    )


if __name__ == "__main__":
    main()
