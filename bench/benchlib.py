"""What check_bench.py and build_bench.py share: cached handbooks and timing whole processes."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import generate

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"  # git-ignored
TODAY = "2026-11-26"


def tool(name: str) -> str:
    """A command installed next to the running Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found; run ./dev setup and use .venv/bin/python")
    return found


def handbook(people: int, records: int, seed: int) -> Path:
    """A generated handbook under bench/out, written again only when its inputs changed."""
    folder = OUT / f"handbook-{people}x{records}-seed{seed}"
    guides = sorted(p for p in (REPO / "guides").rglob("*") if p.is_file())
    inputs = [BENCH / "generate.py", REPO / "mkdocs.yml", *guides]
    stamp = hashlib.sha256(b"".join(p.read_bytes() for p in inputs)).hexdigest()
    stamp_file = folder / ".bench-stamp"
    if not (stamp_file.exists() and stamp_file.read_text() == stamp):
        print(f"generating {people} people x {records} records into {folder} ...", file=sys.stderr)
        generate.generate(folder, people, records, seed)
        stamp_file.write_text(stamp)
    return folder


def count_records(folder: Path) -> int:
    return sum(1 for p in (folder / "content" / "people").glob("*/*.md") if p.name != "index.md")


@dataclass
class Run:
    wall: float  # seconds from start to exit, start-up included
    cpu: float  # user + system seconds of the process and the children it waited for
    peak_mib: float  # largest resident set of the process or any child it waited for
    code: int
    output: str


def run(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run one command as a whole process and measure it from outside.

    The peak comes from /usr/bin/time when present: a child forked from this
    Python process would otherwise count this process's own memory as its
    starting point. os.wait4 gives this child's own CPU time (and the peak when
    /usr/bin/time is missing), not that of every earlier child.
    """
    gnu_time = Path("/usr/bin/time")
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as peak_file:
        if gnu_time.exists():
            cmd = [str(gnu_time), "-f", "%M", "-o", peak_file.name, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        peak_kib = usage.ru_maxrss
        if gnu_time.exists():
            # A failing command makes time add a line "Command exited with non-zero status".
            peak_kib = int(peak_file.read().split()[-1])
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak_kib / 1024, proc.returncode, text)


def must_succeed(result: Run, what: str) -> Run:
    if result.code != 0:
        sys.exit(f"{what} failed with exit code {result.code}:\n{result.output[-3000:]}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    """The median with min and max, for a table cell."""
    return f"{median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def machine() -> str:
    cores = len(os.sched_getaffinity(0))
    return f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def revision() -> str:
    """The commit measured, and whether the work tree differed from it."""
    git = ["git", "-C", str(REPO)]
    try:
        commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "mus_build"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return commit.strip() + (" with uncommitted changes in mus_build/" if dirty.stdout.strip() else "")


REVISION = revision()  # taken when the benchmark starts, as the tree may change during it


def header(title: str, repeats: int, load_before: float) -> list[str]:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"## {title}",
        "",
        f"{stamp}; mus {REVISION}; {machine()}.",
        f"Median of {repeats} runs, interleaved (min–max in brackets).",
        # Other work on the machine widens the spread; the load average tells whether there was any.
        f"Load average (1 min) before the runs {load_before:.2f}, after {os.getloadavg()[0]:.2f}.",
        "",
    ]


def save(name: str, lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(text, encoding="utf-8")
    print(f"(written to {(OUT / name).relative_to(REPO)})", file=sys.stderr)


def size_arguments(
    description: str, repeats: int, jobs: bool = False
) -> tuple[argparse.Namespace, list[int]]:
    """The options both benchmarks take, and the handbook sizes they ask for; `jobs`:
    also `--jobs N`, passed on to `mus build -j`."""
    parser = argparse.ArgumentParser(description=description)
    if jobs:
        parser.add_argument("--jobs", type=int, default=None, help="mus build -j (default: one per core)")
    parser.add_argument("--sizes", default="250,1000,2000", help="numbers of people, comma-separated")
    parser.add_argument("--large", action="store_true", help="also 10,000 people")
    parser.add_argument("--records", type=int, default=5, help="records per person")
    parser.add_argument("--repeats", type=int, default=repeats)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    return args, [int(s) for s in args.sizes.split(",")] + ([10_000] if args.large else [])
