"""Every change an import would make, and every problem in the file, worked out
before anything is written: rows matched to people, new ids, managers resolved,
cycles and impossible dates found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from mus_build.model.handbook import Handbook, Person
from mus_build.model.names import clean, slugify
from mus_build.people_import import cells
from mus_build.people_import.columns import FIELDS, Columns
from mus_build.people_import.table import Row, Table

Value = str | dt.date


@dataclass
class Change:
    """One person file to write: a new person, or the fields that change."""

    id: str
    name: str
    row: int | None  # None for a person marked as left, who is not in the file
    new: bool
    fields: dict[str, tuple[Value | None, Value]]  # key -> (as it is, as it will be)


@dataclass
class Issue:
    """A problem, at a row of the import file (`path` None) or in a person file."""

    row: int
    message: str
    path: str | None = None


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    missing: list[Person] = field(default_factory=list)  # not in the file and not marked as left
    issues: list[Issue] = field(default_factory=list)


@dataclass
class _Incoming:
    row: int
    name: str
    values: dict[str, Value]  # what the row says, empty cells left out; manager still as written
    person: Person | None = None  # the person it matched
    id: str = ""


def plan_import(
    table: Table, columns: Columns, handbook: Handbook, tell: Callable[..., str], mark_left: dt.date | None
) -> Plan:
    plan = Plan()
    incoming = [_read_row(row, table.headers, columns, plan, tell) for row in table.rows]
    _duplicates(incoming, plan, tell)
    _match(incoming, handbook, plan, tell)
    managers = _Managers(incoming, handbook)
    for item in incoming:
        written = item.values.get("manager")
        if isinstance(written, str):
            found = managers.resolve(written, item, plan, tell)
            if found is None:
                del item.values["manager"]
            else:
                item.values["manager"] = found
    _changes(incoming, plan, tell)
    _missing(incoming, handbook, plan, tell, mark_left)
    _cycles(incoming, handbook, plan, tell)
    plan.changes.sort(key=lambda change: change.id)
    plan.issues.sort(key=lambda issue: (issue.path or "", issue.row))
    return plan


def _read_row(
    row: Row, headers: list[str], columns: Columns, plan: Plan, tell: Callable[..., str]
) -> _Incoming:
    def cell(key: str) -> cells.Cell:
        position = columns.index.get(key)
        return row.cells[position] if position is not None and position < len(row.cells) else ""

    values: dict[str, Value] = {}
    for key in FIELDS:
        if key not in columns.index:
            continue
        try:
            if key in ("started", "left"):
                value: Value | None = cells.date(cell(key))
            elif key == "email":
                value = cells.email(cell(key))
            else:
                value = cells.text(cell(key)) or None
        except cells.CellProblem as exc:
            shown = cells.text(cell(key))[:60]
            header = columns.header_of(key, headers)
            plan.issues.append(
                Issue(row.number, tell(exc.key, value=shown, header=header, range="1900-01-01 to 2199-12-31"))
            )
            continue
        if value is not None:
            values[key] = value
    name = str(values.pop("name", "")) or " ".join(
        part for part in (cells.text(cell("first_name")), cells.text(cell("last_name"))) if part
    )
    if not name:
        header = headers[columns.index["name"]] if "name" in columns.index else "Navn"
        plan.issues.append(Issue(row.number, tell("no_name", header=header)))
    elif "email" not in values and "employee_number" not in values:
        plan.issues.append(Issue(row.number, tell("no_key", name=name)))
    started, left = values.get("started"), values.get("left")
    if isinstance(started, dt.date) and isinstance(left, dt.date) and left < started:
        plan.issues.append(Issue(row.number, tell("left_before_started", left=left, started=started)))
    return _Incoming(row.number, name, values)


def _duplicates(incoming: list[_Incoming], plan: Plan, tell: Callable[..., str]) -> None:
    for key, message in (("email", "duplicate_email"), ("employee_number", "duplicate_number")):
        first_row: dict[str, int] = {}
        for item in incoming:
            value = item.values.get(key)
            if not isinstance(value, str):
                continue
            seen = first_row.setdefault(value.casefold(), item.row)
            if seen != item.row:
                plan.issues.append(Issue(item.row, tell(message, value=value, row=seen)))


def _match(incoming: list[_Incoming], handbook: Handbook, plan: Plan, tell: Callable[..., str]) -> None:
    """Each row to the person it is, by stored employee number or e-mail; else a new id."""
    by_number = {p.employee_number: p for p in handbook.people.values() if p.employee_number}
    by_email = {p.email.casefold(): p for p in handbook.people.values() if p.email}
    taken: dict[str, int] = {}  # id -> the row that has it
    for item in incoming:
        number, email = item.values.get("employee_number"), item.values.get("email")
        from_number = by_number.get(number) if isinstance(number, str) else None
        from_email = by_email.get(email.casefold()) if isinstance(email, str) else None
        if from_number and from_email and from_number is not from_email:
            plan.issues.append(
                Issue(item.row, tell("two_people", by_email=from_email.id, by_number=from_number.id))
            )
        item.person = from_number or from_email
        if item.person is not None:
            item.id = item.person.id
            if item.id in taken:
                plan.issues.append(Issue(item.row, tell("same_person", id=item.id, row=taken[item.id])))
            taken.setdefault(item.id, item.row)
    for item in incoming:
        if item.person is not None or not item.name:
            continue
        base = slugify(item.name)
        if not base:
            plan.issues.append(Issue(item.row, tell("no_id", name=item.name[:60])))
            continue
        candidate, count = base, 1
        while candidate in handbook.people or candidate in taken:
            count += 1
            candidate = f"{base}-{count}"  # a second Anna Jensen becomes anna-jensen-2
        item.id = candidate
        taken[candidate] = item.row


class _Managers:
    """Who a manager cell names: an e-mail, an employee number, an id or a full name, looked
    up among the people of the file and of the handbook alike."""

    def __init__(self, incoming: list[_Incoming], handbook: Handbook) -> None:
        self.keys: dict[str, set[str]] = {}
        self.names = {p.id: p.name for p in handbook.people.values()}
        for person in handbook.people.values():
            self._add(person.id, person.email, person.employee_number, person.name, person.id)
        for item in incoming:
            if item.id:
                self.names[item.id] = item.name
                email, number = item.values.get("email"), item.values.get("employee_number")
                self._add(item.id, email, number, item.name, item.id)

    def _add(self, person_id: str, *keys: object) -> None:
        for key in keys:
            if isinstance(key, str) and key:
                self.keys.setdefault(clean(key).casefold(), set()).add(person_id)

    def resolve(self, written: str, item: _Incoming, plan: Plan, tell: Callable[..., str]) -> str | None:
        found = sorted(self.keys.get(clean(written).casefold(), ()))
        if not found:
            plan.issues.append(Issue(item.row, tell("unknown_manager", value=written[:60])))
            return None
        if len(found) > 1:
            first, second = (f"{self.names[i]} ({i})" for i in found[:2])
            plan.issues.append(
                Issue(item.row, tell("ambiguous_manager", value=written[:60], first=first, second=second))
            )
            return None
        if found[0] == item.id:
            plan.issues.append(Issue(item.row, tell("own_manager")))
            return None
        return found[0]


def _changes(incoming: list[_Incoming], plan: Plan, tell: Callable[..., str]) -> None:
    for item in incoming:
        if not item.id:
            continue
        person = item.person
        if person is None:
            fields: dict[str, tuple[Value | None, Value]] = {"name": (None, item.name)}
            fields.update((key, (None, value)) for key, value in item.values.items())
            plan.changes.append(Change(item.id, item.name, item.row, True, fields))
            continue
        changed = {}
        for key, value in item.values.items():
            old = getattr(person, key)
            same = (
                old.casefold() == value.casefold()
                if key == "email" and isinstance(value, str) and old
                else old == value
            )
            if not same:
                changed[key] = (old, value)
        started, left = (
            changed.get("started", (None, person.started))[1],
            changed.get("left", (None, person.left))[1],
        )
        if "left" in changed or "started" in changed:
            if isinstance(started, dt.date) and isinstance(left, dt.date) and left < started:
                plan.issues.append(Issue(item.row, tell("left_before_started", left=left, started=started)))
        if changed:
            plan.changes.append(Change(item.id, person.name, item.row, False, changed))
        else:
            plan.unchanged += 1


def _missing(
    incoming: list[_Incoming],
    handbook: Handbook,
    plan: Plan,
    tell: Callable[..., str],
    mark_left: dt.date | None,
) -> None:
    """People of the handbook the file does not name: reported, or given `left`; never removed."""
    present = {item.id for item in incoming if item.person is not None}
    for person in handbook.people.values():
        if person.id in present or person.left is not None:
            continue
        if mark_left is None:
            plan.missing.append(person)
        elif person.started and person.started > mark_left:
            line = person.lines.get("started", 1)
            plan.issues.append(
                Issue(
                    line,
                    tell("mark_left_before_started", left=mark_left, started=person.started),
                    person.path,
                )
            )
        else:
            plan.changes.append(Change(person.id, person.name, None, False, {"left": (None, mark_left)}))


def _cycles(incoming: list[_Incoming], handbook: Handbook, plan: Plan, tell: Callable[..., str]) -> None:
    """A manager chain that would go round: the handbook had none, so the file makes it."""
    manager = {p.id: p.manager for p in handbook.people.values()}
    row_of = {}
    for item in incoming:
        if item.id:
            row_of[item.id] = item.row
            written = item.values.get("manager")
            if isinstance(written, str):
                manager[item.id] = written
    reported: set[str] = set()
    for start in sorted(manager):
        chain, seen = [start], {start}
        current = manager.get(start)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = manager.get(current)
        if current is None or current in reported:
            continue
        circle = chain[chain.index(current) :]
        reported.update(circle)
        rows = sorted(row_of[i] for i in circle if i in row_of)
        plan.issues.append(Issue(rows[0] if rows else 1, tell("cycle", chain=" → ".join([*circle, current]))))
