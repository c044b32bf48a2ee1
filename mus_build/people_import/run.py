"""One import, from the file to the report: read, plan, and write only when there is
no problem at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from mus_build.model.handbook import Handbook
from mus_build.people_import import apply
from mus_build.people_import.columns import find_columns
from mus_build.people_import.messages import Say
from mus_build.people_import.plan import Plan, plan_import
from mus_build.people_import.table import FileProblem, read_table


@dataclass
class Outcome:
    lines: list[str] = field(default_factory=list)  # what would change, or what changed
    problems: list[str] = field(default_factory=list)  # FILE:ROW: message, nothing written when any
    written: int = 0


def import_people(
    root: Path,
    handbook: Handbook,
    language: str,
    source: Path,
    shown: str,
    chosen: dict[str, str],
    mark_left: dt.date | None,
    write: bool,
) -> Outcome:
    """`shown` is the file's name as the messages give it (as the user typed it)."""
    tell = Say(language)
    outcome = Outcome()
    try:
        table = read_table(source)
    except FileProblem as exc:
        outcome.problems.append(f"{shown}:1: {tell(exc.key, **exc.values)}")
        return outcome
    except (OSError, UnicodeError, ValueError) as exc:
        outcome.problems.append(f"{shown}:1: {tell('unreadable', reason=type(exc).__name__)}")
        return outcome
    columns = find_columns(table.headers, chosen)
    if columns.problems:
        outcome.problems = [f"{shown}:1: {tell(key, **values)}" for key, values in columns.problems]
        return outcome
    plan: Plan = plan_import(table, columns, handbook, tell, mark_left)
    outcome.problems = [f"{issue.path or shown}:{issue.row}: {issue.message}" for issue in plan.issues]
    if outcome.problems:
        return outcome
    outcome.lines = apply.report(plan, tell, mark_left is not None)
    if write:
        outcome.written = apply.write(root, plan)
    return outcome
