"""The hostile corpus: every rejected case fails `mus check` at its exact line; every
accepted case is built (all in one site) and shows as text, never as markup."""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager

import pytest

from ..conftest import TODAY, check, run
from .conftest import OUTSIDE_TEXT, BuiltSite
from .corpus import ACCEPTED, REJECTED, Accepted, Rejected, agreement
from .htmlscan import collapse, title_text, unsafe_markup, visible_text


def test_the_corpus_is_large_enough():
    assert len(REJECTED) + len(ACCEPTED) >= 60
    names = [c.name for c in REJECTED + ACCEPTED]
    assert len(names) == len(set(names))


# --- rejected ----------------------------------------------------------------------------

HANG_LIMIT = 300  # seconds; a guard against a read that never returns, not a speed limit


@contextmanager
def hang_guard(what: str):
    """Fail instead of waiting for ever (a FIFO named like a record blocks whoever opens it).
    Speed is measured in bench/, on a known machine; here only a hang is an error."""

    def give_up(signum, frame):
        raise AssertionError(f"{what} had not returned after {HANG_LIMIT} s: it hangs")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(HANG_LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("case", REJECTED, ids=str)
def test_rejected_with_file_and_line(english_handbook, case: Rejected):
    root = english_handbook(case.files)
    if case.setup:
        case.setup(root)
    with hang_guard("mus check"):
        result = check(root)
    output = result.output
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    prefix = f"{case.path}:{case.line}: "
    lines = [line for line in output.splitlines() if line.startswith(prefix)]
    assert any(case.gist in line for line in lines), f"expected {prefix}...{case.gist}\n{output[:3000]}"
    # A hostile file never floods the terminal: no message quotes a whole value.
    assert max(len(line) for line in output.splitlines()) < 400
    assert len(output) < 10_000


def test_python_tag_in_a_record_runs_nothing(english_handbook, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "pwned-by-record"
    root = english_handbook(
        {
            "content/people/anna-jensen/2026-03-12.md": (
                f"---\ndate: 2026-03-12\nprivate: !!python/object/apply:os.system ['touch {marker}']\n---\n"
            )
        }
    )
    assert check(root).exit_code == 1
    assert not marker.exists()


# --- accepted ----------------------------------------------------------------------------


def _expected(text: str, built: BuiltSite) -> str:
    return collapse(text.replace("{OUTSIDE}", str(built.outside)))


@pytest.mark.parametrize("case", ACCEPTED, ids=str)
def test_accepted_is_shown_as_text(accepted_site: BuiltSite, case: Accepted):
    html = accepted_site.read(f"people/{case.name}/index.html")
    assert unsafe_markup(html) == []
    text = visible_text(html)
    for expected in case.visible:
        assert _expected(expected, accepted_site) in text, f"{expected!r} is not shown as text"

    # The search index holds the page's text as text (the search box shows it as text,
    # tests/browser/test_hostile_records.py).
    docs = [d for d in accepted_site.search_docs() if d["url"] == f"/people/{case.name}/"]
    assert len(docs) == 1
    if "name" in case.person:  # the page's title is always in the index, as text
        assert _expected(case.visible[0], accepted_site) in collapse(docs[0]["meta"]["title"])

    if case.absent:
        for rel, content in accepted_site.all_text().items():
            for secret in case.absent:
                assert secret not in content, f"{secret!r} reached {rel}"


def test_no_page_of_the_hostile_site_can_run_anything(accepted_site: BuiltSite):
    findings = {}
    for rel, content in accepted_site.all_text().items():
        if rel.endswith(".html"):
            found = unsafe_markup(content)
            if found:
                findings[rel] = found
    assert findings == {}


def test_names_are_text_in_title_navigation_and_lists(accepted_site: BuiltSite):
    name = "</title><script>alert('navn')</script>"
    page = accepted_site.read("people/title-breakout-in-name/index.html")
    assert title_text(page) == f"{name} - Fjendtlig håndbog"
    # In the navigation of every page (mkdocs.yml lists the person page), in the people
    # list, on the team page of the people this person manages, and in its heading.
    for rel in ("index.html", "people/index.html", "teams/title-breakout-in-name/index.html"):
        html = accepted_site.read(rel)
        assert unsafe_markup(html) == []
        assert name in visible_text(html), rel
    assert title_text(accepted_site.read("teams/title-breakout-in-name/index.html")).startswith(
        f"Team: {name}"
    )
    department = accepted_site.read("departments/svg-onload-alert-1/index.html")
    assert title_text(department) == "<svg onload=alert(1)> - Fjendtlig håndbog"


def test_right_to_left_override_is_removed_from_every_page(accepted_site: BuiltSite):
    for rel, content in accepted_site.all_text().items():
        if rel.endswith((".html", ".json")) and not rel.startswith("exports/"):
            assert "\u202e" not in content, rel


def test_no_file_outside_the_handbook_is_read_or_copied(accepted_site: BuiltSite):
    names = {p.name for p in accepted_site.site.rglob("*")}
    assert not names & {"secret.txt", "secret.png", "passwd"}
    for rel, content in accepted_site.all_text().items():
        assert OUTSIDE_TEXT not in content, rel


def test_sitemap_holds_only_addresses(accepted_site: BuiltSite):
    sitemap = accepted_site.read("sitemap.xml")
    assert "javascript:" not in sitemap and "<script" not in sitemap


def test_a_guide_page_that_is_a_symbolic_link_is_not_published(english_handbook, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("OUTSIDE-GUIDE-SECRET\n")
    root = english_handbook({"guides/index.md": "# Guide\n"})
    (root / "guides/leak.md").symlink_to(outside)
    result = run(root, "build", "--today", TODAY.isoformat(), "-d", str(tmp_path / "site"), "-q")
    assert result.exit_code == 1
    assert "guides/leak.md:1: is a symbolic link; guide pages must be ordinary files" in result.output
    site_text = [p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert not any("OUTSIDE-GUIDE-SECRET" in text for text in site_text), result.output


# Dates that passed `mus check` (or crashed it) and then crashed every build.
CRASHED_THE_BUILD = [
    "left-in-year-9999",
    "record-in-year-9999",
    "deadline-in-year-9999",
    "next-mus-in-year-9999",
]


@pytest.mark.parametrize("case", [c for c in REJECTED if c.name in CRASHED_THE_BUILD], ids=str)
def test_a_date_out_of_range_stops_the_build_with_its_message(english_handbook, tmp_path, case: Rejected):
    root = english_handbook(case.files)
    site = tmp_path / "site"
    result = run(root, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert f"{case.path}:{case.line}: " in result.output and case.gist in result.output, result.output
    assert "Nothing was built; the previous site is unchanged." in result.output
    assert not site.exists()


def test_the_last_dates_in_the_range_build_with_the_widest_settings(english_handbook, tmp_path):
    """Every date computed from one in the range (a next MUS 60 months on, the retention
    warning 100 years on, a calendar event's end) still exists."""
    last = "2199-12-31"
    root = english_handbook(
        {
            "mkdocs.yml": "site_name: Testhåndbog\nextra:\n  mus:\n    interval_months: 60\n"
            "    retention_years: 100\n",
            "content/people/bo-hansen/index.md": f'---\nname: "Bo Hansen"\nleft: {last}\n---\n',
            f"content/people/bo-hansen/{last}.md": f"---\ndate: {last}\n"
            + agreement().replace("2026-06-30", last)
            + "---\n",
        }
    )
    result = run(root, "build", "--today", last, "-d", str(tmp_path / "site"), "-q")
    assert result.exit_code == 0, result.output
    assert "DTEND;VALUE=DATE:22050101" in (tmp_path / "site/exports/calendar.ics").read_text()


@pytest.mark.parametrize("day", ["2200-01-01", "1899-12-31", "9999-12-31"])
def test_today_outside_the_range_is_a_usage_error(english_handbook, day):
    result = run(english_handbook(), "check", "--today", day)
    assert result.exit_code == 2
    assert f"expected a date from 1900-01-01 to 2199-12-31, but received '{day}'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# A file name is printed in every problem about its file: a newline in it would add lines
# of its own to a CI log (a fake error, or `::stop-commands::` that silences the real
# annotations), and an escape sequence would drive the terminal.
HOSTILE_NAMES = {
    "guides/ny\n::error::falsk alarm.md": "guides/ny?::error::falsk alarm.md",
    "guides/\n::stop-commands::pause\n.md": "guides/?::stop-commands::pause?.md",
    "guides/ny\x1b[31mrød\x1b]0;titel\x07.md": "guides/ny?[31mrød?]0;titel?.md",
    "content/people/anna-jensen/noter\x1b[2J.md": "content/people/anna-jensen/noter?[2J.md",
}


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_file_names_are_printed_on_one_line_without_control_characters(english_handbook, fmt):
    not_utf8 = b"---\ntitle: \xff\n---\n"
    root = english_handbook({name: not_utf8 for name in HOSTILE_NAMES})
    result = check(root, "--format", fmt)
    assert result.exit_code == 1, result.output
    output = result.output
    assert "\x1b" not in output and "\x07" not in output
    lines = output.splitlines()
    for line in lines:
        assert not line.startswith(("::error::", "::stop-commands::", ".md")), line
    if fmt == "json":
        paths = {problem["path"] for problem in json.loads(result.stdout)}
        assert paths == set(HOSTILE_NAMES.values())
        return
    for shown in HOSTILE_NAMES.values():
        assert any(line.startswith(f"{shown}:1: ") for line in lines), shown
        if fmt == "github":
            escaped = shown.replace(":", "%3A").replace(",", "%2C")
            assert any(line.startswith(f"::error file={escaped},line=1,title=mus check::") for line in lines)
