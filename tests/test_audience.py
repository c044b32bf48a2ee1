"""`mus build --audience guide`: a site of the guide alone, with no personal data at all,
safe to put on any intranet without the web server's access rules."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from mus_build.check.config import load_config
from mus_build.check.load import load_sources

from .conftest import TODAY, run, search_pages

REPO = Path(__file__).resolve().parent.parent
# The example guide shows how to write records with the example's own people (Anna Jensen's
# record of 2026-03-12 whole, and agreements and notes of others), and the question guide has
# a topic named as a department: text the guide's pages write themselves is the guide's,
# published as written. Everything else a record or a person's file says must stay out.
IN_THE_GUIDE_ITSELF = {"anna-jensen", "Anna Jensen", "Udvikling", "henrik-friis", "Henrik Friis"}


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("guide") / "handbook"
    root.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("guides", "content"):
        shutil.copytree(REPO / folder, root / folder)
    site = root.parent / "site"
    result = run(root, "build", "--audience", "guide", "--today", TODAY.isoformat(), "-d", str(site), "-q")
    assert result.exit_code == 0, result.output
    return root, site


def personal_texts(root: Path) -> set[str]:
    """Every id, name, address and line a person's file or record holds, headings aside."""
    config, _ = load_config(root / "mkdocs.yml")
    found: set[str] = set()
    for person in load_sources(config, TODAY).handbook.people.values():
        found |= {person.id, person.name, person.email or "", person.title or "", person.department or ""}
        found |= {line.strip() for line in person.body.splitlines()}
        for record in person.records:
            found |= {text for a in record.agreements for text in (a.what, a.note or "")}
            found |= {f.evaluation for f in record.follow_ups}
            found |= {line.strip() for line in record.body.splitlines()}
    return {text for text in found if text and not text.startswith("#")}


def guide_source(root: Path) -> str:
    """The text of the guide's own pages and question guide, as written in guides/."""
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((root / "guides").rglob("*")) if p.is_file()
    )


def site_texts(site: Path) -> dict[str, str]:
    """Every file of the site (decompressed), with its path as part of its text."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        rel = path.relative_to(site).as_posix()
        found[rel] = rel + "\n" + data.decode("utf-8", "replace")
    return found


def test_no_file_holds_anything_of_a_person(example):
    root, site = example
    texts = personal_texts(root)
    assert len(texts) > 400  # the example's people and records, not an empty handbook
    source = guide_source(root)
    quoted = {text for text in texts if text in source}
    assert IN_THE_GUIDE_ITSELF <= quoted
    assert len(quoted) < len(texts) / 5  # the guide quotes a few examples, not the handbook
    files = site_texts(site)
    leaked = sorted(
        f"{path}: {text!r}" for path, content in files.items() for text in texts - quoted if text in content
    )
    assert leaked == []


def test_only_the_guide_the_blank_sheets_and_the_theme_are_built(example):
    _, site = example
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert [p for p in pages if not p.startswith("guide/")] == [
        "departments/index.html",  # each says the list is not in this edition
        "due/index.html",
        "forms/index.html",
        "forms/leder/index.html",
        "forms/medarbejder/index.html",
        "index.html",
        "overdue/index.html",
        "people/index.html",
        "round/index.html",
        "teams/index.html",
    ]
    assert not (site / "exports").exists() and not (site / "owned").exists()
    people = (site / "people/index.html").read_text(encoding="utf-8")
    assert "Listen er ikke med i denne udgave af MUS-håndbogen" in people


def test_the_guide_is_there_and_searchable(example):
    _, site = example
    pages = {page["url"]: page for page in search_pages(site)}
    assert {"/guide/", "/guide/sporgeguide/", "/guide/fortrolighed/"} <= pages.keys()
    assert all(url.startswith("/guide/") for url in pages)
    assert "budgetlægningen" in pages["/guide/aarshjulet/"]["content"]


def test_the_navigation_holds_the_guide_and_the_blank_sheets(example):
    _, site = example
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Denne udgave af MUS-håndbogen indeholder MUS-guiden" in home
    assert 'href="forms/"' in home and 'href="guide/"' in home
    assert 'href="people/"' not in home and 'href="overdue/"' not in home


def test_build_help_offers_the_guide_alone(example):
    root, _ = example
    result = run(root, "build", "--help")
    assert result.exit_code == 0
    assert "--audience [all|guide]" in result.output
    assert "no personal data at all, safe to put on any intranet" in " ".join(result.output.split())
