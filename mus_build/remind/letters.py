"""A digest as a letter: its subject, its plain text and its HTML, in the handbook's
language, with dates as the site writes them (Babel: "30. oktober 2026").

Every value from a record is untrusted: in the text it becomes one line of visible
characters, in the HTML it is escaped as well.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from mus_build.model.derive import Derived, MusStatus
from mus_build.model.names import clean
from mus_build.model.settings import Config
from mus_build.pages import paths
from mus_build.pages.exports import owner_name
from mus_build.pages.texts import Texts
from mus_build.remind.digests import Digest, Item


@dataclass(frozen=True)
class Letter:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Entry:
    """One entry of a section: a headline, the sentences beneath it, and a link."""

    headline: str
    details: list[str]
    url: str | None


class Writer:
    """Writes the letters of one run: one handbook, one day, one language."""

    def __init__(self, config: Config, derived: Derived) -> None:
        self.t = Texts(config.settings.language)
        self.site = config.site
        self.site_name = clean(config.site.name)
        self.due_soon_days = config.settings.due_soon_days
        self.derived = derived

    def letter(self, digest: Digest) -> Letter:
        sections = self.sections(digest)
        return Letter(self.subject(digest), self.as_text(digest, sections), self.as_html(digest, sections))

    def subject(self, digest: Digest) -> str:
        t = self.t
        overdue = len(digest.overdue) + len(digest.team_overdue)
        soon, mus = len(digest.due_soon), len(digest.team_mus)
        parts = []
        if overdue:
            parts.append(
                t("remind_count_overdue_one") if overdue == 1 else t("remind_count_overdue", count=overdue)
            )
        if soon:
            parts.append(
                t("remind_count_due_soon_one") if soon == 1 else t("remind_count_due_soon", count=soon)
            )
        if mus:
            parts.append(t("remind_count_mus_one") if mus == 1 else t("remind_count_mus", count=mus))
        return t("remind_subject", site=self.site_name, counts=", ".join(parts))

    def sections(self, digest: Digest) -> list[tuple[str, list[Entry]]]:
        t = self.t
        found = [
            (
                t("remind_overdue"),
                [self.agreement(digest, item, with_owner=False) for item in digest.overdue],
            ),
            (
                t("remind_due_soon", days=self.due_soon_days),
                [self.agreement(digest, item, with_owner=False) for item in digest.due_soon],
            ),
            (
                t("remind_team_overdue"),
                [self.agreement(digest, item, with_owner=True) for item in digest.team_overdue],
            ),
            (t("remind_team_mus"), [self.mus(status) for status in digest.team_mus]),
        ]
        return [(heading, entries) for heading, entries in found if entries]

    # --- the entries -----------------------------------------------------------------

    def url(self, page: str | None) -> str | None:
        return paths.absolute_url(self.site.url, page, self.site.directory_urls) if page else None

    def name(self, person_id: str) -> str:
        return clean(self.derived.handbook.people[person_id].name)

    def deadline(self, item: Item) -> str:
        t, deadline = self.t, item.view.agreement.deadline
        date = t.date(deadline)
        days = (deadline - self.derived.today).days
        if days < 0:
            return (
                t("remind_days_over_one", date=date)
                if days == -1
                else t("remind_days_over", date=date, days=-days)
            )
        if days == 0:
            return t("remind_due_today", date=date)
        return t("remind_due_in_one", date=date) if days == 1 else t("remind_due_in", date=date, days=days)

    def agreement(self, digest: Digest, item: Item, with_owner: bool) -> Entry:
        t, agreement = self.t, item.view.agreement
        record = t.date(agreement.record)
        own = agreement.person == digest.recipient.id and not digest.recipient.is_role
        whose = (
            t("remind_from_own_mus", date=record)
            if own
            else t("remind_from_mus_with", name=self.name(agreement.person), date=record)
        )
        details = [sentence(f"{whose}, {self.deadline(item)}")]
        if item.role and not digest.recipient.is_role:
            details.append(sentence(t("remind_for_role", role=clean(item.role))))
        if with_owner:
            held = self.derived.record(agreement.person, agreement.record)
            owner = owner_name(self.derived.handbook, self.derived, held, agreement.owner) or agreement.owner
            details.append(sentence(t("remind_responsible", owner=clean(owner))))
        return Entry(clean(agreement.what), details, self.url(item.page))

    def mus(self, status: MusStatus) -> Entry:
        t = self.t
        if status.next_mus is None or status.days_late is None:
            detail = t("remind_mus_never")
        elif status.days_late == 1:
            detail = t("remind_mus_late_one", date=t.date(status.next_mus))
        else:
            detail = t("remind_mus_late", date=t.date(status.next_mus), days=status.days_late)
        return Entry(
            clean(status.person.name), [sentence(detail)], self.url(paths.person_page(status.person.id))
        )

    # --- the two forms ----------------------------------------------------------------

    def as_text(self, digest: Digest, sections: list[tuple[str, list[Entry]]]) -> str:
        t = self.t
        lines = [
            t("remind_greeting", name=clean(digest.recipient.name)),
            "",
            t("remind_intro", site=self.site_name, date=t.date(self.derived.today)),
        ]
        for heading, entries in sections:
            lines += ["", heading, ""]
            for entry in entries:
                lines.append(f"- {entry.headline}")
                lines += [f"  {detail}" for detail in entry.details]
                if entry.url:
                    lines.append(f"  {entry.url}")
        lines += ["", "-- ", t("remind_footer", site=self.site_name)]
        if home := self.url(paths.HOME):
            lines.append(t("remind_open_site", url=home))
        return "\n".join(lines) + "\n"

    def as_html(self, digest: Digest, sections: list[tuple[str, list[Entry]]]) -> str:
        t, esc = self.t, html.escape
        parts = [
            f'<!DOCTYPE html>\n<html lang="{esc(t.language)}">\n<head><meta charset="utf-8">'
            f"<title>{esc(self.subject(digest))}</title></head>\n<body>",
            f"<p>{esc(t('remind_greeting', name=clean(digest.recipient.name)))}</p>",
            f"<p>{esc(t('remind_intro', site=self.site_name, date=t.date(self.derived.today)))}</p>",
        ]
        for heading, entries in sections:
            parts.append(f"<h2>{esc(heading)}</h2>\n<ul>")
            for entry in entries:
                headline = esc(entry.headline)
                if entry.url:
                    headline = f'<a href="{esc(entry.url)}">{headline}</a>'
                details = "<br>".join(esc(detail) for detail in entry.details)
                parts.append(f"<li><strong>{headline}</strong><br>{details}</li>")
            parts.append("</ul>")
        footer = esc(t("remind_footer", site=self.site_name))
        if home := self.url(paths.HOME):
            footer += f'<br><a href="{esc(home)}">{esc(home)}</a>'
        parts.append(f"<hr>\n<p><small>{footer}</small></p>\n</body>\n</html>")
        return "\n".join(parts) + "\n"


def sentence(text: str) -> str:
    """A detail as a sentence: capital first, full stop last."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
