"""Read every person and record under content/people into the model, collecting problems.

Phase one reads each file on its own (layout, front matter, keys and values);
phase two, in `validate`, checks the rules that span files. Nothing stops at the
first problem: a pull request gets every message at once.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import time
from pathlib import Path

from mus_build.check import private, schema
from mus_build.check.config import Config
from mus_build.check.markdown_file import SourceFile, read_markdown
from mus_build.check.problems import LineError, Problem, quote
from mus_build.check.question_guide import load_questions
from mus_build.check.rules import validate
from mus_build.model.handbook import Agreement, FollowUp, Handbook, Person, Record, Ref
from mus_build.model.layout import PEOPLE_DIR
from mus_build.model.names import is_id
from mus_build.model.topics import Topic
from mus_build.timings import Timings

RECORD_NAME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\.md")


def load_all(
    config: Config, today: dt.date, timings: Timings | None = None
) -> tuple[Handbook, list[Topic], list[Problem], int]:
    """The handbook and the question guide, with every problem in either."""
    handbook, problems, files = load_handbook(config, today, timings)
    topics, topic_problems = load_questions(config.root)
    problems += topic_problems + _linked_guide_files(config.root)
    return handbook, topics, problems, files + (1 if topics or topic_problems else 0)


def _linked_guide_files(root: Path) -> list[Problem]:
    """Guide pages are published as they are: a symbolic link would publish whatever it points at."""
    guides = root / "guides"
    if guides.is_symlink():
        return [
            Problem("guides", 1, "is a symbolic link; the guide must be an ordinary folder in the repository")
        ]
    if not guides.is_dir():
        return []
    return [
        Problem(
            path.relative_to(root).as_posix(),
            1,
            "is a symbolic link; guide pages must be ordinary files in the repository",
        )
        for path in sorted(guides.rglob("*"))
        if path.is_symlink()
    ]


def load_handbook(
    config: Config, today: dt.date, timings: Timings | None = None
) -> tuple[Handbook, list[Problem], int]:
    """Load and validate everything. Returns the handbook, all problems and the number of files read."""
    # Loading makes millions of small objects that all live on; the cyclic garbage collector
    # would walk them again and again for nothing (a tenth of `mus check` at 2,000 people).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_handbook(config, today, timings or Timings())
    finally:
        if enabled:
            gc.enable()


def _load_handbook(config: Config, today: dt.date, timings: Timings) -> tuple[Handbook, list[Problem], int]:
    start = time.perf_counter()
    problems: list[Problem] = []
    people: dict[str, Person] = {}
    files_read = 0
    people_dir = config.root / PEOPLE_DIR
    for folder in ("content", PEOPLE_DIR):
        if (config.root / folder).is_symlink():
            return (
                Handbook({}, dict(config.settings.roles)),
                [Problem(folder, 1, "is a symbolic link; the records must live in the repository itself")],
                0,
            )
    if not people_dir.is_dir():
        return (
            Handbook({}, dict(config.settings.roles)),
            [Problem(PEOPLE_DIR, 1, "folder not found; records live in content/people/<person-id>/")],
            0,
        )

    private_texts: list[tuple[str, str]] = []
    seen_lower: dict[str, str] = {}
    for folder in sorted(people_dir.iterdir(), key=lambda p: p.name):
        rel_folder = f"{PEOPLE_DIR}/{_shown(folder.name)}"
        if folder.is_symlink():
            problems.append(Problem(rel_folder, 1, "is a symbolic link; person folders must be real folders"))
            continue
        if not folder.is_dir():
            if folder.name not in (".gitkeep", "README.md"):
                problems.append(
                    Problem(
                        rel_folder,
                        1,
                        "unexpected file; each person has a folder "
                        "content/people/<person-id>/ with an index.md",
                    )
                )
            continue
        if not is_id(folder.name):
            problems.append(
                Problem(
                    rel_folder,
                    1,
                    f"{quote(folder.name)} is not a valid person id; use lower-case "
                    "letters a-z, digits and single hyphens, e.g. soeren-aabye",
                )
            )
            continue
        if folder.name.lower() in seen_lower:
            problems.append(
                Problem(rel_folder, 1, f"differs from {seen_lower[folder.name.lower()]} only in case")
            )
            continue
        seen_lower[folder.name.lower()] = folder.name
        person, records, person_problems, count = _load_person(config, folder, rel_folder, private_texts)
        files_read += count
        problems += person_problems
        if person is not None:
            person.records = records
            people[person.id] = person

    handbook = Handbook(people, dict(config.settings.roles), private_texts)
    start = timings.measure("load", start)
    problems += validate(handbook, config.settings, today)
    timings.measure("validate", start)
    return handbook, problems, files_read


def _shown(name: str) -> str:
    """A file name as it can be printed on one line: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) would stop the output with an encoding error, and a newline
    or other control character would break the `path:line: message` form."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _load_person(config: Config, folder: Path, rel_folder: str, private_texts: list[tuple[str, str]]):
    problems: list[Problem] = []
    person: Person | None = None
    records: list[Record] = []
    count = 0
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    if not any(e.name == "index.md" for e in entries):
        problems.append(
            Problem(
                f"{rel_folder}/index.md",
                1,
                "missing: every person folder needs an index.md with at least 'name: ...'",
            )
        )
    for entry in entries:
        rel = f"{rel_folder}/{_shown(entry.name)}"
        if entry.is_symlink():
            problems.append(
                Problem(rel, 1, "is a symbolic link; records must be ordinary files in the repository")
            )
            continue
        if entry.name == "index.md":
            count += 1
            person = _read_person(config, rel, folder.name, problems, private_texts)
            continue
        match = RECORD_NAME.fullmatch(entry.name)
        if match and not entry.is_file():
            problems.append(Problem(rel, 1, "is not an ordinary file; records must be plain text files"))
            continue
        if not match:
            problems.append(Problem(rel, 1, "unexpected file; records are named YYYY-MM-DD.md"))
            continue
        count += 1
        try:
            file_date = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            problems.append(
                Problem(rel, 1, "the file name is not a date that exists; records are named YYYY-MM-DD.md")
            )
            continue
        record = _read_record(config, rel, folder.name, file_date, problems, private_texts)
        if record is not None:
            records.append(record)
    records.sort(key=lambda r: r.date)
    return person, records, problems, count


def _read_front(config: Config, rel: str, problems: list[Problem]) -> SourceFile | None:
    source, errors = read_markdown(config.root, rel)
    problems.extend(e.at(rel) for e in errors)
    return source


def _public_body(source: SourceFile, problems: list[Problem]) -> tuple[str, list[str]]:
    try:
        return private.split_body(source.body, source.body_line)
    except LineError as exc:
        problems.append(exc.at(source.path))
        return "", []


def _read_person(
    config: Config, rel: str, person_id: str, problems: list[Problem], private_texts: list[tuple[str, str]]
) -> Person | None:
    source = _read_front(config, rel, problems)
    if source is None:
        return None
    values, found = schema.read(source.front, schema.PERSON, rel)
    problems += found
    body, secret = _public_body(source, problems)
    private_texts.extend((rel, text) for text in private.worth_scanning(secret))
    if values.get("name") is None:
        return None
    person = Person(
        id=person_id,
        name=values.get("name"),
        path=rel,
        body=body,
        lines=values.lines,
        **{key: values.get(key) for key in ("title", "department", "manager", "email", "started", "left")},
    )
    return person


def _read_record(
    config: Config,
    rel: str,
    person_id: str,
    file_date: dt.date,
    problems: list[Problem],
    private_texts: list[tuple[str, str]],
) -> Record | None:
    source = _read_front(config, rel, problems)
    if source is None:
        return None
    values, found = schema.read(source.front, schema.RECORD, rel)
    problems += found
    body, secret = _public_body(source, problems)
    secret_node = source.front.get("private")
    if secret_node is not None:
        secret += private.texts_of(secret_node)
    private_texts.extend((rel, text) for text in private.worth_scanning(secret))

    date = values.get("date")
    if date is not None and date != file_date:
        problems.append(
            Problem(
                rel,
                values.line_of("date"),
                f"date {date.isoformat()} does not match the file "
                f"name; write date: {file_date.isoformat()} or rename "
                f"the file to {date.isoformat()}.md",
            )
        )
    record = Record(
        person=person_id,
        date=file_date,
        path=rel,
        manager=values.get("manager"),
        next_mus=values.get("next_mus"),
        body=body,
        lines=values.lines,
    )
    for item in values.get("agreements", []):
        if item.get("id") is None:
            continue  # without an id no rule across files can name it; its problems are reported
        continues = item.get("continues")
        record.agreements.append(
            Agreement(
                person=person_id,
                record=file_date,
                id=item.get("id"),
                what=item.get("what", ""),
                owner=item.get("owner"),
                deadline=item.get("deadline"),
                status=item.get("status", "open"),
                done_on=item.get("done_on"),
                continues=Ref(*continues) if continues else None,
                note=item.get("note"),
                line=item.line,
                lines=item.lines,
            )
        )
    for item in values.get("follow_up", []):
        if item.get("agreement") is None or item.get("evaluation") is None:
            continue
        record.follow_ups.append(
            FollowUp(Ref(*item.get("agreement")), item.get("evaluation"), line=item.line, lines=item.lines)
        )
    return record
