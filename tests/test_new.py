"""mus new and mus new-person: the template, never overwriting, and the question guide as data."""

from __future__ import annotations

import datetime as dt

import pytest

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.check.problems import errors
from mus_build.errors import MusError
from mus_build.scaffold import new as scaffold_new
from mus_build.scaffold.new import new_person, new_record

from .conftest import TODAY, check, run

PERSON_DIR = "content/people/anna-jensen"


def test_new_record_follows_up_and_passes_check(small):
    result = run(small, "new", "anna-jensen", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.output == f"Skrev {PERSON_DIR}/2026-11-27.md\n"
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
    # Nobody has approved the record yet: each adds their own line once it is written.
    assert "\nsigned_off: []\n" in text
    assert "# signed_off:\n#   - by: anna-jensen\n#     on: 2026-11-27\n---\n" in text
    result = check(small)
    assert result.exit_code == 0, result.output
    assert result.output.count("advarsel: evalueringen af")  # a Danish handbook == 4


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
    assert "Fejl: anna-jensen har allerede et referat dateret 2026-03-12" in result.output
    assert path.read_bytes() == before


def test_new_refuses_an_existing_file_after_the_latest(small):
    path = small / PERSON_DIR / "2026-12-01.md"
    assert run(small, "new", "anna-jensen", "--date", "2026-12-01").exit_code == 0
    path.write_text(path.read_text() + "Mine noter.\n")
    before = path.read_bytes()
    result = run(small, "new", "anna-jensen", "--date", "2026-12-01")
    assert result.exit_code == 1
    # Loaded again, the file is the latest record, so the date check refuses first; the
    # exclusive create behind it is reached by the tests of a file made after loading, below.
    assert "Fejl: anna-jensen har allerede et referat dateret 2026-12-01" in result.output
    assert path.read_bytes() == before


def load(root):
    """The handbook as `mus new` loads it, before it writes anything."""
    config, problems = load_config((root / "mkdocs.yml").resolve())
    sources = load_sources(config, TODAY)
    assert errors(problems + sources.problems) == []
    handbook, topics = sources.handbook, sources.topics
    return config, handbook, topics


def test_new_record_never_overwrites_a_file_written_after_loading(small):
    """Another `mus new` or an editor saves the same record while this one runs: the
    handbook loaded a moment ago does not know the file, the exclusive create does."""
    config, handbook, topics = load(small)
    path = small / PERSON_DIR / "2026-11-27.md"
    path.write_text("---\ndate: 2026-11-27\n---\nSkrevet af en anden.\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(MusError) as refused:
        new_record(config.root, handbook, topics, "anna-jensen", dt.date(2026, 11, 27))
    assert str(refused.value) == f"{PERSON_DIR}/2026-11-27.md findes allerede; den er ikke rørt"
    assert path.read_bytes() == before


def test_new_person_never_overwrites_a_file_written_after_its_checks(small, monkeypatch):
    """The folder is checked first; a file written after that check and before the write
    (the other process wins the race at the last moment) is still left as it is."""
    config, handbook, _ = load(small)
    rel = "content/people/soeren-aabye/index.md"
    theirs = '---\nname: "Søren Aabye"\ntitle: "Controller"\n---\n'.encode()
    exclusive_create = scaffold_new.write_new

    def raced(root, target, text):
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_bytes(theirs)
        return exclusive_create(root, target, text)

    monkeypatch.setattr(scaffold_new, "write_new", raced)
    with pytest.raises(MusError) as refused:
        new_person(config.root, handbook, "soeren-aabye", "Someone Else", None, None, "mette-boss")
    assert str(refused.value) == f"{rel} findes allerede; den er ikke rørt"
    assert (small / rel).read_bytes() == theirs


def test_unknown_person_suggests_the_closest_ids(small):
    result = run(small, "new", "ana-jensen")
    assert result.exit_code == 1
    assert "Fejl: 'ana-jensen' er ikke en kendt medarbejder; mente du anna-jensen?" in result.output


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
    assert again.exit_code == 1 and "findes allerede; den er ikke rørt" in again.output
    assert (small / "content/people/soeren-aabye/index.md").read_text(encoding="utf-8") == text


def test_new_person_rejects_bad_ids_and_managers(small):
    result = run(small, "new-person", "Søren", "--name", "Søren")
    assert result.exit_code == 1
    assert "Fejl: 'Søren' er ikke et gyldigt id" in result.output
    result = run(small, "new-person", "soeren", "--name", "Søren", "--manager", "mette-bos")
    assert (
        result.exit_code == 1
        and "Fejl: --manager 'mette-bos' er ikke en kendt medarbejder; mente du mette-boss?" in result.output
    )
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


MARKER_LIKE_QUESTIONS = [
    "Private forhold, der påvirker arbejdet?",
    "PRIVAT: hvad fylder mest lige nu?",
    "/private noter?",
    "Hemmeligt?",
]


def test_questions_that_begin_like_a_private_marker_still_give_a_record_that_passes(small):
    """`mus check` refuses a comment whose first word is "private" (a mistyped marker would
    publish what follows), so the template puts a word before such a question."""
    questions = small / "guides/questions.yml"
    text = questions.read_text()
    added = "".join(f'      - text: "{q}"\n        for: both\n' for q in MARKER_LIKE_QUESTIONS)
    text = text.replace(
        '      - text: "Hvad giver dig energi i hverdagen?"\n',
        added + '      - text: "Hvad giver dig energi i hverdagen?"\n',
        1,
    )
    questions.write_text(text)
    result = run(small, "new", "anna-jensen", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    template = (small / PERSON_DIR / "2026-11-27.md").read_text(encoding="utf-8")
    for question in MARKER_LIKE_QUESTIONS:
        assert f"<!-- Spørgsmål: {question} -->" in template
    assert "<!-- Hvad giver dig energi i hverdagen? -->" in template  # the others as they were
    result = check(small)
    assert result.exit_code == 0, result.output
