"""The exported files: agreements as JSON and CSV, and the calendar feeds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable

import icalendar
import pytest

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.model.derive import Derived
from mus_build.model.settings import Site
from mus_build.pages.exports import COLUMNS, exports, safe_cell
from mus_build.pages.joined import FileData, whole
from mus_build.pages.texts import Texts

from .conftest import MKDOCS_YML, TODAY

SITE = "https://mus.example.dk/intern/"

SECOND_RECORD = """\
---
date: 2026-03-12
next_mus: 2027-03-01
agreements:
  - id: excel-igen
    what: 'Tager "Excel" | avanceret; del 2'
    owner: employee
    deadline: 2026-12-10
    continues: 2025-03-10/excel-kursus
  - id: formel
    what: "=cmd|' /C calc'!A0"
    owner: manager
    deadline: 2027-02-01
    note: "Noten kommer ikke med i eksporten"
  - id: skaerm
    what: "-ny skærm til hjemmearbejdet"
    owner: it
    deadline: 2026-11-01
  - id: loensamtale
    what: "Holder lønsamtale"
    owner: bo-hansen
    deadline: 2026-06-01
    status: done
    done_on: 2026-05-28
private: "Anna har fortalt om sit helbred i fortrolighed"
---
Offentlige noter.

<!-- private -->
Fortroligt om skilsmissen i familien.
<!-- /private -->
"""

CARL = """\
---
name: "Carl Fratrådt"
manager: bo-hansen
left: 2026-01-31
---
"""

CARL_RECORD = """\
---
date: 2025-05-01
agreements:
  - id: certificering
    what: "Tager certificeringen"
    owner: employee
    deadline: 2026-12-01
---
"""

IDA = """\
---
name: "Ida Skov"
manager: anna-jensen
---
"""

PRIVATE = ("Anna har fortalt om sit helbred", "Fortroligt om skilsmissen", "Noten kommer ikke med")


# The handbook of these tests: the shared two people, with a second record of Anna's, a
# person who has left and one more.
EXPORTED = {
    "content/people/anna-jensen/2026-03-12.md": SECOND_RECORD,
    "content/people/carl-fratraadt/index.md": CARL,
    "content/people/carl-fratraadt/2025-05-01.md": CARL_RECORD,
    "content/people/ida-skov/index.md": IDA,
}


def _files(made: Iterable[tuple[str, FileData]]) -> dict[str, bytes | bytearray]:
    """The export files by path, each as the bytes a site holds."""
    return {path: whole(data) for path, data in made}


@pytest.fixture
def build(make_handbook):
    """Make the handbook with the extra files and return its exports for TODAY."""

    def run(files: dict[str, str] | None = None, site_url: str | None = SITE, today: dt.date = TODAY):
        root = make_handbook({**EXPORTED, **(files or {})})
        config, problems = load_config(root / "mkdocs.yml")
        sources = load_sources(config, today)
        assert problems + sources.problems == []
        derived = Derived(sources.handbook, config.settings, today)
        texts = Texts(config.settings.language)
        return _files(exports(sources.handbook, derived, texts, Site(url=site_url))), sources

    return run


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def start(event) -> dt.date:
    return event.decoded("DTSTART")


# The files.


def test_the_export_files(build):
    files, _ = build()
    assert sorted(files) == [
        "exports/agreements.csv",
        "exports/agreements.json",
        "exports/calendar.ics",
        "exports/teams/anna-jensen.ics",
        "exports/teams/bo-hansen.ics",
    ]


def test_same_input_and_day_give_identical_bytes(build):
    first, _ = build()
    second, _ = build()
    assert first == second


# JSON.


def test_json_lists_every_agreement_in_order_with_resolved_owners_and_states(build):
    files, _ = build()
    data = files["exports/agreements.json"]
    assert data.endswith(b"]\n")
    assert "Skærm".lower() in data.decode("utf-8")  # not escaped as \u00e6
    rows = json.loads(data)
    assert [r["ref"] for r in rows] == [
        "anna-jensen/2025-03-10/excel-kursus",
        "anna-jensen/2026-03-12/excel-igen",
        "anna-jensen/2026-03-12/formel",
        "anna-jensen/2026-03-12/loensamtale",
        "anna-jensen/2026-03-12/skaerm",
        "carl-fratraadt/2025-05-01/certificering",
    ]
    assert all(list(r) == list(COLUMNS) for r in rows)
    by_id = {r["agreement"]: r for r in rows}
    assert by_id["excel-kursus"] == {
        "ref": "anna-jensen/2025-03-10/excel-kursus",
        "person": "anna-jensen",
        "name": "Anna Jensen",
        "record": "2025-03-10",
        "agreement": "excel-kursus",
        "what": "Tager kurset i avanceret Excel",
        "owner": "employee",
        "owner_name": "Anna Jensen",
        "deadline": "2025-06-30",
        "status": "open",
        "state": "continued",
        "done_on": None,
        "continues": None,
        "days_overdue": None,
        "manager": "bo-hansen",
    }
    assert by_id["excel-igen"]["continues"] == "anna-jensen/2025-03-10/excel-kursus"
    assert by_id["excel-igen"]["state"] == "due_soon"
    assert by_id["formel"]["what"] == "=cmd|' /C calc'!A0"  # JSON keeps the text as written
    assert (by_id["formel"]["owner"], by_id["formel"]["owner_name"]) == ("manager", "Bo Hansen")
    assert (by_id["skaerm"]["owner_name"], by_id["skaerm"]["state"]) == ("IT-support", "overdue")
    assert by_id["skaerm"]["days_overdue"] == 25
    assert by_id["loensamtale"]["owner_name"] == "Bo Hansen"
    assert (by_id["loensamtale"]["state"], by_id["loensamtale"]["done_on"]) == ("done", "2026-05-28")
    assert by_id["certificering"]["state"] == "open"  # Carl has left: not overdue, not due soon


# CSV.


def test_csv_opens_in_danish_excel(build):
    files, _ = build()
    data = files["exports/agreements.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.count("\n") == text.count("\r\n") == 7
    rows = csv_rows(data)
    assert rows[0][:6] == ["Reference", "Medarbejder-id", "Navn", "Samtale", "Aftale-id", "Aftale"]
    assert len(rows[0]) == len(COLUMNS) and all(len(r) == len(COLUMNS) for r in rows)
    assert rows[1][0] == "anna-jensen/2025-03-10/excel-kursus"
    assert rows[1][COLUMNS.index("deadline")] == "2025-06-30"
    assert rows[1][COLUMNS.index("done_on")] == ""  # null is an empty cell


def test_csv_keeps_quotes_bars_and_semicolons_and_neutralises_formulas(build):
    files, _ = build()
    cells = {r[COLUMNS.index("agreement")]: r for r in csv_rows(files["exports/agreements.csv"])}
    what = COLUMNS.index("what")
    assert cells["excel-igen"][what] == 'Tager "Excel" | avanceret; del 2'
    assert cells["formel"][what] == "'=cmd|' /C calc'!A0"
    assert cells["skaerm"][what] == "'-ny skærm til hjemmearbejdet"
    assert cells["skaerm"][COLUMNS.index("days_overdue")] == "25"


@pytest.mark.parametrize("dangerous", ["=1+1", "+45 12 34", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_gets_a_quote(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Tager 2 kurser = godt") == "Tager 2 kurser = godt"
    assert safe_cell(None) == "" and safe_cell(25) == "25"


def test_csv_header_and_calendar_name_follow_the_site_language(build):
    english = MKDOCS_YML.replace("    roles:", "    language: en\n    roles:")
    files, _ = build({"mkdocs.yml": english})
    assert csv_rows(files["exports/agreements.csv"])[0][:3] == ["Reference", "Person id", "Name"]
    calendar = icalendar.Calendar.from_ical(files["exports/calendar.ics"])
    assert str(calendar["X-WR-CALNAME"]) == "MUS: deadlines and conversations"


# Nothing private.


def test_no_private_text_reaches_any_export(build):
    files, sources = build()
    secrets = [private.text for private in sources.private_texts]
    assert any("helbred" in s for s in secrets) and any("skilsmissen" in s for s in secrets)
    for path, data in files.items():
        text = data.decode("utf-8-sig")
        unfolded = text.replace("\r\n ", "")  # calendar lines are folded at 75 octets
        for secret in [*secrets, *PRIVATE]:
            assert secret not in text and secret not in unfolded, (path, secret)
        assert "Offentlige noter" not in text  # bodies are not exported at all


# Calendars.


def test_calendar_has_open_deadlines_and_next_mus_as_all_day_events(build):
    files, _ = build()
    data = files["exports/calendar.ics"]
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//mus//MUS-håndbog//DA"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "MUS: frister og samtaler"
    found = events(data)
    # Not the continued, the done, nor anything of Carl, who has left; Bo and Ida have no MUS yet.
    assert {uid: start(e) for uid, e in found.items()} == {
        "agreement-anna-jensen-2026-03-12-excel-igen@mus": dt.date(2026, 12, 10),
        "agreement-anna-jensen-2026-03-12-formel@mus": dt.date(2027, 2, 1),
        "agreement-anna-jensen-2026-03-12-skaerm@mus": dt.date(2026, 11, 1),
        "mus-anna-jensen@mus": dt.date(2027, 3, 1),
    }
    excel = found["agreement-anna-jensen-2026-03-12-excel-igen@mus"]
    assert str(excel["SUMMARY"]) == 'Frist: Tager "Excel" | avanceret; del 2 (Anna Jensen)'
    assert excel.decoded("DTEND") == dt.date(2026, 12, 11)
    assert excel.decoded("DTSTAMP") == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    assert "Ansvarlig: Anna Jensen" in str(excel["DESCRIPTION"])
    assert "anna-jensen/2026-03-12/excel-igen" in str(excel["DESCRIPTION"])
    assert str(excel["URL"]) == "https://mus.example.dk/intern/people/anna-jensen/"
    assert "Ansvarlig: IT-support" in str(found["agreement-anna-jensen-2026-03-12-skaerm@mus"]["DESCRIPTION"])
    assert str(found["mus-anna-jensen@mus"]["SUMMARY"]) == "MUS: Anna Jensen"


def test_team_calendars_hold_only_the_managers_team(build):
    files, _ = build()
    bo = icalendar.Calendar.from_ical(files["exports/teams/bo-hansen.ics"])
    assert str(bo["X-WR-CALNAME"]) == "MUS: team Bo Hansen"
    assert set(events(files["exports/teams/bo-hansen.ics"])) == set(events(files["exports/calendar.ics"]))
    assert events(files["exports/teams/anna-jensen.ics"]) == {}  # Ida has no MUS and no agreements yet


def test_team_calendar_gets_a_new_members_next_mus(build):
    ida_record = "---\ndate: 2026-02-02\n---\n"
    files, _ = build({"content/people/ida-skov/2026-02-02.md": ida_record})
    team = events(files["exports/teams/anna-jensen.ics"])
    assert {uid: start(e) for uid, e in team.items()} == {"mus-ida-skov@mus": dt.date(2027, 2, 2)}
    assert "mus-ida-skov@mus" not in events(files["exports/teams/bo-hansen.ics"])


def test_uids_stay_when_a_deadline_or_the_next_mus_moves(build):
    before, _ = build()
    moved = SECOND_RECORD.replace("deadline: 2026-12-10", "deadline: 2027-01-15").replace(
        "next_mus: 2027-03-01", "next_mus: 2027-04-20"
    )
    after, _ = build({"content/people/anna-jensen/2026-03-12.md": moved})
    old, new = events(before["exports/calendar.ics"]), events(after["exports/calendar.ics"])
    assert set(old) == set(new)
    assert start(new["agreement-anna-jensen-2026-03-12-excel-igen@mus"]) == dt.date(2027, 1, 15)
    assert start(new["mus-anna-jensen@mus"]) == dt.date(2027, 4, 20)


def test_without_a_site_address_events_have_no_link(build):
    files, _ = build(site_url=None)
    assert all("URL" not in e for e in events(files["exports/calendar.ics"]).values())


def test_the_stamp_follows_the_build_day_not_the_clock(build):
    files, _ = build(today=dt.date(2026, 11, 27))
    for event in events(files["exports/calendar.ics"]).values():
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 27, tzinfo=dt.UTC)


# Each reader's own exports, with access rules: cut from the same rows as the whole files.


def test_a_readers_own_exports_hold_their_people_and_the_whole_files_stay_as_they_were(make_handbook):
    root = make_handbook(EXPORTED)
    config, _ = load_config(root / "mkdocs.yml")
    handbook = load_sources(config, TODAY).handbook
    derived, texts = Derived(handbook, config.settings, TODAY), Texts("da")
    whole = _files(exports(handbook, derived, texts, Site(url=SITE)))
    readers = {"anna-jensen": ["ida-skov", "anna-jensen"], "ida-skov": ["ida-skov"]}
    files = _files(exports(handbook, derived, texts, Site(url=SITE), readers))
    assert {path: files[path] for path in whole} == whole  # HR's files, byte for byte
    assert sorted(set(files) - set(whole)) == [
        f"exports/readers/{reader}/{name}"
        for reader in ("anna-jensen", "ida-skov")
        for name in ("agreements.csv", "agreements.json", "calendar.ics")
    ]
    anna = "exports/readers/anna-jensen/"
    all_rows = csv_rows(whole["exports/agreements.csv"])
    assert csv_rows(files[anna + "agreements.csv"]) == [all_rows[0]] + [
        row for row in all_rows[1:] if row[1] == "anna-jensen"
    ]
    assert json.loads(files[anna + "agreements.json"]) == [
        row for row in json.loads(whole["exports/agreements.json"]) if row["person"] == "anna-jensen"
    ]
    assert set(events(files[anna + "calendar.ics"])) == {
        uid for uid in events(whole["exports/calendar.ics"]) if "-anna-jensen" in uid
    }
    # Ida has no agreements: her files are empty, but still a list, a header and a calendar.
    ida = "exports/readers/ida-skov/"
    assert files[ida + "agreements.json"] == b"[]\n"
    assert csv_rows(files[ida + "agreements.csv"]) == [all_rows[0]]
    assert events(files[ida + "calendar.ics"]) == {}
