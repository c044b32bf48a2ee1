"""Time `mus build` against a bare mkdocs-material build of as many plain pages.

    .venv/bin/python bench/build_bench.py [--large] [--repeats 3] [--sizes 250,1000,2000] [--jobs N]

For each size N, one generated handbook (N people, 5 records each) is built with
`mus build --timings` (with one process per core, or `--jobs N`), and as many plain Markdown pages as that site has (a table
and six paragraphs each, kept out of the nav) are built with mkdocs-material and
its search plugin: what any mkdocs site of that many pages costs. Both as whole
processes, interleaved. The tables (whole builds, and mus's build step by step)
go to stdout and to bench/out/build.md.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
from benchlib import (
    OUT,
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

PLAIN_CONFIG = """\
site_name: Plain pages
theme:
  name: material
  language: da
plugins:
  - search
markdown_extensions:
  - tables
# Thousands of pages in the nav would make every page carry them all.
not_in_nav: |
  /p/*.md
"""
# mkdocs.commands.build is what `mkdocs build` runs, without its command line.
PLAIN_BUILD = """\
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)
build(config)
config.plugins.on_shutdown()
"""


def plain_docs(pages: int) -> Path:
    """A mkdocs project of `pages` plain pages under bench/out, written once per size."""
    folder = OUT / f"plain-{pages}"
    if (folder / "mkdocs.yml").exists():  # written last, so the folder is complete
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(pages)
    docs = folder / "docs" / "p"
    docs.mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Plain pages\n\nA yardstick for mus build.\n")
    clauses = [c for topic in generate.TOPICS.values() for c in topic]
    ctx = {"p": "hun", "P": "Hun", "obj": "hende", "navn": "Anna", "Navn": "Anna", "navns": "Annas"}
    ctx["afdeling"] = "Salg og marked"
    for i in range(pages):
        rows = [
            f"| 2026-0{m}-1{m} | Aftale {m} | {rng.choice(['open', 'done', 'dropped'])} |"
            for m in range(1, 5)
        ]
        paragraphs = [
            " ".join(generate.sentence(rng, rng.choice(clauses), ctx) for _ in range(4)) for _ in range(6)
        ]
        text = [f"# Side {i + 1}", "", "| Dato | Aftale | Status |", "|---|---|---|", *rows]
        for n, paragraph in enumerate(paragraphs, start=1):
            text += ["", f"## Afsnit {n}", "", paragraph]
        (docs / f"{i + 1:05d}.md").write_text("\n".join(text) + "\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return folder


def du_mib(folder: Path) -> float:
    """Disk usage as `du` reports it."""
    out = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 1024


def page_count(site: Path) -> int:
    """The pages of a built site: mkdocs writes each page as a folder's index.html."""
    return sum(1 for _ in site.rglob("index.html"))


def steps(output: str) -> dict[str, float]:
    """The lines `mus build --timings` prints, such as "          validate:   0.21 s"."""
    return {name: float(s) for name, s in re.findall(r"^\s*([a-z][a-z ]+):\s+([\d.]+) s$", output, re.M)}


def main() -> None:
    args, sizes = size_arguments(__doc__.splitlines()[0], repeats=3, jobs=True)
    jobs = ["-j", str(args.jobs)] if args.jobs else []

    mus = tool("mus")
    folders = {n: handbook(n, args.records, args.seed) for n in sizes}
    plains: dict[int, Path] = {}

    with tempfile.TemporaryDirectory(prefix="mus-bench-") as tmp:
        sites = {(kind, n): Path(tmp) / f"{kind}-{n}" for n in sizes for kind in ("mus", "plain")}

        def build(kind: str, n: int):
            site = sites[kind, n]
            shutil.rmtree(site, ignore_errors=True)  # each run starts from nothing
            if kind == "mus":
                cmd = [
                    mus,
                    "build",
                    "--today",
                    TODAY,
                    "-d",
                    str(site),
                    "-q",
                    "--timings",
                    *jobs,
                    "-f",
                    str(folders[n] / "mkdocs.yml"),
                ]
            else:
                cmd = [sys.executable, "-c", PLAIN_BUILD, str(plains[n] / "mkdocs.yml"), str(site)]
            return must_succeed(run(cmd), f"{kind} build of {n}")

        load_before = os.getloadavg()[0]
        for n in sizes:  # once each first, not counted: page cache, and a failure shows early
            build("mus", n)
            plains[n] = plain_docs(page_count(sites["mus", n]) - 1)  # plus its own home page
            build("plain", n)
        results: dict[tuple[str, int], list] = {key: [] for key in sites}
        for i in range(args.repeats):
            for n in sizes:
                print(f"run {i + 1}/{args.repeats}, {n} people", file=sys.stderr)
                results["mus", n].append(build("mus", n))
                results["plain", n].append(build("plain", n))

        lines = header(f"mus build, {args.records} records per person", args.repeats, load_before)
        lines += [
            "| people | records | mus build (s) | plain mkdocs (s) | mus/plain | CPU mus (s) | CPU plain (s) "
            "| pages/person | site (MiB) | search index (MiB) | peak RSS mus (MiB) | peak RSS plain (MiB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        walls = {key: [r.wall for r in runs] for key, runs in results.items()}
        for n in sizes:
            site = sites["mus", n]
            ratio = median([m / p for m, p in zip(walls["mus", n], walls["plain", n], strict=True)])
            pages = page_count(site)
            index = site / "pagefind"
            index_mib = sum(f.stat().st_size for f in index.rglob("*") if f.is_file()) / 2**20
            lines.append(
                f"| {n:,} | {count_records(folders[n]):,} | {spread(walls['mus', n])} "
                f"| {spread(walls['plain', n])} | {ratio:.2f} | {median([r.cpu for r in results['mus', n]]):.1f} "
                f"| {median([r.cpu for r in results['plain', n]]):.1f} | {pages / n:.1f} | {du_mib(site):.0f} "
                f"| {index_mib:.1f} | {median([r.peak_mib for r in results['mus', n]]):.0f} "
                f"| {median([r.peak_mib for r in results['plain', n]]):.0f} |"
            )

    names = list(steps(results["mus", sizes[0]][0].output))
    lines += [
        "",
        "`mus build` step by step (median seconds, from `--timings`; the rest of the whole build is "
        "start-up and imports):",
        "",
        "| people | " + " | ".join(names) + " |",
        "|---:|" + "---:|" * len(names),
    ]
    for n in sizes:
        timed = [steps(r.output) for r in results["mus", n]]
        lines.append(f"| {n:,} | " + " | ".join(f"{median([t[k] for t in timed]):.2f}" for k in names) + " |")

    # Linear growth gives 4.0 when the size is multiplied by four.
    growth = [
        f"{n:,} → {4 * n:,} people: mus build x{median(walls['mus', 4 * n]) / median(walls['mus', n]):.2f}, "
        f"plain mkdocs x{median(walls['plain', 4 * n]) / median(walls['plain', n]):.2f}"
        for n in sizes
        if 4 * n in sizes
    ]
    if growth:
        lines += ["", "Growth of the time when the size grows four times (4.0 = linear):", ""]
        lines += [f"- {g}" for g in growth]
    lines += [
        "",
        f"mus build: `mus build --today {TODAY} -d SITE -q --timings {' '.join(jobs)} -f HANDBOOK/mkdocs.yml` "
        f"({args.jobs or os.cpu_count()} processes); plain: as "
        "many pages as mus's site, each a table and six paragraphs, out of the nav, built with "
        "mkdocs.commands.build (material, search).",
    ]
    save("build.md", lines)


if __name__ == "__main__":
    main()
