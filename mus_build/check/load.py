"""Read a handbook's sources into the model, collecting every problem.

Phase one reads each file on its own (layout, front matter, keys and values);
phase two, in `rules`, checks the rules that span fields and files. Nothing stops
at the first problem: a pull request gets every message at once.

Private texts are cut out of every body here and handed back beside the model, not
inside it: only the leak scan after the build ever sees them.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from mus_build.check import private, schema
from mus_build.check.access import check_access
from mus_build.check.guides import read_guides
from mus_build.check.markdown_file import read_markdown
from mus_build.check.problems import Problem, quote
from mus_build.check.question_guide import load_questions
from mus_build.check.rules import Passed, WrittenRecord, check_rules
from mus_build.check.schema import Values
from mus_build.messages import say
from mus_build.model.dates import RANGE, in_range
from mus_build.model.handbook import Agreement, FollowUp, Handbook, Person, Record, Ref, SignOff
from mus_build.model.layout import CONTENT_DIR, PEOPLE_DIR, person_file
from mus_build.model.names import is_id
from mus_build.model.settings import Config
from mus_build.model.topics import Topic
from mus_build.timings import Timings

RECORD_NAME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\.md")
# Files content/people may hold besides the people's folders.
IGNORED_FILES = (".gitkeep", "README.md")


@dataclass
class PrivateText:
    path: str  # the file it was written in
    text: str


@dataclass
class Sources:
    """Everything read from a handbook, and every problem found in it."""

    handbook: Handbook
    topics: list[Topic] = field(default_factory=list)
    guides: dict[str, bytes] = field(default_factory=dict)  # keyed by path under guides/
    private_texts: list[PrivateText] = field(default_factory=list)  # for the leak scan, nothing else
    problems: list[Problem] = field(default_factory=list)
    files: int = 0  # files read, for the summary line

    def release(self) -> None:
        """Let go of the people and their records once every page is written: a large
        build's mkdocs step gets the memory they took. The private texts stay."""
        self.handbook = Handbook({}, self.handbook.roles)


def load_sources(
    config: Config, today: dt.date, timings: Timings | None = None, folders: FolderCache | None = None
) -> Sources:
    """Read and check the people, their records, the question guide and the guide's pages.
    `folders`: the people's folders as `mus serve` read them last time, to read again only
    those whose files changed; the rules that span files are checked on everything anyway."""
    # Loading makes millions of small objects that all live on; the cyclic garbage collector
    # would walk them again and again for nothing (a tenth of `mus check` at 2,000 people).
    enabled = gc.isenabled()
    gc.disable()
    try:
        sources = _load_people(config, today, timings or Timings(), folders)
    finally:
        if enabled:
            gc.enable()
    sources.topics, topic_problems = load_questions(config.root)
    sources.guides, guide_problems = read_guides(config.root)
    sources.problems += topic_problems + guide_problems
    sources.files += 1 if sources.topics or topic_problems else 0
    return sources


def _load_people(config: Config, today: dt.date, timings: Timings, folders: FolderCache | None) -> Sources:
    start = time.perf_counter()
    sources = Sources(Handbook({}, dict(config.settings.roles)))
    people_dir = config.root / PEOPLE_DIR
    for top in (CONTENT_DIR, PEOPLE_DIR):
        if (config.root / top).is_symlink():
            sources.problems.append(Problem(top, 1, say("people_symlink")))
            return sources
    if not people_dir.is_dir():
        sources.problems.append(Problem(PEOPLE_DIR, 1, say("people_missing")))
        return sources

    written: dict[str, list[WrittenRecord]] = {}
    seen_lower: dict[str, str] = {}
    # The system's list of entries tells files, folders and links apart without asking for
    # each one's status: three calls fewer per person.
    with os.scandir(people_dir) as listed:
        entries = sorted(listed, key=lambda e: e.name)
    for entry in entries:
        rel_folder = f"{PEOPLE_DIR}/{entry.name}"
        if entry.name in IGNORED_FILES and entry.is_file(follow_symlinks=False):
            continue
        message = _not_a_person_folder(entry, seen_lower)
        if message:
            sources.problems.append(Problem(rel_folder, 1, message))
            continue
        seen_lower[entry.name.lower()] = entry.name
        read = (
            folders.read(config.root, entry, rel_folder)
            if folders
            else _read_folder(config.root, Path(entry.path), rel_folder)
        )
        sources.problems += read.problems
        sources.private_texts += read.private_texts
        sources.files += read.files
        sources.handbook.people[read.person.id] = read.person
        written[read.person.id] = read.records
    if folders:
        folders.forget_all_but(written)

    start = timings.measure("load", start)
    passed = folders.passed if folders else None
    sources.problems += check_rules(sources.handbook, written, config.settings, today, passed)
    sources.problems += check_access(sources.handbook, config, today)
    timings.measure("validate", start)
    return sources


@dataclass
class ReadFolder:
    """A person's folder as read: the person with their records, and what reading found."""

    signature: tuple[tuple[object, ...], ...]  # each entry's name and file status when read
    person: Person
    records: list[WrittenRecord]
    problems: list[Problem]
    private_texts: list[PrivateText]
    files: int


class FolderCache:
    """For `mus serve`: each person's folder as last read, read again only when the name,
    size, times or inode of one of its entries changed. A folder read again gives a new
    Person object, one that did not change the same object: the preview's pages tell what
    changed by that."""

    def __init__(self) -> None:
        self._folders: dict[str, ReadFolder] = {}
        self._suspects: set[str] | None = None  # the folders the next reading looks at
        self.passed = Passed()  # the people whose files passed the rules, see `Passed`

    def look_only_at(self, names: Collection[str] | None) -> None:
        """For the next reading: the folders that may have changed since the last (those the
        system told of a write in); the others are taken as they were, without asking for
        the status of each of their files. A folder not read before is read anyway. None:
        look at every folder."""
        self._suspects = None if names is None else set(names)

    def read(self, root: Path, folder: os.DirEntry[str], rel_folder: str) -> ReadFolder:
        kept = self._folders.get(folder.name)
        if kept is not None and self._suspects is not None and folder.name not in self._suspects:
            return kept
        if kept is not None and kept.signature == _signature(folder.path):
            return kept
        self._folders[folder.name] = read = _read_folder(root, Path(folder.path), rel_folder)
        return read

    def forget_all_but(self, people: Collection[str]) -> None:
        """After a reading: forget the folders that are gone; the next looks at every folder
        unless told otherwise."""
        self._folders = {name: read for name, read in self._folders.items() if name in people}
        self._suspects = None


def _signature(folder: Path | str) -> tuple[tuple[object, ...], ...]:
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                found.append(
                    (entry.name, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
                )
    except OSError:
        return ()  # read again, and let reading say what is wrong
    return tuple(sorted(found))


def _read_folder(root: Path, folder: Path, rel_folder: str) -> ReadFolder:
    signature = _signature(folder)  # before reading: a file saved meanwhile is read again next time
    found = Sources(Handbook({}, {}))
    person, records = _load_person(root, folder, rel_folder, found)
    return ReadFolder(signature, person, records, found.problems, found.private_texts, found.files)


def _not_a_person_folder(folder: os.DirEntry[str], seen_lower: dict[str, str]) -> str | None:
    """Why an entry of content/people cannot be a person's folder."""
    if folder.is_symlink():
        return say("person_folder_symlink")
    if not folder.is_dir():
        return say("person_folder_file")
    if not is_id(folder.name):
        return say("person_folder_bad_id", id=quote(folder.name))
    if folder.name.lower() in seen_lower:
        return say("person_folder_case", other=seen_lower[folder.name.lower()])
    return None


def _load_person(
    root: Path, folder: Path, rel_folder: str, sources: Sources
) -> tuple[Person, list[WrittenRecord]]:
    """The person and their records. A person whose index.md is missing or has errors is
    kept with what could be read, so that their records, and every file that names them,
    still get every rule in this run; nothing is built from a handbook with errors."""
    person = Person(id=folder.name, name=folder.name, path=person_file(folder.name))
    records: list[WrittenRecord] = []
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    if not any(e.name == "index.md" for e in entries):
        sources.problems.append(Problem(person.path, 1, say("index_missing")))
    for entry in entries:
        rel = f"{rel_folder}/{entry.name}"
        if entry.is_symlink():
            sources.problems.append(Problem(rel, 1, say("record_symlink")))
            continue
        if entry.name == "index.md":
            sources.files += 1
            person = _read_person(root, rel, folder.name, sources) or person
            continue
        match = RECORD_NAME.fullmatch(entry.name)
        if match is None:
            sources.problems.append(Problem(rel, 1, say("record_unexpected_file")))
            continue
        if not entry.is_file():
            sources.problems.append(Problem(rel, 1, say("record_not_file")))
            continue
        sources.files += 1
        try:
            file_date = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            sources.problems.append(Problem(rel, 1, say("record_name_not_real")))
            continue
        if not in_range(file_date):
            sources.problems.append(Problem(rel, 1, say("record_name_out_of_range", range=RANGE)))
            continue
        record = _read_record(root, rel, folder.name, file_date, sources)
        if record is not None:
            records.append(record)
    records.sort(key=lambda r: r.record.date)
    person.records = [r.record for r in records]
    return person, records


def _read_file(
    root: Path, rel: str, table: dict[str, schema.Field], sources: Sources
) -> tuple[Values, str] | None:
    """One person's or record's file: its front matter converted by its table, and its body
    with the private parts cut out (and kept aside for the leak scan)."""
    source, problems = read_markdown(root, rel)
    sources.problems += [p.at(rel) for p in problems]
    if source is None:
        return None
    values, found = schema.read(source.front, table, rel)
    sources.problems += found
    sources.problems += [e.at(rel) for e in private.markers_in_front(source.front, "private" in table)]
    body, secret, marker_problems = private.split_body(source.body, source.body_line)
    sources.problems += [e.at(rel) for e in marker_problems]
    secret_node = source.front.get("private")
    if secret_node is not None:
        secret += private.texts_of(secret_node)
    sources.private_texts += [PrivateText(rel, text) for text in private.worth_scanning(secret)]
    return values, body


def _read_person(root: Path, rel: str, person_id: str, sources: Sources) -> Person | None:
    read = _read_file(root, rel, schema.PERSON, sources)
    if read is None:
        return None
    values, body = read
    return Person(
        id=person_id,
        name=values.get("name") or person_id,  # missing or wrong: reported, and nothing is built
        path=rel,
        body=body,
        lines=values.lines,
        **{
            key: values.get(key)
            for key in ("title", "department", "manager", "email", "employee_number", "started", "left")
        },
        git_emails=values.get("git_emails", ()),
        ssh_signing_key=values.get("ssh_signing_key"),
    )


def _read_record(
    root: Path, rel: str, person_id: str, file_date: dt.date, sources: Sources
) -> WrittenRecord | None:
    read = _read_file(root, rel, schema.RECORD, sources)
    if read is None:
        return None
    values, body = read
    date = values.get("date")
    if date is not None and date != file_date:
        sources.problems.append(
            Problem(
                rel,
                values.line_of("date"),
                say("date_not_file_name", date=date.isoformat(), file_date=file_date.isoformat()),
            )
        )
    record = Record(
        person=person_id,
        date=file_date,
        path=rel,
        manager=values.get("manager"),
        next_mus=values.get("next_mus"),
        signed_off=[s for s in (_sign_off(item) for item in values.get("signed_off", [])) if s],
        body=body,
        lines=values.lines,
    )
    agreements: list[Values] = values.get("agreements", [])
    follow_ups: list[Values] = values.get("follow_up", [])
    record.agreements = [a for a in (_agreement(person_id, file_date, item) for item in agreements) if a]
    record.follow_ups = [f for f in (_follow_up(item) for item in follow_ups) if f]
    return WrittenRecord(record, agreements, follow_ups)


def _agreement(person_id: str, record_date: dt.date, item: Values) -> Agreement | None:
    """The agreement, when its required keys were all read; the rules see every item anyway."""
    if any(item.get(key) is None for key in ("id", "what", "owner", "deadline")):
        return None
    continues = item.get("continues")
    return Agreement(
        person=person_id,
        record=record_date,
        id=item.get("id"),
        what=item.get("what"),
        owner=item.get("owner"),
        deadline=item.get("deadline"),
        status=item.get("status", "open"),
        done_on=item.get("done_on"),
        continues=Ref(*continues) if continues else None,
        note=item.get("note"),
    )


def _sign_off(item: Values) -> SignOff | None:
    if item.get("by") is None or item.get("on") is None:
        return None
    return SignOff(item.get("by"), item.get("on"), item.line_of("by"), item.line_of("on"))


def _follow_up(item: Values) -> FollowUp | None:
    if item.get("agreement") is None or item.get("evaluation") is None:
        return None
    return FollowUp(Ref(*item.get("agreement")), item.get("evaluation"))
