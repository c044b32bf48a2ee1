"""The MUS round: a page with the figures of `model.round` per department and per manager,
each figure linked to the people behind it, and how the figures are counted.

HR reads the page of everyone (`round/`); each manager reads their own (`round/<id>/`),
of the people they manage as `managers_see` says, the same people the access rules let
them read. The pages are lists, so they are kept out of the search index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

from mus_build.model.round import FIGURES, Figures, PersonRound, Round, Row, managed
from mus_build.pages import markup, paths
from mus_build.pages.context import PageContext

T = TypeVar("T")
DEPARTMENT, MANAGER = "d", "m"  # the kinds of row, as the first letter of their anchors


def round_pages(ctx: PageContext) -> Iterator[tuple[str, str]]:
    """The round of everyone, then each manager's, as (path, Markdown)."""
    yield paths.ROUND, render_round(ctx, paths.ROUND, ctx.rounds.of(), None)
    for manager, members in managed(ctx.handbook, managers_see(ctx)).items():
        page = paths.round_page(manager)
        # Made again by `mus serve` only when someone in the manager's round changed.
        make = partial(_manager_round, ctx, page, manager, members)
        yield page, ctx.reuse.group_piece(manager, "round_page", tuple(members), make)


def _manager_round(ctx: PageContext, page: str, manager: str, members: list[str]) -> str:
    return render_round(ctx, page, ctx.rounds.of(ctx.handbook.people[p] for p in members), manager)


def managers_see(ctx: PageContext) -> str:
    access = ctx.derived.settings.access
    return access.managers_see if access is not None else "chain"


def render_round(ctx: PageContext, page: str, figures: Round, manager: str | None) -> str:
    """The page of a round: of everyone (`manager` None) or of one manager's people."""
    t = ctx.texts
    date = t.date(ctx.today)
    if manager is None:
        title, intro = t("round"), t("round_intro", date=date)
    else:
        name = markup.md(ctx.name(manager))
        title = t("round_of", name=name)
        intro = t(f"round_intro_{managers_see(ctx)}", name=name, date=date)
    body = [f"# {title}", "", intro, "", t("round_how_links"), ""]
    for kind, heading, rows in (
        (DEPARTMENT, t("round_by_department"), figures.departments),
        (MANAGER, t("round_by_manager"), figures.managers),
    ):
        table = _table(ctx, page, figures, kind, rows, manager)
        body += [f"## {heading}", "", markup.block(table, searchable=False), ""]
    body += [f"## {t('round_how')}", "", *_how(ctx, figures), ""]
    body += [f"## {t('round_who')}", ""]
    entries: dict[str, dict[str, str]] = {}
    sections = [
        _row_piece(ctx, page, kind, row, "round_who", partial(_who_section, ctx, page, kind, row, entries))
        for kind, rows in ((DEPARTMENT, figures.departments), (MANAGER, figures.managers))
        for row in rows
    ]
    # One block for all rows: Markdown has one placeholder to put back, not thousands.
    body.append(markup.block("\n".join(sections), searchable=False))
    return "\n".join(body).strip() + "\n"


def _row_piece(ctx: PageContext, page: str, kind: str, row: Row, name: str, make: Callable[[], T]) -> T:
    """A row's part of a round page, made from the people it counts (and a manager's row
    from the manager): the round of everyone has thousands of rows, and after a save
    `mus serve` makes again only those of the people it changed."""
    owner = row.key if kind == MANAGER else None
    return ctx.reuse.group_piece(owner, (name, page, kind, row.key), row.figures.ids, make)


def _who_section(ctx: PageContext, page: str, kind: str, row: Row, entries: dict[str, dict[str, str]]) -> str:
    """A row's heading and the people behind each of its figures, in HTML: the round of
    everyone has thousands of rows, and as Markdown headings they cost the preview most of
    a second to render and filled the table of contents."""
    heading = f'<h3 id="{_row_anchor(ctx, kind, row)}">{markup.esc(_who_heading(ctx, kind, row))}</h3>'
    return "\n".join([heading, *_who(ctx, page, kind, row, entries)])


def figure_label(ctx: PageContext, figure: str, year: int) -> str:
    return ctx.texts(f"round_figure_{figure}", year=year)


def _table(
    ctx: PageContext, page: str, figures: Round, kind: str, rows: tuple[Row, ...], manager: str | None
) -> str:
    t = ctx.texts
    first = t("department") if kind == DEPARTMENT else t("manager")
    headers = [first, *(figure_label(ctx, f, figures.year) for f in FIGURES), t("round_share")]
    finished = [
        _row_piece(ctx, page, kind, row, "round_cells", partial(_cells, ctx, page, kind, row, manager))
        for row in rows
    ]
    total = [f"<strong>{figures.total.count(f)}</strong>" for f in FIGURES]
    share = _percent(ctx, figures.total)
    finished.append(
        markup.row([f"<strong>{markup.esc(t('round_total'))}</strong>", *total, f"<strong>{share}</strong>"])
    )
    return markup.table_of(headers, finished)


def _cells(ctx: PageContext, page: str, kind: str, row: Row, manager: str | None) -> str:
    counts = [_count(row.figures.count(f), _anchor(ctx, kind, row, f)) for f in FIGURES]
    return markup.row([_row_label(ctx, page, kind, row, manager), *counts, _percent(ctx, row.figures)])


def _row_label(ctx: PageContext, page: str, kind: str, row: Row, manager: str | None) -> str:
    """The row's department or manager; on the round of everyone a department links to its
    page, and everywhere a manager links to their own round, which whoever reads this page
    may read too (they may read everyone it counts)."""
    t = ctx.texts
    if row.key is None:
        return markup.esc(t("no_department") if kind == DEPARTMENT else t("no_manager"))
    if kind == DEPARTMENT:
        if manager is None:
            return markup.link(row.key, ctx.url(page, ctx.department_page(row.key)))
        return markup.esc(row.key)
    if row.key == manager or row.key not in ctx.handbook.people:
        return markup.esc(ctx.name(row.key))
    return markup.link(ctx.name(row.key), ctx.url(page, paths.round_page(row.key)))


def _count(count: int, anchor: str) -> str:
    return f'<a href="#{anchor}">{count}</a>' if count else "0"


def _percent(ctx: PageContext, figures: Figures) -> str:
    percent = figures.current_percent
    return "" if percent is None else markup.esc(ctx.texts("round_percent", value=percent))


def _row_anchor(ctx: PageContext, kind: str, row: Row) -> str:
    """The anchor of a row's heading above its lists, e.g. d-udvikling or m-bo-lind."""
    key = "" if row.key is None else row.key if kind == MANAGER else ctx.department_slugs[row.key]
    return f"{kind}-{key}"


def _anchor(ctx: PageContext, kind: str, row: Row, figure: str) -> str:
    """The anchor of a row's list of people behind a figure, e.g. d-udvikling--people.
    Ids and page names hold no '--', so no two rows' anchors are alike."""
    return f"{_row_anchor(ctx, kind, row)}--{figure.replace('_', '-')}"


def _how(ctx: PageContext, figures: Round) -> list[str]:
    t = ctx.texts
    lines = []
    for figure in FIGURES:
        text = t(f"round_how_{figure}", months=figures.interval_months, year=figures.year)
        # Our own words, with field names as code: nothing here comes from a record.
        lines.append(f"- **{figure_label(ctx, figure, figures.year)}**: {text}")
    return lines


def _who_heading(ctx: PageContext, kind: str, row: Row) -> str:
    t = ctx.texts
    if row.key is None:
        return t("no_department") if kind == DEPARTMENT else t("no_manager")
    if kind == DEPARTMENT:
        return t("round_who_department", name=row.key)
    return t("round_who_manager", name=ctx.name(row.key))


def _who(ctx: PageContext, page: str, kind: str, row: Row, entries: dict[str, dict[str, str]]) -> list[str]:
    """The people behind each of the row's figures, each list at the anchor its figure
    links to. `entries`: what the page says of each person, as far as made."""
    year = ctx.today.year
    lines = []
    for figure in FIGURES:
        behind = row.figures.behind(figure)
        if not behind:
            continue
        label = markup.esc(f"{figure_label(ctx, figure, year)} ({row.figures.count(figure)})")
        names = ", ".join(_entries(ctx, page, entry, entries)[figure] for entry in behind)
        lines.append(f'<p id="{_anchor(ctx, kind, row, figure)}"><strong>{label}:</strong> {names}</p>')
    return lines


def _entries(
    ctx: PageContext, page: str, entry: PersonRound, made: dict[str, dict[str, str]]
) -> dict[str, str]:
    """The person behind each figure that counts them, as `_entry` writes it. A page
    names most people several times (in their department's row and their manager's):
    made once a page, and kept by `mus serve` while the person is unchanged, for every
    page as deep (the links differ only by that)."""
    found = made.get(entry.person.id)
    if found is None:
        depth = ctx.url(page, paths.HOME)
        make = partial(_person_entries, ctx, page, entry)
        found = made[entry.person.id] = ctx.reuse.piece(entry.person.id, ("round_entries", depth), make)
    return found


def _person_entries(ctx: PageContext, page: str, entry: PersonRound) -> dict[str, str]:
    return {figure: _entry(ctx, page, figure, entry) for figure in FIGURES if entry.counted_in(figure)}


def _entry(ctx: PageContext, page: str, figure: str, entry: PersonRound) -> str:
    """A person behind a figure: their name, linked to their page, and what counts them."""
    t = ctx.texts
    person = entry.person
    name = ctx.person_link(page, person.id)
    detail = ""
    if figure == "held_within_interval":
        detail = t("round_last_mus", date=t.date(person.latest.date if person.latest else None))
    elif figure == "held_this_year" and entry.held_this_year is not None:
        detail = t.date(entry.held_this_year.date)
    elif figure == "due_or_never":
        next_mus = ctx.derived.next_mus(person)
        detail = t("round_was_due", date=t.date(next_mus)) if next_mus else t("round_never")
    elif figure == "awaiting_sign_off" and entry.awaiting_sign_off is not None:
        record = entry.awaiting_sign_off
        names = ", ".join(ctx.name(p) for p in entry.missing_signers)
        target = ctx.url(page, f"{paths.person_page(person.id)}#{paths.record_anchor(record.date)}")
        missing = t("round_missing", date=t.date(record.date), names=names)
        return f"{name} ({markup.link(missing, target)})"
    elif figure in ("open_agreements", "overdue_agreements"):
        detail = str(len(getattr(entry, figure)))
    return f"{name} ({markup.esc(detail)})" if detail else name
