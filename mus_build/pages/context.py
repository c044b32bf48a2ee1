"""What every page generator needs: the model, its derived states, the texts, the site's
settings, and links between pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from mus_build.model.derive import AgreementView, Derived, State
from mus_build.model.handbook import Agreement, Handbook, Person
from mus_build.model.round import Rounds
from mus_build.model.settings import Site
from mus_build.pages import markup, notes, paths
from mus_build.pages.reuse import NO_REUSE, Reuse
from mus_build.pages.texts import Texts


@dataclass
class PageContext:
    handbook: Handbook
    derived: Derived
    texts: Texts
    site: Site
    has_guide: bool = True  # whether guide/index.md exists to link to
    render_notes: Callable[[str, int], str] = notes.render  # a body as HTML, headings moved down
    department_slugs: dict[str, str] = field(default_factory=dict)
    managers: set[str] = field(default_factory=set)  # the people with a team page
    reuse: Reuse = NO_REUSE  # pieces kept from the last round of `mus serve`
    rounds: Rounds = field(init=False)  # the MUS round of any group, each person worked out once

    def __post_init__(self) -> None:
        self.department_slugs = paths.department_slugs(self.handbook, self.texts("department_slug"))
        people = self.handbook.people
        self.managers = {p.manager for p in people.values() if p.manager is not None and p.manager in people}
        # Where a person stands depends on their own files and the day alone.
        self.rounds = Rounds(self.derived, keep=self.reuse.keeper("round"))

    @property
    def today(self) -> dt.date:
        return self.derived.today

    def name(self, person_id: str) -> str:
        person = self.handbook.people.get(person_id)
        return person.name if person else person_id

    def url(self, from_page: str, to_page: str) -> str:
        return paths.url(from_page, to_page, self.site.directory_urls)

    def person_link(self, from_page: str, person_id: str | None) -> str:
        """The person's name linked to their page, as HTML; empty for no or an unknown person."""
        if not person_id or person_id not in self.handbook.people:
            return ""
        return markup.link(self.name(person_id), self.url(from_page, paths.person_page(person_id)))

    def department_page(self, department: str) -> str:
        return paths.department_page(self.department_slugs[department])

    def owner(self, from_page: str, agreement: Agreement) -> str:
        """Who is responsible, as HTML: a linked name, or a role's name."""
        owner = agreement.owner
        if owner == "employee":
            return self.person_link(from_page, agreement.person)
        if owner == "manager":
            record_manager = self.derived.held_by_agreement(agreement)
            return self.person_link(from_page, record_manager) or markup.esc(self.texts("owner_manager"))
        if owner in self.handbook.roles:
            return markup.esc(self.handbook.roles[owner])
        return self.person_link(from_page, owner)

    def state(self, view: AgreementView) -> str:
        """The agreement's state as HTML; overdue stands out with its days."""
        if view.state is State.DONE and view.agreement.done_on:
            return markup.esc(self.texts("done_on", date=self.texts.date(view.agreement.done_on)))
        label = markup.esc(self.texts(f"state_{view.state.value}"))
        if view.state is State.OVERDUE:
            return f'<strong class="mus-overdue">{label}</strong>'
        return label

    def counts(self, person: Person) -> tuple[int, int]:
        views = self.derived.open_by_person.get(person.id, [])
        return len(views), sum(1 for v in views if v.state is State.OVERDUE)

    def edit_url(self, path: str) -> str | None:
        return f"{self.site.edit_base}{path}" if self.site.edit_base else None
