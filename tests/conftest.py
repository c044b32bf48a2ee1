"""Shared helpers: a small handbook in a temporary folder, and the CLI run on it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mus_build.cli import main
from mus_build.messages import DEFAULT, speaking

from .chromium import browser  # noqa: F401 - one Chromium for tests/browser and tests/access

TODAY = dt.date(2026, 11, 26)

MKDOCS_YML = """\
site_name: Testhåndbog
extra:
  mus:
    roles:
      it: IT-support
"""

BOSS = """\
---
name: "Bo Hansen"
title: "Direktør"
department: "Ledelse"
---
"""

ANNA = """\
---
name: "Anna Jensen"
title: "Bogholder"
department: "Økonomi"
manager: bo-hansen
started: 2020-01-01
---
"""

FIRST_RECORD = """\
---
date: 2025-03-10
agreements:
  - id: excel-kursus
    what: "Tager kurset i avanceret Excel"
    owner: employee
    deadline: 2025-06-30
---
Noter fra samtalen.
"""


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: reading a handbook outside the CLI sets the
    language of the thread, and the next test must not inherit it."""
    with speaking(DEFAULT):
        yield


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_handbook(tmp_path):
    """Build a valid two-person handbook, with `files` added or replacing its files."""

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        base = {
            "mkdocs.yml": MKDOCS_YML,
            "content/people/bo-hansen/index.md": BOSS,
            "content/people/anna-jensen/index.md": ANNA,
            "content/people/anna-jensen/2025-03-10.md": FIRST_RECORD,
        }
        base.update(files or {})
        return write_tree(tmp_path / "handbook", base)

    return make


def run(root: Path, *args: str):
    """Run `mus` on the handbook at root; returns Click's result."""
    return CliRunner().invoke(main, [*args[:1], "-f", str(root / "mkdocs.yml"), *args[1:]])


def check(root: Path, *args: str):
    return run(root, "check", "--today", TODAY.isoformat(), *args)


FIXTURE = Path(__file__).parent / "fixtures" / "small"


@pytest.fixture
def small(tmp_path) -> Path:
    """A copy of the small fixed handbook in tests/fixtures/small, safe to change."""
    import shutil

    target = tmp_path / "small"
    shutil.copytree(FIXTURE, target)
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder with a hash of its bytes, and every symbolic link's target."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel + "/"] = ""
    return found


# Files a reader's browser unpacks: the sitemap's copy and the parts of the search index.
PACKED = (".gz", ".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")


def site_text(site: Path) -> dict[str, str]:
    """Every file of a built site as text, packed files unpacked, by its path in the site.
    The search index holds its words in lower case: compare with that in mind."""
    import gzip

    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(PACKED):
                data = gzip.decompress(data)
            files[path.relative_to(site).as_posix()] = data.decode("utf-8", "replace")
    return files


def search_pages(site: Path, bundle: str = "pagefind") -> list[dict]:
    """Each page in a search index as Pagefind keeps it: url, content, meta (title), anchors."""
    import gzip
    import json

    fragments = sorted((site / bundle / "fragment").glob("*.pf_fragment"))
    return [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in fragments]


def set_language(root: Path, language: str) -> None:
    """Give the handbook at root `language:` (da or en) in its mkdocs.yml, whatever else it says."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "\n  mus:\n" in f"\n{text}":
        text = text.replace("  mus:\n", f"  mus:\n    language: {language}\n", 1)
    elif "\nextra:\n" in f"\n{text}":
        text = text.replace("extra:\n", f"extra:\n  mus:\n    language: {language}\n", 1)
    else:
        text = text.rstrip("\n") + f"\nextra:\n  mus:\n    language: {language}\n"
    config.write_text(text, encoding="utf-8")


@pytest.fixture
def english_handbook(make_handbook):
    """make_handbook with `language: en`: for tests that pin the English messages."""

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        root = make_handbook(files)
        own = (files or {}).get("mkdocs.yml")
        if own is None:
            set_language(root, "en")
        elif isinstance(own, str) and not re.search(r"^extra:", own, re.MULTILINE):
            # A test's own mkdocs.yml keeps its lines as written: the language goes at its end.
            with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
                config.write(
                    ("" if own.endswith("\n") or not own else "\n") + "extra:\n  mus:\n    language: en\n"
                )
        return root

    return make
