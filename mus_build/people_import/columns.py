"""Which column holds which field: the headers Danish and English HR systems write,
found whatever their case, spacing or trailing dot, and `--column field=Header` for
any other."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The fields an import manages, in the order a person file lists them.
FIELDS = ("name", "title", "department", "manager", "email", "employee_number", "started", "left")

HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("navn", "fulde navn", "fuldt navn", "medarbejdernavn", "name", "full name", "employee name"),
    "first_name": ("fornavn", "fornavne", "first name", "given name"),
    "last_name": ("efternavn", "last name", "surname", "family name"),
    "title": ("stilling", "titel", "jobtitel", "stillingsbetegnelse", "title", "job title", "position"),
    "department": ("afdeling", "afd", "department", "dept"),
    "manager": ("leder", "nærmeste leder", "chef", "manager", "line manager", "reports to"),
    "email": (
        "e-mail",
        "email",
        "mail",
        "e-mailadresse",
        "emailadresse",
        "arbejdsmail",
        "email address",
        "e-mail address",
        "work email",
    ),
    "employee_number": (
        "medarbejdernr",
        "medarbejdernummer",
        "medarb nr",
        "medarbnr",
        "lønnr",
        "lønnummer",
        "employee number",
        "employee no",
        "employee id",
        "employee_number",
    ),
    "started": ("ansættelsesdato", "ansat", "ansat dato", "startdato", "start date", "hire date", "started"),
    "left": (
        "fratrædelsesdato",
        "fratrådt",
        "fratrædelse",
        "slutdato",
        "end date",
        "termination date",
        "leaving date",
        "left",
    ),
}

# Shown in the message when a needed column is missing.
EXAMPLES = {
    "name": "Navn / Name",
    "email": "E-mail / Email",
    "employee_number": "Medarbejdernr. / Employee number",
}


def normal(header: str) -> str:
    """A header as compared: lower case, dots and colons gone, one space between words."""
    return " ".join(re.sub(r"[.:]", " ", header.lower()).split())


@dataclass
class Columns:
    """The index of each field's column; a field the file lacks is absent."""

    index: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[str, dict[str, object]]] = field(default_factory=list)  # message keys

    def header_of(self, key: str, headers: list[str]) -> str:
        return headers[self.index[key]]


def find_columns(headers: list[str], chosen: dict[str, str]) -> Columns:
    """Each field's column: the one named with --column, else the one whose header is known."""
    columns = Columns()
    by_normal: dict[str, int] = {}
    for position, header in enumerate(headers):
        by_normal.setdefault(normal(header), position)
    taken = set()
    for key, header in chosen.items():
        found_at = by_normal.get(normal(header))
        if found_at is None:
            shown = ", ".join(h for h in headers if h)
            columns.problems.append(("column_missing", {"field": key, "header": header, "headers": shown}))
        else:
            columns.index[key] = found_at
            taken.add(found_at)
    for key, names in HEADERS.items():
        if key in columns.index:
            continue
        found = [by_normal[n] for n in names if n in by_normal and by_normal[n] not in taken]
        if len(found) > 1:
            first, second = headers[found[0]], headers[found[1]]
            columns.problems.append(
                ("two_columns", {"first": first, "second": second, "what": key, "field": key})
            )
        elif found:
            columns.index[key] = found[0]
    if "name" not in columns.index and not {"first_name", "last_name"} <= columns.index.keys():
        columns.problems.append(
            ("no_column", {"what": "name", "examples": EXAMPLES["name"], "field": "name"})
        )
    if "email" not in columns.index and "employee_number" not in columns.index:
        columns.problems.append(("no_key_column", {}))
    return columns
