"""Time `mus check` against the floor (bench/floor.py) on generated handbooks.

    .venv/bin/python bench/check_bench.py [--large] [--repeats 5] [--sizes 250,1000,2000]

Both are timed as whole processes (start-up included), interleaved so that a
machine slowing down or speeding up during the run affects both alike. The
table goes to stdout and to bench/out/check.md.
"""

from __future__ import annotations

import os
import sys

from benchlib import (
    BENCH,
    TODAY,
    count_records,
    handbook,
    header,
    median,
    must_succeed,
    run,
    save,
    size_arguments,
    spread,
    tool,
)

TARGET_SECONDS = 3.0  # a whole check of 10,000 records
TARGET_RATIO = 3.0  # times the floor


def main() -> None:
    args, sizes = size_arguments(__doc__.splitlines()[0], repeats=5)

    mus = tool("mus")
    folders = {n: handbook(n, args.records, args.seed) for n in sizes}

    def check_cmd(n: int) -> list[str]:
        return [mus, "check", "-f", str(folders[n] / "mkdocs.yml"), "--today", TODAY]

    def floor_cmd(n: int) -> list[str]:
        return [sys.executable, str(BENCH / "floor.py"), str(folders[n])]

    load_before = os.getloadavg()[0]
    # One run each first, not counted: it fills the page cache and proves the data is clean.
    for n in sizes:
        result = must_succeed(run(check_cmd(n)), f"mus check on {folders[n]}")
        if "no problems found" not in result.output:
            sys.exit(f"mus check found problems in {folders[n]}:\n{result.output[-3000:]}")
        must_succeed(run(floor_cmd(n)), "floor.py")

    checks: dict[int, list] = {n: [] for n in sizes}
    floors: dict[int, list] = {n: [] for n in sizes}
    for i in range(args.repeats):
        for n in sizes:
            print(f"run {i + 1}/{args.repeats}, {n} people", file=sys.stderr)
            checks[n].append(must_succeed(run(check_cmd(n)), "mus check"))
            floors[n].append(must_succeed(run(floor_cmd(n)), "floor.py"))

    lines = header(f"mus check, {args.records} records per person", args.repeats, load_before)
    lines += [
        "| people | records | mus check (s) | records/s | floor (s) | check/floor "
        "| CPU check (s) | CPU floor (s) | CPU check/floor | peak RSS check (MiB) | peak RSS floor (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    verdict = ""
    for n in sizes:
        records = count_records(folders[n])
        wall = median([r.wall for r in checks[n]])
        cpu, floor_cpu = median([r.cpu for r in checks[n]]), median([r.cpu for r in floors[n]])
        # Ratios are taken pair by pair: each check with the floor run right after it.
        ratio = median([c.wall / f.wall for c, f in zip(checks[n], floors[n], strict=True)])
        cpu_ratio = median([c.cpu / f.cpu for c, f in zip(checks[n], floors[n], strict=True)])
        lines.append(
            f"| {n:,} | {records:,} | {spread([r.wall for r in checks[n]])} | {records / wall:,.0f} "
            f"| {spread([r.wall for r in floors[n]])} | {ratio:.2f} | {cpu:.2f} | {floor_cpu:.2f} "
            f"| {cpu_ratio:.2f} | {median([r.peak_mib for r in checks[n]]):.0f} "
            f"| {median([r.peak_mib for r in floors[n]]):.0f} |"
        )
        if n == 2000 and args.records == 5:
            ok = wall < TARGET_SECONDS and ratio <= TARGET_RATIO
            verdict = (
                f"Target for 2,000 people x 5 records ({records:,} records): under {TARGET_SECONDS:.0f} s "
                f"and within {TARGET_RATIO:.0f}x the floor: {'met' if ok else 'MISSED'} "
                f"({wall:.2f} s wall, {cpu:.2f} s CPU, {ratio:.2f}x the floor)."
            )
    lines += ["", verdict] if verdict else []
    lines += [
        "",
        f"mus check: `mus check -f HANDBOOK/mkdocs.yml --today {TODAY}`; "
        "floor: `python bench/floor.py HANDBOOK` (read each file, libyaml compose of the front matter).",
    ]
    save("check.md", lines)


if __name__ == "__main__":
    main()
