"""Time `mus build` and `mus check` on hostile inputs of growing size: the time must grow
linearly with the input.

    .venv/bin/python bench/hostile_bench.py [--repeats 3] [--inputs paragraphs,code,owners,managers]
                                            [--size owners=500,1000,2000 ...]

Each input is this repository's example handbook (mkdocs.yml, guides/, content/) with
one hostile addition, written to bench/out/hostile/:

- paragraphs: a record whose body is N one-letter paragraphs ("a\\n\\n" * N; 332,000 make 1 MB);
- code: a record whose body is N indented code blocks between empty lines ("    x\\n\\n" * N);
- owners: N more people, and a record with N agreements whose owners are each one
  letter off a person's id (persn-00001 for person-00001), each close enough for a "did you mean";
- managers: N more people, each naming a manager one letter off a person's id.

The bodies are timed with `mus build --timings` (its steps are in the table), the ids
with `mus check` (which exits 1 with N problems). The example handbook as it is, N = 0,
is timed too: growth is the time above it, for twice the input (2.0 is linear, 4.0
quadratic). Whole processes, the inputs and sizes taken in turn in every round. The
table goes to stdout and to bench/out/hostile.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchlib import OUT, REPO, TODAY, Run, header, median, run, save, spread, tool

SIZES = {
    "paragraphs": [83_000, 166_000, 332_000],
    "code": [35_000, 70_000, 140_000],
    "owners": [500, 1_000, 2_000, 4_000, 8_000],
    "managers": [500, 1_000, 2_000, 4_000, 8_000],
}
RECORD = "content/people/anna-jensen/2026-10-01.md"


def people(root: Path, n: int, manager: Callable[[int], str] | None = None) -> None:
    for i in range(n):
        folder = root / f"content/people/person-{i:05d}"
        folder.mkdir()
        line = f"manager: {manager(i)}\n" if manager else ""
        (folder / "index.md").write_text(f'---\nname: "Person {i}"\n{line}---\n')


def record(root: Path, front: str = "", body: str = "Noter.\n") -> None:
    (root / RECORD).write_text(f"---\ndate: 2026-10-01\n{front}---\n{body}", encoding="utf-8")


def write_input(kind: str, n: int) -> Path:
    """The example handbook with `n` of the hostile addition `kind` (none for n = 0)."""
    root = OUT / "hostile" / f"{kind}-{n}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("guides", "content"):
        shutil.copytree(REPO / folder, root / folder)
    if n == 0:
        return root
    if kind == "paragraphs":
        record(root, body="a\n\n" * n)
    elif kind == "code":
        record(root, body="    x\n\n" * n)
    elif kind == "owners":
        people(root, n)
        record(
            root,
            front="agreements:\n"
            + "".join(
                f"- {{id: a{i}, what: x, owner: persn-{i:05d}, deadline: 2026-06-30}}\n" for i in range(n)
            ),
        )
    elif kind == "managers":
        people(root, n, manager=lambda i: f"persn-{(i + 1) % n:05d}")
    return root


def hostile_bytes(root: Path, kind: str) -> int:
    if kind in ("paragraphs", "code", "owners"):
        return (root / RECORD).stat().st_size
    return sum(p.stat().st_size for p in (root / "content/people").glob("person-*/index.md"))


def steps(output: str) -> dict[str, float]:
    """The lines `mus build --timings` prints, such as "          generate:   0.21 s"."""
    found = {}
    for line in output.splitlines():
        name, _, rest = line.strip().partition(":")
        if rest.strip().endswith(" s"):
            found[name] = float(rest.strip()[:-2])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--inputs", default=",".join(SIZES), help="which inputs, comma-separated")
    parser.add_argument(
        "--size", action="append", default=[], metavar="INPUT=N,N,N", help="other sizes for one input"
    )
    args = parser.parse_args()
    sizes = {kind: SIZES[kind] for kind in args.inputs.split(",")}
    for option in args.size:
        kind, _, numbers = option.partition("=")
        sizes[kind] = [int(n) for n in numbers.split(",")]

    mus = tool("mus")
    cases = [(kind, n) for kind in sizes for n in [0, *sizes[kind]]]
    roots = {case: write_input(*case) for case in cases}

    with tempfile.TemporaryDirectory(prefix="mus-hostile-") as tmp:

        def timed(kind: str, n: int) -> Run:
            mkdocs_yml = str(roots[kind, n] / "mkdocs.yml")
            if kind in ("paragraphs", "code"):
                site = Path(tmp) / f"{kind}-{n}"
                shutil.rmtree(site, ignore_errors=True)
                cmd = [mus, "build", "--today", TODAY, "-d", str(site), "-q", "--timings", "-f", mkdocs_yml]
            else:
                cmd = [mus, "check", "-f", mkdocs_yml, "--today", TODAY]
            result = run(cmd)
            expected = 1 if kind in ("owners", "managers") and n else 0
            if result.code != expected:
                sys.exit(f"{' '.join(cmd)} exited {result.code}, not {expected}:\n{result.output[-3000:]}")
            return result

        load_before = os.getloadavg()[0]
        for kind in sizes:  # one run of each input first, not counted: imports cached, failures early
            timed(kind, sizes[kind][0])
        results: dict[tuple[str, int], list[Run]] = {case: [] for case in cases}
        for i in range(args.repeats):
            for case in cases:
                print(f"run {i + 1}/{args.repeats}, {case[0]} {case[1]:,}", file=sys.stderr)
                results[case].append(timed(*case))

    lines = header("mus on hostile inputs", args.repeats, load_before)
    lines += [
        "| input | N | hostile bytes | command | wall (s) | CPU (s) | growth for 2N | peak RSS (MiB) "
        "| generate (s) | mkdocs (s) |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, n in cases:
        runs = results[kind, n]
        wall = median([r.wall for r in runs])
        above = wall - median([r.wall for r in results[kind, 0]])
        before = n // 2 if n // 2 in sizes[kind] else None
        growth = ""
        if before is not None:
            previous = median([r.wall for r in results[kind, before]]) - median(
                [r.wall for r in results[kind, 0]]
            )
            growth = f"x{above / previous:.2f}" if previous > 0 else ""
        build = kind in ("paragraphs", "code")
        timings = [steps(r.output) for r in runs] if build else []
        step = [
            f"{median([t.get(s, 0.0) for t in timings]):.2f}" if build else "" for s in ("generate", "mkdocs")
        ]
        lines.append(
            f"| {kind} | {n:,} | {hostile_bytes(roots[kind, n], kind) if n else 0:,} "
            f"| {'build' if build else 'check'} | {spread([r.wall for r in runs])} "
            f"| {median([r.cpu for r in runs]):.2f} | {growth} | {median([r.peak_mib for r in runs]):.0f} "
            f"| {step[0]} | {step[1]} |"
        )
    lines += [
        "",
        "N = 0 is the example handbook as it is; growth is (time(2N) - time(0)) / (time(N) - time(0)) "
        "by median wall time: 2.0 is linear, 4.0 quadratic.",
        f"build: `mus build --today {TODAY} -d SITE -q --timings -f INPUT/mkdocs.yml`; "
        f"check: `mus check -f INPUT/mkdocs.yml --today {TODAY}`.",
    ]
    save("hostile.md", lines)


if __name__ == "__main__":
    main()
