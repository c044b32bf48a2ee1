"""Build the example handbook with mkdocs and with mkdocs-ng and check that the sites match.

mkdocs-material, which mus builds on, reaches end of life in May 2027, so we make sure
the handbook builds with mkdocs-ng, a maintained fork of mkdocs. It keeps the `mkdocs`
package name, so it lives in its own virtual environment, .venv-ng/, installed over the
mkdocs that mus's requirements bring.

Usage (from ./dev compat, after ./dev setup made .venv): .venv/bin/python scripts/compare_builders.py

Both sites must be byte for byte the same, except for the one thing each builder
legitimately writes differently, which is masked before comparing: the generator tag
mkdocs-material puts in every page, <meta name="generator" content="mkdocs-1.6.1,
mkdocs-material-9.8.2">, names the mkdocs version. Only that version is masked; the
mkdocs-material one must still match.

Pinned rather than masked: the dates mkdocs writes into sitemap.xml (<lastmod>) and the
sitemap.xml.gz header come from the clock. Both builds get the same SOURCE_DATE_EPOCH,
so these must match as they are, even when the two builds straddle midnight.

Any other difference, a file only one build made, or a failed build exits 1.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_VENV = ROOT / ".venv"
NG_VENV = ROOT / ".venv-ng"
NG_REQUIREMENT = "mkdocs-ng>=1.8,<1.9"
NG_SERIES = "1.8."
TODAY = "2026-11-30"
# Midnight UTC of that day: pins the sitemap dates mkdocs otherwise takes from the clock.
SOURCE_DATE_EPOCH = str(int(dt.datetime.fromisoformat(TODAY).replace(tzinfo=dt.UTC).timestamp()))
GENERATOR = re.compile(rb'(<meta name="generator" content="mkdocs-)[^,"]+')
# Shows which mkdocs a venv imports, and from which distribution.
WHICH_MKDOCS = (
    "import importlib.metadata as m, mkdocs\n"
    "try: dist = 'mkdocs-ng ' + m.version('mkdocs-ng')\n"
    "except m.PackageNotFoundError: dist = 'mkdocs ' + m.version('mkdocs')\n"
    "print(mkdocs.__version__, dist)"
)


def fail(message: str) -> None:
    print(f"compat: {message}", file=sys.stderr)
    sys.exit(1)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, **kwargs)


def pip(venv: Path, *args: str) -> None:
    result = run([str(venv / "bin" / "python"), "-m", "pip", "--quiet", "--disable-pip-version-check", *args])
    if result.returncode != 0:
        fail(f"pip {' '.join(args)} failed in {venv.name}:\n{result.stdout}{result.stderr}")


def which_mkdocs(venv: Path) -> tuple[str, str]:
    result = run([str(venv / "bin" / "python"), "-c", WHICH_MKDOCS])
    if result.returncode != 0:
        fail(f"cannot import mkdocs in {venv.name}:\n{result.stderr}")
    version, dist = result.stdout.strip().split(" ", 1)
    return version, dist


def setup_ng_venv() -> str:
    """Make .venv-ng with mus and mkdocs-ng; returns the mkdocs version it imports."""
    if not (NG_VENV / "bin" / "python").exists():
        result = run([sys.executable, "-m", "venv", str(NG_VENV)])
        if result.returncode != 0:
            fail(f"could not create {NG_VENV.name}:\n{result.stderr}")
        pip(NG_VENV, "install", "--upgrade", "pip")
    pip(NG_VENV, "install", "-e", ".")
    # After mus and its mkdocs, so mkdocs-ng's files replace those of mkdocs.
    pip(NG_VENV, "install", NG_REQUIREMENT)
    version, _ = which_mkdocs(NG_VENV)
    if not version.startswith(NG_SERIES):
        # A later mkdocs reinstall (e.g. after a change to mus's requirements) wrote over it.
        pip(NG_VENV, "install", "--force-reinstall", "--no-deps", NG_REQUIREMENT)
        version, _ = which_mkdocs(NG_VENV)
    if not version.startswith(NG_SERIES):
        fail(f"{NG_VENV.name} imports mkdocs {version}, not mkdocs-ng {NG_SERIES}x")
    return version


def build(venv: Path, site: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [str(venv / "bin" / "mus"), "build", "--today", TODAY, "-d", str(site), "-q"]
    result = run(command, env=env)
    if result.returncode != 0:
        fail(f"the build with {venv.name} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")


def files_in(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def normalised(name: str, data: bytes) -> bytes:
    if name.endswith(".html"):
        return GENERATOR.sub(rb"\1VERSION", data)
    return data


def first_difference(a: bytes, b: bytes) -> str:
    """The first line that differs, cut around the first differing character."""
    if b"\0" in a[:1024] or b"\0" in b[:1024] or a[:2] == b"\x1f\x8b":
        return "binary content differs"
    lines_a = a.decode("utf-8", "replace").splitlines()
    lines_b = b.decode("utf-8", "replace").splitlines()
    for number, (line_a, line_b) in enumerate(zip(lines_a, lines_b, strict=False), start=1):
        if line_a != line_b:
            start = max(0, len(os.path.commonprefix([line_a, line_b])) - 30)
            return f"line {number}: mkdocs {line_a[start : start + 80]!r} / mkdocs-ng {line_b[start : start + 80]!r}"
    if len(lines_a) != len(lines_b):
        return f"mkdocs wrote {len(lines_a)} lines, mkdocs-ng {len(lines_b)}"
    return "same lines, different line endings or final newline"


def compare(site_a: Path, site_b: Path) -> tuple[int, list[str]]:
    names_a, names_b = files_in(site_a), files_in(site_b)
    problems = [f"{name}: only built by mkdocs" for name in sorted(names_a - names_b)]
    problems += [f"{name}: only built by mkdocs-ng" for name in sorted(names_b - names_a)]
    common = sorted(names_a & names_b)
    for name in common:
        a = normalised(name, (site_a / name).read_bytes())
        b = normalised(name, (site_b / name).read_bytes())
        if a != b:
            problems.append(f"{name}: {first_difference(a, b)}")
    return len(common), problems


def main() -> None:
    if not (BASELINE_VENV / "bin" / "mus").exists():
        fail(f"{BASELINE_VENV.name} has no mus: run ./dev setup first")
    baseline, baseline_dist = which_mkdocs(BASELINE_VENV)
    if baseline_dist.startswith("mkdocs-ng"):
        fail(f"{BASELINE_VENV.name} has mkdocs-ng; it must have plain mkdocs to compare against")
    ng = setup_ng_venv()

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mus-compat-") as tmp:
        site_a, site_b = Path(tmp) / "mkdocs", Path(tmp) / "mkdocs-ng"
        build(BASELINE_VENV, site_a)
        build(NG_VENV, site_b)
        compared, problems = compare(site_a, site_b)
    if problems:
        print(f"compat: the sites of mkdocs {baseline} and mkdocs-ng {ng} differ in {len(problems)} files:")
        for problem in problems:
            print(f"  {problem}")
        sys.exit(1)
    seconds = time.perf_counter() - start
    print(
        f"compat: mkdocs {baseline} and mkdocs-ng {ng} built the same site: "
        f"{compared} files compared in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
