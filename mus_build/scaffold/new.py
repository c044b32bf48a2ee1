"""`mus new` and `mus new-person`: the only commands that write under content/, and
they never overwrite a file."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.model.derive import to_follow_up
from mus_build.model.handbook import Handbook
from mus_build.model.layout import PEOPLE_DIR, person_file, record_file
from mus_build.model.names import clean, is_id, near_ids
from mus_build.model.topics import Topic


def _quoted(value: str) -> str:
    return json.dumps(clean(value), ensure_ascii=False)


def record_template(handbook: Handbook, person_id: str, day: dt.date, topics: list[Topic]) -> str:
    person = handbook.people[person_id]
    lines = ["---", f"date: {day.isoformat()}"]
    if person.manager:
        lines.append(f"manager: {person.manager}")
    earlier = to_follow_up(person)
    if earlier:
        lines.append("follow_up:")
        for agreement in earlier:
            lines += [
                f"  # {clean(agreement.what)[:90]}",
                f"  - agreement: {agreement.ref}",
                '    evaluation: ""',
            ]
    lines += [
        "agreements: []",
        "# Skriv aftalerne sådan (og slet '[]' ovenfor):",
        "# agreements:",
        "#   - id: excel-kursus",
        '#     what: "Tager kurset i avanceret Excel"',
        "#     owner: employee",
        f"#     deadline: {day.year + 1}-06-30",
        "signed_off: []",
        "# Når referatet er skrevet, godkender medarbejderen og derefter lederen det, hver med sin",
        "# egen linje, som de selv tilføjer (og slet '[]' ovenfor):",
        "# signed_off:",
        f"#   - by: {person_id}",
        f"#     on: {day.isoformat()}",
        "---",
        "",
    ]
    for topic in topics:
        lines += [f"## {topic.title}", ""]
        lines += [_prompt(q.text) for q in topic.questions]
        lines.append("")
    return "\n".join(lines)


# `mus check` refuses a comment whose first word is "private" or "privat" unless it is a
# marker, and one that is only "hemmeligt" or the like: a question such as "Private forhold?"
# gets a word in front, so that a new record passes. Matching more than the check refuses
# only puts the word in front of a few more questions.
_READ_AS_MARKER = re.compile(r"[\W_]*(?:privat|fortrolig|hemmelig|secret)", re.IGNORECASE)


def _prompt(question: str) -> str:
    """A question of the guide as a comment in a new record: a prompt that is never shown."""
    text = clean(question).replace("--", "–")  # "-->" would end the comment early
    if _READ_AS_MARKER.match(text):
        text = f"Spørgsmål: {text}"
    return f"<!-- {text} -->"


def person_template(name: str, title: str | None, department: str | None, manager: str | None) -> str:
    lines = ["---", f"name: {_quoted(name)}"]
    if title:
        lines.append(f"title: {_quoted(title)}")
    if department:
        lines.append(f"department: {_quoted(department)}")
    if manager:
        lines.append(f"manager: {manager}")
    lines += ["---", ""]
    return "\n".join(lines)


def known_person(handbook: Handbook, person_id: str, as_manager: bool = False) -> None:
    """Refuse an id that is no person's, with the ids it most likely means."""
    if person_id in handbook.people:
        return
    near = near_ids(person_id, handbook.people)
    if near:
        code = "new_unknown_manager_near" if as_manager else "new_unknown_person_near"
        raise MusError(say(code, id=person_id, near=say("or").join(near)))
    raise MusError(say("new_unknown_manager" if as_manager else "new_unknown_person", id=person_id))


def write_new(root: Path, rel: str, text: str) -> Path:
    """Create the file; refuse if it exists (exclusive create, so no race can overwrite)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise MusError(say("new_exists", path=rel)) from None
    return path


def new_record(root: Path, handbook: Handbook, topics: list[Topic], person_id: str, day: dt.date) -> str:
    known_person(handbook, person_id)
    rel = record_file(person_id, day)
    latest = handbook.people[person_id].latest
    if latest is not None and latest.date >= day:
        raise MusError(say("new_not_after_latest", id=person_id, date=latest.date.isoformat()))
    write_new(root, rel, record_template(handbook, person_id, day, topics))
    return rel


def new_person(
    root: Path,
    handbook: Handbook,
    person_id: str,
    name: str,
    title: str | None,
    department: str | None,
    manager: str | None,
) -> str:
    if not is_id(person_id):
        raise MusError(say("new_bad_id", id=person_id))
    if person_id in handbook.people or (root / PEOPLE_DIR / person_id).exists():
        raise MusError(say("new_exists", path=f"{PEOPLE_DIR}/{person_id}"))
    if not name.strip():
        raise MusError(say("new_name_empty"))
    if manager:
        known_person(handbook, manager, as_manager=True)
    rel = person_file(person_id)
    write_new(root, rel, person_template(name, title, department, manager))
    return rel
