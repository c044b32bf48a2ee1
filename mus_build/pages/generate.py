"""All generated pages: a pure function of the handbook, `today` and the settings.

Returns {path relative to the docs folder: Markdown text}; nothing here touches
the disk or the clock.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from mus_build.model.topics import Topic
from mus_build.pages import forms, lists
from mus_build.pages.context import PageContext, person_page
from mus_build.pages.person import render_person

GUIDE_DIR = "guide"


def with_edit_url(markdown_text: str, edit_url: str | None) -> str:
    """Give a page its edit link (or none, for an empty URL) through its meta."""
    line = f"mus_edit_url: {json.dumps(edit_url or '')}"
    if markdown_text.startswith("---\n"):
        return f"---\n{line}\n{markdown_text[4:]}"
    return f"---\n{line}\n---\n\n{markdown_text}"


def generate(ctx: PageContext, topics: list[Topic]) -> Iterator[tuple[str, str]]:
    """Every generated page as (path, Markdown), one at a time: a large handbook's pages
    are written out as they are made instead of all being held in memory."""
    # Generated pages have no single source file to edit, except a person's page (its index.md).
    yield "index.md", with_edit_url(lists.render_home(ctx), None)
    yield lists.PEOPLE, with_edit_url(lists.render_people(ctx), None)
    yield lists.OVERDUE, with_edit_url(lists.render_overdue(ctx), None)
    yield lists.DUE, with_edit_url(lists.render_due(ctx), None)
    yield from ((path, with_edit_url(text, None)) for path, text in lists.group_pages(ctx))
    for person in ctx.handbook.people.values():
        yield person_page(person.id), with_edit_url(render_person(ctx, person), ctx.edit_url(person.path))
    if topics:
        yield forms.QUESTION_GUIDE, with_edit_url(forms.render_question_guide(ctx, topics), None)
    yield from ((path, with_edit_url(text, None)) for path, text in forms.sheet_pages(ctx, topics))


def default_nav(ctx: PageContext, guide_pages: list[str]) -> list:
    """The navigation when mkdocs.yml has none: the guide, then the lists. Person pages
    and sheets stay out of it, so the build stays linear in the number of people."""
    t = ctx.texts
    guide = [{t("guide"): [f"{GUIDE_DIR}/{name}" for name in guide_pages]}] if guide_pages else []
    return [
        {t("home"): "index.md"},
        *guide,
        {t("people"): lists.PEOPLE},
        {t("overdue"): lists.OVERDUE},
        {t("due"): lists.DUE},
        {t("departments"): lists.DEPARTMENTS},
        {t("teams"): lists.TEAMS},
        {t("forms"): forms.FORMS},
    ]


NOT_IN_NAV = "\n".join(["/people/*/", "/departments/*/", "/teams/*/", "/forms/*/"])
