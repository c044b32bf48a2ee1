"""Rules that span fields and files: ids that must exist, references that must be
earlier, dates that must come in order. Each rule reports at the line of the key
that breaks it.

Agreements and follow-ups are checked as the file wrote them (`schema.Values`), not as
model objects: an item with an error of its own (a missing deadline, say) is left out
of the model, but its id can still be referred to and its other keys still checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from difflib import get_close_matches

from mus_build.check.problems import Problem, quote
from mus_build.check.schema import Values
from mus_build.messages import say
from mus_build.model.dates import add_months
from mus_build.model.handbook import Handbook, Person, Record, Ref
from mus_build.model.names import BLANK_SHEET_NAMES
from mus_build.model.settings import RESERVED_IDS, Settings


@dataclass
class WrittenRecord:
    """A record as read: the model's record, and its items as the file wrote them."""

    record: Record
    agreements: list[Values]
    follow_ups: list[Values]


# A "did you mean" compares a value with every person's id: a file with thousands of
# unknown owners in a handbook of thousands of people took time that grew with the
# product of the two (12,000 owners took 41 s). So a value is compared with at most
# MAX_COMPARED ids: every person's in a small handbook, in a larger one only those one
# letter away (one left out, added or changed, or two swapped), found in an index. And
# only the first problems of a file, and of the whole check, look for a hint; the rest
# get the plain message.
MAX_HINTS_PER_FILE = 100
MAX_HINTS_PER_CHECK = 1_000
MAX_COMPARED = 100
_MAX_INDEXED_ID = 64  # characters; a longer id would make the index large, and gets no hint


class _Hints:
    """The people's ids close to a value, at a cost that does not grow with the number of people."""

    def __init__(self, ids: Collection[str]) -> None:
        self._ids = ids
        self._index: dict[str, list[str]] | None = None  # an id and its shortened forms → ids
        self._first_names: dict[str, list[str]] | None = None  # 'bo' → ['bo-lind', 'bo-hansen']
        self.left = MAX_HINTS_PER_CHECK

    def near(self, value: str, n: int, extra: Sequence[str] = ()) -> list[str]:
        candidates = self._ids if len(self._ids) <= MAX_COMPARED else self._one_letter_away(value)
        close = get_close_matches(value, [*extra, *candidates], n=n, cutoff=0.6)
        # Too short for difflib to find ('bo' is far from 'bo-lind'), but a person's first name.
        named = [known for known in self._named(value) if known not in close]
        return (close + named)[:n]

    def _named(self, value: str) -> list[str]:
        if "-" in value or len(value) > _MAX_INDEXED_ID:
            return []
        if self._first_names is None:
            self._first_names = {}
            for known in self._ids:
                first, dash, _ = known.partition("-")
                if dash:
                    self._first_names.setdefault(first, []).append(known)
        return sorted(self._first_names.get(value, ())[:MAX_COMPARED])

    def _one_letter_away(self, value: str) -> list[str]:
        if len(value) > _MAX_INDEXED_ID:
            return []
        if self._index is None:
            self._index = {}
            for known in self._ids:
                if len(known) <= _MAX_INDEXED_ID:
                    for short in {known, *_shorter(known)}:
                        self._index.setdefault(short, []).append(known)
        found: dict[str, None] = {}  # in the order found, each once
        for short in [value, *_shorter(value)]:
            for known in self._index.get(short, ()):
                found[known] = None
                if len(found) == MAX_COMPARED:
                    return list(found)
        return list(found)


def _shorter(text: str) -> list[str]:
    return [text[:i] + text[i + 1 :] for i in range(len(text))]


class _FileHints:
    """The hints of one file: only its first problems, and the check's first, look for one."""

    def __init__(self, hints: _Hints) -> None:
        self._hints = hints
        self._left = MAX_HINTS_PER_FILE

    def wanted(self) -> bool:
        if self._left == 0 or self._hints.left == 0:
            return False
        self._left -= 1
        self._hints.left -= 1
        return True

    def near(self, value: str, n: int, extra: Sequence[str] = ()) -> list[str]:
        return self._hints.near(value, n, extra) if self.wanted() else []


def _ref(item: Values, key: str) -> Ref | None:
    value = item.get(key)
    return Ref(*value) if value else None


class Passed:
    """For `mus serve`: the people whose own files passed every rule of a person and their
    records in the last round. Those rules look at nothing but the person's files, which
    ids exist, the roles, the settings and the day; so a person read from unchanged files
    (the same object) passes again while those are the same. Only a pass is kept: a
    problem's message may hold hints, which depend on the rest of the run."""

    def __init__(self) -> None:
        self._context: object = None
        self._people: dict[str, Person] = {}

    def begin(self, handbook: Handbook, settings: Settings, today: dt.date) -> None:
        context = (frozenset(handbook.people), handbook.roles, settings, today)
        if context != self._context:
            self._context, self._people = context, {}

    def again(self, person: Person) -> bool:
        return self._people.get(person.id) is person

    def note(self, person: Person, passed: bool) -> None:
        if passed:
            self._people[person.id] = person
        else:
            self._people.pop(person.id, None)


def check_rules(
    handbook: Handbook,
    written: dict[str, list[WrittenRecord]],
    settings: Settings,
    today: dt.date,
    passed: Passed | None = None,
) -> list[Problem]:
    problems: list[Problem] = []
    reserved = RESERVED_IDS | set(handbook.roles)
    hints = _Hints(handbook.people)
    if passed is not None:
        passed.begin(handbook, settings, today)
    for person in handbook.people.values():
        if passed is not None and passed.again(person):
            continue
        found = _own_rules(person, written.get(person.id, []), handbook, settings, today, reserved, hints)
        if passed is not None:
            passed.note(person, not found)
        problems += found
    problems += _manager_cycles(handbook)
    return problems


def _own_rules(
    person: Person,
    records: list[WrittenRecord],
    handbook: Handbook,
    settings: Settings,
    today: dt.date,
    reserved: Collection[str],
    hints: _Hints,
) -> list[Problem]:
    """The rules of a person's own files: their index.md and their records."""
    problems = []
    if person.id in reserved:
        problems.append(Problem(person.path, 1, say("id_reserved_owner", id=quote(person.id))))
    elif person.id in BLANK_SHEET_NAMES.values():
        problems.append(Problem(person.path, 1, say("id_reserved_form", id=quote(person.id), raw=person.id)))
    problems += _person_rules(person, handbook, settings, today, _FileHints(hints))
    known = {Ref(r.record.date, a.get("id")) for r in records for a in r.agreements if a.get("id")}
    ids_by_date: dict[dt.date, list[str]] = {}
    for ref in sorted(known):
        ids_by_date.setdefault(ref.date, []).append(ref.id)
    for record in records:
        problems += _record_rules(record, person, handbook, known, ids_by_date, today, _FileHints(hints))
    return problems


def _unknown_person(value: str, hints: _FileHints, what: str) -> str:
    near = hints.near(value, n=3)
    if near:
        choices = say("or").join(f"'{n}'" for n in near)
        return say("unknown_person_near", what=what, value=quote(value), near=choices)
    return say("unknown_person", what=what, value=quote(value))


def _person_rules(
    person: Person, handbook: Handbook, settings: Settings, today: dt.date, hints: _FileHints
) -> list[Problem]:
    problems = []
    line = person.lines.get
    if person.manager is not None:
        if person.manager == person.id:
            problems.append(Problem(person.path, line("manager", 1), say("own_manager")))
        elif person.manager not in handbook.people:
            problems.append(
                Problem(
                    person.path,
                    line("manager", 1),
                    _unknown_person(person.manager, hints, say("role_manager")),
                )
            )
    if person.left and person.started and person.left < person.started:
        problems.append(
            Problem(
                person.path,
                line("left", 1),
                say("left_before_started", left=person.left.isoformat(), started=person.started.isoformat()),
            )
        )
    if person.left and person.records:
        cutoff = add_months(person.left, 12 * settings.retention_years)
        if cutoff < today:
            problems.append(
                Problem(
                    person.path,
                    line("left", 1),
                    say("left_long_ago", years=settings.retention_years),
                    severity="warning",
                )
            )
    return problems


def _record_rules(
    written: WrittenRecord,
    person: Person,
    handbook: Handbook,
    known: set[Ref],
    ids_by_date: dict[dt.date, list[str]],
    today: dt.date,
    hints: _FileHints,
) -> list[Problem]:
    problems = []
    record = written.record
    path, line = record.path, record.lines.get
    if record.manager is not None and record.manager not in handbook.people:
        problems.append(
            Problem(path, line("manager", 1), _unknown_person(record.manager, hints, say("role_manager")))
        )
    if record.next_mus is not None and record.next_mus <= record.date:
        problems.append(
            Problem(
                path,
                line("next_mus", 1),
                say("next_mus_too_early", next=record.next_mus.isoformat(), date=record.date.isoformat()),
            )
        )
    held_by = record.manager or person.manager
    problems += _sign_off_rules(record, person, held_by, handbook, today, hints)
    seen: dict[str, int] = {}
    for item in written.agreements:
        agreement_id, status, done_on = item.get("id"), item.get("status", "open"), item.get("done_on")
        if agreement_id in seen:
            problems.append(
                Problem(
                    path,
                    item.line_of("id"),
                    say("agreement_id_twice", id=quote(agreement_id), first=seen[agreement_id]),
                )
            )
        elif agreement_id is not None:
            seen[agreement_id] = item.line_of("id")
        problems += _owner_rule(item.get("owner"), item.line_of("owner"), held_by, handbook, path, hints)
        if done_on is not None:
            if status != "done":
                problems.append(
                    Problem(
                        path,
                        item.line_of("done_on"),
                        say("done_on_not_done", status=status),
                    )
                )
            elif done_on > today:
                problems.append(
                    Problem(
                        path,
                        item.line_of("done_on"),
                        say("done_on_future", done_on=done_on.isoformat(), today=today.isoformat()),
                    )
                )
        continues = _ref(item, "continues")
        if continues is not None:
            message = _reference_problem(continues, record, known, ids_by_date, hints)
            if message:
                problems.append(
                    Problem(path, item.line_of("continues"), say("continues_problem", problem=message))
                )
    for item in written.follow_ups:
        agreement, evaluation = _ref(item, "agreement"), item.get("evaluation")
        if agreement is not None:
            message = _reference_problem(agreement, record, known, ids_by_date, hints)
            if message:
                problems.append(
                    Problem(path, item.line_of("agreement"), say("follow_up_problem", problem=message))
                )
        if agreement is not None and evaluation is not None and not evaluation.strip():
            problems.append(
                Problem(
                    path,
                    item.line_of("evaluation"),
                    say("evaluation_empty", agreement=agreement),
                    severity="warning",
                )
            )
    return problems


def _sign_off_rules(
    record: Record, person: Person, held_by: str | None, handbook: Handbook, today: dt.date, hints: _FileHints
) -> list[Problem]:
    """Only the two parties of the conversation sign it, on a day between it and today. A
    party may sign again later (after a change voided the first sign-off), so the same
    person may stand more than once."""
    problems = []
    for sign_off in record.signed_off:
        problem, line = None, sign_off.by_line
        if sign_off.by not in handbook.people:
            problem = _unknown_person(sign_off.by, hints, say("role_signer"))
        elif sign_off.by not in (person.id, held_by):
            problem = (
                say("signoff_not_party", by=sign_off.by, employee=person.id, manager=held_by)
                if held_by
                else say("signoff_not_party_no_manager", by=sign_off.by, employee=person.id)
            )
        elif sign_off.on < record.date:
            problem = say("signoff_before_date", on=sign_off.on.isoformat(), date=record.date.isoformat())
            line = sign_off.on_line
        elif sign_off.on > today:
            problem = say("signoff_future", on=sign_off.on.isoformat(), today=today.isoformat())
            line = sign_off.on_line
        if problem:
            problems.append(Problem(record.path, line, problem))
    return problems


def _owner_rule(
    owner: str | None, line: int, held_by: str | None, handbook: Handbook, path: str, hints: _FileHints
) -> list[Problem]:
    if owner is None or owner == "employee" or owner in handbook.roles:
        return []
    if owner == "manager":
        if held_by is None:
            return [
                Problem(
                    path,
                    line,
                    say("owner_no_manager"),
                )
            ]
        return []
    if owner in handbook.people:
        return []
    choices = ["employee", "manager", *handbook.roles]
    near = hints.near(owner, n=3, extra=choices)
    if near:
        choices_near = say("or").join(f"'{n}'" for n in near)
        return [Problem(path, line, say("unknown_owner_near", owner=quote(owner), near=choices_near))]
    return [Problem(path, line, say("unknown_owner", owner=quote(owner), roles=", ".join(handbook.roles)))]


# Beyond this many agreements in one record, a hint would cost more than it helps.
_MAX_HINTS = 100


def _reference_problem(
    ref: Ref, record: Record, known: set[Ref], ids_by_date: dict[dt.date, list[str]], hints: _FileHints
) -> str | None:
    if ref.date >= record.date:
        return say("ref_not_earlier", ref=ref, date=record.date.isoformat())
    if ref in known:
        return None
    ids = ids_by_date.get(ref.date, [])
    if ids:
        near = (
            get_close_matches(ref.id, ids, n=1, cutoff=0.5)
            if len(ids) <= _MAX_HINTS and hints.wanted()
            else []
        )
        day = ref.date.isoformat()
        if near:
            return say("ref_unknown_id_near", date=day, id=quote(ref.id), near=near[0])
        listed = ", ".join(ids[:10])
        if len(ids) > 10:
            listed = say("ref_and_more", listed=listed, more=len(ids) - 10)
        return say("ref_unknown_id", date=day, id=quote(ref.id), listed=listed)
    near_ref = _nearest_ref(ref, record, known) if hints.wanted() else None
    if near_ref is not None:
        return say("ref_no_record_near", date=ref.date.isoformat(), id=quote(ref.id), near=near_ref)
    return say("ref_no_record", date=ref.date.isoformat(), id=quote(ref.id))


def _nearest_ref(ref: Ref, record: Record, known: set[Ref]) -> Ref | None:
    """The person's earlier agreement a reference to a missing record most likely means: the
    same id in another record (the nearest date), else the closest written reference."""
    earlier = [r for r in known if r.date < record.date]
    same_id = [r for r in earlier if r.id == ref.id]
    if same_id:
        return min(same_id, key=lambda r: (abs((r.date - ref.date).days), r.date))
    if len(earlier) > _MAX_HINTS:
        return None
    by_text = {str(r): r for r in earlier}
    close = get_close_matches(str(ref), sorted(by_text), n=1, cutoff=0.75)
    return by_text[close[0]] if close else None


def _manager_cycles(handbook: Handbook) -> list[Problem]:
    problems = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in handbook.people:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in handbook.people and state.get(current) is None:
            state[current] = 1
            path.append(current)
            nxt = handbook.people[current].manager
            current = nxt if nxt != current else None
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :]
            if len(cycle) > 1:
                chain = " → ".join([*cycle, cycle[0]])
                for pid in cycle:
                    person = handbook.people[pid]
                    problems.append(
                        Problem(
                            person.path,
                            person.lines.get("manager", 1),
                            say("manager_cycle", chain=chain),
                        )
                    )
        for pid in path:
            state[pid] = 2
    return problems
