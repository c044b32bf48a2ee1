"""The MUS round: how far each department and each manager's team has come this year.

The figures count the people who have not left, as of `today`:

- people: how many;
- held within the interval: their latest MUS is not due yet (its next date, `next_mus`
  or the conversation's date + `interval_months`, is today or later);
- held this year: they had a MUS in today's calendar year;
- due or never held: the rest of the people, late for their MUS or with none yet
  (so held within the interval + due or never held = people);
- awaiting sign-off: their latest record still misses the employee's or the
  manager's sign-off (`Derived.missing_signers`): a referat counts until it is signed,
  across New Year too, and an older record is superseded by the latest;
- open and overdue agreements: their agreements still to be done, and of those the
  ones past their deadline (as the lists of the site count them);
- current development agreement: at least one agreement made in a MUS held within the
  last `interval_months` months that is done or still running (open, not past its
  deadline); overdue, dropped and carried-on agreements do not count.

A person is counted in their department's row and in their nearest manager's row (the
`manager` of their index.md, not the chain above). Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, partial

from mus_build.model.dates import add_months
from mus_build.model.derive import AgreementView, Derived, Keep, State, make_now
from mus_build.model.handbook import Handbook, Person, Record

# The figures, in the order every table, file and page shows them.
FIGURES = (
    "people",
    "held_within_interval",
    "held_this_year",
    "due_or_never",
    "awaiting_sign_off",
    "open_agreements",
    "overdue_agreements",
    "current_agreement",
)

_CURRENT = (State.OPEN, State.DUE_SOON, State.DONE)
_AGREEMENT_FIGURES = ("open_agreements", "overdue_agreements")  # these count agreements, not people


@dataclass(frozen=True)
class PersonRound:
    """Where one person stands in the round."""

    person: Person
    held_within_interval: bool
    held_this_year: Record | None  # their latest conversation of this year
    awaiting_sign_off: Record | None  # their latest record, when it is not signed
    missing_signers: tuple[str, ...]  # who has not signed it
    open_agreements: tuple[AgreementView, ...]
    overdue_agreements: tuple[AgreementView, ...]
    current_agreement: bool

    def counted_in(self, figure: str) -> bool:
        """Whether the figure counts this person (for the agreements: whether they have any)."""
        if figure == "people":
            return True
        if figure == "due_or_never":
            return not self.held_within_interval
        return bool(getattr(self, figure))

    @cached_property
    def weights(self) -> tuple[int, ...]:
        """What the person adds to each figure, in the order of FIGURES."""
        return tuple(
            len(getattr(self, figure)) if figure in _AGREEMENT_FIGURES else int(self.counted_in(figure))
            for figure in FIGURES
        )


@dataclass(frozen=True)
class Figures:
    """A group's figures, with the people behind each, in the order the group lists them."""

    people: tuple[PersonRound, ...]

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """The ids of the people, in the group's order."""
        return tuple(p.person.id for p in self.people)

    def behind(self, figure: str) -> tuple[PersonRound, ...]:
        """The people a figure counts (for the agreements: the people who have any)."""
        return self._behind[figure]

    def count(self, figure: str) -> int:
        """The figure: people, except for the agreements, which count agreements."""
        return self._counts[figure]

    # A round's page asks for each figure several times; a large group's are worked out once.
    @cached_property
    def _behind(self) -> dict[str, tuple[PersonRound, ...]]:
        return {figure: tuple(p for p in self.people if p.counted_in(figure)) for figure in FIGURES}

    @cached_property
    def _counts(self) -> dict[str, int]:
        # Column by column over every person's weights: the round of everyone is worked
        # out after every save of `mus serve`, and its thousands of rows only when they change.
        if not self.people:
            return dict.fromkeys(FIGURES, 0)
        columns = zip(*(p.weights for p in self.people), strict=True)
        return {figure: sum(column) for figure, column in zip(FIGURES, columns, strict=True)}

    def counts(self) -> dict[str, int]:
        return {figure: self.count(figure) for figure in FIGURES}

    @property
    def current_percent(self) -> int | None:
        """The share of people with a current development agreement, in whole per cent,
        rounded half up; None for no people."""
        people = len(self.people)
        if not people:
            return None
        return (200 * self.count("current_agreement") + people) // (2 * people)


@dataclass(frozen=True)
class Row:
    key: str | None  # the department's name or the manager's id; None for none
    figures: Figures


@dataclass(frozen=True)
class Round:
    today: dt.date
    interval_months: int
    departments: tuple[Row, ...]  # by name, without a department last
    managers: tuple[Row, ...]  # by the manager's name, without a manager last
    total: Figures

    @property
    def year(self) -> int:
        return self.today.year


def person_round(derived: Derived, person: Person) -> PersonRound:
    today = derived.today
    status = derived.mus_status(person)
    latest = person.latest
    this_year = [r for r in person.records if r.date.year == today.year]
    missing = derived.missing_signers(latest) if latest is not None else ()
    views = [(r, derived.view(a)) for r in person.records for a in r.agreements]
    open_views = tuple(v for _, v in views if derived.is_open(v))
    since = add_months(today, -derived.settings.interval_months)
    return PersonRound(
        person=person,
        held_within_interval=status.last_mus is not None and status.days_late is None,
        held_this_year=this_year[-1] if this_year else None,
        awaiting_sign_off=latest if missing else None,
        missing_signers=missing,
        open_agreements=open_views,
        overdue_agreements=tuple(v for v in open_views if v.state is State.OVERDUE),
        current_agreement=any(r.date >= since and v.state in _CURRENT for r, v in views),
    )


class Rounds:
    """The round of any group of people, each person worked out once for every group.

    `keep`: how where each person stands is worked out (see `derive.Keep`)."""

    def __init__(self, derived: Derived, keep: Keep = make_now) -> None:
        self.derived = derived
        self._keep = keep
        self._people: dict[str, PersonRound] = {}
        self._everyone: Round | None = None  # asked for by the home page and the round's page

    def person(self, person: Person) -> PersonRound:
        found = self._people.get(person.id)
        if found is None:
            make = partial(person_round, self.derived, person)
            found = self._people[person.id] = self._keep(person.id, make)
        return found

    def of(self, people: Iterable[Person] | None = None) -> Round:
        """The round of these people (everyone for None); who has left is not counted."""
        if people is None:
            if self._everyone is None:
                self._everyone = self._of(self.derived.handbook.people.values())
            return self._everyone
        return self._of(people)

    def _of(self, chosen: Iterable[Person]) -> Round:
        derived = self.derived
        current = sorted((p for p in chosen if not derived.has_left(p)), key=lambda p: (p.name.lower(), p.id))
        rounds = [self.person(p) for p in current]
        by_department: dict[str | None, list[PersonRound]] = {}
        by_manager: dict[str | None, list[PersonRound]] = {}
        for entry in rounds:
            by_department.setdefault(entry.person.department, []).append(entry)
            by_manager.setdefault(entry.person.manager, []).append(entry)
        people_of = derived.handbook.people

        def department_order(key: str | None) -> tuple[bool, str, str]:
            return (key is None, (key or "").lower(), key or "")

        def manager_order(key: str | None) -> tuple[bool, str, str]:
            name = people_of[key].name if key is not None and key in people_of else key or ""
            return (key is None, name.lower(), key or "")

        departments = tuple(
            Row(key, Figures(tuple(by_department[key])))
            for key in sorted(by_department, key=department_order)
        )
        managers = tuple(
            Row(key, Figures(tuple(by_manager[key]))) for key in sorted(by_manager, key=manager_order)
        )
        return Round(
            derived.today, derived.settings.interval_months, departments, managers, Figures(tuple(rounds))
        )


def round_figures(derived: Derived, people: Iterable[Person] | None = None) -> Round:
    """The round of these people (everyone for None); who has left is not counted."""
    return Rounds(derived).of(people)


def managed(handbook: Handbook, managers_see: str = "chain") -> dict[str, list[str]]:
    """Each manager (whoever is someone's `manager`) with the people they manage, in id
    order: everyone below them in the `manager` chain, or only their direct reports
    (`managers_see: direct`). What a manager's own round covers, and so the people a
    reader must be allowed to read to read it."""
    reports: dict[str, list[str]] = {}
    for person in handbook.people.values():
        if person.manager is not None and person.manager in handbook.people:
            reports.setdefault(person.manager, []).append(person.id)
    found: dict[str, list[str]] = {}
    for manager in sorted(reports):
        below: set[str] = set()
        todo = list(reports[manager])
        while todo:
            person_id = todo.pop()
            if person_id in below or person_id == manager:
                continue
            below.add(person_id)
            if managers_see != "direct":
                todo += reports.get(person_id, [])
        found[manager] = sorted(below)
    return found
