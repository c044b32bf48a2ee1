"""How long `mus serve` takes from saving a record to serving the rebuilt page.

Usage: .venv/bin/python bench/serve_bench.py [--people 1000] [--repeats 5]

Starts `mus serve` on a copy of a generated handbook, waits for the first build,
then repeatedly appends a unique word to one person's latest record and polls
that person's page over HTTP until the word is served. Reports the median.
With `--agreement`, each save also marks the record's first open agreement done (or
open again), which changes the lists of everyone, the round and the exports too.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
# An open agreement marked done, and back: the record's first open one.
OPEN = ("    status: open\n", "    status: done\n    done_on: 2026-11-20\n")
DONE = (OPEN[1], OPEN[0])


def agreement_toggled(text: str) -> str:
    """The record with the agreement a save changes marked done, or open again."""
    return text.replace(*(DONE if OPEN[1] in text else OPEN), 1)


MUS = Path(sys.executable).parent / "mus"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, word: str, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if word in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{word!r} did not appear at {url} within {limit} s")


def handbook(people: int) -> Path:
    cached = HERE / "out" / f"handbook-{people}x5-seed1"
    if not cached.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(cached),
                "--people",
                str(people),
                "--records",
                "5",
                "--seed",
                "1",
            ],
            check=True,
        )
    return cached


def saved_record(root: Path) -> tuple[Path, Path]:
    """The first person with a conversation, and their latest record: the one each save edits."""
    person = sorted(p for p in (root / "content/people").iterdir() if any(p.glob("2*.md")))[0]
    return person, sorted(person.glob("2*.md"))[-1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--agreement", action="store_true", help="each save also changes an agreement")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "handbook"
        shutil.copytree(handbook(args.people), root)
        person, record = saved_record(root)
        port = free_port()
        url = f"http://127.0.0.1:{port}/people/{person.name}/"
        server = subprocess.Popen(
            [
                str(MUS),
                "serve",
                "-f",
                str(root / "mkdocs.yml"),
                "--today",
                "2026-11-26",
                "-a",
                f"127.0.0.1:{port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            started = time.perf_counter()
            wait_for(url, person.name.split("-")[0].capitalize(), limit=600)
            first = time.perf_counter() - started
            times = []
            for n in range(args.repeats):
                word = f"maalepunkt{n}x{port}"
                text = record.read_text(encoding="utf-8")
                if args.agreement:
                    text = agreement_toggled(text)
                record.write_text(f"{text}\n{word}\n", encoding="utf-8")
                times.append(wait_for(url, word, limit=600))
                time.sleep(1)  # let the watcher settle before the next save
        finally:
            server.terminate()
            server.wait(timeout=120)  # it removes its folder: 16-20 s at 10,000 people
    saves = "a line and an agreement" if args.agreement else "a line"
    print(
        f"| people | save | first build (s) | save → reloaded page, median of {args.repeats} (s) | min–max (s) |"
    )
    print("|---:|---|---:|---:|---:|")
    print(
        f"| {args.people:,} | {saves} | {first:.1f} | {statistics.median(times):.2f} "
        f"| {min(times):.2f}–{max(times):.2f} |"
    )


if __name__ == "__main__":
    main()
