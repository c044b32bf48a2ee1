"""Where the time of a `mus serve` round goes, step by step, after each save.

Usage: .venv/bin/python bench/serve_rounds.py [--people 10000] [--saves 4]

Runs the preview's rounds in this process (no server): the first build, then one save
after another of the first person's latest record, by turns a line appended to the notes
(the person's page changes) and an open agreement marked done or open again (the lists,
the round, the team's and department's pages and the exports change too). Prints each
round's steps (load, validate, generate and write, mkdocs), the time Python's
collector took in it and the round in all, as a Markdown table; then how long the
exports the round changed took to be written after it, while the browser loads the page,
and the time of the `tidy` that `mus serve` runs once the browser has the page (a round
that made everything tidies within itself). Each save's round is told of the saved
file, as the file watcher of `mus serve` tells it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from serve_bench import agreement_toggled, handbook, saved_record  # type: ignore[import-not-found]

from mus_build.publish.preview_build import PreviewBuild

TODAY = dt.date(2026, 11, 26)


class Collector:
    """The seconds Python's collector spent since the last `reset`."""

    def __init__(self) -> None:
        self.seconds, self._start = 0.0, 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start

    def reset(self) -> None:
        self.seconds = 0.0


def seconds(call: Callable[[], object]) -> float:
    """How long the call took."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--saves", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "handbook"
        shutil.copytree(handbook(args.people), root)
        preview = PreviewBuild(
            root / "mkdocs.yml", Path(tmp) / "preview", "http://127.0.0.1:8000/", lambda _: None
        )
        _, record = saved_record(root)
        collector = Collector()
        steps = ("load", "validate", "generate and write", "mkdocs")
        print(
            f"| round ({args.people:,} people) | "
            + " | ".join(steps)
            + " | collector | in all | exports after | tidy after |"
        )
        print("|---|" + "---:|" * (len(steps) + 4))
        for n in range(args.saves + 1):
            if n % 2:
                with record.open("a", encoding="utf-8") as handle:
                    handle.write(f"\nmaalepunkt{n}\n")
            elif n:
                text = record.read_text(encoding="utf-8")
                record.write_text(agreement_toggled(text), encoding="utf-8")
            collector.reset()
            noticed = [str(record)] if n else None  # as the watcher tells it
            took = seconds(partial(preview.rebuild, TODAY, noticed=noticed))
            in_round = collector.seconds
            exported, tidied = seconds(preview.finish_writes), seconds(preview.tidy)
            figures = [f"{preview.timings.steps.get(step, 0.0):.2f}" for step in steps]
            name = "first build" if n == 0 else f"save {n} ({'a line' if n % 2 else 'an agreement'})"
            print(
                f"| {name} | "
                + " | ".join(figures)
                + f" | {in_round:.2f} | {took:.2f} | {exported:.2f} | {tidied:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
