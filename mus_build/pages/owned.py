"""What a person owns in other people's conversations: for each agreement what it is,
whose conversation it was made in, its deadline and its state, and nothing else of that
conversation (no notes, no other agreements). With access rules only the owner and HR
read it, not the owner's managers: it may hold what the managers may not read."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from mus_build.model.derive import AgreementView, by_deadline
from mus_build.pages import markup, paths
from mus_build.pages.context import PageContext


def owned_pages(ctx: PageContext) -> Iterator[tuple[str, str]]:
    """A page for every person who owns an agreement in someone else's conversation."""
    for owner, views in ctx.derived.owned_elsewhere.items():
        # Made again whenever anyone whose agreement it lists changes: they name the owner.
        yield (
            paths.owned_page(owner),
            ctx.reuse.piece(owner, "owned", partial(render_owned, ctx, owner, views)),
        )


def render_owned(ctx: PageContext, owner: str, views: list[AgreementView]) -> str:
    t = ctx.texts
    name = markup.md(ctx.name(owner))
    rows = [
        # The name without a link: the owner may not read that person's page.
        [
            markup.esc(v.agreement.what),
            markup.esc(ctx.name(v.agreement.person)),
            t.date(v.agreement.deadline),
            ctx.state(v),
        ]
        for v in by_deadline(views)
    ]
    table = markup.table([t("what"), t("owned_whose"), t("deadline"), t("state")], rows)
    # Out of search: each agreement is found on its person's page.
    parts = [
        f"# {t('owned_title', name=name)}",
        "",
        t("owned_intro", name=name),
        "",
        markup.block(table, searchable=False),
    ]
    return "\n".join(parts) + "\n"
