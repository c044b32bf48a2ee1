"""A person's page: who they are, what is open now, and every conversation, newest first."""

from __future__ import annotations

from . import markup, notes
from .context import PageContext, agreement_anchor, person_page, record_anchor
from .derive import State
from .model import Agreement, Person, Record


def render_person(ctx: PageContext, person: Person) -> str:
    page = person_page(person.id)
    t = ctx.texts
    meta = {"mus_edit_url": ctx.edit_url(person.path)} if ctx.edit_base else {}
    parts = [markup.front_matter(meta) if meta else "", f"# {markup.text(person.name)}", ""]
    parts += _facts(ctx, person, page)
    if person.body.strip():
        parts += ["", notes.as_block(notes.render(person.body, heading_offset=1), "mus-person-notes")]

    parts += ["", f"## {t('open_agreements')}", ""]
    views = sorted(
        ctx.open_by_person.get(person.id, []), key=lambda v: (v.agreement.deadline, v.agreement.id)
    )
    if views:
        rows = [
            [
                f"[{markup.text(v.agreement.what)}](#{agreement_anchor(v.agreement.ref)})",
                ctx.owner(page, v.agreement),
                t.date(v.agreement.deadline),
                ctx.state(v),
                str(v.days_overdue) if v.days_overdue is not None else "",
            ]
            for v in views
        ]
        parts.append(
            markup.table([t("what"), t("owner"), t("deadline"), t("state"), t("days_overdue")], rows)
        )
    else:
        parts.append(t("no_open_agreements"))

    parts += ["", f"## {t('history')}", ""]
    if not person.records:
        parts.append(t("no_history"))
    for record in reversed(person.records):
        parts += _record(ctx, person, record, page)
    return "\n".join(parts).strip() + "\n"


def _facts(ctx: PageContext, person: Person, page: str) -> list[str]:
    t = ctx.texts
    status = ctx.derived.mus_status(person)
    department_page = ctx.department_page(person.department)
    facts = [
        (t("title"), markup.text(person.title)),
        (
            t("department"),
            markup.link(person.department, markup.relative(page, department_page)) if department_page else "",
        ),
        (t("manager"), ctx.person_link(page, person.manager)),
        (t("email"), markup.text(person.email)),
        (t("started"), t.date(person.started)),
        (t("left"), t.date(person.left)),
        (t("last_mus"), t.date(status.last_mus) or t("no_mus_yet")),
    ]
    if status.next_mus and not ctx.derived.has_left(person):
        late = ""
        if status.days_late:
            late = (
                " — **"
                + (t("late_by_one") if status.days_late == 1 else t("late_by", days=status.days_late))
                + "**"
            )
        facts.append((t("next_mus"), t.date(status.next_mus) + late))
    lines = [f"- **{label}:** {value}" for label, value in facts if value]
    lines.append(f"- [{t('sheet')}]({markup.relative(page, f'forms/{person.id}/index.md')})")
    return lines


def _record(ctx: PageContext, person: Person, record: Record, page: str) -> list[str]:
    t = ctx.texts
    lines = [
        "",
        markup.anchor(record_anchor(record.date)),
        f"### {t('conversation', date=t.date(record.date))}",
        "",
    ]
    details = []
    held_by = ctx.derived.held_by(record)
    if held_by:
        details.append(f"{t('held_by')}: {ctx.person_link(page, held_by)}")
    if ctx.edit_base:
        details.append(f"[{t('edit_record')}]({ctx.edit_url(record.path)})")
    if details:
        lines += [" · ".join(details), ""]

    if record.follow_ups:
        lines += [f"#### {t('follow_ups')}", ""]
        by_ref = {a.ref: a for r in person.records for a in r.agreements}
        for follow_up in record.follow_ups:
            earlier = by_ref[follow_up.agreement]
            evaluation = markup.text(follow_up.evaluation) or f"*{t('not_evaluated')}*"
            lines.append(
                f"- [{markup.text(earlier.what)}](#{agreement_anchor(earlier.ref)}) "
                f"({t.date(earlier.record)}): {evaluation}"
            )
        lines.append("")

    lines += [f"#### {t('agreements_made')}", ""]
    if record.agreements:
        lines.append(
            markup.table(
                [t("what"), t("owner"), t("deadline"), t("state")],
                [_agreement_row(ctx, a, page) for a in record.agreements],
            )
        )
    else:
        lines.append(t("no_agreements"))

    body = notes.render(record.body)
    if body:
        lines += ["", f"#### {t('notes')}", "", notes.as_block(body)]
    return lines


def _agreement_row(ctx: PageContext, agreement: Agreement, page: str) -> list[str]:
    t = ctx.texts
    view = ctx.derived.view(agreement)
    what = markup.anchor(agreement_anchor(agreement.ref)) + markup.text(agreement.what)
    extra = []
    if agreement.continues:
        extra.append(
            f"[{markup.text(t('continues', ref=t.date(agreement.continues.date)))}]"
            f"(#{agreement_anchor(agreement.continues)})"
        )
    if view.continued_by is not None:
        extra.append(
            f"[{markup.text(t('continued_by', ref=t.date(view.continued_by.record)))}]"
            f"(#{agreement_anchor(view.continued_by.ref)})"
        )
    if agreement.note:
        extra.append(f"{markup.text(t('note'))}: {markup.text(agreement.note)}")
    if extra:
        what += "<br>" + "<br>".join(extra)
    state = ctx.state(view)
    if view.state is State.OVERDUE:
        state = f"**{state}** ({view.days_overdue})"
    return [what, ctx.owner(page, agreement), t.date(agreement.deadline), state]
