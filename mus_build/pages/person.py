"""A person's page: who they are, what is open now, and every conversation, newest first.

Every conversation is searchable, each a section of its own, so a search leads to the
conversation it matched. The table of open agreements at the top is not: each of them
is found in the conversation that made it.
"""

from __future__ import annotations

from mus_build.model.handbook import Agreement, Person, Record
from mus_build.pages import markup, paths
from mus_build.pages.context import PageContext
from mus_build.pages.paths import agreement_anchor, record_anchor


def render_person(ctx: PageContext, person: Person) -> str:
    page = paths.person_page(person.id)
    t = ctx.texts
    parts = [f"# {markup.md(person.name)}", "", markup.block(markup.items(_facts(ctx, person, page)))]
    if person.body.strip():
        parts += ["", markup.block(ctx.render_notes(person.body, 1), css_class="mus-person-notes")]

    parts += ["", f"## {t('open_agreements')}", ""]
    views = sorted(
        ctx.derived.open_by_person.get(person.id, []), key=lambda v: (v.agreement.deadline, v.agreement.id)
    )
    if views:
        rows = [
            [
                markup.link(v.agreement.what, f"#{agreement_anchor(v.agreement.ref)}"),
                ctx.owner(page, v.agreement),
                t.date(v.agreement.deadline),
                ctx.state(v),
                str(v.days_overdue) if v.days_overdue is not None else "",
            ]
            for v in views
        ]
        parts.append(
            markup.block(
                markup.table([t("what"), t("owner"), t("deadline"), t("state"), t("days_overdue")], rows),
                searchable=False,
            )
        )
    else:
        parts.append(t("no_open_agreements"))

    # Each conversation is a section of its own: a heading "Samtaler" above them would be one
    # more search result with nothing under it, for every person.
    if not person.records:
        parts += ["", f"## {t('history')}", "", t("no_history")]
    for record in reversed(person.records):
        parts += _record(ctx, person, record, page)
    return "\n".join(parts).strip() + "\n"


def _facts(ctx: PageContext, person: Person, page: str) -> list[str]:
    t = ctx.texts
    status = ctx.derived.mus_status(person)
    facts = [
        (t("title"), markup.esc(person.title)),
        (
            t("department"),
            markup.link(person.department, ctx.url(page, ctx.department_page(person.department)))
            if person.department
            else "",
        ),
        (t("manager"), ctx.person_link(page, person.manager)),
        (t("email"), markup.esc(person.email)),
        (t("started"), t.date(person.started)),
        (t("left"), t.date(person.left)),
        (t("last_mus"), t.date(status.last_mus) or markup.esc(t("no_mus_yet"))),
    ]
    if status.next_mus and not ctx.derived.has_left(person):
        value = t.date(status.next_mus)
        if status.days_late:
            late = t("late_by_one") if status.days_late == 1 else t("late_by", days=status.days_late)
            value += f' — <strong class="mus-overdue">{markup.esc(late)}</strong>'
        facts.append((t("next_mus"), value))
    entries = [f"<strong>{markup.esc(label)}:</strong> {value}" for label, value in facts if value]
    entries.append(markup.link(t("sheet"), ctx.url(page, paths.sheet_page(person.id))))
    if person.id in ctx.managers:  # with access rules, the only way to the team from the start page
        team = ctx.url(page, paths.team_page(person.id))
        entries.append(markup.link(t("team_of", name=person.name), team))
        entries.append(
            markup.link(t("round_of", name=person.name), ctx.url(page, paths.round_page(person.id)))
        )
    # Their managers read this page too and see the link, but not what it leads to.
    if person.id in ctx.derived.owned_elsewhere:
        entries.append(markup.link(t("owned_link"), ctx.url(page, paths.owned_page(person.id))))
    return entries


def _record(ctx: PageContext, person: Person, record: Record, page: str) -> list[str]:
    t = ctx.texts
    heading = [
        markup.anchor(record_anchor(record.date)),
        f"## {t('conversation', date=t.date(record.date))}",
        "",
    ]
    parts = []
    details = []
    held_by = ctx.derived.held_by(record)
    if held_by:
        details.append(f"{markup.esc(t('held_by'))}: {ctx.person_link(page, held_by)}")
    edit_url = ctx.edit_url(record.path)
    if edit_url:
        details.append(f"<span {markup.IGNORED}>{markup.link(t('edit_record'), edit_url)}</span>")
    if details:
        parts.append(f"<p>{' · '.join(details)}</p>")
    parts.append(_approval(ctx, record, page))

    if record.follow_ups:
        by_ref = {a.ref: a for r in person.records for a in r.agreements}
        entries = []
        for follow_up in record.follow_ups:
            earlier = by_ref[follow_up.agreement]
            evaluation = markup.esc(follow_up.evaluation) or f"<em>{markup.esc(t('not_evaluated'))}</em>"
            link = markup.link(earlier.what, f"#{agreement_anchor(earlier.ref)}")
            entries.append(f"{link} ({t.date(earlier.record)}): {evaluation}")
        parts += [f"<h3>{markup.esc(t('follow_ups'))}</h3>", markup.items(entries)]

    parts.append(f"<h3>{markup.esc(t('agreements_made'))}</h3>")
    if record.agreements:
        agreements = markup.table(
            [t("what"), t("owner"), t("deadline"), t("state")],
            [_agreement_row(ctx, a, page) for a in record.agreements],
        )
        parts.append(agreements)
    else:
        parts.append(f"<p>{markup.esc(t('no_agreements'))}</p>")

    body = ctx.render_notes(record.body, 2)
    if body:
        parts += [f"<h3>{markup.esc(t('notes'))}</h3>", f'<div class="mus-notes">\n{body}\n</div>']
    return ["", *heading, markup.block("\n".join(parts))]


def _approval(ctx: PageContext, record: Record, page: str) -> str:
    """Whether both parties have approved the record: who did and when, or who is missing
    (and whose approval a later change voided). A record not approved is a draft."""
    t, derived = ctx.texts, ctx.derived
    missing = derived.missing_signers(record)
    if missing:
        voided = derived.voided_signers(record)
        names = [
            ctx.person_link(page, party)
            + (f" ({markup.esc(t('changed_after_approval'))})" if party in voided else "")
            for party in missing
        ]
        text = t("awaiting_approval", names=t("and").join(names))
        return f'<p class="mus-draft"><strong>{markup.esc(t("not_approved"))}</strong>: {text}</p>'
    names = [
        t("approved_on", name=ctx.person_link(page, s.by), date=markup.esc(t.date(s.on)))
        for s in derived.sign_offs(record)
    ]
    text = t("approved_by", names=t("and").join(names))
    return f'<p class="mus-approved"><strong>{markup.esc(t("approved"))}</strong> {text}</p>'


def _agreement_row(ctx: PageContext, agreement: Agreement, page: str) -> list[str]:
    t = ctx.texts
    view = ctx.derived.view(agreement)
    what = markup.anchor(agreement_anchor(agreement.ref)) + markup.esc(agreement.what)
    extra = []
    if agreement.continues:
        label = t("continues", ref=t.date(agreement.continues.date))
        extra.append(markup.link(label, f"#{agreement_anchor(agreement.continues)}"))
    if view.continued_by is not None:
        label = t("continued_by", ref=t.date(view.continued_by.record))
        extra.append(markup.link(label, f"#{agreement_anchor(view.continued_by.ref)}"))
    if agreement.note:
        extra.append(f"{markup.esc(t('note'))}: {markup.esc(agreement.note)}")
    if extra:
        what += "<br>" + "<br>".join(extra)
    state = ctx.state(view)
    if view.days_overdue is not None:
        state += f" ({view.days_overdue})"
    return [what, ctx.owner(page, agreement), t.date(agreement.deadline), state]
