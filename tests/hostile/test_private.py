"""Private data: never published, and the build's own scan stops it if it would be;
an internal site asks search engines to stay away; old records are flagged."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest

from mus_build.check.load import PrivateText
from mus_build.publish import leaks as leak_scan
from mus_build.publish.leaks import OVERLAP, PIECE, find_private_leaks

from ..conftest import MKDOCS_YML, TODAY, check, run, site_text, snapshot, write_tree


@pytest.fixture
def make_handbook(english_handbook):
    """The messages are pinned in English here; tests/test_messages.py pins the Danish."""
    return english_handbook


REC = "content/people/anna-jensen/2026-03-12.md"
SECRETS = [
    "PRIVAT-STRENG Anna har fortalt om sin skilsmisse",
    "PRIVAT-MAP sygemeldt i tre uger",
    "PRIVAT-LISTE lønforhandling udskudt",
    "PRIVAT-DYB dybt inde i en liste",
    "PRIVAT-SEKTION hun overvejer at sige op",
    "PRIVAT-INLINE bekymret for sin mor",
    "PRIVAT-PERSON-NOTE kun til lederen",
]
PRIVATE_RECORD = f"""\
---
date: 2026-03-12
agreements:
  - id: mentor
    what: "Får en mentor"
    owner: employee
    deadline: 2026-12-01
private:
  note: "{SECRETS[0]}"
  helbred: {{ status: "{SECRETS[1]}" }}
  punkter: ["{SECRETS[2]}", [{{ x: "{SECRETS[3]}" }}]]
---
## Noter

Offentlig tekst.

<!-- private -->
{SECRETS[4]}
<!-- /private -->

Mere offentligt. <!-- private -->{SECRETS[5]}<!-- /private --> Slut.
"""
ANNA_WITH_NOTE = f"""\
---
name: "Anna Jensen"
manager: bo-hansen
---
Om Anna.

<!-- private -->
{SECRETS[6]}
<!-- /private -->
"""
GUIDE = {"guides/index.md": "# Guide\n\nTekst.\n"}


def build(root: Path, site: Path):
    return run(root, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")


@pytest.fixture(scope="module")
def private_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("private")
    root = write_tree(
        base / "handbook",
        {
            "mkdocs.yml": MKDOCS_YML.replace(
                "site_name: Testhåndbog\n", "site_name: Testhåndbog\ntheme: material\n"
            ),
            **GUIDE,
            "content/people/bo-hansen/index.md": '---\nname: "Bo Hansen"\n---\n',
            "content/people/anna-jensen/index.md": ANNA_WITH_NOTE,
            REC: PRIVATE_RECORD,
        },
    )
    result = build(root, base / "site")
    assert result.exit_code == 0, result.output
    return root, base / "site"


def test_private_values_and_sections_appear_in_no_file(private_site):
    _, site = private_site
    files = site_text(site)
    assert {"exports/agreements.json", "exports/agreements.csv", "exports/calendar.ics"} <= files.keys()
    assert any(rel.startswith("pagefind/index/") for rel in files) and "sitemap.xml" in files
    for rel, content in files.items():
        for secret in SECRETS:
            for word in (secret, secret.split()[0]):
                assert word.lower() not in content.lower(), f"{word!r} reached {rel}"
    page = files["people/anna-jensen/index.html"]
    assert "Offentlig tekst." in page and "Mere offentligt." in page and "Slut." in page
    assert "Om Anna." in page


def test_pages_ask_search_engines_to_stay_away_by_default(private_site):
    _, site = private_site
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert '<meta name="robots" content="noindex' in page.read_text(encoding="utf-8"), page


def test_noindex_false_allows_indexing(make_handbook, tmp_path):
    config = MKDOCS_YML + "    noindex: false\n"
    root = make_handbook({"mkdocs.yml": config, **GUIDE})
    result = build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "site/robots.txt").exists()
    for page in (tmp_path / "site").rglob("*.html"):
        assert 'name="robots"' not in page.read_text(encoding="utf-8"), page


# --- the leak scan -------------------------------------------------------------------------
#
# The same sentence written privately in one record and publicly in another fails the
# build. The scan cannot tell a coincidence from a copy, and a copy is the leak it is there
# to stop; the message names the record with the private text and the page it would reach,
# and the fix (rewording one of them) is for a person to choose. Texts shorter than 12
# characters are not scanned, so "ja", "nej" or a date never collide.

LEAKED = "Anna (privat) <helbred> & stress på hjemmefronten"


def leaking_handbook(make_handbook, public_what: str):
    return make_handbook(
        {
            **GUIDE,
            REC: f'---\ndate: 2026-03-12\nprivate: "{LEAKED}"\n---\nNoter.\n',
            "content/people/bo-hansen/2026-03-01.md": (
                "---\ndate: 2026-03-01\nagreements:\n  - id: stress\n"
                f"    what: {public_what}\n    owner: employee\n    deadline: 2026-12-01\n---\n"
            ),
        }
    )


def test_private_text_written_publicly_elsewhere_fails_the_build(make_handbook, tmp_path):
    site = tmp_path / "site"
    root = leaking_handbook(make_handbook, '"Noget helt andet"')
    assert build(root, site).exit_code == 0
    before = snapshot(site)

    record = root / "content/people/bo-hansen/2026-03-01.md"
    record.write_text(record.read_text().replace('"Noget helt andet"', f'"{LEAKED}"'))
    assert check(root).exit_code == 0  # each file is fine on its own
    result = build(root, site)
    assert result.exit_code == 1
    assert "private text would be published; nothing was changed" in result.output
    # Named by the record that holds the private text; the page is caught although the
    # name there is written with character references (&#40;privat&#41;).
    assert f"{REC}: its private text appears in people/bo-hansen/index.html" in result.output
    assert "exports/agreements.json" in result.output
    assert snapshot(site) == before
    assert not list(tmp_path.glob(".site.new-*"))


# A copy that looks the same to a reader is the same text: in another Unicode form (NFD, as
# macOS and some editors write "å" as "a" and a ring), or with a character no reader sees
# put in it (a word processor's soft hyphen, a zero-width space from a chat or a web page).
INVISIBLE_COPIES = {
    "nfd": unicodedata.normalize("NFD", LEAKED),
    "zero-width-space": LEAKED.replace("stress", "str\u200bess"),
    "zero-width-non-joiner": LEAKED.replace("hjemme", "hjem\u200cme"),
    "zero-width-joiner": LEAKED.replace("privat", "pri\u200dvat"),
    "word-joiner": LEAKED.replace(" & ", " &\u2060 "),
    "byte-order-mark": LEAKED.replace("Anna", "An\ufeffna"),
    "soft-hyphen": LEAKED.replace("hjemmefronten", "hjemme\u00adfronten"),
    "soft-hyphens-and-nfd": unicodedata.normalize("NFD", LEAKED.replace("på", "p\u00ad\u00ad\u00adå")),
}


@pytest.mark.parametrize("copy", INVISIBLE_COPIES.values(), ids=INVISIBLE_COPIES.keys())
def test_a_private_text_copied_in_another_form_fails_the_build(make_handbook, tmp_path, copy):
    assert copy != LEAKED
    root = leaking_handbook(make_handbook, json.dumps(copy, ensure_ascii=False))
    assert check(root).exit_code == 0
    result = build(root, tmp_path / "site")
    assert result.exit_code == 1, result.output
    assert f"{REC}: its private text appears in people/bo-hansen/index.html" in result.output
    assert f"{REC}: its private text appears in exports/agreements.csv" in result.output
    assert not (tmp_path / "site").exists()


def test_a_private_text_written_in_another_form_is_found_as_it_is_read(make_handbook, tmp_path):
    """The other way round: the private text holds the invisible characters, the copy none."""
    root = leaking_handbook(make_handbook, json.dumps(LEAKED))
    record = root / REC
    record.write_text(record.read_text().replace(LEAKED, INVISIBLE_COPIES["soft-hyphens-and-nfd"]))
    result = build(root, tmp_path / "site")
    assert result.exit_code == 1, result.output
    assert f"{REC}: its private text appears in people/bo-hansen/index.html" in result.output


def test_short_private_texts_are_not_scanned(make_handbook, tmp_path):
    root = make_handbook(
        {
            **GUIDE,
            REC: '---\ndate: 2026-03-12\nprivate: "Bogholder"\n---\nNoter.\n',
        }
    )
    # "Bogholder" is Anna's public title too; nine characters are too few to mean a leak.
    assert build(root, tmp_path / "site").exit_code == 0


# --- retention -----------------------------------------------------------------------------

LEFT_LONG_AGO = """\
---
name: "Bo Hansen"
started: 2010-01-01
left: 2021-06-30
---
"""
OLD_RECORD = "---\ndate: 2020-03-10\n---\nNoter.\n"


def test_people_who_left_long_ago_are_a_warning(make_handbook):
    root = make_handbook(
        {
            "content/people/bo-hansen/index.md": LEFT_LONG_AGO,
            "content/people/bo-hansen/2020-03-10.md": OLD_RECORD,
        }
    )
    result = check(root)
    assert result.exit_code == 0
    assert (
        "content/people/bo-hansen/index.md:4: warning: left more than 5 years ago; "
        "delete this person's records unless there is a reason to keep them" in result.output
    )
    assert "1 warning" in result.output
    strict = check(root, "--strict")
    assert strict.exit_code == 1
    assert "content/people/bo-hansen/index.md:4: warning: left more than 5 years ago" in strict.output


@pytest.mark.parametrize(
    "left, retention, warned",
    [
        ("2021-11-25", None, True),  # five years and a day before today
        ("2021-11-26", None, False),  # exactly five years
        ("2021-06-30", "10", False),
        ("2016-06-30", "10", True),
    ],
)
def test_retention_years_setting(make_handbook, left, retention, warned):
    config = MKDOCS_YML + "    language: en\n" + (f"    retention_years: {retention}\n" if retention else "")
    root = make_handbook(
        {
            "mkdocs.yml": config,
            "content/people/bo-hansen/index.md": LEFT_LONG_AGO.replace("2021-06-30", left),
            "content/people/bo-hansen/2015-03-10.md": "---\ndate: 2015-03-10\n---\n",
        }
    )
    result = check(root, "--strict")
    assert ("warning: left more than" in result.output) is warned
    assert result.exit_code == (1 if warned else 0)


def test_no_warning_for_people_without_records(make_handbook):
    root = make_handbook({"content/people/bo-hansen/index.md": LEFT_LONG_AGO})
    result = check(root, "--strict")
    assert result.exit_code == 0, result.output


def test_the_leak_scan_shares_the_work_of_many_private_texts(tmp_path, monkeypatch):
    secrets = [f"Privat linje nummer {i} om trivsel og helbred" for i in range(20_000)]
    short = [f"syg i uge {i}." for i in range(10, 60)]
    words = [f"sygemeldt-uge-{i}" for i in range(10, 60)]  # no space to find them by
    private_texts = [
        PrivateText(f"content/people/p/{i % 50}.md", text) for i, text in enumerate(secrets + short + words)
    ]
    (tmp_path / "page.html").write_text("<p>Offentlig tekst om trivsel og helbred.</p>\n" * 20_000)
    (tmp_path / "leak.html").write_text(f"<p>{html.escape(secrets[12_345])}</p>")
    (tmp_path / "short.html").write_text("<p>Hun var syg i uge 42.</p>")
    (tmp_path / "word.html").write_text("<p>Kode: sygemeldt-uge-17</p>")
    patterns = []
    build_pattern = leak_scan._alternatives

    def recorded(texts):
        patterns.append(build_pattern(texts))
        return patterns[-1]

    monkeypatch.setattr(leak_scan, "_alternatives", recorded)
    leaks = find_private_leaks(tmp_path, private_texts)
    fix = "hvis de samme ord skal være offentlige et andet sted, så formulér dem anderledes"
    assert leaks == [
        f"content/people/p/45.md: den fortrolige tekst herfra står i leak.html; {fix}",
        f"content/people/p/32.md: den fortrolige tekst herfra står i short.html; {fix}",
        f"content/people/p/7.md: den fortrolige tekst herfra står i word.html; {fix}",
    ]
    # Fast by the work it does, not by a clock. The long texts are found by a set look-up of
    # what follows each space of a page: no pattern holds them (a regular expression of 20,000
    # texts takes seconds to compile, and `a|b|c|...` took 20 s to search a small site). The
    # short texts are in a pattern that begins at their first space, so the engine skips from
    # space to space, and the ones without a space in one of their own; each is made once for
    # the texts as written and once as read, and shares what the texts share.
    starts = sorted(pattern.pattern.split("(?:")[0] for pattern in patterns)
    assert starts == 2 * [re.escape(" i uge ")] + 2 * [re.escape("sygemeldt-uge-")]
    for pattern in patterns:
        assert "linje" not in pattern.pattern
        assert pattern.pattern.count("uge") == 1


SECRET = 'Privat: "orlov" efter sygdom i familien'


@pytest.mark.parametrize(
    "name, written",
    [
        ("page.html", html.escape(SECRET)),
        # One line break and JSON's ASCII escapes: found only once the escapes are decoded.
        ("index.json", json.dumps(SECRET.replace(" efter", "\nefter"))[1:-1]),
        # A quoted cell doubles its quotes: found only when the file is read as CSV.
        ("agreements.csv", '"' + SECRET.replace('"', '""') + '";x\r\n'),
    ],
)
def test_the_scan_finds_a_leak_where_two_pieces_of_a_large_file_meet(tmp_path, name, written):
    filler = "offentlig tekst\n" * (PIECE // 16)  # the file is read in pieces of PIECE characters
    (tmp_path / name).write_text(filler[: PIECE - 16] + written + "\n" + filler, encoding="utf-8")
    assert find_private_leaks(tmp_path, [PrivateText(REC, SECRET)]) == [
        f"{REC}: den fortrolige tekst herfra står i {name}; "
        "hvis de samme ord skal være offentlige et andet sted, så formulér dem anderledes"
    ]


def test_invisible_characters_do_not_count_towards_the_overlap_of_pieces(tmp_path):
    written = ("\u200b" * 2_000).join(SECRET)  # 80,000 characters, more than OVERLAP
    assert len(written) > OVERLAP
    # The first piece ends just before the copy's last characters: the next piece starts with
    # the last OVERLAP characters of the first one, which hold all of the copy once its
    # invisible characters are taken out, and only its end when they are not.
    filler = "offentlig tekst\n" * (PIECE // 8)
    (tmp_path / "page.html").write_text(filler[: PIECE - len(written) + 8] + written + "\n" + filler)
    assert find_private_leaks(tmp_path, [PrivateText(REC, SECRET)]) == [
        f"{REC}: den fortrolige tekst herfra står i page.html; "
        "hvis de samme ord skal være offentlige et andet sted, så formulér dem anderledes"
    ]


def test_every_broken_marker_of_a_body_is_reported_in_one_run(make_handbook):
    body = "Noter.\n<!-- PRIVATE: løn -->\n48.000 kr.\n\n<!--\nprivate\n-->\nOver tre linjer.\n<!-- /private -->\n"
    result = check(make_handbook({REC: "---\ndate: 2026-03-12\n---\n" + body}))
    assert result.exit_code == 1
    found = [line.split(": ", 1)[0] for line in result.output.splitlines() if line.startswith(REC)]
    assert found == [f"{REC}:5", f"{REC}:8", f"{REC}:12"]
