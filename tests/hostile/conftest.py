"""The handbook of every accepted hostile case, built once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mus_build.cli import main
from mus_build.model.names import slugify

from ..conftest import TODAY, search_pages, site_text, write_tree
from .corpus import ACCEPTED

OUTSIDE_TEXT = "OUTSIDE-SECRET-CONTENT"

GUIDE = "# Guiden\n\nSådan holder vi MUS.\n"


def hostile_mkdocs_yml(nav_people: list[str], nav_departments: list[str]) -> str:
    """Material and a navigation that lists hostile pages, so their titles
    land in the navigation too (the default navigation keeps person pages out)."""
    nav = ["  - index.md", "  - guide/index.md", "  - people/index.md", "  - departments/index.md"]
    nav += [f"  - people/{person}/index.md" for person in nav_people]
    nav += [f"  - departments/{department}/index.md" for department in nav_departments]
    return (
        "site_name: Fjendtlig håndbog\n"
        "theme:\n  name: material\n  language: da\n  features:\n"
        "    - navigation.tabs\n"
        "nav:\n" + "\n".join(nav) + "\n"
    )


def substitute(value: str | bytes, outside: Path) -> str | bytes:
    if isinstance(value, bytes):
        return value
    return value.replace("{OUTSIDE}", str(outside))


@dataclass
class BuiltSite:
    root: Path  # the handbook
    site: Path
    outside: Path  # a secret file beside the handbook
    output: str

    def read(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    def search_docs(self) -> list[dict]:
        return search_pages(self.site)

    def all_text(self) -> dict[str, str]:
        """Every file of the site as text, packed files unpacked."""
        return site_text(self.site)


@pytest.fixture(scope="session")
def accepted_site(tmp_path_factory) -> BuiltSite:
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE_TEXT + "\n")
    (outside.parent / "secret.png").write_text("OUTSIDE-SECRET-PNG\n")
    root = base / "handbook"
    files: dict[str, str | bytes] = {"guides/index.md": GUIDE}
    nav_people, departments = [], set()
    for case in ACCEPTED:
        for name, content in case.files().items():
            files[f"content/people/{case.name}/{name}"] = substitute(content, outside)
        if case.person:
            nav_people.append(case.name)
        if "department" in case.person:
            departments.add(slugify(case.person["department"]) or "afdeling")
    files["mkdocs.yml"] = hostile_mkdocs_yml(nav_people, sorted(departments))
    write_tree(root, files)
    site = base / "site"
    result = CliRunner().invoke(
        main,
        ["build", "--today", TODAY.isoformat(), "-d", str(site), "-q", "-f", str(root / "mkdocs.yml")],
    )
    assert result.exit_code == 0, result.output
    return BuiltSite(root, site, outside, result.output)
