"""The pure helpers, one table each: every row is an input and what must come of it.

The expected values are worked out from what each helper promises, not copied from
its output; a row that fails is a helper that broke its promise (or a promise to fix).
"""

from __future__ import annotations

import datetime as dt

import pytest

from mus_build.check import fields
from mus_build.check.problems import LineError
from mus_build.check.yamltree import Mapping, Scalar, Sequence
from mus_build.messages import speaking
from mus_build.model.dates import add_months
from mus_build.model.layout import person_file, record_file
from mus_build.model.names import clean, is_id, slugify
from mus_build.pages.markup import esc, md
from mus_build.pages.paths import absolute_url, page_url, relative, url


@pytest.fixture(autouse=True)
def english():
    """The converters' messages are pinned in English here; tests/test_messages.py pins the Danish."""
    with speaking("en"):
        yield


D = dt.date

# --- mus_build.model.names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("anna-jensen", True),
        ("a", True),
        ("2026", True),
        ("a1-2b-c3", True),
        ("", False),
        ("Anna", False),
        ("anna jensen", False),
        ("anna_jensen", False),
        ("anna--jensen", False),
        ("-anna", False),
        ("anna-", False),
        ("søren", False),
        ("\u0430nna", False),  # Cyrillic а
        ("anna\u202ejensen", False),
        ("arkiv\n", False),  # `$` with re.match would let the newline through
        ("\narkiv", False),
        (" arkiv", False),
    ],
)
def test_is_id(value, expected):
    assert is_id(value) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Anna Jensen", "anna-jensen"),
        ("Søren Aabye", "soeren-aabye"),
        ("Åse Ærø-Madsen", "aase-aeroe-madsen"),
        ("ÅRHUS", "aarhus"),
        ("José Müller", "jose-muller"),
        ("Jörg Bäcker", "joerg-baecker"),
        ("  Æble  Ø ", "aeble-oe"),
        ("Anna_Jensen", "anna-jensen"),
        ("100% IT!", "100-it"),
        ("---", ""),
        ("", ""),
    ],
)
def test_slugify(name, expected):
    assert slugify(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Jensen", "Anna Jensen"),
        ("  Anna\tJensen\n", "Anna Jensen"),
        ("Anna  \r\n  Jensen", "Anna Jensen"),
        ("a\x00b", "a b"),
        ("a\x1b[2Jb", "a [2Jb"),
        ("a\x85b", "a b"),  # NEL, a C1 control
        ("a\u00a0b", "a b"),  # no-break space is whitespace
        ("anna\u202ejensen", "anna jensen"),  # right-to-left override
        ("\u2066Anna\u2069", "Anna"),  # isolate marks
        ("\u200eSøren\u200f", "Søren"),  # direction marks
        ("Søren Ærø", "Søren Ærø"),
        ("", ""),
        ("\x07\x07", ""),
    ],
)
def test_clean(text, expected):
    assert clean(text) == expected


# --- mus_build.pages.markup -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("Anna Jensen", "Anna Jensen"),
        ("100% færdig", "100% færdig"),
        ("<script>", "&#60;script&#62;"),
        ("a|b", "a&#124;b"),
        ("*x* _y_", "&#42;x&#42; &#95;y&#95;"),
        ("{: onclick }", "&#123;&#58; onclick &#125;"),
        ("[a](b)", "&#91;a&#93;&#40;b&#41;"),
        ("# 1", "&#35; 1"),
        ('Søren & "co"', "Søren &#38; &#34;co&#34;"),
        ("a=b~c^d", "a&#61;b&#126;c&#94;d"),
        ("`x`\\", "&#96;x&#96;&#92;"),
        ("to\nlinjer", "to linjer"),
        ("anna\u202ejensen", "anna jensen"),
    ],
)
def test_md(value, expected):
    assert md(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        (0, "0"),
        (25, "25"),
        ("Anna", "Anna"),
        ("<b>", "&lt;b&gt;"),
        ("a & b", "a &amp; b"),
        ('a"b', "a&quot;b"),
        ("a'b", "a&#x27;b"),
        ("  a\nb ", "a b"),
        ("anna\u202ejensen", "anna jensen"),
        ("*x* | y", "*x* | y"),  # HTML, not Markdown: nothing to escape here
    ],
)
def test_esc(value, expected):
    assert esc(value) == expected


@pytest.mark.parametrize(
    ("from_page", "to_page", "expected"),
    [
        ("index.md", "index.md", "./"),
        ("index.md", "people/anna-jensen/index.md", "people/anna-jensen/"),
        (
            "index.md",
            "people/anna-jensen/index.md#a-2026-03-12-mentor",
            "people/anna-jensen/#a-2026-03-12-mentor",
        ),
        ("index.md", "guide/sporgeguide.md", "guide/sporgeguide/"),
        ("people/index.md", "people/anna-jensen/index.md", "anna-jensen/"),
        ("people/anna-jensen/index.md", "index.md", "../../"),
        ("people/anna-jensen/index.md", "people/anna-jensen/index.md#x", "./#x"),
        ("people/anna-jensen/index.md", "forms/anna-jensen/index.md", "../../forms/anna-jensen/"),
        ("teams/mette-boss/index.md", "people/index.md", "../../people/"),
        ("guide/sporgeguide.md", "forms/anna-jensen/index.md", "../../forms/anna-jensen/"),
    ],
)
def test_url_with_directory_urls(from_page, to_page, expected):
    assert url(from_page, to_page, True) == expected


@pytest.mark.parametrize(
    ("from_page", "to_page", "expected"),
    [
        ("index.md", "index.md", "index.html"),
        ("index.md", "people/anna-jensen/index.md", "people/anna-jensen/index.html"),
        ("index.md", "guide/sporgeguide.md#emner", "guide/sporgeguide.html#emner"),
        ("people/index.md", "people/anna-jensen/index.md", "anna-jensen/index.html"),
        ("people/anna-jensen/index.md", "index.md", "../../index.html"),
        ("people/anna-jensen/index.md", "people/anna-jensen/index.md#x", "index.html#x"),
        ("guide/sporgeguide.md", "people/anna-jensen/index.md", "../people/anna-jensen/index.html"),
        ("teams/mette-boss/index.md", "people/index.md", "../../people/index.html"),
    ],
)
def test_url_without_directory_urls(from_page, to_page, expected):
    assert url(from_page, to_page, False) == expected


@pytest.mark.parametrize(
    ("page", "directory_urls", "expected"),
    [
        ("index.md", True, ""),
        ("index.md", False, "index.html"),
        ("people/anna-jensen/index.md", True, "people/anna-jensen/"),
        ("people/anna-jensen/index.md", False, "people/anna-jensen/index.html"),
        ("guide/sporgeguide.md", True, "guide/sporgeguide/"),
        ("guide/sporgeguide.md", False, "guide/sporgeguide.html"),
    ],
)
def test_page_url(page, directory_urls, expected):
    assert page_url(page, directory_urls) == expected


@pytest.mark.parametrize(
    ("site_url", "directory_urls", "expected"),
    [
        ("https://mus.example.com/", True, "https://mus.example.com/people/anna-jensen/"),
        ("https://mus.example.com", True, "https://mus.example.com/people/anna-jensen/"),
        (
            "https://intra.example.com/mus/",
            False,
            "https://intra.example.com/mus/people/anna-jensen/index.html",
        ),
        (None, True, None),
        ("", False, None),
    ],
)
def test_absolute_url(site_url, directory_urls, expected):
    assert absolute_url(site_url, "people/anna-jensen/index.md", directory_urls) == expected


@pytest.mark.parametrize(
    ("from_page", "to_page", "expected"),
    [
        ("index.md", "people/index.md", "people/index.md"),
        ("people/index.md", "people/index.md", "index.md"),
        ("people/anna-jensen/index.md", "people/index.md", "../index.md"),
        ("people/anna-jensen/index.md", "guide/sporgeguide.md#emner", "../../guide/sporgeguide.md#emner"),
        (
            "teams/mette-boss/index.md",
            "people/anna-jensen/index.md#a-2026-03-12-mentor",
            "../../people/anna-jensen/index.md#a-2026-03-12-mentor",
        ),
    ],
)
def test_relative(from_page, to_page, expected):
    assert relative(from_page, to_page) == expected


# --- mus_build.model.dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 3, 12), 0, D(2026, 3, 12)),
        (D(2026, 3, 12), 12, D(2027, 3, 12)),
        # the month is shorter: its last day
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 5, 31), -1, D(2026, 4, 30)),
        (D(2026, 8, 31), 24, D(2028, 8, 31)),
        # leap years
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2023, 12, 31), 2, D(2024, 2, 29)),
        (D(2100, 1, 31), 1, D(2100, 2, 28)),  # divisible by 100: not a leap year
        (D(2000, 1, 31), 1, D(2000, 2, 29)),  # divisible by 400: a leap year
        # over the turn of the year, both ways
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 10, 31), 14, D(2027, 12, 31)),
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
        (D(2026, 1, 31), -13, D(2024, 12, 31)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


# --- mus_build.model.layout -----------------------------------------------------------


@pytest.mark.parametrize(
    ("person_id", "expected"),
    [
        ("anna-jensen", "content/people/anna-jensen/index.md"),
        ("bo", "content/people/bo/index.md"),
    ],
)
def test_person_file(person_id, expected):
    assert person_file(person_id) == expected


@pytest.mark.parametrize(
    ("person_id", "day", "expected"),
    [
        ("anna-jensen", D(2026, 3, 12), "content/people/anna-jensen/2026-03-12.md"),
        ("bo", D(2026, 1, 5), "content/people/bo/2026-01-05.md"),
        ("bo", D(2024, 2, 29), "content/people/bo/2024-02-29.md"),
    ],
)
def test_record_file(person_id, day, expected):
    assert record_file(person_id, day) == expected


# --- mus_build.check.fields converters ------------------------------------------------

LINE = 7
DATE_HINT = "write it as YYYY-MM-DD, e.g. deadline: 2026-06-30"
ID_HINT = "is not a valid id; use lower-case letters a-z, digits and single hyphens, e.g."
REF_HINT = (
    "is not an agreement reference; write the earlier record's date and the agreement's id, "
    "e.g. continues: 2025-03-10/excel-kursus"
)
STATUS_HINT = "write open, done or dropped"


def plain(text: str) -> Scalar:
    """A value written without quotes, on LINE."""
    return Scalar(text, LINE, plain=True)


def quoted(text: str) -> Scalar:
    return Scalar(text, LINE, plain=False)


def refusal(converter, key: str, node) -> tuple[int, str]:
    with pytest.raises(LineError) as refused:
        converter(key, node)
    return refused.value.line, refused.value.message


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (plain("2026-06-30"), D(2026, 6, 30)),
        (quoted("2026-06-30"), D(2026, 6, 30)),
        (quoted(" 2026-06-30 "), D(2026, 6, 30)),
        (plain("2024-02-29"), D(2024, 2, 29)),
    ],
)
def test_date_accepts(node, expected):
    assert fields.date("deadline", node) == expected


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (
            plain("2026-02-30"),
            "'deadline: 2026-02-30' is not a date that exists; check the day and the month",
        ),
        (
            plain("2027-02-29"),
            "'deadline: 2027-02-29' is not a date that exists; check the day and the month",
        ),
        (
            plain("2026-13-01"),
            "'deadline: 2026-13-01' is not a date that exists; check the day and the month",
        ),
        (quoted(""), "'deadline' is empty; write a date as YYYY-MM-DD, e.g. 2026-06-30"),
        (plain("30-06-2026"), "'deadline: 30-06-2026' is not an ISO date; write deadline: 2026-06-30"),
        (plain("30/6/2026"), "'deadline: 30/6/2026' is not an ISO date; write deadline: 2026-06-30"),
        (plain("30.6.2026"), "'deadline: 30.6.2026' is not an ISO date; write deadline: 2026-06-30"),
        (plain("2026-6-30"), "'deadline: 2026-6-30' is not an ISO date; write deadline: 2026-06-30"),
        # Other scripts' digits are digits to Python's int() and \\d, but not a date to a person.
        (
            plain("２０２６-06-30"),
            "'deadline: ２０２６-06-30' is not an ISO date; write deadline: 2026-06-30",
        ),
        (
            plain("2026-06-30 10:00"),
            "'deadline: 2026-06-30 10:00' is not an ISO date; write deadline: 2026-06-30",
        ),
        (
            plain("2026-06-30T10:00"),
            "'deadline: 2026-06-30T10:00' is not an ISO date; write deadline: 2026-06-30",
        ),
        (plain("31-06-2026"), f"'deadline: 31-06-2026' is not a date; {DATE_HINT}"),  # no such day to suggest
        (plain("juni 2026"), f"'deadline: juni 2026' is not a date; {DATE_HINT}"),
        (plain("9" * 5000), f"'deadline: {'9' * 39}…' is not a date; {DATE_HINT}"),
        (Sequence(LINE), "'deadline' must be a date written YYYY-MM-DD, not a list"),
        (Mapping(LINE), "'deadline' must be a date written YYYY-MM-DD, not a group of keys"),
    ],
)
def test_date_refuses(node, message):
    assert refusal(fields.date, "deadline", node) == (LINE, message)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (plain("mentor"), "mentor"),
        (plain("excel-kursus-2"), "excel-kursus-2"),
        (quoted("42"), "42"),  # quoted digits are text, and a valid id
    ],
)
def test_identifier_accepts(node, expected):
    assert fields.identifier("id", node) == expected


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (plain("Mentor ordning"), f"'id: Mentor ordning' {ID_HINT} mentor-ordning"),
        (plain("Søren Ærø"), f"'id: Søren Ærø' {ID_HINT} soeren-aeroe"),
        (plain("anna--jensen"), f"'id: anna--jensen' {ID_HINT} anna-jensen"),
        (plain("!!!"), f"'id: !!!' {ID_HINT} anna-jensen"),  # nothing to make an id of
        (plain("X" * 100), f"'id: {'X' * 39}…' {ID_HINT} {'x' * 40}"),
        pytest.param(
            quoted("arkiv\n"),  # e.g. written as a block scalar, `id: |`
            f"'id: arkiv?' {ID_HINT} arkiv",
            id="trailing-newline",
        ),
        # The value must be text first, so text's own messages come through.
        (plain(""), "'id' is empty; write the text after 'id: '"),
        (Sequence(LINE), "'id' must be text, not a list"),
    ],
)
def test_identifier_refuses(node, message):
    assert refusal(fields.identifier, "id", node) == (LINE, message)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (plain("2025-03-10/excel-kursus"), (D(2025, 3, 10), "excel-kursus")),
        (quoted(" 2025-03-10/excel-kursus "), (D(2025, 3, 10), "excel-kursus")),
        (plain("2024-02-29/a1"), (D(2024, 2, 29), "a1")),
    ],
)
def test_reference_accepts(node, expected):
    assert fields.reference("continues", node) == expected


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (plain("excel-kursus"), f"'continues: excel-kursus' {REF_HINT}"),
        (plain("2025-3-10/excel-kursus"), f"'continues: 2025-3-10/excel-kursus' {REF_HINT}"),
        (plain("2025-03-10/Excel"), f"'continues: 2025-03-10/Excel' {REF_HINT}"),
        (plain("2025-03-10/"), f"'continues: 2025-03-10/' {REF_HINT}"),
        (plain("2025-03-10/excel--kursus"), f"'continues: 2025-03-10/excel--kursus' {REF_HINT}"),
        (
            plain("anna-jensen/2025-03-10/excel-kursus"),
            f"'continues: anna-jensen/2025-03-10/excel-kursus' {REF_HINT}",
        ),
        (
            plain("2025-02-30/excel-kursus"),
            "'continues: 2025-02-30/excel-kursus' names a date that does not exist",
        ),
        (Sequence(LINE), "'continues' must be a reference YYYY-MM-DD/id, not a list"),
    ],
)
def test_reference_refuses(node, message):
    assert refusal(fields.reference, "continues", node) == (LINE, message)


@pytest.mark.parametrize("value", ["open", "done", "dropped"])
def test_status_accepts(value):
    assert fields.status("status", plain(value)) == value


@pytest.mark.parametrize(
    ("node", "message"),
    [
        (plain("opne"), f"'status: opne' is not a status; {STATUS_HINT}; did you mean 'open'?"),
        (plain("Done"), f"'status: Done' is not a status; {STATUS_HINT}; did you mean 'done'?"),
        (plain("droped"), f"'status: droped' is not a status; {STATUS_HINT}; did you mean 'dropped'?"),
        (plain("no"), f"'status: no' is not a status; {STATUS_HINT}"),  # text under YAML 1.2 too
        (plain("yes"), f"'status: yes' is not a status; {STATUS_HINT}"),  # text under YAML 1.2 too
        (plain("1"), f"'status: 1' is not a status; {STATUS_HINT}"),  # text under YAML 1.2 too
        (plain("~"), f"'status: ~' is not a status; {STATUS_HINT}"),  # empty: no reading to explain
        (plain("afsluttet"), f"'status: afsluttet' is not a status; {STATUS_HINT}"),
        (Mapping(LINE), "'status' must be open, done or dropped, not a group of keys"),
    ],
)
def test_status_refuses(node, message):
    assert refusal(fields.status, "status", node) == (LINE, message)
