"""mus new and mus new-person: the template, never overwriting, and the question guide as data."""

from __future__ import annotations

from .conftest import TODAY, check, run

PERSON_DIR = "content/people/anna-jensen"


def test_new_record_follows_up_and_passes_check(small):
    result = run(small, "new", "anna-jensen", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {PERSON_DIR}/2026-11-27.md\n"
    text = (small / PERSON_DIR / "2026-11-27.md").read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2026-11-27\nmanager: mette-boss\nfollow_up:\n")
    # Every agreement of the latest record; the earlier excel-kursus is continued, so not again.
    refs = [line.split(": ")[1] for line in text.splitlines() if line.startswith("  - agreement: ")]
    assert refs == [
        "2026-03-12/excel-kursus",
        "2026-03-12/vejledning",
        "2026-03-12/backup",
        "2026-03-12/lederkursus",
    ]
    assert "## Kompetencer\n\n<!-- Hvilke kompetencer bruger du mest? -->" in text
    result = check(small)
    assert result.exit_code == 0, result.output
    assert result.output.count("warning: the evaluation of") == 4


def test_new_record_includes_earlier_open_agreements(small):
    record = small / PERSON_DIR / "2026-03-12.md"
    record.write_text(record.read_text().replace("    continues: 2025-03-10/excel-kursus\n", ""))
    result = run(small, "new", "anna-jensen", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    text = (small / PERSON_DIR / "2026-11-27.md").read_text(encoding="utf-8")
    assert "  - agreement: 2025-03-10/excel-kursus\n" in text  # still open, not carried on
    assert "  - agreement: 2025-03-10/rykker\n" not in text  # done


def test_new_never_overwrites(small):
    path = small / PERSON_DIR / "2026-03-12.md"
    before = path.read_bytes()
    result = run(small, "new", "anna-jensen", "--date", "2026-03-12")
    assert result.exit_code == 1
    assert path.read_bytes() == before


def test_new_refuses_an_existing_file_after_the_latest(small):
    path = small / PERSON_DIR / "2026-12-01.md"
    assert run(small, "new", "anna-jensen", "--date", "2026-12-01").exit_code == 0
    path.write_text(path.read_text() + "Mine noter.\n")
    before = path.read_bytes()
    result = run(small, "new", "anna-jensen", "--date", "2026-12-01")
    assert result.exit_code == 1
    assert path.read_bytes() == before


def test_unknown_person_suggests_the_closest_ids(small):
    result = run(small, "new", "ana-jensen")
    assert result.exit_code == 1
    assert "Error: unknown person 'ana-jensen'; did you mean anna-jensen?" in result.output


def test_new_person(small):
    result = run(
        small,
        "new-person",
        "soeren-aabye",
        "--name",
        "Søren Aabye",
        "--title",
        "Controller",
        "--department",
        "Økonomi",
        "--manager",
        "mette-boss",
    )
    assert result.exit_code == 0, result.output
    text = (small / "content/people/soeren-aabye/index.md").read_text(encoding="utf-8")
    assert text == (
        '---\nname: "Søren Aabye"\ntitle: "Controller"\ndepartment: "Økonomi"\nmanager: mette-boss\n---\n'
    )
    assert check(small).exit_code == 0
    again = run(small, "new-person", "soeren-aabye", "--name", "Someone Else")
    assert again.exit_code == 1 and "already exists; it was left untouched" in again.output
    assert (small / "content/people/soeren-aabye/index.md").read_text(encoding="utf-8") == text


def test_new_person_rejects_bad_ids_and_managers(small):
    result = run(small, "new-person", "Søren", "--name", "Søren")
    assert result.exit_code == 1
    assert "Error: 'Søren' is not a valid id" in result.output
    result = run(small, "new-person", "soeren", "--name", "Søren", "--manager", "mette-bos")
    assert result.exit_code == 1 and "did you mean mette-boss?" in result.output
    assert not (small / "content/people/soeren").exists()


def test_one_question_changes_page_template_and_sheets(small, tmp_path):
    questions = small / "guides/questions.yml"
    questions.write_text(
        questions.read_text().replace(
            "Hvad giver dig energi i hverdagen?", "Hvornår glæder du dig til mandag?"
        )
    )
    site = tmp_path / "site"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    result = run(small, "new", "anna-jensen", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    template = (small / PERSON_DIR / "2026-11-27.md").read_text(encoding="utf-8")
    new_text = "Hvornår glæder du dig til mandag?"
    assert new_text in (site / "guide/sporgeguide/index.html").read_text(encoding="utf-8")
    assert new_text in template
    assert new_text in (site / "forms/anna-jensen/index.html").read_text(encoding="utf-8")
    assert new_text in (site / "forms/leder/index.html").read_text(encoding="utf-8")  # a 'both' question
    assert "Hvad giver dig energi" not in (site / "guide/sporgeguide/index.html").read_text(encoding="utf-8")


def test_sheet_lists_last_agreements_to_evaluate(small, tmp_path):
    site = tmp_path / "site"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q").exit_code == 0
    html = (site / "forms/anna-jensen/index.html").read_text(encoding="utf-8")
    assert "Tester backup af økonomisystemet" in html and "10. december 2026" in html
    assert 'href="../../forms/anna-jensen/"' in (site / "people/anna-jensen/index.html").read_text()
