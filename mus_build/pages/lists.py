"""The lists: everyone, overdue agreements, who is due for MUS, and the same per
department and per manager's team. Each section takes the set of people it covers,
so the whole organisation and one team share the same code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import partial

from mus_build.model.derive import AgreementView, MusStatus
from mus_build.model.handbook import Person
from mus_build.pages import markup, paths
from mus_build.pages.context import PageContext
from mus_build.pages.paths import DEPARTMENTS, DUE, OVERDUE, PEOPLE, TEAMS, agreement_anchor, person_page


def people_table(ctx: PageContext, page: str, people: Iterable[Person]) -> str:
    """Everyone in `people` with their MUS dates and agreement counts. Kept out of the
    search index: each person's own page is what a search should find."""
    t = ctx.texts
    rows = [ctx.reuse.piece(p.id, ("people_row", page), partial(_people_row, ctx, page, p)) for p in people]
    headers = [
        t("name"),
        t("title"),
        t("manager"),
        t("last_mus"),
        t("next_mus"),
        t("open_count"),
        t("overdue_count"),
    ]
    return markup.block(markup.table_of(headers, rows), searchable=False)


def _people_row(ctx: PageContext, page: str, person: Person) -> str:
    t = ctx.texts
    status = ctx.derived.mus_status(person)
    open_count, overdue_count = ctx.counts(person)
    left = ctx.derived.has_left(person)
    next_mus = markup.esc(t("has_left", date=t.date(person.left))) if left else t.date(status.next_mus)
    if status.days_late and not left:
        next_mus = f'<strong class="mus-overdue">{next_mus}</strong>'
    return markup.row(
        [
            ctx.person_link(page, person.id),
            markup.esc(person.title),
            ctx.person_link(page, person.manager),
            t.date(status.last_mus) or markup.esc(t("no_mus_yet")),
            next_mus,
            str(open_count),
            f'<strong class="mus-overdue">{overdue_count}</strong>' if overdue_count else "0",
        ]
    )


def _agreement_table(ctx: PageContext, page: str, views: list[AgreementView], overdue: bool) -> str:
    t = ctx.texts
    headers = [t("deadline")] + ([t("days_overdue")] if overdue else [])
    headers += [t("person"), t("what"), t("owner"), t("manager"), t("record")]
    rows = [
        ctx.reuse.piece(
            view.agreement.person,
            ("agreement_row", page, overdue, view.agreement.full_ref),
            partial(_agreement_row, ctx, page, view, overdue),
        )
        for view in views
    ]
    return markup.table_of(headers, rows)


def _agreement_row(ctx: PageContext, page: str, view: AgreementView, overdue: bool) -> str:
    t = ctx.texts
    a = view.agreement
    target = ctx.url(page, f"{person_page(a.person)}#{agreement_anchor(a.ref)}")
    row = [t.date(a.deadline)] + ([str(view.days_overdue)] if overdue else [])
    row += [
        ctx.person_link(page, a.person),
        markup.esc(a.what),
        ctx.owner(page, a),
        ctx.person_link(page, ctx.derived.held_by_agreement(a)),
        markup.link(t.date(a.record), target),
    ]
    return markup.row(row)


def _list_section(ctx: PageContext, intro: str, table: str | None) -> str:
    """A list with its introduction, as one block kept out of search (with the heading
    above it): a list repeats what each person's own page says, and that page is what a
    search should lead to."""
    content = table if table is not None else f"<p>{markup.esc(ctx.texts('nobody'))}</p>"
    if intro:
        content = f"<p>{markup.esc(intro)}</p>\n{content}"
    return markup.block(content, searchable=False)


def overdue_list(ctx: PageContext, page: str, members: list[Person] | None) -> str:
    """The overdue agreements of `members` (everyone for None), oldest deadline first."""
    t = ctx.texts
    overdue = ctx.derived.overdue(None if members is None else [p.id for p in members])
    table = _agreement_table(ctx, page, overdue, True) if overdue else None
    return _list_section(ctx, t("overdue_intro", date=t.date(ctx.today)), table)


def due_soon_sections(ctx: PageContext, page: str, members: list[Person] | None) -> list[str]:
    """The due-soon list under its heading, with an anchor of mus's own: the home page
    links to it, and a site may set its own rule for the ids of headings."""
    t = ctx.texts
    soon = ctx.derived.due_soon(None if members is None else [p.id for p in members])
    table = _agreement_table(ctx, page, soon, False) if soon else None
    intro = t("due_soon_intro", days=ctx.derived.settings.due_soon_days)
    return [markup.anchor(paths.DUE_SOON_ANCHOR), f"## {t('due_soon')}", "", _list_section(ctx, intro, table)]


def overdue_sections(ctx: PageContext, page: str, members: list[Person] | None) -> list[str]:
    """The overdue and due-soon lists of `members` under their headings."""
    overdue = overdue_list(ctx, page, members)
    return [f"## {ctx.texts('overdue')}", "", overdue, "", *due_soon_sections(ctx, page, members)]


def due_sections(ctx: PageContext, page: str, members: list[Person] | None) -> list[str]:
    t = ctx.texts
    statuses = ctx.derived.due_for_mus(members)
    late = [s for s in statuses if s.last_mus is not None]
    never = [s for s in statuses if s.last_mus is None]
    late_table = never_table = None
    if late:
        rows = [
            ctx.reuse.piece(s.person.id, ("late_row", page), partial(_late_row, ctx, page, s)) for s in late
        ]
        headers = [t("name"), t("department"), t("manager"), t("last_mus"), t("next_mus"), t("days_late")]
        late_table = markup.table_of(headers, rows)
    if never:
        rows = [
            ctx.reuse.piece(s.person.id, ("never_row", page), partial(_never_row, ctx, page, s))
            for s in never
        ]
        never_table = markup.table_of([t("name"), t("department"), t("manager"), t("started")], rows)
    return [
        f"## {t('late_people')}",
        "",
        _list_section(ctx, t("due_intro", date=t.date(ctx.today)), late_table),
        "",
        f"## {t('never_held')}",
        "",
        _list_section(ctx, "", never_table),
    ]


def _late_row(ctx: PageContext, page: str, status: MusStatus) -> str:
    t = ctx.texts
    return markup.row(
        [
            ctx.person_link(page, status.person.id),
            markup.esc(status.person.department),
            ctx.person_link(page, status.person.manager),
            t.date(status.last_mus),
            t.date(status.next_mus),
            str(status.days_late),
        ]
    )


def _never_row(ctx: PageContext, page: str, status: MusStatus) -> str:
    t = ctx.texts
    return markup.row(
        [
            ctx.person_link(page, status.person.id),
            markup.esc(status.person.department),
            ctx.person_link(page, status.person.manager),
            t.date(status.person.started),
        ]
    )


def by_department(ctx: PageContext) -> dict[str | None, list[Person]]:
    groups: dict[str | None, list[Person]] = defaultdict(list)
    for person in ctx.handbook.people.values():
        groups[person.department].append(person)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] is None, (kv[0] or "").lower())))


def teams(ctx: PageContext) -> dict[str, list[Person]]:
    groups: dict[str, list[Person]] = defaultdict(list)
    for person in ctx.handbook.people.values():
        if person.manager:
            groups[person.manager].append(person)
    return dict(sorted(groups.items()))


def _page(title: str, body: list[str]) -> str:
    return "\n".join([f"# {title}", "", *body]).strip() + "\n"


def render_people(ctx: PageContext) -> str:
    t = ctx.texts
    body = [t("people_intro"), ""]
    for department, people in by_department(ctx).items():
        heading = t("no_department")
        if department:
            heading = markup.md_link(department, paths.relative(PEOPLE, ctx.department_page(department)))
        body += [f"## {heading}", "", people_table(ctx, PEOPLE, people), ""]
    return _page(t("people"), body)


def render_overdue(ctx: PageContext) -> str:
    # The page's title names the overdue list, so that list needs no heading of its own.
    return _page(
        ctx.texts("overdue"), [overdue_list(ctx, OVERDUE, None), "", *due_soon_sections(ctx, OVERDUE, None)]
    )


def render_due(ctx: PageContext) -> str:
    return _page(ctx.texts("due"), due_sections(ctx, DUE, None))


def render_group(ctx: PageContext, page: str, title: str, intro: str, people: list[Person]) -> str:
    t = ctx.texts
    body = [intro, "", f"## {t('members')}", "", people_table(ctx, page, people), ""]
    body += overdue_sections(ctx, page, people) + [""] + due_sections(ctx, page, people)
    return _page(title, body)


def group_pages(ctx: PageContext) -> Iterator[tuple[str, str]]:
    """Every department's and team's page, then the lists of them, as (path, Markdown).
    A group's page shows its members and the people they link to (their manager, the
    owners of their agreements), so `mus serve` keeps it while none of them changed."""
    t = ctx.texts
    department_links = []
    for department, people in by_department(ctx).items():
        if department is None:
            continue
        page = ctx.department_page(department)
        make = partial(render_group, ctx, page, markup.md(department), "", people)
        members = tuple(p.id for p in people)
        yield page, ctx.reuse.group_piece(None, ("department_page", department), members, make)
        department_links.append(
            f"- {markup.md_link(department, paths.relative(DEPARTMENTS, page))} ({len(people)})"
        )
    yield DEPARTMENTS, _page(t("departments"), [t("departments_intro"), "", *department_links])
    team_links = []
    for manager_id, people in teams(ctx).items():
        page = paths.team_page(manager_id)
        name = markup.md(ctx.name(manager_id))
        calendar = paths.relative(page, paths.team_calendar(manager_id))
        intro = t("team_intro", name=name) + f"\n\n[{t('subscribe_team')}]({calendar})"
        make = partial(render_group, ctx, page, t("team_of", name=name), intro, people)
        members = tuple(p.id for p in people)
        yield page, ctx.reuse.group_piece(manager_id, "team_page", members, make)
        team_links.append(
            f"- {markup.md_link(ctx.name(manager_id), paths.relative(TEAMS, page))} ({len(people)})"
        )
    yield TEAMS, _page(t("teams"), [t("teams_intro"), "", *team_links])


def render_home(ctx: PageContext) -> str:
    t = ctx.texts
    d = ctx.derived
    current = [p for p in ctx.handbook.people.values() if not d.has_left(p)]
    open_total = sum(
        len(v) for pid, v in d.open_by_person.items() if not d.has_left(ctx.handbook.people[pid])
    )
    figures = [
        (len(current), t("figure_people"), PEOPLE),
        (open_total, t("figure_open"), PEOPLE),
        (len(d.overdue()), t("figure_overdue"), OVERDUE),
        (
            len(d.due_soon()),
            t("figure_due_soon", days=d.settings.due_soon_days),
            f"{OVERDUE}#{paths.DUE_SOON_ANCHOR}",
        ),
        (len(d.due_for_mus()), t("figure_due"), DUE),
        (
            ctx.rounds.of().total.count("held_this_year"),
            t("figure_round", year=ctx.today.year),
            paths.ROUND,
        ),
    ]
    body = [t("home_intro"), ""]
    if ctx.has_guide:
        body += [f"**[{t('read_guide')}]({paths.GUIDE_HOME})**", ""]
    body += [f"## {t('figures', date=t.date(ctx.today))}", ""]
    cards = [
        f'<a class="mus-figure" href="{ctx.url(paths.HOME, target)}">'
        f'<span class="mus-figure__count">{count}</span> <span>{markup.esc(label)}</span></a>'
        for count, label, target in figures
    ]
    body.append(markup.block("\n".join(cards), css_class="mus-figures"))
    body += [
        "",
        f"[{t('subscribe_all')}]({paths.CALENDAR})",
        "",
        t("downloads", csv=paths.AGREEMENTS_CSV, json=paths.AGREEMENTS_JSON),
    ]
    return _page(markup.md(ctx.site.name), body)
