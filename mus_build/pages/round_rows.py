"""`mus round` as data: the round's figures as a table, CSV or JSON.

The table and the CSV are read by people, so they speak the handbook's language, as the
page does; the CSV opens in Danish Excel by double-click (BOM, semicolons, CRLF), as
agreements.csv does. JSON is for programs: its keys are English and stable.
"""

from __future__ import annotations

import csv
import io
import json

from mus_build.model.handbook import Handbook
from mus_build.model.round import FIGURES, Figures, Round, Row
from mus_build.pages.exports import safe_cell
from mus_build.pages.rows import as_table
from mus_build.pages.texts import Texts


def _figures(figures: Figures) -> dict[str, int | None]:
    return {**figures.counts(), "current_agreement_percent": figures.current_percent}


def as_data(found: Round, handbook: Handbook) -> dict:
    def name(person_id: str | None) -> str | None:
        return handbook.people[person_id].name if person_id in handbook.people else person_id

    return {
        "today": found.today.isoformat(),
        "year": found.year,
        "interval_months": found.interval_months,
        "departments": [{"department": row.key, **_figures(row.figures)} for row in found.departments],
        "managers": [
            {"manager": row.key, "name": name(row.key), **_figures(row.figures)} for row in found.managers
        ],
        "total": _figures(found.total),
    }


def as_json(found: Round, handbook: Handbook) -> str:
    return json.dumps(as_data(found, handbook), ensure_ascii=False, indent=2)


def headers(texts: Texts, year: int) -> list[str]:
    """The figures' names, then the share, as the page's tables head them."""
    return [*(texts(f"round_figure_{figure}", year=year) for figure in FIGURES), texts("round_share")]


def _values(texts: Texts, figures: Figures, percent_sign: bool) -> list[str]:
    percent = figures.current_percent
    share = "" if percent is None else texts("round_percent", value=percent) if percent_sign else str(percent)
    return [str(figures.count(figure)) for figure in FIGURES] + [share]


def _label(texts: Texts, handbook: Handbook, kind: str, row: Row) -> str:
    if row.key is None:
        return texts("no_department" if kind == "department" else "no_manager")
    if kind == "manager" and row.key in handbook.people:
        return handbook.people[row.key].name
    return row.key


def as_csv(found: Round, handbook: Handbook, texts: Texts) -> bytes:
    """One row per department, one per manager, and the total; the share in whole per cent."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [texts("round_group"), texts("name"), *headers(texts, found.year)[:-1], f"{texts('round_share')} (%)"]
    )
    for kind, rows in (("department", found.departments), ("manager", found.managers)):
        for row in rows:
            cells = [texts(kind), _label(texts, handbook, kind, row), *_values(texts, row.figures, False)]
            writer.writerow([safe_cell(cell) for cell in cells])
    writer.writerow([texts("round_total"), "", *_values(texts, found.total, False)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def as_text(found: Round, handbook: Handbook, texts: Texts) -> str:
    """Two tables, per department and per manager, each with the total as its last row:
    for a terminal or a CI job's summary (Markdown)."""
    figure_headers = headers(texts, found.year)
    parts = []
    for kind, heading, rows in (
        ("department", texts("round_by_department"), found.departments),
        ("manager", texts("round_by_manager"), found.managers),
    ):
        columns = [texts(kind), *figure_headers]
        lines = [
            dict(
                zip(
                    columns,
                    [_label(texts, handbook, kind, row), *_values(texts, row.figures, True)],
                    strict=True,
                )
            )
            for row in rows
        ]
        lines.append(
            dict(zip(columns, [texts("round_total"), *_values(texts, found.total, True)], strict=True))
        )
        parts.append(f"## {heading}\n\n{as_table(lines, columns, '')}")
    return "\n\n".join(parts)
