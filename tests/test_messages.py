"""Every message in the handbook's language: the same file and line in Danish and English,
the same codes in both catalogues, "did you mean", and YAML 1.2 readings by field type."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mus_build.cli import main
from mus_build.messages import CATALOGUES, of_click

from .conftest import ANNA, BOSS, FIRST_RECORD, MKDOCS_YML, check, run, set_language, write_tree
from .hostile.corpus import REJECTED, Rejected

PACKAGE = Path(__file__).parent.parent / "mus_build"
REC = "content/people/anna-jensen/2026-03-12.md"
INDEX = "content/people/anna-jensen/index.md"


# The handbook of make_handbook (tests/conftest.py), for tests that need two of them.
HANDBOOK: dict[str, str | bytes] = {
    "mkdocs.yml": MKDOCS_YML,
    "content/people/bo-hansen/index.md": BOSS,
    "content/people/anna-jensen/index.md": ANNA,
    "content/people/anna-jensen/2025-03-10.md": FIRST_RECORD,
}


def record(front: str) -> str:
    return f"---\ndate: 2026-03-12\n{front}---\nNoter.\n"


def agreement(what: str = '"Får en mentor"', owner: str = "manager", extra: str = "") -> str:
    return f"agreements:\n  - id: mentor\n    what: {what}\n    owner: {owner}\n    deadline: 2026-06-30\n{extra}"


# --- the catalogues --------------------------------------------------------------------


def test_danish_and_english_have_the_same_codes():
    assert set(CATALOGUES["da"]) == set(CATALOGUES["en"])


# {name}, and {name!r} as Click and the import write it.
PLACEHOLDER = r"{(\w+(?:![rsa])?)}"


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_each_message_takes_the_same_values_in_every_language(language):
    for code, text in CATALOGUES[language].items():
        assert set(re.findall(PLACEHOLDER, text)) == set(re.findall(PLACEHOLDER, CATALOGUES["en"][code])), (
            code
        )


def said() -> set[str]:
    found = set()
    for module in PACKAGE.rglob("*.py"):
        found |= set(re.findall(r"\bsay\(\s*[\"'](\w+)[\"']", module.read_text(encoding="utf-8")))
    return found


def named() -> set[str]:
    """Codes written as a string anywhere outside the catalogues, e.g. in a table that maps
    what libyaml says to the code of its message (check/yamltree.py)."""
    found = set()
    for module in PACKAGE.rglob("*.py"):
        if module.parent.name != "messages" or module.stem not in CATALOGUES:
            found |= set(re.findall(r"[\"'](\w+)[\"']", module.read_text(encoding="utf-8")))
    return found


# Codes named by a prefix and a value: say(f"noun_{noun}"), say(f"help_{key}"), say({...}.get(tag)),
# and the import's, which it names without their prefix (people_import/messages.py).
NAMED_BY_VALUE = ("noun_", "help_", "kind_", "expect_", "import_", "sig_")


def test_every_code_said_exists_and_every_code_is_said():
    assert sorted(said() - set(CATALOGUES["en"])) == []
    written = said() | named()
    unused = [c for c in CATALOGUES["en"] if c not in written and not c.startswith(NAMED_BY_VALUE)]
    assert unused == []


# --- the bad-record corpus both ways ---------------------------------------------------


@pytest.mark.parametrize("case", REJECTED, ids=str)
def test_the_corpus_says_the_same_file_and_line_in_danish_and_in_english(tmp_path, case: Rejected):
    """Every problem of every bad file of the corpus, in both languages: the same file, line
    and code, a message of the catalogues (it has a code), and words of its own in each."""
    found = {}
    for language in ("da", "en"):
        root = write_tree(tmp_path / language / "handbook", {**HANDBOOK, **case.files})
        set_language(root, language)
        if case.setup:
            case.setup(root)
        result = check(root, "--format", "json")
        assert result.exit_code == 1, result.output
        # Sorted by what both languages share: on one line, the messages sort by their words.
        found[language] = sorted(json.loads(result.stdout), key=lambda p: (p["path"], p["line"], p["code"]))
    where = {language: [(p["path"], p["line"], p["code"]) for p in found[language]] for language in found}
    assert where["da"] == where["en"]
    assert all(code for _, _, code in where["da"]), found["da"]
    for danish, english in zip(found["da"], found["en"], strict=True):
        assert danish["message"] != english["message"], danish
    # `language:` added to mkdocs.yml moves the lines of a case in that file.
    if case.path != "mkdocs.yml":
        assert (case.path, case.line) in [(path, line) for path, line, _ in where["da"]]


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


# --- no message is written outside the catalogues ---------------------------------------

# The calls that carry a message a person reads, and the position of the message among
# their arguments: Problem(path, line, message), LineError(line, message), the rest first.
MESSAGE_ARGUMENT = {
    "Problem": 2,
    "LineError": 1,
    "MusError": 0,
    "ClickException": 0,
    "UsageError": 0,
    "BadParameter": 0,
    "fail": 0,
    "echo": 0,
}


def _is_text(node: ast.expr) -> bool:
    """Written text: a string, an f-string, or strings joined with +."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and any(ch.isalpha() for ch in part.value) for part in node.values
        )
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


# Lines that are no sentence in any language: a command to type, a step's seconds, and
# mkdocs' own warnings passed on as mkdocs wrote them.
PASSED_ON = ("&& mus check && mus build && mus serve", "{seconds:6.2f} s", 'f"mkdocs: {message}"')


def _written_messages(path: Path) -> list[str]:
    found = []
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        position = MESSAGE_ARGUMENT.get(name)
        if position is None or len(node.args) <= position or not _is_text(node.args[position]):
            continue
        if not any(passed in (ast.get_source_segment(source, node) or "") for passed in PASSED_ON):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {name}(...)")
    return found


# Parts whose words are not yet in the catalogues: the reminders' mails and console lines.
NOT_YET: tuple[str, ...] = ()


def test_no_message_is_written_outside_the_catalogues():
    modules = [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.parent.name != "messages"
        and "skeleton" not in p.parts
        and p.relative_to(PACKAGE).parts[0] not in NOT_YET
    ]
    assert [line for module in modules for line in _written_messages(module)] == []


# --- each part of mus in Danish, word for word --------------------------------------------

MKDOCS_DA = "site_name: Testhåndbog\nextra:\n  mus:\n    roles:\n      it: IT-support\n"

IN_DANISH = [
    # mkdocs.yml against the allowlists, and a setting (check/config_safety.py, check/fields.py)
    (
        {"mkdocs.yml": MKDOCS_DA + "hooks:\n  - hook.py\n"},
        "mkdocs.yml:6: 'hooks:' kører Python-filer fra repositoriet, når sitet bygges; fjern det, eller "
        "skriv 'allow_unsafe_config: true' under 'extra: mus:', hvis sitets ejere virkelig har brug for "
        "det (så kører mkdocs.yml som kode: gennemgå hver ændring i den, som var den kode)",
    ),
    (
        {"mkdocs.yml": MKDOCS_DA + "plugins:\n  - serach\n"},
        "mkdocs.yml:7: 'serach' er ikke et plugin, som mus ved er sikker; mente du 'search'? Hvis ikke: "
        "fjern det, eller skriv 'allow_unsafe_config: true' under 'extra: mus:', hvis sitets ejere "
        "virkelig har brug for det (så kører mkdocs.yml som kode: gennemgå hver ændring i den, som var den kode)",
    ),
    (
        {"mkdocs.yml": MKDOCS_DA + "    interval_months: 0\n"},
        "mkdocs.yml:6: 'interval_months' skal være et helt tal fra 1 til 60, men der står '0'",
    ),
    # YAML (check/yamltree.py)
    (
        {INDEX: "---\nname: Anna Jensen\nname: Anna J.\n---\n"},
        f"{INDEX}:3: feltet 'name' står to gange (første gang på linje 2); behold kun det ene",
    ),
    (
        {REC: record('agreements:\n  - id: mentor\n    what: "Får en mentor\n')},
        f"{REC}:5: YAML-fejl: et anførselstegn begynder her, men slutter aldrig; afslut teksten med "
        "det samme anførselstegn",
    ),
    # the folders and files (check/load.py)
    (
        {"content/people/anna-jensen/noter.txt": "x"},
        "content/people/anna-jensen/noter.txt:1: en fil, der ikke hører til her; referater hedder ÅÅÅÅ-MM-DD.md",
    ),
    (
        {REC: "---\ndate: 2026-03-13\n---\n"},
        f"{REC}:2: datoen 2026-03-13 passer ikke med filens navn; skriv date: 2026-03-12, eller omdøb "
        "filen til 2026-03-13.md",
    ),
    # private parts (check/private.py)
    (
        {REC: record("") + "<!-- private -->\nHemmeligt.\n"},
        f"{REC}:5: '<!-- private -->' bliver aldrig afsluttet; tilføj en linje '<!-- /private -->', "
        "hvor den fortrolige del slutter",
    ),
    # the question guide (check/question_guide.py)
    (
        {
            "guides/questions.yml": "topics:\n  - title: Trivsel\n    questions:\n      - text: Hvordan går det?\n        for: alle\n"
        },
        "guides/questions.yml:5: 'for: alle' skal være employee (medarbejderen), manager (lederen) eller both (begge)",
    ),
]


@pytest.mark.parametrize(("files", "line"), IN_DANISH)
def test_each_part_speaks_danish(make_handbook, files, line):
    output = check(make_handbook(files)).output
    assert line in output.splitlines(), output


def test_the_access_rules_suggest_the_hr_person_meant(make_handbook):
    config = MKDOCS_YML + "    access:\n      hr: [bo-hanse]\n"
    emails = {
        INDEX: ANNA.replace("started:", "email: anna@firma.dk\nstarted:"),
        "content/people/bo-hansen/index.md": BOSS.replace("title:", "email: bo@firma.dk\ntitle:"),
    }
    root = make_handbook({"mkdocs.yml": config, **emails})
    output = check(root).output
    assert (
        "mkdocs.yml:7: access: hr nævner 'bo-hanse', som ikke er en medarbejder; mente du 'bo-hansen'?"
        in output
    )
    set_language(root, "en")
    output = check(root).output
    assert (
        "mkdocs.yml:8: access: hr names 'bo-hanse', who is not a person; did you mean 'bo-hansen'?" in output
    )


# --- did you mean --------------------------------------------------------------------------

BO_LIND = '---\nname: "Bo Lind"\ntitle: "IT-chef"\n---\n'


def test_an_owner_by_first_name_suggests_each_person_of_that_name(make_handbook):
    root = make_handbook({"content/people/bo-lind/index.md": BO_LIND, REC: record(agreement(owner="bo"))})
    assert (
        f"{REC}:6: den ansvarlige (owner) 'bo' er hverken en medarbejder, en rolle, employee eller manager; "
        "mente du 'bo-hansen' eller 'bo-lind'?"
    ) in check(root).output.splitlines()


def test_an_owner_bo_suggests_bo_lind(make_handbook):
    """The example of the issue: the only Bo of the handbook is Bo Lind."""
    root = make_handbook(
        {
            "content/people/bo-hansen/index.md": "",  # replaced below: the folder goes
            "content/people/bo-lind/index.md": BO_LIND,
            INDEX: ANNA.replace("manager: bo-hansen", "manager: bo-lind"),
            REC: record(agreement(owner="bo")),
        }
    )
    shutil.rmtree(root / "content/people/bo-hansen")
    set_language(root, "en")
    assert (
        f"{REC}:6: owner 'bo' is not a person, role, employee or manager; did you mean 'bo-lind'?"
    ) in check(root).output.splitlines()


def test_a_reference_to_a_missing_record_suggests_the_agreement_meant(make_handbook):
    later = record("follow_up:\n  - agreement: 2025-03-11/excel-kursus\n    evaluation: Godt.\n")
    root = make_handbook({REC: later})
    assert (
        f"{REC}:4: opfølgningens agreement: der er intet referat 2025-03-11.md for denne medarbejder med "
        "aftalen 'excel-kursus'; mente du 2025-03-10/excel-kursus?"
    ) in check(root).output.splitlines()
    set_language(root, "en")
    assert (
        f"{REC}:4: follow_up agreement: there is no record 2025-03-11.md for this person with agreement "
        "'excel-kursus'; did you mean 2025-03-10/excel-kursus?"
    ) in check(root).output.splitlines()


def test_a_reference_far_from_every_agreement_gets_no_suggestion(make_handbook):
    root = make_handbook({REC: record("follow_up:\n  - agreement: 2024-01-01/noget-helt-andet\n")})
    output = check(root).output
    assert (
        "der er intet referat 2024-01-01.md for denne medarbejder med aftalen 'noget-helt-andet'\n" in output
    )


def test_new_suggests_the_person_and_the_manager_meant(make_handbook):
    root = make_handbook({"content/people/bo-lind/index.md": BO_LIND})
    result = run(root, "new", "anna")
    assert result.exit_code == 1
    assert result.output == "Fejl: 'anna' er ikke en kendt medarbejder; mente du anna-jensen?\n"
    result = run(root, "new-person", "soeren-aabye", "--name", "Søren Aabye", "--manager", "bo")
    assert result.exit_code == 1
    assert (
        result.output
        == "Fejl: --manager 'bo' er ikke en kendt medarbejder; mente du bo-hansen eller bo-lind?\n"
    )
    set_language(root, "en")
    result = run(root, "new", "ana-jensen")
    assert result.output == "Error: unknown person 'ana-jensen'; did you mean anna-jensen?\n"


# --- Click's own errors --------------------------------------------------------------------


def mus(root: Path, *args: str):
    """`mus` run on the handbook at root, called by its name (as Click shows it in a usage line)."""
    return CliRunner().invoke(main, [*args[:1], "-f", str(root / "mkdocs.yml"), *args[1:]], prog_name="mus")


def test_click_errors_speak_the_language_of_the_handbook(make_handbook):
    root = make_handbook()
    result = mus(root, "new")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Brug: mus new [OPTIONS] PERSON",
        "Skriv 'mus new --help' for at få hjælp.",
        "",
        "Fejl: Mangler argumentet 'PERSON'.",
    ]
    result = mus(root, "check", "--formt", "json")
    assert result.output.splitlines()[-1] == "Fejl: Tilvalget '--formt' findes ikke. Mente du '--format'?"
    result = mus(root, "check", "--today", "30-06-2026")
    assert result.output.splitlines()[-1] == (
        "Fejl: Ugyldig værdi for '--today': skal være en dato skrevet ÅÅÅÅ-MM-DD, f.eks. 2026-06-30, "
        "men der står '30-06-2026'"
    )
    result = mus(root, "check", "--format", "xml")
    assert result.output.splitlines()[-1] == (
        "Fejl: Ugyldig værdi for '--format': 'xml' er ikke en af 'text', 'github', 'json'."
    )
    set_language(root, "en")
    result = mus(root, "new")
    assert result.output.splitlines() == [
        "Usage: mus new [OPTIONS] PERSON",
        "Try 'mus new --help' for help.",
        "",
        "Error: Missing argument 'PERSON'.",
    ]


def test_click_errors_are_danish_without_a_handbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["chek"])
    assert (
        result.output.splitlines()[-1]
        == "Fejl: Kommandoen 'chek' findes ikke. (Mente du en af: 'check', 'schema'?)"
    )
    result = CliRunner().invoke(main, ["check"])
    assert result.output.splitlines()[-1] == (
        f"Fejl: {tmp_path / 'mkdocs.yml'} findes ikke; kør mus i håndbogens mappe, eller angiv -f STI/mkdocs.yml"
    )


def test_help_stays_english(make_handbook):
    result = mus(make_handbook(), "new", "--help")
    assert result.output.startswith("Usage: mus new [OPTIONS] PERSON\n")
    assert "Options:" in result.output


def test_the_language_is_read_from_the_file_the_command_line_names(make_handbook, monkeypatch, tmp_path):
    root = make_handbook()
    set_language(root, "en")
    monkeypatch.chdir(tmp_path)
    for line in (
        ["new", "-f", str(root / "mkdocs.yml")],
        ["new", f"--config-file={root / 'mkdocs.yml'}"],
        ["new", f"-f{root / 'mkdocs.yml'}"],
    ):
        assert CliRunner().invoke(main, line).output.splitlines()[-1] == "Error: Missing argument 'PERSON'."


def test_every_click_text_translated_is_one_click_writes():
    """A Click release that words a message differently leaves it English: this says so."""
    import click

    source = "".join(p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py"))
    for text, code in {**of_click.CLICK_TEXTS, **of_click.USAGE}.items():
        assert repr(text)[1:-1] in source or text in source, text
        assert CATALOGUES["en"][code] == text
