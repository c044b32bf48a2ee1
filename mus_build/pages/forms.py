"""The site's pages made from the question guide: its own page and the printable
sheets. (The template of a new record, made from it too, is `scaffold/new.py`.)"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from mus_build.model.derive import to_follow_up
from mus_build.model.handbook import Person
from mus_build.model.topics import Topic
from mus_build.pages import markup, paths
from mus_build.pages.context import PageContext


def render_question_guide(ctx: PageContext, topics: list[Topic]) -> str:
    t = ctx.texts
    parts = [f"# {t('question_guide')}", "", t("question_guide_intro"), ""]
    for topic in topics:
        parts += [f"## {markup.md(topic.title)}", ""]
        if topic.intro:
            parts += [markup.md(topic.intro), ""]
        for audience in ("employee", "manager", "both"):
            questions = [q for q in topic.questions if q.audience == audience]
            if questions:
                parts += [f"**{t('for_' + audience)}**", ""]
                parts += [f"- {markup.md(q.text)}" for q in questions]
                parts.append("")
    return "\n".join(parts).strip() + "\n"


def _questions_for_sheet(topics: list[Topic], audience: str) -> list[str]:
    parts = []
    for topic in topics:
        questions = topic.for_audience(audience)
        if not questions:
            continue
        answers = [f'{markup.esc(q.text)}<div class="mus-answer"></div>' for q in questions]
        parts += [
            "",
            f"## {markup.md(topic.title)}",
            "",
            markup.block(markup.items(answers), searchable=False),
        ]
    return parts


# Sheets are for printing; keeping them out of search keeps the index small and the hits relevant.
_NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"


def _page(title: str, body: list[str]) -> str:
    return _NOT_SEARCHED + "\n".join([f"# {title}", "", *body]).strip() + "\n"


def render_person_sheet(ctx: PageContext, person: Person, topics: list[Topic]) -> str:
    t = ctx.texts
    page = paths.sheet_page(person.id)
    agreements = to_follow_up(person)
    body = [
        f'<p class="mus-print-hint">{markup.esc(t("print"))}</p>',
        "",
        f"## {t('earlier_agreements')}",
        "",
    ]
    if agreements:
        body.append(
            markup.block(
                markup.table(
                    [t("what"), t("owner"), t("deadline"), t("evaluation")],
                    [[markup.esc(a.what), ctx.owner(page, a), t.date(a.deadline), ""] for a in agreements],
                )
            )
        )
    else:
        body.append(t("no_earlier_agreements"))
    body += _questions_for_sheet(topics, "employee")
    return _page(t("sheet_for", name=markup.md(person.name)), body)


def render_blank_sheet(ctx: PageContext, audience: str, topics: list[Topic]) -> str:
    t = ctx.texts
    body = [
        f'<p class="mus-print-hint">{markup.esc(t("print"))}</p>',
        *_questions_for_sheet(topics, audience),
    ]
    return _page(t(f"blank_{audience}"), body)


def render_forms_index(ctx: PageContext, with_people: bool = True) -> str:
    """The blank sheets and, `with_people`, every person's own sheet."""
    t = ctx.texts
    lines = [f"# {t('forms')}", "", t("forms_intro") if with_people else t("forms_intro_blank"), ""]
    lines += [
        f"- [{t('blank_' + a)}]({paths.relative(paths.FORMS, paths.BLANK_SHEETS[a])})"
        for a in ("employee", "manager")
    ]
    if not with_people:
        return "\n".join(lines) + "\n"
    lines += ["", f"## {t('sheet_people')}", ""]
    sheets = [
        ctx.reuse.piece(p.id, "sheet_link", partial(_sheet_link, ctx, p))
        for p in ctx.handbook.people.values()
        if not ctx.derived.has_left(p)
    ]
    lines.append(markup.block(markup.items(sheets), searchable=False, css_class="mus-columns"))
    return "\n".join(lines).strip() + "\n"


def _sheet_link(ctx: PageContext, person: Person) -> str:
    return markup.link(person.name, ctx.url(paths.FORMS, paths.sheet_page(person.id)))


def sheet_pages(ctx: PageContext, topics: list[Topic], with_people: bool = True) -> Iterator[tuple[str, str]]:
    """The forms page and every sheet (`with_people`, each person's too) as (path, Markdown),
    one at a time."""
    yield paths.FORMS, render_forms_index(ctx, with_people)
    for audience, path in paths.BLANK_SHEETS.items():
        yield path, render_blank_sheet(ctx, audience, topics)
    if not with_people:
        return
    for person in ctx.handbook.people.values():
        sheet = ctx.reuse.piece(person.id, "sheet", partial(render_person_sheet, ctx, person, topics))
        yield paths.sheet_page(person.id), sheet
