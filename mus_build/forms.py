"""Everything made from the question guide: its page, the printable sheets and the
template of a new record."""

from __future__ import annotations

from collections.abc import Iterator

from . import html, markup
from .context import PageContext
from .model import Agreement, Person
from .questions import Topic

QUESTION_GUIDE = "guide/sporgeguide.md"  # the guide's own links point at sporgeguide.md
FORMS = "forms/index.md"
BLANK = {"employee": "forms/medarbejder/index.md", "manager": "forms/leder/index.md"}


def to_follow_up(person: Person) -> list[Agreement]:
    """The agreements a new conversation evaluates: all of the latest record's, and
    every earlier one still open and not carried on by a later agreement."""
    if not person.records:
        return []
    continued = {a.continues for r in person.records for a in r.agreements if a.continues}
    latest = person.records[-1]
    earlier = [
        a for r in person.records[:-1] for a in r.agreements
        if a.status == "open" and a.ref not in continued
    ]  # fmt: skip
    return earlier + list(latest.agreements)


def render_question_guide(ctx: PageContext, topics: list[Topic]) -> str:
    t = ctx.texts
    parts = [f"# {t('question_guide')}", "", t("question_guide_intro"), ""]
    for topic in topics:
        parts += [f"## {markup.text(topic.title)}", ""]
        if topic.intro:
            parts += [markup.text(topic.intro), ""]
        for audience in ("employee", "manager", "both"):
            questions = [q for q in topic.questions if q.audience == audience]
            if questions:
                parts += [f"**{t('for_' + audience)}**", ""]
                parts += [f"- {markup.text(q.text)}" for q in questions]
                parts.append("")
    return "\n".join(parts).strip() + "\n"


def _questions_for_sheet(topics: list[Topic], audience: str) -> list[str]:
    parts = []
    for topic in topics:
        questions = topic.for_audience(audience)
        if not questions:
            continue
        answers = [f'{html.esc(q.text)}<div class="mus-answer"></div>' for q in questions]
        parts += ["", f"## {markup.text(topic.title)}", "", html.block(html.items(answers), searchable=False)]
    return parts


# Sheets are for printing; keeping them out of search keeps the index small and the hits relevant.
_NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"


def _page(title: str, body: list[str]) -> str:
    return _NOT_SEARCHED + "\n".join([f"# {title}", "", *body]).strip() + "\n"


def render_person_sheet(ctx: PageContext, person: Person, topics: list[Topic]) -> str:
    t = ctx.texts
    page = f"forms/{person.id}/index.md"
    agreements = to_follow_up(person)
    body = [
        f'<p class="mus-print-hint">{html.esc(t("print"))}</p>',
        "",
        f"## {t('earlier_agreements')}",
        "",
    ]
    if agreements:
        body.append(
            html.block(
                html.table(
                    [t("what"), t("owner"), t("deadline"), t("evaluation")],
                    [[html.esc(a.what), ctx.owner(page, a), t.date(a.deadline), ""] for a in agreements],
                )
            )
        )
    else:
        body.append(t("no_earlier_agreements"))
    body += _questions_for_sheet(topics, "employee")
    return _page(t("sheet_for", name=markup.text(person.name)), body)


def render_blank_sheet(ctx: PageContext, audience: str, topics: list[Topic]) -> str:
    t = ctx.texts
    body = [
        f'<p class="mus-print-hint">{html.esc(t("print"))}</p>',
        *_questions_for_sheet(topics, audience),
    ]
    return _page(t(f"blank_{audience}"), body)


def render_forms_index(ctx: PageContext) -> str:
    t = ctx.texts
    lines = [f"# {t('forms')}", "", t("forms_intro"), ""]
    lines += [f"- [{t('blank_' + a)}]({markup.relative(FORMS, BLANK[a])})" for a in ("employee", "manager")]
    lines += ["", f"## {t('sheet_people')}", ""]
    sheets = [
        html.link(p.name, ctx.url(FORMS, f"forms/{p.id}/index.md"))
        for p in ctx.handbook.people.values()
        if not ctx.derived.has_left(p)
    ]
    lines.append(html.block(html.items(sheets), searchable=False, css_class="mus-columns"))
    return "\n".join(lines).strip() + "\n"


def sheet_pages(ctx: PageContext, topics: list[Topic]) -> Iterator[tuple[str, str]]:
    """The forms page and every sheet as (path, Markdown), one at a time."""
    yield FORMS, render_forms_index(ctx)
    for audience, path in BLANK.items():
        yield path, render_blank_sheet(ctx, audience, topics)
    for person in ctx.handbook.people.values():
        yield f"forms/{person.id}/index.md", render_person_sheet(ctx, person, topics)
