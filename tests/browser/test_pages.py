"""What a reader sees on the pages of the example handbook, as of 2026-11-26."""

from __future__ import annotations

import struct

import pytest

from .conftest import REPO, VIEWPORT

# `mus overdue --today 2026-11-26 --format json`: oldest deadline first.
OVERDUE = [
    ("mads-hoej-nielsen", 240),
    ("anders-vestergaard", 181),
    ("soeren-aeroe-madsen", 57),
    ("anna-jensen", 27),
    ("henrik-friis", 13),
]

# The rows of a table as the reader sees them: every cell's text, and the people it links to.
ROWS = """table => [...table.tBodies[0].rows].map(row => ({
    cells: [...row.cells].map(cell => cell.innerText.trim()),
    people: [...row.querySelectorAll("a[href]")]
        .map(a => (new URL(a.href).pathname.match(/\\/people\\/([^/]+)\\/$/) || [])[1])
        .filter(Boolean),
}))"""


def heading(locator) -> str:
    """A heading's text without the permalink sign material adds."""
    return locator.inner_text().rstrip("¶").strip()


def table_after(page, heading_id: str):
    """The first table after the heading with this id."""
    return page.locator(f"xpath=//*[@id='{heading_id}']/following::table[1]")


@pytest.mark.browser
def test_person_page_shows_open_agreements_and_history(page, site_url):
    page.goto(site_url + "people/soeren-aeroe-madsen/")
    assert heading(page.locator("h1")) == "Søren Ærø-Madsen"
    assert page.title() == "Søren Ærø-Madsen - Fjordlys MUS-håndbog"
    assert heading(page.locator("h2#abne-aftaler")) == "Åbne aftaler"

    rows = table_after(page, "abne-aftaler").evaluate(ROWS)
    assert [row["cells"] for row in rows] == [
        ["Tilmelder Søren kurset i EMC-design af printkort", "Jens Østergaard", "30. september 2026", "Overskredet", "57"],
        ["Er faglig sparringspartner for Emil om test af driverprint", "Søren Ærø-Madsen", "29. januar 2027", "Åben", ""],
    ]  # fmt: skip

    conversations = page.locator("h2[id^='samtale-']")
    assert [heading(h) for h in conversations.all()] == [
        "Samtale 17. marts 2026",
        "Samtale 20. marts 2025",
        "Samtale 12. marts 2024",
    ]
    body = page.locator("article").inner_text()
    assert "Han ønsker et kursus i EMC-design af printkort" in body  # the notes are shown
    assert "anden virksomhed" not in body  # the private part of the same notes is not


@pytest.mark.browser
def test_overdue_index_lists_the_overdue_agreements_oldest_first(page, site_url):
    page.goto(site_url + "overdue/")
    assert heading(page.locator("h1")) == "Overskredne aftaler"
    assert "Tal pr. 26. november 2026" in page.locator("article").inner_text()
    rows = page.locator("article table").first.evaluate(ROWS)
    assert [(row["people"][0], int(row["cells"][1])) for row in rows] == OVERDUE
    assert rows[0]["cells"][:4] == [
        "31. marts 2026",
        "240",
        "Mads Høj Nielsen",
        "Undersøger en mentorordning med en erfaren firmwareudvikler uden for huset",
    ]


@pytest.mark.browser
def test_people_list_links_everyone_by_department(page, site_url):
    page.goto(site_url + "people/")
    assert heading(page.locator("h1")) == "Medarbejdere"
    assert [heading(h) for h in page.locator("article h2").all()] == [
        "Direktion",
        "Salg og marked",
        "Udvikling",
        "Økonomi og administration",
    ]
    listed = [
        row["people"][0] for table in page.locator("article table").all() for row in table.evaluate(ROWS)
    ]
    everyone = sorted(p.name for p in (REPO / "content" / "people").iterdir() if (p / "index.md").is_file())
    assert sorted(listed) == everyone


@pytest.mark.browser
def test_team_page_shows_the_team_and_its_overdue_agreements(page, site_url):
    page.goto(site_url + "teams/henrik-friis/")
    assert heading(page.locator("h1")) == "Team: Henrik Friis"
    members = table_after(page, "medarbejdere").evaluate(ROWS)
    assert [row["people"][0] for row in members] == ["anna-jensen", "birgitte-soerensen", "kasper-holm"]
    overdue = table_after(page, "overskredne-aftaler").evaluate(ROWS)
    assert [(row["people"][0], row["cells"][1]) for row in overdue] == [("anna-jensen", "27")]


@pytest.mark.browser
def test_home_to_a_person_in_two_clicks(page, site_url):
    page.goto(site_url)
    assert heading(page.locator("h1")) == "Fjordlys MUS-håndbog"
    page.locator(".md-tabs__link", has_text="Medarbejdere").click()  # 1
    page.wait_for_url("**/people/")
    page.locator("article a", has_text="Anna Jensen").first.click()  # 2
    page.wait_for_url("**/people/anna-jensen/")
    assert heading(page.locator("h1")) == "Anna Jensen"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
@pytest.mark.parametrize(
    ("name", "path"),
    [("home", ""), ("person-anna-jensen", "people/anna-jensen/"), ("overdue", "overdue/")],
)
def test_screenshot(page, site_url, screenshots, name, path):
    """Full-page screenshots in tests/screenshots/ (not committed), to look at after a change."""
    page.goto(site_url + path)
    target = screenshots / f"{name}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)
    width, height = png_size(target.read_bytes())
    assert width == VIEWPORT["width"]
    assert height >= VIEWPORT["height"]
