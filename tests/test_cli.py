"""The command line: help, exit codes, formats, exact output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from mus_build import __version__
from mus_build.cli import main

from .conftest import TODAY, check, run, set_language


@pytest.fixture
def make_handbook(english_handbook):
    """The messages are pinned in English here; tests/test_messages.py pins the Danish."""
    return english_handbook


COMMANDS = sorted(main.commands)


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"mus, version {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_with_an_example(command, flag):
    result = CliRunner().invoke(main, [command, flag])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"mus {command}" in result.output


def test_clean_handbook_exits_0(make_handbook):
    result = check(make_handbook())
    assert result.exit_code == 0
    assert result.output == "4 files checked, no problems found.\n"


def test_missing_config_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["check", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "findes ikke; kør mus i håndbogens mappe, eller angiv -f STI/mkdocs.yml" in result.output


def test_bad_today_is_a_usage_error(make_handbook):
    result = run(make_handbook(), "check", "--today", "26-11-2026")
    assert result.exit_code == 2
    assert "expected a date written YYYY-MM-DD" in result.output


BROKEN = {
    "content/people/anna-jensen/2026-03-12.md": '---\ndate: 2026-03-12\nagreements:\n  - id: a\n    what: "100%, ok: ja"\n    owner: employee\n    dealine: 2026-06-30\n---\n',
}


def test_github_format_escapes_and_repeats_as_text(make_handbook):
    result = check(make_handbook(BROKEN), "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "::error file=content/people/anna-jensen/2026-03-12.md,line=4,title=mus check::"
        "in item 1 of 'agreements': missing required key 'deadline' (when it is due, YYYY-MM-DD)"
    )
    assert lines[1].startswith("::error file=content/people/anna-jensen/2026-03-12.md,line=7,")
    assert lines[2].startswith("content/people/anna-jensen/2026-03-12.md:4: ")
    assert lines[-1] == "5 files checked: 2 errors."


def test_github_escaping_of_special_characters():
    from mus_build.check.problems import Problem, format_github

    line = format_github(Problem("a,b:c.md", 3, "100% wrong\nnext"))
    assert line == "::error file=a%2Cb%3Ac.md,line=3,title=mus check::100%25 wrong%0Anext"


def test_json_format(make_handbook):
    result = CliRunner().invoke(
        main,
        [
            "check",
            "-f",
            str(make_handbook(BROKEN) / "mkdocs.yml"),
            "--today",
            TODAY.isoformat(),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["path"], p["line"]) for p in problems] == [
        ("content/people/anna-jensen/2026-03-12.md", 4),
        ("content/people/anna-jensen/2026-03-12.md", 7),
    ]
    assert (
        problems[1]["message"] == "in item 1 of 'agreements': unknown key 'dealine'; did you mean 'deadline'?"
    )
    assert problems[1]["code"] == "unknown_key_near"


def test_warnings_pass_unless_strict(make_handbook):
    files = {
        "content/people/anna-jensen/2026-03-12.md": '---\ndate: 2026-03-12\nfollow_up:\n  - agreement: 2025-03-10/excel-kursus\n    evaluation: ""\n---\n'
    }
    root = make_handbook(files)
    result = check(root)
    assert result.exit_code == 0
    assert (
        "content/people/anna-jensen/2026-03-12.md:5: warning: the evaluation of 2025-03-10/excel-kursus is "
        "still empty; write how it went before the record is final"
    ) in result.output
    assert check(root, "--strict").exit_code == 1


def test_overdue_json_shape(small):
    result = run(small, "overdue", "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == [
        {
            "ref": "anna-jensen/2026-03-12/vejledning",
            "person": "anna-jensen",
            "name": "Anna Jensen",
            "record": "2026-03-12",
            "agreement": "vejledning",
            "what": "Skriver en vejledning | kontoplan og regler",
            "owner": "hr",
            "manager": "mette-boss",
            "deadline": "2026-10-30",
            "days_overdue": 27,
        }
    ]


def test_overdue_fail_if_any_and_csv(small):
    result = run(small, "overdue", "--today", TODAY.isoformat(), "--format", "csv", "--fail-if-any")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "ref,person,name,record,agreement,what,owner,manager,deadline,days_overdue",
        "anna-jensen/2026-03-12/vejledning,anna-jensen,Anna Jensen,2026-03-12,vejledning,"
        "Skriver en vejledning | kontoplan og regler,hr,mette-boss,2026-10-30,27",
    ]
    assert run(small, "overdue", "--today", "2026-10-01", "--fail-if-any").exit_code == 0


def test_due_json_shape_and_table(small):
    result = run(small, "due", "--today", "2027-04-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {
            "person": "anna-jensen",
            "name": "Anna Jensen",
            "last_mus": "2026-03-12",
            "next_mus": "2027-03-12",
            "days_overdue": 20,
        },
        {
            "person": "cecilie-dam",
            "name": "Cecilie Dam",
            "last_mus": None,
            "next_mus": None,
            "days_overdue": None,
        },
        {
            "person": "mette-boss",
            "name": "Mette Boss",
            "last_mus": None,
            "next_mus": None,
            "days_overdue": None,
        },
    ]
    result = run(small, "due", "--today", "2027-04-01")
    assert result.exit_code == 0, result.output
    table = result.output.splitlines()
    assert table[0].split("|")[1].strip() == "name"
    assert table[2].startswith("| Anna Jensen ")


@pytest.mark.parametrize("command", ["overdue", "round"])
def test_lists_refuse_broken_records(small, command):
    set_language(small, "en")
    record = small / "content/people/anna-jensen/2026-03-12.md"
    record.write_text(record.read_text().replace("status: done\n    done_on: 2026-05-28", "status: nej"))
    result = run(small, command, "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert "content/people/anna-jensen/2026-03-12.md:9: 'status: nej' is not a status" in result.output


def test_schema_lists_record_keys():
    result = CliRunner().invoke(main, ["schema", "--kind", "record"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert set(schema["properties"]) == {
        "date", "manager", "agreements", "follow_up", "next_mus", "signed_off", "private"
    }  # fmt: skip
