"""Every message in the handbook's language: the same file and line in Danish and English,
the same codes in both catalogues, "did you mean", and YAML 1.2 readings by field type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mus_build.messages import CATALOGUES

from .conftest import check, set_language
from .hostile.corpus import REJECTED, Rejected

PACKAGE = Path(__file__).parent.parent / "mus_build"
REC = "content/people/anna-jensen/2026-03-12.md"
INDEX = "content/people/anna-jensen/index.md"


def record(front: str) -> str:
    return f"---\ndate: 2026-03-12\n{front}---\nNoter.\n"


def agreement(what: str = '"Får en mentor"', owner: str = "manager", extra: str = "") -> str:
    return f"agreements:\n  - id: mentor\n    what: {what}\n    owner: {owner}\n    deadline: 2026-06-30\n{extra}"


# --- the catalogues --------------------------------------------------------------------


def test_danish_and_english_have_the_same_codes():
    assert set(CATALOGUES["da"]) == set(CATALOGUES["en"])


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_each_message_takes_the_same_values_in_every_language(language):
    for code, text in CATALOGUES[language].items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", CATALOGUES["en"][code])), code


def said() -> set[str]:
    found = set()
    for module in PACKAGE.rglob("*.py"):
        found |= set(re.findall(r"\bsay\(\s*[\"'](\w+)[\"']", module.read_text(encoding="utf-8")))
    return found


# Codes named by a prefix and a value: say(f"noun_{noun}"), say(f"help_{key}"), say({...}.get(tag)),
# and the import's, which it names without their prefix (people_import/messages.py).
NAMED_BY_VALUE = ("noun_", "help_", "kind_", "expect_", "import_", "sig_")


def test_every_code_said_exists_and_every_code_is_said():
    assert sorted(said() - set(CATALOGUES["en"])) == []
    unused = [c for c in CATALOGUES["en"] if c not in said() and not c.startswith(NAMED_BY_VALUE)]
    assert unused == []


# --- the bad-record corpus both ways ---------------------------------------------------


def _located(output: str) -> list[str]:
    return sorted(
        line.split(": ", 1)[0] for line in output.splitlines() if re.match(r"^[^:\s][^:]*:\d+: ", line)
    )


# The records of the corpus: a case in mkdocs.yml would shift its lines by the added `language:`.
@pytest.mark.parametrize(
    "case", [c for c in REJECTED if c.setup is None and "mkdocs.yml" not in c.files], ids=str
)
def test_the_corpus_says_the_same_file_and_line_in_danish_and_in_english(make_handbook, case: Rejected):
    found = {}
    for language in ("da", "en"):
        root = make_handbook(case.files)
        set_language(root, language)
        result = check(root)
        assert result.exit_code == 1, result.output
        found[language] = (_located(result.output), result.output)
    assert found["da"][0] == found["en"][0]
    assert f"{case.path}:{case.line}" in found["da"][0]
    assert found["da"][1] != found["en"][1]


# --- a handful of typical mistakes, word for word ---------------------------------------

TYPICAL = [
    (
        {REC: record(agreement(owner="bo"))},
        f"{REC}:6: ",
        "den ansvarlige (owner) 'bo' er hverken en medarbejder, en rolle, employee eller manager; mente du 'bo-hansen'?",
        "owner 'bo' is not a person, role, employee or manager; did you mean 'bo-hansen'?",
    ),
    (
        {REC: record(agreement(extra="    status: no\n"))},
        f"{REC}:8: ",
        "'status: no' er ikke en status; skriv open (åben), done (gennemført) eller dropped (opgivet)",
        "'status: no' is not a status; write open, done or dropped",
    ),
    (
        {REC: record(agreement().replace("deadline: 2026-06-30", "deadline: 30-06-2026"))},
        f"{REC}:7: ",
        "'deadline: 30-06-2026' er ikke skrevet som ÅÅÅÅ-MM-DD; skriv deadline: 2026-06-30",
        "'deadline: 30-06-2026' is not an ISO date; write deadline: 2026-06-30",
    ),
    (
        {REC: record(agreement().replace("deadline:", "dealine:"))},
        f"{REC}:7: ",
        "i punkt 1 under 'agreements': ukendt felt 'dealine'; mente du 'deadline'?",
        "in item 1 of 'agreements': unknown key 'dealine'; did you mean 'deadline'?",
    ),
    (
        {REC: record("manager: bo-hanse\n")},
        f"{REC}:3: ",
        "lederen (manager) 'bo-hanse' er ikke en kendt medarbejder; mente du 'bo-hansen'?",
        "manager 'bo-hanse' is not a known person; did you mean 'bo-hansen'?",
    ),
]


@pytest.mark.parametrize(("files", "where", "danish", "english"), TYPICAL)
def test_typical_mistakes_word_for_word(make_handbook, files, where, danish, english):
    for language, message in (("da", danish), ("en", english)):
        root = make_handbook(files)
        set_language(root, language)
        output = check(root).output
        assert f"{where}{message}" in output.splitlines(), output


def test_json_has_a_danish_message_and_a_stable_english_code(make_handbook):
    root = make_handbook({REC: record(agreement(owner="bo"))})
    result = check(root, "--format", "json")
    [problem] = json.loads(result.stdout)
    assert problem["code"] == "unknown_owner_near"
    assert problem["message"].startswith("den ansvarlige (owner) 'bo'")
    assert "fejl" in result.stderr


def test_github_annotations_are_danish(make_handbook):
    root = make_handbook({REC: record(agreement(extra="    status: no\n"))})
    output = check(root, "--format", "github").output
    assert "::error file=" + REC.replace(":", "%3A") + ",line=8" in output
    assert "er ikke en status" in output
    assert output.splitlines()[-1] == "5 filer tjekket: 1 fejl."


# --- YAML 1.2: scalars by the field's type ----------------------------------------------


@pytest.mark.parametrize("written", ["No", "on", "1.10", "2026-03-12", "12:30", "0123", "yes", "42"])
def test_a_text_field_holds_the_text_as_written(make_handbook, written):
    root = make_handbook({REC: record(agreement(what=written))})
    result = check(root)
    assert result.exit_code == 0, result.output
    from mus_build.check.config import load_config
    from mus_build.check.load import load_sources
    from tests.conftest import TODAY

    config, _ = load_config(root / "mkdocs.yml")
    sources = load_sources(config, TODAY)
    [made] = [r for r in sources.handbook.people["anna-jensen"].records if r.date.isoformat() == "2026-03-12"]
    assert made.agreements[0].what == written


def test_a_date_field_holds_a_date(make_handbook):
    root = make_handbook({REC: record("next_mus: 2027-03-12\n")})
    assert check(root).exit_code == 0


def test_a_person_title_may_be_off(make_handbook):
    root = make_handbook({INDEX: "---\nname: Anna Jensen\ntitle: Off\n---\n"})
    assert check(root).exit_code == 0


def test_status_no_is_still_an_error_naming_the_three_words(make_handbook):
    root = make_handbook({REC: record(agreement(extra="    status: no\n"))})
    set_language(root, "en")
    result = check(root)
    assert result.exit_code == 1
    assert f"{REC}:8: 'status: no' is not a status; write open, done or dropped" in result.output
