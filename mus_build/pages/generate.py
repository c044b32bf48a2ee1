"""Everything mus generates for the site: a pure function of the sources, `today` and
the settings. Files come out one at a time, as (path under the docs folder, bytes), so a
large handbook's pages are written as they are made instead of all being held; nothing
here touches the disk or the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Collection, Iterator
from functools import partial

from mus_build.model.derive import Derived, VoidedSignOff
from mus_build.model.handbook import Handbook
from mus_build.model.layout import GUIDES_DIR
from mus_build.model.settings import Config
from mus_build.model.topics import Topic
from mus_build.pages import forms, lists, markup, notes, paths
from mus_build.pages.context import PageContext
from mus_build.pages.exports import Readers, exports
from mus_build.pages.joined import FileData
from mus_build.pages.owned import owned_pages
from mus_build.pages.person import render_person
from mus_build.pages.reuse import NO_REUSE, Reuse
from mus_build.pages.round import round_pages
from mus_build.pages.texts import Texts

ROBOTS_TXT = b"User-agent: *\nDisallow: /\n"


def site_files(
    config: Config,
    handbook: Handbook,
    topics: list[Topic],
    guides: dict[str, bytes],
    today: dt.date,
    render_notes: Callable[[str, int], str] = notes.render,
    readers: Readers | None = None,
    personal_data: bool = True,
    reuse: Reuse = NO_REUSE,
    voided: Collection[VoidedSignOff] = frozenset(),
) -> Iterator[tuple[str, FileData]]:
    """Every file mus makes for the site: the pages, the guide's pages, the exports.

    `readers`: with access rules, each reader (HR aside) and the people they may read, for
    their own exports. Without `personal_data` (`mus build --audience guide`), only what
    holds none: the guide, the question guide and the blank sheets. `reuse`: what
    `mus serve` kept from its last round, begun for this one. `voided`: the sign-offs the
    Git history shows a later change voided (see `Derived`)."""
    derived = Derived(handbook, config.settings, today, voided, keep=reuse.keeper("views"))
    texts = Texts(config.settings.language)
    has_guide = "index.md" in guides
    ctx = PageContext(handbook, derived, texts, config.site, has_guide, render_notes, reuse=reuse)
    for path, text, edit_url, searchable in (
        pages(ctx, topics) if personal_data else guide_only_pages(ctx, topics)
    ):
        yield path, _finished(ctx, text, edit_url, searchable)
    for name, data in guides.items():
        edit_url = ctx.edit_url(f"{GUIDES_DIR}/{name}")
        yield paths.guide_page(name), guide_page(data, edit_url) if name.endswith(".md") else data
    if personal_data:
        yield from exports(handbook, ctx.derived, ctx.texts, config.site, readers, reuse)
    if config.settings.noindex:
        yield paths.ROBOTS, ROBOTS_TXT
    if config.settings.access is not None and personal_data:
        for status, path in paths.REFUSAL_PAGES.items():
            yield path, refusal_page(ctx.texts, status)


# A generated page: its path, its Markdown, its edit link (None for none) and whether the
# search index reads it.
Page = tuple[str, str, str | None, bool]


def pages(ctx: PageContext, topics: list[Topic]) -> Iterator[Page]:
    """Every generated page."""
    # Generated pages have no single source file to edit, except a person's page (its index.md).
    yield paths.HOME, lists.render_home(ctx), None, False
    yield paths.PEOPLE, lists.render_people(ctx), None, False
    yield paths.OVERDUE, lists.render_overdue(ctx), None, False
    yield paths.DUE, lists.render_due(ctx), None, False
    yield from ((path, text, None, False) for path, text in lists.group_pages(ctx))
    yield from ((path, text, None, False) for path, text in round_pages(ctx))
    for person in ctx.handbook.people.values():
        text = ctx.reuse.piece(person.id, "page", partial(render_person, ctx, person))
        yield paths.person_page(person.id), text, ctx.edit_url(person.path), True
    yield from ((path, text, None, False) for path, text in owned_pages(ctx))
    if topics:
        yield paths.QUESTION_GUIDE, forms.render_question_guide(ctx, topics), None, True
    yield from ((path, text, None, False) for path, text in forms.sheet_pages(ctx, topics))


def _finished(ctx: PageContext, text: str, edit_url: str | None, searchable: bool) -> bytes:
    """The page's file: its Markdown with its meta, as bytes. The same bytes as last round
    while its Markdown is a piece `mus serve` kept, so that thousands of unchanged pages
    cost the preview neither the copy nor the comparison."""
    return ctx.reuse.finished(
        text, (edit_url, searchable), lambda: with_edit_url(text, edit_url, searchable).encode("utf-8")
    )


# The lists a guide may link to: in a site of the guide alone, each address says that the
# list is not there, so the guide's links lead somewhere and the build's link check passes.
GUIDE_ONLY_LISTS = {
    paths.PEOPLE: "people",
    paths.OVERDUE: "overdue",
    paths.DUE: "due",
    paths.DEPARTMENTS: "departments",
    paths.TEAMS: "teams",
    paths.ROUND: "round",
}


def guide_only_pages(ctx: PageContext, topics: list[Topic]) -> Iterator[Page]:
    """The generated pages of a site without personal data: a front page that leads to
    the guide, the question guide, the blank sheets, and the lists' addresses, none of
    which names a person."""
    t = ctx.texts
    yield (
        paths.HOME,
        _guide_only_page(ctx, paths.HOME, markup.md(ctx.site.name), t("guide_only")),
        None,
        False,
    )
    for page, title in GUIDE_ONLY_LISTS.items():
        yield page, _guide_only_page(ctx, page, t(title), t("guide_only_list")), None, False
    if topics:
        yield paths.QUESTION_GUIDE, forms.render_question_guide(ctx, topics), None, True
    pages = forms.sheet_pages(ctx, topics, with_people=False)
    yield from ((path, text, None, False) for path, text in pages)


def _guide_only_page(ctx: PageContext, page: str, title: str, text: str) -> str:
    links = (
        [f"[{ctx.texts('read_guide')}]({paths.relative(page, paths.GUIDE_HOME)})"] if ctx.has_guide else []
    )
    links.append(f"[{ctx.texts('forms')}]({paths.relative(page, paths.FORMS)})")
    return "\n\n".join([f"# {title}", text, *(f"**{link}**" for link in links)]) + "\n"


def refusal_page(texts: Texts, status: int) -> bytes:
    """What the web server shows when it refuses a request: plain HTML with no personal
    data, readable before signing in."""
    title, text = markup.esc(texts(f"refused_{status}_title")), markup.esc(texts(f"refused_{status}"))
    page = (
        f'<!doctype html>\n<html lang="{texts.language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">\n<title>{title}</title>\n'
        f"</head>\n<body>\n<h1>{title}</h1>\n<p>{text}</p>\n"
        f'<p><a href="/">{markup.esc(texts("refused_home"))}</a></p>\n</body>\n</html>\n'
    )
    return page.encode("utf-8")


def guide_page(data: bytes, edit_url: str | None) -> bytes:
    """A guide page as written, with its edit link. Line endings become '\\n' first: a
    page saved on Windows starts with '---\\r\\n', which would not be seen as front matter
    and would be published as a heading."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return with_edit_url(text, edit_url, searchable=True).encode("utf-8")


def with_edit_url(markdown_text: str, edit_url: str | None, searchable: bool = False) -> str:
    """Give a page its edit link (or none, for an empty URL) through its meta, and mark
    the pages the search index reads: the guide's and the people's (theme's main.html)."""
    line = f"mus_edit_url: {json.dumps(edit_url or '')}"
    if searchable:
        line += "\nmus_search: true"
    if markdown_text.startswith("---\n"):
        return f"---\n{line}\n{markdown_text[4:]}"
    return f"---\n{line}\n---\n\n{markdown_text}"


def navigation(
    config: Config, guides: dict[str, bytes], topics: list[Topic], personal_data: bool = True
) -> list | None:
    """The navigation when mkdocs.yml has none: the guide, then the lists. Person pages
    and sheets stay out of it, so the build stays linear in the number of people. With
    access rules the lists are HR's, and every reader gets the same navigation: it holds
    the guide only, and HR finds the lists from the overview. A site without personal
    data has the blank sheets instead of the lists."""
    if config.site.has_nav:
        return None
    t = Texts(config.settings.language)
    guide_pages = [paths.guide_page(name) for name in guide_order(guides, bool(topics))]
    common = [{t("home"): paths.HOME}, *([{t("guide"): guide_pages}] if guide_pages else [])]
    if not personal_data:
        return [*common, {t("forms"): paths.FORMS}]
    if config.settings.access is not None:
        return common
    return [
        *common,
        {t("people"): paths.PEOPLE},
        {t("overdue"): paths.OVERDUE},
        {t("due"): paths.DUE},
        {t("round"): paths.ROUND},
        {t("departments"): paths.DEPARTMENTS},
        {t("teams"): paths.TEAMS},
        {t("forms"): paths.FORMS},
    ]


def guide_order(guides: dict[str, bytes], with_question_guide: bool) -> list[str]:
    """index.md first, then pages in the order the guide's front page links to them, then the rest."""
    pages_md = [name for name in guides if name.endswith(".md")]
    if with_question_guide:
        pages_md.append(paths.QUESTION_GUIDE.removeprefix(f"{paths.GUIDE_DIR}/"))
    linked = re.findall(r"\]\(([\w./-]+\.md)", guides.get("index.md", b"").decode("utf-8", "replace"))
    order = ["index.md"] if "index.md" in guides else []
    for name in [*linked, *sorted(pages_md)]:
        if name not in order and name in pages_md:
            order.append(name)
    return order
