"""The guide's examples are the example handbook's: every record or person file it shows
passes `mus check` when copied into the handbook, every agreement it quotes is one of the
handbook's, and every person id and agreement reference it names exists."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from mus_build.check.config import load_config
from mus_build.check.load import load_sources

from .conftest import TODAY, check

REPO = Path(__file__).resolve().parent.parent
GUIDES = REPO / "guides"
FENCE = re.compile(r"^```(markdown|yaml)\n(.*?)^```", re.M | re.S)
# A whole file in the guide begins with its front matter and a comment naming where it lies.
WHOLE_FILE = re.compile(r"\A---\n# (content/people/([a-z0-9-]+)/(?:index|\d{4}-\d{2}-\d{2})\.md)\n")
REFERENCE = re.compile(r"\b(\d{4}-\d{2}-\d{2})/([a-z0-9]+(?:-[a-z0-9]+)*)\b")
# Where the guide names a person by id: an owner or manager, a team's or a person's page, a
# person's folder, or `mus new ID`.
PERSON_ID = re.compile(
    r"(?:\b(?:owner|manager): |\bteams/|\bpeople/|\bforms/|content/people/|\bmus new |`)([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\b"
)
# Other ids the guide writes in backticks: agreements and the name of a branch.
NOT_PEOPLE = {"excel-kursus", "kort-navn", "mus-anna-jensen-2026-03-12"}


def blocks() -> list[tuple[str, str]]:
    """Every fenced Markdown or YAML block of the guide, with the page it is on."""
    return [
        (page.name, match.group(2))
        for page in sorted(GUIDES.glob("*.md"))
        for match in FENCE.finditer(page.read_text(encoding="utf-8"))
    ]


WHOLE_FILES = [(page, text) for page, text in blocks() if WHOLE_FILE.match(text)]


@pytest.fixture(scope="module")
def handbook():
    config, _ = load_config(REPO / "mkdocs.yml")
    return load_sources(config, TODAY).handbook


def test_the_guide_shows_whole_files_from_the_example():
    shown = sorted(WHOLE_FILE.match(text).group(1) for _, text in WHOLE_FILES)  # type: ignore[union-attr]
    assert "content/people/anna-jensen/2026-03-12.md" in shown  # the complete example
    assert "content/people/ida-skov/index.md" in shown  # a person's file
    assert len(shown) >= 3


@pytest.mark.parametrize(("page", "text"), WHOLE_FILES, ids=lambda v: v if v.endswith(".md") else "")
def test_a_whole_file_in_the_guide_passes_check_in_the_example_handbook(tmp_path, page, text):
    root = tmp_path / "handbook"
    root.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content")
    path = WHOLE_FILE.match(text).group(1)  # type: ignore[union-attr]
    (root / path).write_text(text, encoding="utf-8")
    result = check(root, "--strict")
    assert result.exit_code == 0, f"{page}, the example of {path}:\n{result.output}"


def test_the_complete_example_is_the_record_itself():
    record = (REPO / "content/people/anna-jensen/2026-03-12.md").read_text(encoding="utf-8")
    shown = [text for _, text in WHOLE_FILES if "anna-jensen/2026-03-12.md\n" in text.splitlines(True)[1]]
    assert any(
        text.replace("# content/people/anna-jensen/2026-03-12.md\n", "", 1) == record for text in shown
    )


def test_every_agreement_the_guide_quotes_is_the_handbooks(handbook):
    agreements = {
        (a.id, a.what): a for person in handbook.people.values() for r in person.records for a in r.agreements
    }
    quoted = []
    for page, text in blocks():
        if WHOLE_FILE.match(text) or "id:" not in text or "what:" not in text:
            continue
        items = yaml.safe_load(textwrap.dedent(text))
        items = items.get("agreements", []) if isinstance(items, dict) else items
        for item in items:
            found = agreements.get((item["id"], item["what"]))
            assert found is not None, f"{page}: {item['id']!r} is not an agreement of the example handbook"
            shown = {k: item.get(k) for k in ("owner", "deadline", "status", "done_on", "note")}
            actual = {k: getattr(found, k) for k in shown}
            assert {k: v for k, v in shown.items() if v is not None} == {
                k: v for k, v in actual.items() if shown[k] is not None
            }, page
            quoted.append(item["id"])
    assert len(quoted) >= 4


def test_every_person_id_the_guide_names_exists(handbook):
    roles = {"employee", "manager", "hr", "it"}
    named = {
        (page.name, found)
        for page in sorted(GUIDES.glob("*.md"))
        for found in PERSON_ID.findall(page.read_text(encoding="utf-8"))
        if found not in roles | NOT_PEOPLE
    }
    ids = {found for _, found in named}
    assert {"henrik-friis", "anna-jensen", "ida-skov"} <= ids  # the pattern finds them
    missing = sorted(f"{page}: {found}" for page, found in named if found not in handbook.people)
    assert missing == []


def test_every_agreement_reference_the_guide_names_exists(handbook):
    refs = {
        (a.record.isoformat(), a.id)
        for person in handbook.people.values()
        for r in person.records
        for a in r.agreements
    }
    named = {
        (page.name, date, slug)
        for page in sorted(GUIDES.glob("*.md"))
        for date, slug in REFERENCE.findall(page.read_text(encoding="utf-8"))
    }
    assert len(named) >= 3
    missing = sorted(f"{page}: {date}/{slug}" for page, date, slug in named if (date, slug) not in refs)
    assert missing == []
