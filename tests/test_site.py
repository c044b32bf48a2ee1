"""The generated pages (golden files) and the built site (HTML a reader gets)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.publish.build import staged_files

from .conftest import FIXTURE, TODAY, run, search_pages, snapshot, write_tree

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = [
    "index.md",
    "people/index.md",
    "people/anna-jensen/index.md",
    "overdue/index.md",
    "due/index.md",
    "teams/mette-boss/index.md",
    "round/index.md",
    "round/mette-boss/index.md",
    "forms/anna-jensen/index.md",
    "guide/sporgeguide.md",
]


def generated_pages(root: Path) -> dict[str, str]:
    """The staging folder's Markdown pages, made by the same function `mus build` uses."""
    config, problems = load_config(root / "mkdocs.yml")
    sources = load_sources(config, TODAY)
    assert problems + sources.problems == []
    return {
        path: data.decode() for path, data in staged_files(config, sources, TODAY) if path.endswith(".md")
    }


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_generated_markdown_matches_golden_file(page):
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff."""
    text = generated_pages(FIXTURE)[page]
    golden = GOLDEN / (page.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


# --- the built site -------------------------------------------------------------------


class _Text(HTMLParser):
    """Collects the visible text of table rows and headings inside the page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.headings: list[tuple[str, str]] = []
        self._cell: list[str] | None = None
        self._heading: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2", "h3", "h4"):
            self._heading, self._buffer = tag, []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._buffer).split()).rstrip("¶ ")))
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._buffer.append(data)


def parse(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def built(small, tmp_path) -> Path:
    site = tmp_path / "site"
    result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")
    assert result.exit_code == 0, result.output
    return site


def test_overdue_page_lists_rows_oldest_first(built):
    page = parse(built / "overdue/index.html")
    assert page.headings[0] == ("h1", "Overskredne aftaler")
    body_rows = [r for r in page.rows if r and r[0] != "Frist"]
    assert body_rows == [
        [
            "30. oktober 2026",
            "27",
            "Anna Jensen",
            "Skriver en vejledning | kontoplan og regler",
            "HR",
            "Mette Boss",
            "12. marts 2026",
        ],
        [
            "10. december 2026",
            "Anna Jensen",
            "Tester backup af økonomisystemet",
            "IT-support",
            "Mette Boss",
            "12. marts 2026",
        ],
    ]


def test_person_page_shows_open_agreements_and_history_newest_first(built):
    page = parse(built / "people/anna-jensen/index.html")
    html = (built / "people/anna-jensen/index.html").read_text(encoding="utf-8")
    assert page.headings[0] == ("h1", "Anna Jensen")
    conversations = [text for tag, text in page.headings if tag == "h2" and text.startswith("Samtale")]
    assert conversations == ["Samtale 12. marts 2026", "Samtale 10. marts 2025"]
    open_rows = page.rows[1:4]
    assert [r[0] for r in open_rows] == [
        "Skriver en vejledning | kontoplan og regler",
        "Tester backup af økonomisystemet",
        "Undersøger et lederkursus",
    ]
    assert open_rows[0][3:] == ["Overskredet", "27"]
    # The evaluation links to the agreement it evaluates, and continued agreements link both ways.
    assert 'href="#a-2025-03-10-excel-kursus"' in html
    assert 'id="a-2026-03-12-excel-kursus"' in html and 'href="#a-2026-03-12-excel-kursus"' in html
    # Edit links point at the source files, not at generated pages.
    assert "https://git.example.com/hr/mus/edit/main/content/people/anna-jensen/2026-03-12.md" in html
    assert 'href="https://git.example.com/hr/mus/edit/main/content/people/anna-jensen/index.md"' in html


def test_due_page_lists_late_and_never_held(built):
    page = parse(built / "due/index.html")
    names = [r[0] for r in page.rows if r and r[0] not in ("Navn",)]
    assert names == ["Cecilie Dam", "Mette Boss"]  # no MUS yet; Bo has left, Anna is not due


def test_guide_page_edit_link_points_at_guides_folder(built):
    html = (built / "guide/index.html").read_text(encoding="utf-8")
    assert "https://git.example.com/hr/mus/edit/main/guides/index.md" in html


def test_private_text_appears_nowhere(built):
    secrets = ["Anna nævnte en privat sag", "Denne hemmelige sætning"]
    for path in built.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            data = path.read_bytes().decode("utf-8", "replace")
            for secret in secrets:
                assert secret not in data, f"{secret!r} leaked into {path}"


def test_internal_site_is_not_indexed(built):
    assert (built / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert '<meta name="robots" content="noindex, nofollow">' in (built / "index.html").read_text()


def test_record_error_builds_nothing_and_keeps_the_old_site(small, built):
    before = snapshot(built)
    record = small / "content/people/anna-jensen/2026-03-12.md"
    record.write_text(record.read_text().replace("deadline: 2026-10-30", "dealine: 2026-10-30"))
    result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(built))
    assert result.exit_code == 1
    assert (
        "content/people/anna-jensen/2026-03-12.md:14: i punkt 2 under 'agreements': ukendt felt 'dealine'"
        in result.output
    )
    assert snapshot(built) == before


def test_mkdocs_failure_keeps_the_old_site(small, built):
    before = snapshot(built)
    (small / "guides/index.md").write_text("# Guide\n\n[Et link der ikke findes](findes-ikke.md)\n")
    result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(built), "-q")
    assert result.exit_code == 1
    assert "findes-ikke.md" in result.output
    assert snapshot(built) == before
    assert not list(built.parent.glob(".site.new-*"))


def test_refuses_a_folder_it_did_not_make(small, tmp_path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "budget.xlsx").write_text("do not delete")
    result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(precious))
    assert result.exit_code == 1
    assert "mappen har filer, som mus build ikke har lavet" in result.output
    assert (precious / "budget.xlsx").read_text() == "do not delete"


def test_same_input_gives_the_same_site(small, tmp_path):
    sites = []
    for name in ("one", "two"):
        site = tmp_path / name
        assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
        sites.append(snapshot(site))
    # The sitemap carries mkdocs' own build date; everything else is identical.
    strip = lambda s: {k: v for k, v in s.items() if not k.startswith("sitemap.xml")}  # noqa: E731
    assert strip(sites[0]) == strip(sites[1])
    assert any(path.startswith("pagefind/index/") for path in sites[0])  # the search index too


def test_a_site_built_in_parts_is_the_site_of_one_process(small, tmp_path, monkeypatch):
    """`-j 3`: three mkdocs processes share the pages; the site is byte for byte the one a
    single process writes, with a sitemap (it needs site_url) that lists every page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")  # mkdocs' build date, in the sitemap
    config = small / "mkdocs.yml"
    config.write_text("site_url: https://mus.example.dk/\n" + config.read_text())
    sites = []
    for jobs in ("1", "3"):
        site = tmp_path / f"jobs-{jobs}"
        result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q", "-j", jobs)
        assert result.exit_code == 0, result.output
        sites.append(snapshot(site))
    assert sites[0] == sites[1]
    sitemap = (tmp_path / "jobs-3" / "sitemap.xml").read_text()
    pages = sorted((tmp_path / "jobs-3").rglob("index.html"))
    assert sitemap.count("<loc>") == len(pages) > 20
    assert "<loc>https://mus.example.dk/people/anna-jensen/</loc>" in sitemap
    assert not list(tmp_path.glob("*.part-*"))


def test_the_themes_search_plugin_is_left_out(small, tmp_path):
    """A mkdocs.yml from before mus searched with Pagefind names the theme's search plugin
    (the small handbook's does): the site gets one search, Pagefind's, in the header."""
    assert "  - search:" in (small / "mkdocs.yml").read_text()
    site = tmp_path / "site"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    assert not (site / "search").exists()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    page = (site / "people" / "anna-jensen" / "index.html").read_text()
    assert page.count('class="md-search"') == 1 and "data-mus-search" in page
    assert 'data-md-component="search"' not in page


def test_raw_blocks_plugin_changes_nothing_a_reader_sees(small, tmp_path, monkeypatch):
    """The plugin spares mkdocs parsing, and keeps headings with nothing searchable under
    them out of the index. With a plain plugin in its place, every page is the same but
    for those headings' attribute and the markers the plugin removes."""
    from mkdocs.plugins import BasePlugin

    from mus_build.publish import rawblocks

    sites = []
    for name in ("with", "without"):
        if name == "without":
            monkeypatch.setattr(rawblocks, "RawBlocks", BasePlugin)
        sites.append(_built_files(small, tmp_path / name))
    # The search index differs by those headings; it is compared by what it finds below.
    with_plugin, without = ({k: v for k, v in s.items() if not k.startswith("pagefind/")} for s in sites)
    assert not any(b"mus:raw" in data for data in with_plugin.values())
    unmarked = {k: re.sub(rb"<(h[1-6]) data-pagefind-ignore ", rb"<\1 ", v) for k, v in with_plugin.items()}
    assert unmarked == {k: v.replace(b"<!-- mus:raw -->\n", b"") for k, v in without.items()}
    # The heading over the table of open agreements is out of search; each conversation is in.
    anchors = {
        anchor["id"]
        for page in search_pages(tmp_path / "with")
        if page["url"] == "/people/anna-jensen/"
        for anchor in page["anchors"]
    }
    assert {"samtale-10-marts-2025", "samtale-12-marts-2026"} <= anchors
    assert "abne-aftaler" not in anchors
    page = (tmp_path / "with/people/anna-jensen/index.html").read_text()
    assert '<h2 data-pagefind-ignore id="abne-aftaler">' in page


def test_raw_blocks_read_again_beyond_what_is_held(small, tmp_path, monkeypatch):
    """A large build holds the blocks of its first pages only, and reads the others' again
    from their files when it writes them: the site is the same either way."""
    from mus_build.publish import rawblocks

    sites = []
    for held in (rawblocks.HELD_CHARS, 0):
        monkeypatch.setattr(rawblocks, "HELD_CHARS", held)
        sites.append(_built_files(small, tmp_path / str(held)))
    assert sites[0] == sites[1]
    assert not any(b"mus:raw" in data for data in sites[1].values())


@pytest.mark.parametrize(
    ("markdown", "lifted", "found"),
    [
        (
            "a\n<!-- mus:raw -->\n<p>x</p>\n<p>y</p>\n\nb\n",
            "a\n<!-- mus:raw 0 -->\n\nb\n",
            ["<p>x</p>\n<p>y</p>"],
        ),
        ("<!-- mus:raw -->\n<p>x</p>", "<!-- mus:raw 0 -->\n", ["<p>x</p>"]),  # the page's end
        ("<!-- mus:raw -->\n<p>x</p>\n  \n<p>y</p>\n", "<!-- mus:raw 0 -->\n  \n<p>y</p>\n", ["<p>x</p>"]),
        ("<!-- mus:raw -->\n<p>x</p>\n\f<p>y</p>\n", "<!-- mus:raw 0 -->\n\f<p>y</p>\n", ["<p>x</p>"]),
        ("<!-- mus:raw -->\n<div>\n<!-- mus:raw -->\n</div>\n", "<!-- mus:raw 0 -->\n", ["<div>\n</div>"]),
        ("a <!-- mus:raw -->\n<p>x</p>\n", "a <!-- mus:raw -->\n<p>x</p>\n", []),  # not a line's start
        ("<!-- mus:raw -->\n\n<p>x</p>\n", "<!-- mus:raw -->\n\n<p>x</p>\n", []),  # no block under it
    ],
)
def test_raw_blocks_are_the_lines_under_their_marker(markdown, lifted, found):
    from mus_build.publish.rawblocks import lift

    assert lift(markdown) == (lifted, found)


def _built_files(handbook, site):
    """Every file `mus build` writes, but the sitemap (it names the day of the build)."""
    assert run(handbook, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    files = (p for p in sorted(site.rglob("*")) if p.is_file() and not p.name.startswith("sitemap.xml"))
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files}


def test_english_site(small, tmp_path):
    config = small / "mkdocs.yml"
    config.write_text(config.read_text().replace("    roles:", "    language: en\n    roles:"))
    site = tmp_path / "site"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    html = (site / "overdue/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert "<h1" in html and "Overdue agreements" in html and "October 30, 2026" in html


def test_values_are_text_not_markup(small, tmp_path):
    person = small / "content/people/cecilie-dam/index.md"
    person.write_text('---\nname: "Cecilie <script>alert(1)</script> *Dam* | x"\nmanager: mette-boss\n---\n')
    site = tmp_path / "site"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    html = (site / "people/cecilie-dam/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert re.search(r"<title>Cecilie &lt;script&gt;alert\(1\)&lt;/script&gt; \*Dam\* \| x - ", html)
    people = parse(site / "people/index.html")
    assert ["Cecilie <script>alert(1)</script> *Dam* | x"] == [
        r[0] for r in people.rows if r and "Cecilie" in r[0]
    ]


def broken_links(site: Path) -> list[str]:
    """Every link in the site's pages that leads to no file, as 'page -> href'."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        for href in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8")):
            target = href.split("#")[0].split("?")[0]
            if not target or re.match(r"[a-z]+:", target):
                continue
            path = (site / target.lstrip("/") if target.startswith("/") else page.parent / target).resolve()
            if target.endswith("/") or path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


def test_every_link_leads_to_a_page(built):
    assert broken_links(built) == []


@pytest.mark.parametrize("written", ["false", "False", "no", "off"])
def test_pages_as_html_files_keep_every_link(small, tmp_path, written):
    """use_directory_urls: false (in any spelling mkdocs reads as false) makes
    people/anna-jensen.html-style pages; every link mus writes must follow."""
    config = small / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "edit_uri:", f"site_url: https://mus.example.com/\nuse_directory_urls: {written}\nedit_uri:"
        )
    )
    site = tmp_path / "site"
    result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")
    assert result.exit_code == 0, result.output
    assert (site / "guide/sporgeguide.html").is_file()
    assert broken_links(site) == []
    overdue = (site / "overdue/index.html").read_text(encoding="utf-8")
    assert 'href="../people/anna-jensen/index.html#a-2026-03-12-' in overdue
    calendar = (site / "exports/calendar.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "URL:https://mus.example.com/people/anna-jensen/index.html" in calendar
    assert "/people/anna-jensen/\r\n" not in calendar


def test_guide_page_saved_with_windows_line_endings_keeps_its_front_matter(small, tmp_path):
    (small / "guides/om.md").write_bytes(b"---\r\ntitle: Om MUS\r\n---\r\n\r\nMUS er en samtale.\r\n")
    site = tmp_path / "site"
    result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")
    assert result.exit_code == 0, result.output
    html = (site / "guide/om/index.html").read_text(encoding="utf-8")
    assert "title: Om MUS" not in html
    assert "<title>Om MUS - Lille håndbog</title>" in html
    assert "MUS er en samtale." in html


def test_due_soon_link_follows_the_sites_own_heading_ids(small, tmp_path):
    """A site may set its own toc slugify; the home page's "due soon" figure must still
    land on the list."""
    config = small / "mkdocs.yml"
    config.write_text(
        config.read_text()
        + "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
        "        kwds: {case: upper}\n"
    )
    text = config.read_text().replace("  mus:\n", "  mus:\n    allow_unsafe_config: true\n")
    config.write_text(text)
    site = tmp_path / "site"
    result = run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")
    assert result.exit_code == 0, result.output
    home = (site / "index.html").read_text(encoding="utf-8")
    link = re.search(r'href="(overdue/#[^"]+)"', home)
    assert link, home
    overdue = (site / "overdue/index.html").read_text(encoding="utf-8")
    fragment = link.group(1).split("#")[1]
    heading_after = overdue[overdue.index(f'id="{fragment}"') :][:300]
    assert "Aftaler med frist snart" in heading_after


def test_what_a_person_is_named_owner_of_in_others_conversations_has_its_own_page(built):
    """Anna's record names Mette as owner of one agreement (the other one Mette owns there is
    written `owner: manager`: as her manager she reads that conversation anyway)."""
    page = parse(built / "owned/mette-boss/index.html")
    assert page.headings[0] == ("h1", "Aftaler, Mette Boss er ansvarlig for")
    assert [r for r in page.rows if r and r[0] != "Aftale"] == [
        ["Undersøger et lederkursus", "Anna Jensen", "1. marts 2027", "Åben"],
    ]
    html = (built / "owned/mette-boss/index.html").read_text(encoding="utf-8")
    # Nothing else of her conversations: no notes, evaluations, other agreements, link to her page.
    for text in ("Anna trives", "Virker fint", "Tester backup", "people/anna-jensen"):
        assert text not in html
    assert 'href="../../owned/mette-boss/"' in (built / "people/mette-boss/index.html").read_text(
        encoding="utf-8"
    )
    assert "owned/" not in (built / "people/anna-jensen/index.html").read_text(encoding="utf-8")
    assert not (built / "owned/anna-jensen").exists()  # what she owns is in her own conversations


def test_what_a_person_owns_is_listed_by_deadline_whoever_s_it_is(small, tmp_path):
    """Bo's agreement, due before Anna's, comes first on the owner's page."""
    record = small / "content/people/bo-berg/2025-02-03.md"
    record.write_text(record.read_text(encoding="utf-8").replace("owner: employee", "owner: mette-boss"))
    site = tmp_path / "site"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    page = parse(site / "owned/mette-boss/index.html")
    assert [r[:2] for r in page.rows if r and r[0] != "Aftale"] == [
        ["Rydder op i arkivet", "Bo Berg"],
        ["Undersøger et lederkursus", "Anna Jensen"],
    ]


@pytest.mark.parametrize("audience", ["all", "guide"])
def test_a_handbook_without_a_guide_still_gets_a_search(tmp_path, audience):
    """Pagefind cannot index nothing: with no guide page to search, the site's index holds
    one page, the front page, so the search box works and finds no one it should not."""
    from .access.conftest import MKDOCS_YML as WITH_ACCESS
    from .access.conftest import handbook_files

    files = {k: v for k, v in handbook_files().items() if not k.startswith("guides/")}
    assert files["mkdocs.yml"] == WITH_ACCESS
    root = write_tree(tmp_path / "handbook", files)
    site = tmp_path / "site"
    result = run(root, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q", "--audience", audience)
    assert result.exit_code == 0, result.output
    assert [page["url"] for page in search_pages(site)] == ["/"]
    if audience == "all":  # the people are in their readers' own indexes
        assert (site / "search" / "everyone" / "pagefind-entry.json").is_file()


def test_an_index_made_with_one_thread_is_the_one_made_with_every_core(small, tmp_path):
    """The preview's index leaves a core to the rounds (publish/background_search.py)."""
    from mus_build.publish import search_index

    site = tmp_path / "site"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    config, _ = load_config(small / "mkdocs.yml")
    made = {}
    for threads in (None, 1):
        out = tmp_path / f"index-{threads}"
        search_index.build(site, out, search_index.bundles(None), config, threads=threads)
        made[threads] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert any(p.name == "pagefind-entry.json" for p in made[1]) and made[1] == made[None]


def test_timings_name_every_step_of_the_build(small, tmp_path):
    result = run(
        small, "build", "--today", TODAY.isoformat(), "-d", str(tmp_path / "site"), "-q", "--timings"
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.endswith(" s")]
    steps = {line.split(":")[0].strip() for line in lines}  # the index ends before or after the scan
    assert steps == {
        "load", "validate", "sign-offs from Git", "generate", "write", "mkdocs",
        "search index", "private scan", "waiting for the index", "swap",
    }  # fmt: skip
    assert len({line.index(":") for line in lines}) == 1  # one column
