"""`mus overdue` and `mus due` as data: rows for a table, CSV or JSON, for CI jobs and mail."""

from __future__ import annotations

import csv
import io
import json

from mus_build.model.derive import Derived
from mus_build.pages.exports import safe_cell


def overdue_rows(derived: Derived) -> list[dict]:
    people = derived.handbook.people
    return [
        {
            "ref": v.agreement.full_ref,
            "person": v.agreement.person,
            "name": people[v.agreement.person].name,
            "record": v.agreement.record.isoformat(),
            "agreement": v.agreement.id,
            "what": v.agreement.what,
            "owner": v.agreement.owner,
            "manager": derived.held_by_agreement(v.agreement),
            "deadline": v.agreement.deadline.isoformat(),
            "days_overdue": v.days_overdue,
        }
        for v in derived.overdue()
    ]


def due_rows(derived: Derived) -> list[dict]:
    return [
        {
            "person": s.person.id,
            "name": s.person.name,
            "last_mus": s.last_mus.isoformat() if s.last_mus else None,
            "next_mus": s.next_mus.isoformat() if s.next_mus else None,
            "days_overdue": s.days_late,
        }
        for s in derived.due_for_mus()
    ]


def as_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


def as_csv(rows: list[dict], columns: list[str]) -> str:
    """CSV with the site's formula guard: a record's `=HYPERLINK(...)` stays text in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([safe_cell(row[column]) for column in columns] for row in rows)
    return out.getvalue()


def as_table(rows: list[dict], columns: list[str], empty: str) -> str:
    """A plain-text table for a terminal or a CI job summary (Markdown-compatible)."""
    if not rows:
        return empty
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
    return "\n".join(lines)


# In a job summary the table is rendered as Markdown with HTML: a record's image, link
# or tag would show as one. Entities and backslashes keep them text; a plain name, date
# or reference has none of these characters and reads the same in a terminal.
_AS_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]!|~"}})


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.translate(_AS_TEXT).split())


OVERDUE_TABLE = ["deadline", "days_overdue", "name", "what", "owner", "manager", "ref"]
OVERDUE_CSV = [
    "ref",
    "person",
    "name",
    "record",
    "agreement",
    "what",
    "owner",
    "manager",
    "deadline",
    "days_overdue",
]
DUE_TABLE = ["name", "last_mus", "next_mus", "days_overdue"]
DUE_CSV = ["person", "name", "last_mus", "next_mus", "days_overdue"]
