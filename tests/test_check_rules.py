"""One case per rule of the record format: the exact path:line and the gist of the message."""

from __future__ import annotations

import pytest

from .conftest import check


@pytest.fixture
def make_handbook(english_handbook):
    """The rules here are pinned in English; tests/test_messages.py pins the Danish."""
    return english_handbook


ANNA_DIR = "content/people/anna-jensen"
REC = f"{ANNA_DIR}/2026-03-12.md"


def record(front: str, body: str = "Noter.\n") -> str:
    return f"---\n{front}---\n{body}"


AGREEMENT = """\
date: 2026-03-12
agreements:
  - id: mentor
    what: "Får en mentor"
    owner: manager
    deadline: 2026-06-30
"""

CASES = [
    # --- YAML and splitting -------------------------------------------------------
    (
        "yaml-1.2-status-no",
        record(AGREEMENT + "    status: no\n"),
        REC,
        8,
        "'status: no' is not a status; write open, done or dropped",
    ),
    (
        "owner-on-is-an-unknown-owner",
        record(AGREEMENT.replace("owner: manager", "owner: on")),
        REC,
        6,
        "owner 'on' is not a person, role, employee or manager",
    ),
    ("impossible-date", record("date: 2026-02-30\n"), REC, 2, "'date: 2026-02-30' is not a date that exists"),
    (
        "danish-date",
        record(AGREEMENT.replace("deadline: 2026-06-30", "deadline: 30-06-2026")),
        REC,
        7,
        "write deadline: 2026-06-30",
    ),
    (
        "slash-date",
        record(AGREEMENT.replace("deadline: 2026-06-30", "deadline: 30/6/2026")),
        REC,
        7,
        "write deadline: 2026-06-30",
    ),
    (
        "short-iso-date",
        record(AGREEMENT.replace("deadline: 2026-06-30", "deadline: 2026-6-30")),
        REC,
        7,
        "write deadline: 2026-06-30",
    ),
    (
        "month-name-date",
        record(AGREEMENT.replace("deadline: 2026-06-30", "deadline: juni 2026")),
        REC,
        7,
        "write it as YYYY-MM-DD",
    ),
    (
        "date-with-time",
        record(AGREEMENT.replace("deadline: 2026-06-30", "deadline: 2026-06-30 10:00")),
        REC,
        7,
        "write deadline: 2026-06-30",
    ),
    (
        "duplicate-key",
        record("date: 2026-03-12\ndate: 2026-03-12\n"),
        REC,
        3,
        "duplicate key 'date' (first on line 2)",
    ),
    (
        "tab-indent",
        record(AGREEMENT.replace("    owner", "\towner")),
        REC,
        6,
        "a tab is used for indentation; indent with spaces",
    ),
    ("anchor", record("date: &d 2026-03-12\n"), REC, 2, "YAML anchors (&'d') are not allowed"),
    ("alias", record("date: &d 2026-03-12\nnext_mus: *d\n"), REC, 3, "YAML aliases (*'d') are not allowed"),
    (
        "merge-key",
        record("date: 2026-03-12\nagreements:\n  - <<: {id: a}\n"),
        REC,
        4,
        "merge keys (<<) are not allowed",
    ),
    (
        "python-tag",
        record("date: 2026-03-12\nprivate: !!python/object/apply:os.system ['touch /tmp/pwned']\n"),
        REC,
        3,
        "are not allowed; remove the tag",
    ),
    ("json-front-matter", '{"date": "2026-03-12"}\n', REC, 1, "not JSON"),
    ("toml-front-matter", '+++\ndate = "2026-03-12"\n+++\n', REC, 1, "not TOML"),
    ("unclosed-front-matter", "---\ndate: 2026-03-12\n\nNoter\n", REC, 1, "the front matter is not closed"),
    ("dots-terminator", "---\ndate: 2026-03-12\n...\nNoter\n", REC, 3, "not '...'"),
    ("missing-front-matter", "Bare noter\n", REC, 1, "the file must start with front matter"),
    ("leading-blank-line", "\n---\ndate: 2026-03-12\n---\n", REC, 1, "remove the blank lines above it"),
    ("empty-file", "", REC, 1, "the file is empty"),
    ("empty-front-matter", "---\n---\nNoter\n", REC, 1, "the front matter is empty"),
    ("front-matter-list", "---\n- date\n---\n", REC, 2, "must be keys and values"),
    ("front-matter-scalar", "---\njust text\n---\n", REC, 2, "must be keys and values"),
    (
        "unclosed-quote",
        record('date: 2026-03-12\nagreements:\n  - id: a\n    what: "Får en\n    owner: employee\n'),
        REC,
        5,
        "a quote is opened here but never closed",
    ),
    (
        "invalid-utf8",
        b'---\ndate: 2026-03-12\nagreements:\n  - id: a\n    what: "K\xf8b"\n---\n',
        REC,
        5,
        "not valid UTF-8",
    ),
    # --- keys and values -----------------------------------------------------------
    (
        "unknown-key-typo",
        record(AGREEMENT.replace("deadline:", "dealine:")),
        REC,
        7,
        "unknown key 'dealine'; did you mean 'deadline'?",
    ),
    (
        "missing-required-key",
        record(AGREEMENT.replace('    what: "Får en mentor"\n', "")),
        REC,
        4,
        "missing required key 'what'",
    ),
    ("missing-date", record("next_mus: 2027-03-01\n"), REC, 2, "missing required key 'date'"),
    (
        "agreements-not-list",
        record("date: 2026-03-12\nagreements: kursus\n"),
        REC,
        3,
        "'agreements' must be a list",
    ),
    (
        "agreement-item-not-mapping",
        record("date: 2026-03-12\nagreements:\n  - kursus\n"),
        REC,
        4,
        "item 1 of 'agreements' must be keys and values",
    ),
    (
        "bad-agreement-id",
        record(AGREEMENT.replace("id: mentor", 'id: "Mentor ordning"')),
        REC,
        4,
        "is not a valid id",
    ),
    ("empty-what", record(AGREEMENT.replace('"Får en mentor"', '""')), REC, 5, "'what' is empty"),
    ("status-typo", record(AGREEMENT + "    status: opne\n"), REC, 8, "did you mean 'open'?"),
    (
        "text-that-is-a-list",
        record(AGREEMENT.replace('"Får en mentor"', "[a, b]")),
        REC,
        5,
        "'what' must be text, not a list",
    ),
    (
        "bad-reference-format",
        record(AGREEMENT + "    continues: excel-kursus\n"),
        REC,
        8,
        "is not an agreement reference",
    ),
    # --- rules across fields and files ---------------------------------------------
    ("date-mismatch", record("date: 2026-03-13\n"), REC, 2, "does not match the file name"),
    (
        "next-mus-before-date",
        record("date: 2026-03-12\nnext_mus: 2026-01-01\n"),
        REC,
        3,
        "must be after the conversation's date",
    ),
    (
        "done-on-without-done",
        record(AGREEMENT + "    done_on: 2026-05-01\n"),
        REC,
        8,
        "done_on is only for agreements with status: done",
    ),
    (
        "done-on-future",
        record(AGREEMENT + "    status: done\n    done_on: 2026-12-24\n"),
        REC,
        9,
        "is after today (2026-11-26)",
    ),
    (
        "duplicate-agreement-id",
        record(AGREEMENT + '  - id: mentor\n    what: "x"\n    owner: employee\n    deadline: 2026-07-01\n'),
        REC,
        8,
        "agreement id 'mentor' is used twice in this record (first on line 4)",
    ),
    (
        "unknown-owner",
        record(AGREEMENT.replace("owner: manager", "owner: anna-jensn")),
        REC,
        6,
        "did you mean 'anna-jensen'?",
    ),
    (
        "owner-role-ok-unknown-role",
        record(AGREEMENT.replace("owner: manager", "owner: okonomi")),
        REC,
        6,
        "write employee, manager, a role (hr, it) or a person id",
    ),
    (
        "unknown-record-manager",
        record("date: 2026-03-12\nmanager: bo-hanson\n"),
        REC,
        3,
        "did you mean 'bo-hansen'?",
    ),
    (
        "continues-unknown",
        record(AGREEMENT + "    continues: 2025-03-10/excel-kurset\n"),
        REC,
        8,
        "did you mean 2025-03-10/excel-kursus?",
    ),
    (
        "continues-not-earlier",
        record(AGREEMENT + "    continues: 2026-03-12/mentor\n"),
        REC,
        8,
        "is not an earlier agreement",
    ),
    (
        "continues-no-such-record",
        record(AGREEMENT + "    continues: 2024-01-01/x\n"),
        REC,
        8,
        "there is no record 2024-01-01.md",
    ),
    (
        "follow-up-unknown",
        record(
            'date: 2026-03-12\nfollow_up:\n  - agreement: 2025-03-10/excell-kursus\n    evaluation: "Godt"\n'
        ),
        REC,
        4,
        "did you mean 2025-03-10/excel-kursus?",
    ),
    # An id is the whole value: "arkiv\n" once passed and reached the HTML and the exports.
    (
        "id-with-trailing-newline",
        record(AGREEMENT.replace("id: mentor", 'id: "arkiv\\n"')),
        REC,
        4,
        "'id: arkiv?' is not a valid id",
    ),
    (
        "owner-with-trailing-newline",
        record(AGREEMENT.replace("owner: manager", 'owner: "employee\\n"')),
        REC,
        6,
        "'owner: employee?' is not a valid id",
    ),
    (
        "manager-with-trailing-newline",
        record(AGREEMENT + 'manager: "bo-hansen\\n"\n'),
        REC,
        8,
        "'manager: bo-hansen?' is not a valid id",
    ),
    (
        "sign-off-by-an-unknown-person",
        record("date: 2026-03-12\nsigned_off:\n  - by: anna-jense\n    on: 2026-03-20\n"),
        REC,
        4,
        "the signer (by) 'anna-jense' is not a known person; did you mean 'anna-jensen'?",
    ),
    (
        "sign-off-by-someone-not-in-the-conversation",
        record(
            "date: 2026-03-12\nmanager: anna-jensen\nsigned_off:\n  - on: 2026-03-20\n    by: bo-hansen\n"
        ),
        REC,
        6,
        "bo-hansen approved the record, but only the employee (anna-jensen) and the manager who held"
        " the conversation (anna-jensen) approve it",
    ),
    (
        "sign-off-before-the-conversation",
        record("date: 2026-03-12\nsigned_off:\n  - by: bo-hansen\n    on: 2026-03-11\n"),
        REC,
        5,
        "approved on 2026-03-11, before the conversation of 2026-03-12 was held",
    ),
    (
        "sign-off-after-today",
        record("date: 2026-03-12\nsigned_off:\n  - by: anna-jensen\n    on: 2026-11-27\n"),
        REC,
        5,
        "approved on 2026-11-27, after today (2026-11-26)",
    ),
    (
        "sign-off-without-a-date",
        record("date: 2026-03-12\nsigned_off:\n  - by: anna-jensen\n"),
        REC,
        4,
        "missing required key 'on'",
    ),
    (
        "follow-up-missing-evaluation",
        record("date: 2026-03-12\nfollow_up:\n  - agreement: 2025-03-10/excel-kursus\n"),
        REC,
        4,
        "missing required key 'evaluation'",
    ),
]


@pytest.mark.parametrize(
    "files_content,path,line,fragment", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_record_rule(make_handbook, files_content, path, line, fragment):
    root = make_handbook({REC: files_content})
    result = check(root)
    assert result.exit_code == 1, result.output
    lines = [out for out in result.output.splitlines() if out.startswith(f"{path}:{line}: ")]
    assert any(fragment in out for out in lines), result.output


PERSON_CASES = [
    (
        "unknown-manager",
        {f"{ANNA_DIR}/index.md": '---\nname: "Anna"\nmanager: bo-hanse\n---\n'},
        f"{ANNA_DIR}/index.md",
        3,
        "manager 'bo-hanse' is not a known person; did you mean 'bo-hansen'?",
    ),
    (
        "own-manager",
        {f"{ANNA_DIR}/index.md": '---\nname: "Anna"\nmanager: anna-jensen\n---\n'},
        f"{ANNA_DIR}/index.md",
        3,
        "cannot be their own manager",
    ),
    (
        "left-before-started",
        {f"{ANNA_DIR}/index.md": '---\nname: "Anna"\nstarted: 2020-01-01\nleft: 2019-01-01\n---\n'},
        f"{ANNA_DIR}/index.md",
        4,
        "is before started",
    ),
    (
        "missing-name",
        {f"{ANNA_DIR}/index.md": '---\ntitle: "Bogholder"\n---\n'},
        f"{ANNA_DIR}/index.md",
        2,
        "missing required key 'name'",
    ),
    (
        "manager-cycle",
        {
            "content/people/bo-hansen/index.md": '---\nname: "Bo"\nmanager: anna-jensen\n---\n',
            f"{ANNA_DIR}/index.md": '---\nname: "Anna"\nmanager: bo-hansen\n---\n',
        },
        f"{ANNA_DIR}/index.md",
        3,
        "go round in a circle",
    ),
    (
        "reserved-id",
        {"content/people/hr/index.md": '---\nname: "HR"\n---\n'},
        "content/people/hr/index.md",
        1,
        "is reserved",
    ),
    (
        "bad-folder-name",
        {"content/people/Anna Jensen/index.md": '---\nname: "Anna"\n---\n'},
        "content/people/Anna Jensen",
        1,
        "is not a valid person id",
    ),
    (
        "unexpected-file",
        {f"{ANNA_DIR}/noter.md": "---\ndate: 2026-01-01\n---\n"},
        f"{ANNA_DIR}/noter.md",
        1,
        "unexpected file; records are named YYYY-MM-DD.md",
    ),
    (
        "impossible-file-date",
        {f"{ANNA_DIR}/2026-02-30.md": "---\ndate: 2026-02-30\n---\n"},
        f"{ANNA_DIR}/2026-02-30.md",
        1,
        "not a date that exists",
    ),
    (
        "missing-index",
        {"content/people/ida-skov/2026-01-05.md": "---\ndate: 2026-01-05\n---\n"},
        "content/people/ida-skov/index.md",
        1,
        "every person folder needs an index.md",
    ),
    (
        "git-emails-not-a-list",
        {f"{ANNA_DIR}/index.md": '---\nname: "Anna"\ngit_emails: anna@privat.dk\n---\n'},
        f"{ANNA_DIR}/index.md",
        3,
        "'git_emails' must be a list of e-mail addresses, e.g. git_emails: [name@company.com]",
    ),
    (
        "ssh-signing-key-of-an-unknown-type",
        {
            f"{ANNA_DIR}/index.md": '---\nname: "Anna"\nssh_signing_key: "ssh-dss AAAAB3NzaC1kc3MAAACBAP"\n---\n'
        },
        f"{ANNA_DIR}/index.md",
        3,
        "'ssh_signing_key: ssh-dss AAAAB3NzaC1kc3MAAACBAP' is not a public SSH key",
    ),
    (
        "owner-manager-without-manager",
        {"content/people/bo-hansen/2026-01-05.md": record(AGREEMENT.replace("2026-03-12", "2026-01-05"))},
        "content/people/bo-hansen/2026-01-05.md",
        6,
        "owner: manager, but this record has no manager",
    ),
]


@pytest.mark.parametrize(
    "files,path,line,fragment", [c[1:] for c in PERSON_CASES], ids=[c[0] for c in PERSON_CASES]
)
def test_person_and_layout_rule(make_handbook, files, path, line, fragment):
    result = check(make_handbook(files))
    assert result.exit_code == 1, result.output
    assert any(
        out.startswith(f"{path}:{line}: ") and fragment in out for out in result.output.splitlines()
    ), result.output


def test_bom_and_crlf_keep_line_numbers(make_handbook):
    text = record(AGREEMENT.replace("deadline:", "dealine:")).replace("\n", "\r\n")
    result = check(make_handbook({REC: "\ufeff" + text}))
    assert result.exit_code == 1
    assert f"{REC}:7: in item 1 of 'agreements': unknown key 'dealine'" in result.output


def test_valid_bom_crlf_record_passes(make_handbook):
    result = check(make_handbook({REC: "\ufeff" + record(AGREEMENT).replace("\n", "\r\n")}))
    assert result.exit_code == 0, result.output


def test_every_problem_in_every_file_in_one_run(make_handbook):
    root = make_handbook(
        {
            REC: record(AGREEMENT.replace("deadline:", "dealine:")),
            "content/people/bo-hansen/index.md": '---\nname: "Bo"\ntitel: "Chef"\n---\n',
        }
    )
    result = check(root)
    assert result.exit_code == 1
    problem_lines = [line for line in result.output.splitlines() if ".md:" in line]
    assert problem_lines == [
        "content/people/anna-jensen/2026-03-12.md:4: in item 1 of 'agreements': missing required key 'deadline' (when it is due, YYYY-MM-DD)",
        "content/people/anna-jensen/2026-03-12.md:7: in item 1 of 'agreements': unknown key 'dealine'; did you mean 'deadline'?",
        "content/people/bo-hansen/index.md:3: unknown key 'titel'; did you mean 'title'?",
    ]
    assert result.output.splitlines()[-1] == "5 files checked: 3 errors."


def test_person_folder_with_trailing_newline_is_not_an_id(make_handbook):
    root = make_handbook({"content/people/ida\n/index.md": '---\nname: "Ida"\n---\n'})
    result = check(root)
    assert result.exit_code == 1
    assert "content/people/ida?:1: 'ida?' is not a valid person id" in result.output


def test_a_person_with_an_error_still_counts_and_their_records_get_every_rule(make_handbook):
    """`name: ~` in a manager's index.md is one error. The person stays known, so the files
    that name them raise no false "not a known person", and their own records are still
    checked against the rules that span files, in the same run."""
    root = make_handbook(
        {
            "content/people/bo-hansen/index.md": "---\nname: ~\n---\n",
            "content/people/bo-hansen/2026-01-05.md": (
                "---\ndate: 2026-01-05\nfollow_up:\n  - agreement: 2025-01-01/mentor\n"
                '    evaluation: "Godt"\n---\n'
            ),
        }
    )
    result = check(root)
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if ".md:" in line] == [
        "content/people/bo-hansen/2026-01-05.md:4: follow_up agreement: there is no record "
        "2025-01-01.md for this person with agreement 'mentor'",
        "content/people/bo-hansen/index.md:2: 'name' is empty; write the text after 'name: '",
    ]


def test_an_agreement_with_an_error_of_its_own_still_gets_the_rules_across_files(make_handbook):
    """A missing deadline keeps the agreement out of the model, not out of the rules: its
    unknown owner is reported in the same run, and a later record may still follow it up."""
    first = (
        "---\ndate: 2025-03-10\nagreements:\n  - id: excel-kursus\n"
        '    what: "Kursus"\n    owner: bo-hanse\n---\n'
    )
    later = (
        "---\ndate: 2026-03-12\nfollow_up:\n  - agreement: 2025-03-10/excel-kursus\n"
        '    evaluation: "Godt"\n---\n'
    )
    result = check(make_handbook({f"{ANNA_DIR}/2025-03-10.md": first, REC: later}))
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if ".md:" in line] == [
        f"{ANNA_DIR}/2025-03-10.md:4: in item 1 of 'agreements': missing required key 'deadline' "
        "(when it is due, YYYY-MM-DD)",
        f"{ANNA_DIR}/2025-03-10.md:6: owner 'bo-hanse' is not a person, role, employee or manager; "
        "did you mean 'bo-hansen'?",
    ]


SIGNED_RECORD = """\
---
date: 2026-03-12
agreements:
  - id: mentor
    what: "Får en mentor"
    owner: manager
    deadline: 2026-06-30
signed_off:
  - by: anna-jensen
    on: 2026-03-14
  - by: bo-hansen
    on: 2026-03-15
  - by: anna-jensen
    on: 2026-03-20
---
Noter.
"""

SIGNING_PERSON = """\
---
name: "Anna Jensen"
manager: bo-hansen
email: anna@firma.dk
git_emails: [anna@privat.dk, "anna.jensen@users.noreply.github.com"]
ssh_signing_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl anna@laptop
---
"""


def test_sign_offs_and_signing_keys_as_the_format_describes_them_pass(make_handbook):
    """Signing again after a change adds a second line for the same person."""
    root = make_handbook({REC: SIGNED_RECORD, f"{ANNA_DIR}/index.md": SIGNING_PERSON})
    result = check(root, "--strict")
    assert result.exit_code == 0, result.output


def test_the_preview_checks_again_whoever_a_change_elsewhere_may_break(small):
    """`mus serve` checks again only the people whose own files changed, as long as the
    people, the settings and the day are the same. A record that names a person who was
    deleted, or is done on a day after a new today, is reported though it did not change."""
    import datetime as dt
    import shutil

    from mus_build.check.config import load_config
    from mus_build.check.load import FolderCache, load_sources

    config, _ = load_config(small / "mkdocs.yml")
    folders = FolderCache()
    record = "content/people/anna-jensen/2026-03-12.md"

    def problems(today: dt.date) -> list[str]:
        return [str(p) for p in load_sources(config, today, folders=folders).problems if p.path == record]

    assert problems(dt.date(2026, 11, 26)) == []
    assert problems(dt.date(2026, 5, 1))[0].startswith(f"{record}:10: ")  # done_on: 2026-05-28
    assert problems(dt.date(2026, 11, 26)) == []
    shutil.rmtree(small / "content/people/mette-boss")
    assert any(p.startswith(f"{record}:22: ") and "mette-boss" in p for p in problems(dt.date(2026, 11, 26)))
