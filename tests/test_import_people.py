"""mus import-people: a Danish HR export, as CSV and as .xlsx, brought into a handbook."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import check, run, snapshot

BOSS = """\
---
# Direktøren; HR retter hende i hånden
name: "Bo Hansen"
title: "Direktør"  # som i kontrakten
department: "Ledelse"
email: "bo@firma.dk"
---
Fri tekst om Bo.
"""

ANNA = """\
---
name: "Anna Jensen"
title: "Bogholder"
department: "Økonomi"
manager: bo-hansen
email: "anna@firma.dk"
started: 2020-01-01
---
"""

KARL = """\
---
name: "Karl Nielsen"
title: "Lagerchef"
department: "Lager"
manager: bo-hansen
email: "karl@firma.dk"
employee_number: "3"
started: 2019-05-01
---
"""

OLE = """\
---
name: "Ole Berg"
department: "Lager"
manager: karl-nielsen
email: "ole@firma.dk"
---
"""

PETER = """\
---
name: "Peter Holm"
manager: karl-nielsen
email: "peter@firma.dk"
started: 2021-02-01
---
"""

HEADERS = [
    "Medarbejdernr.",
    "Navn",
    "E-mail",
    "Stilling",
    "Afdeling",
    "Leder",
    "Ansættelsesdato",
    "Fratrædelsesdato",
]
ROWS = [
    ["1", "Bo Hansen", "bo@firma.dk", "Direktør", "Ledelse", "", "", ""],
    ["2", "Anna Jensen", "ANNA@firma.dk", "Bogholder", "Økonomi", "Mette Lund", "01-01-2020", ""],
    ["3", "Karl Nielsen", "karl@firma.dk", "Lagerchef", "Lager", "bo@firma.dk", "01-05-2019", ""],
    ["4", "Ole Berg", "ole@firma.dk", "", "Lager", "3", "", "30-11-2026"],
    ["5", "Mette Lund", "mette@firma.dk", "Økonomichef", "Økonomi", "Bo Hansen", "01-12-2026", ""],
    ["6", "Bo Ærøskøbing", "bo.a@firma.dk", "Lagermedarbejder", "Lager", "Karl Nielsen", "15.12.2026", ""],
]

EXPECTED = {
    "bo-hansen": BOSS.replace('email: "bo@firma.dk"\n', 'email: "bo@firma.dk"\nemployee_number: "1"\n'),
    "anna-jensen": ANNA.replace("manager: bo-hansen", "manager: mette-lund").replace(
        'email: "anna@firma.dk"\n', 'email: "anna@firma.dk"\nemployee_number: "2"\n'
    ),
    "karl-nielsen": KARL,
    "ole-berg": OLE.replace(
        'email: "ole@firma.dk"\n', 'email: "ole@firma.dk"\nemployee_number: "4"\nleft: 2026-11-30\n'
    ),
    "peter-holm": PETER,
    "mette-lund": """\
---
name: "Mette Lund"
title: "Økonomichef"
department: "Økonomi"
manager: bo-hansen
email: "mette@firma.dk"
employee_number: "5"
started: 2026-12-01
---
""",
    "bo-aeroeskoebing": """\
---
name: "Bo Ærøskøbing"
title: "Lagermedarbejder"
department: "Lager"
manager: karl-nielsen
email: "bo.a@firma.dk"
employee_number: "6"
started: 2026-12-15
---
""",
}


@pytest.fixture
def handbook(make_handbook):
    return make_handbook(
        {
            "content/people/bo-hansen/index.md": BOSS,
            "content/people/anna-jensen/index.md": ANNA,
            "content/people/karl-nielsen/index.md": KARL,
            "content/people/ole-berg/index.md": OLE,
            "content/people/peter-holm/index.md": PETER,
        }
    )


def danish_csv(rows: list[list[str]]) -> bytes:
    lines = [";".join(f'"{cell}"' if " " in cell else cell for cell in row) for row in [HEADERS, *rows]]
    return "\ufeff".encode() + "\r\n".join(lines).encode("utf-8") + b"\r\n"


def workbook(path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in rows:
        cells: list[object] = list(row)
        for at in (6, 7):  # date cells, as Excel stores them
            if row[at]:
                day, month, year = (int(p) for p in row[at].replace(".", "-").split("-"))
                cells[at] = dt.datetime(year, month, day)
        cells[0] = int(row[0])  # a number cell
        sheet.append(cells)
    book.save(path)


def export(tmp_path, kind: str, rows: list[list[str]] = ROWS):
    path = tmp_path / f"medarbejdere.{kind}"
    if kind == "csv":
        path.write_bytes(danish_csv(rows))
    else:
        workbook(path, rows)
    return path


def index_files(root) -> dict[str, str]:
    people = root / "content/people"
    return {p.parent.name: p.read_text("utf-8") for p in sorted(people.glob("*/index.md"))}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_dry_run_then_write_then_nothing(handbook, tmp_path, kind):
    source = export(tmp_path, kind)
    before = snapshot(handbook)
    result = run(handbook, "import-people", str(source))
    assert result.exit_code == 0, result.output
    assert snapshot(handbook) == before  # a dry run writes nothing
    assert result.output == (
        "ændret   anna-jensen (række 3):\n"
        "           manager: bo-hansen → mette-lund\n"
        '           employee_number: "2"\n'
        "ny       bo-aeroeskoebing (række 7): Bo Ærøskøbing\n"
        '           title: "Lagermedarbejder"\n'
        '           department: "Lager"\n'
        "           manager: karl-nielsen\n"
        '           email: "bo.a@firma.dk"\n'
        '           employee_number: "6"\n'
        "           started: 2026-12-15\n"
        "ændret   bo-hansen (række 2):\n"
        '           employee_number: "1"\n'
        "ny       mette-lund (række 6): Mette Lund\n"
        '           title: "Økonomichef"\n'
        '           department: "Økonomi"\n'
        "           manager: bo-hansen\n"
        '           email: "mette@firma.dk"\n'
        '           employee_number: "5"\n'
        "           started: 2026-12-01\n"
        "ændret   ole-berg (række 5):\n"
        '           employee_number: "4"\n'
        "           left: 2026-11-30\n"
        "mangler  peter-holm: Peter Holm står ikke i filen; --mark-left DATO giver left: DATO\n"
        "Nye: 2, ændrede: 3, uændrede: 1, mangler i filen: 1.\n"
        "Intet er skrevet; kør igen med --write for at gemme ændringerne.\n"
    )

    result = run(handbook, "import-people", str(source), "--write")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("Skrev 5 filer under content/people/.\n")
    assert index_files(handbook) == EXPECTED
    records = {k: v for k, v in before.items() if not k.endswith(("index.md", "/"))}
    assert records and all(snapshot(handbook)[k] == v for k, v in records.items())
    assert check(handbook).exit_code == 0, check(handbook).output

    after = snapshot(handbook)
    result = run(handbook, "import-people", str(source), "--write")
    assert result.exit_code == 0, result.output
    assert "Nye: 0, ændrede: 0, uændrede: 6, mangler i filen: 1." in result.output
    assert snapshot(handbook) == after


def test_mark_left_gives_the_missing_left(handbook, tmp_path):
    source = export(tmp_path, "csv")
    result = run(handbook, "import-people", str(source), "--mark-left", "2026-11-30", "--write")
    assert result.exit_code == 0, result.output
    assert "fratrådt peter-holm: Peter Holm står ikke i filen; left: 2026-11-30\n" in result.output
    assert index_files(handbook)["peter-holm"] == PETER.replace(
        "started: 2021-02-01\n", "started: 2021-02-01\nleft: 2026-11-30\n"
    )
    assert check(handbook).exit_code == 0


def test_a_broken_file_reports_every_problem_and_writes_nothing(handbook, tmp_path):
    rows = [
        ["1", "Bo Hansen", "bo@firma.dk", "Direktør", "Ledelse", "Anna Jensen", "", ""],
        ["2", "Anna Jensen", "anna@firma.dk", "Bogholder", "Økonomi", "Bo Hansen", "31-02-2020", ""],
        ["3", "Karl Nielsen", "karl@firma.dk", "Lagerchef", "Lager", "Jens Hemmelig", "1/5-2019", ""],
        ["7", "Anna Jensen", "ANNA@firma.dk", "", "", "", "", ""],
    ]
    source = export(tmp_path, "csv", rows)
    before = snapshot(handbook)
    result = run(handbook, "import-people", str(source), "--write")
    assert result.exit_code == 1
    name = str(source)
    assert result.stdout == (
        f"{name}:2: lederkæden går i ring: anna-jensen → bo-hansen → anna-jensen; ret lederen i en af rækkerne\n"
        f"{name}:3: '31-02-2020' i kolonnen 'Ansættelsesdato' er en dato, der ikke findes; ret dag og måned\n"
        f"{name}:4: '1/5-2019' i kolonnen 'Ansættelsesdato' er ikke en dato; skriv den som dd-mm-åååå, fx 30-06-2026\n"
        f"{name}:4: lederen 'Jens Hemmelig' findes hverken i filen eller i håndbogen; skriv lederens e-mail, "
        "medarbejdernummer eller fulde navn, som det står i filen\n"
        f"{name}:5: e-mailen 'ANNA@firma.dk' står også i række 3; hver person må kun stå én gang\n"
        f"{name}:5: rækken er den samme person (anna-jensen) som række 3; hver person må kun stå én gang\n"
    )
    assert "Intet er skrevet" in result.stderr
    assert snapshot(handbook) == before


def test_a_name_that_fits_two_people_is_an_error_naming_both(handbook, tmp_path):
    rows = [
        ["8", "Lis Dam", "lis@firma.dk", "", "", "", "", ""],
        ["9", "Lis Dam", "lis.dam@firma.dk", "", "", "", "", ""],
        ["10", "Kim Ny", "kim@firma.dk", "", "", "Lis Dam", "", ""],
    ]
    result = run(handbook, "import-people", str(export(tmp_path, "csv", rows)))
    assert result.exit_code == 1
    assert (
        ":4: lederen 'Lis Dam' passer på både Lis Dam (lis-dam) og Lis Dam (lis-dam-2); "
        "skriv lederens e-mail eller medarbejdernummer i stedet\n"
    ) in result.stdout


def test_english_headers_a_comma_windows_1252_and_a_chosen_column(handbook, tmp_path):
    source = tmp_path / "export.csv"
    text = 'Full legal name,Work e-mail address,Position\r\n"Søren Aabye, jr.",soeren@firma.dk,Tømrer\r\n'
    source.write_bytes(text.encode("cp1252"))
    result = run(
        handbook,
        "import-people",
        str(source),
        "--column",
        "name=Full legal name",
        "--column",
        "email=Work e-mail address",
        "--write",
    )
    assert result.exit_code == 0, result.output
    assert index_files(handbook)["soeren-aabye-jr"] == (
        '---\nname: "Søren Aabye, jr."\ntitle: "Tømrer"\nemail: "soeren@firma.dk"\n---\n'
    )
    assert check(handbook).exit_code == 0
