"""What the site and the lists show, derived from the handbook for a given day.

Nothing here reads the clock: `today` is always a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, partial
from typing import Protocol, TypeVar

from mus_build.model.dates import add_months
from mus_build.model.handbook import Agreement, Handbook, Person, Record, Ref, SignOff
from mus_build.model.settings import RESERVED_IDS, Settings


class State(StrEnum):
    DONE = "done"
    DROPPED = "dropped"
    CONTINUED = "continued"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"


@dataclass(frozen=True)
class AgreementView:
    agreement: Agreement
    state: State
    days_overdue: int | None  # for overdue agreements
    continued_by: Agreement | None


@dataclass(frozen=True)
class MusStatus:
    person: Person
    last_mus: dt.date | None
    next_mus: dt.date | None
    days_late: int | None  # None when there is no MUS yet or it is not late


T = TypeVar("T")


class Keep(Protocol):
    """Given a person's id and how to work out something of theirs alone, that thing:
    worked out now, or (by `mus serve`) kept from its last round while the person's
    files are unchanged."""

    def __call__(self, person_id: str, make: Callable[[], T]) -> T: ...


def make_now(person_id: str, make: Callable[[], T]) -> T:
    return make()


@dataclass(frozen=True, slots=True)
class _Own:
    """What one person's records decide, kept by `mus serve` while they are unchanged."""

    records: dict[dt.date, Record]
    views: dict[str, AgreementView]  # by the agreement's full_ref
    listed: dict[State, list[AgreementView]]  # the overdue and the due soon
    open: list[AgreementView]  # still to be done
    lent: list[AgreementView]  # owned by someone else than the person or a keyword
    status: MusStatus  # their last and next MUS


# A sign-off by who and on which day (ISO), in the record at a path: how the build names
# the entries that the Git history shows were voided by a later change.
VoidedSignOff = tuple[str, str, str]


class Derived:
    """Derived states for one handbook and one day, computed once and looked up by pages.

    `voided`: the sign-offs a change after them voided, as (record path, by, on), found by
    the build in the Git history; without it the files' sign-offs all count. `keep`: how
    each person's agreement states are worked out (see `Keep`)."""

    def __init__(
        self,
        handbook: Handbook,
        settings: Settings,
        today: dt.date,
        voided: Collection[VoidedSignOff] = frozenset(),
        keep: Keep = make_now,
    ):
        self.handbook = handbook
        self.settings = settings
        self.today = today
        self.voided = frozenset(voided)
        self._owns: dict[str, _Own] = {}
        self._listed: dict[State, dict[str, list[AgreementView]]] = {State.OVERDUE: {}, State.DUE_SOON: {}}
        self.open_by_person: dict[str, list[AgreementView]] = {}  # the open agreements of each who has any
        self._everyone: dict[State, list[AgreementView]] = {}  # see `_agreements`
        for person in handbook.people.values():
            own = self._owns[person.id] = keep(person.id, partial(self._own, person))
            for state, views in own.listed.items():
                self._listed[state][person.id] = views
            if own.open:
                self.open_by_person[person.id] = own.open

    def has_left(self, person: Person) -> bool:
        return person.left is not None and person.left < self.today

    def _own(self, person: Person) -> _Own:
        """What the person's own records, the day and the settings alone decide (an
        agreement carries on one of the same person's)."""
        continued_by: dict[Ref, Agreement] = {}
        for record in person.records:
            for agreement in record.agreements:
                if agreement.continues is not None:
                    earlier = continued_by.get(agreement.continues)
                    if earlier is None or (agreement.record, agreement.id) < (earlier.record, earlier.id):
                        continued_by[agreement.continues] = agreement
        left = self.has_left(person)
        views = {
            a.full_ref: self._view(a, continued_by.get(a.ref), left)
            for r in person.records
            for a in r.agreements
        }
        not_lent = RESERVED_IDS | {person.id}
        listed: dict[State, list[AgreementView]] = {}
        for view in views.values():
            if view.state in (State.OVERDUE, State.DUE_SOON):
                listed.setdefault(view.state, []).append(view)
        return _Own(
            records={r.date: r for r in person.records},
            views=views,
            listed=listed,
            open=[view for view in views.values() if self.is_open(view)],
            lent=[v for v in views.values() if v.agreement.owner not in not_lent],
            status=self._mus_status(person),
        )

    def _view(self, agreement: Agreement, continued_by: Agreement | None, left: bool) -> AgreementView:
        days = (self.today - agreement.deadline).days
        if agreement.status == "done":
            state = State.DONE
        elif agreement.status == "dropped":
            state = State.DROPPED
        elif continued_by is not None:
            state = State.CONTINUED
        elif left:
            state = State.OPEN
        elif days > 0:
            state = State.OVERDUE
        elif -days <= self.settings.due_soon_days:
            state = State.DUE_SOON
        else:
            state = State.OPEN
        return AgreementView(agreement, state, days if state is State.OVERDUE else None, continued_by)

    def view(self, agreement: Agreement) -> AgreementView:
        return self._owns[agreement.person].views[agreement.full_ref]

    @property
    def views(self) -> dict[str, AgreementView]:
        """Every agreement's view, by the agreement's full_ref."""
        return {ref: view for own in self._owns.values() for ref, view in own.views.items()}

    def record(self, person_id: str, date: dt.date) -> Record:
        """The person's record of that day."""
        return self._owns[person_id].records[date]

    # Every department and team page asks for these lists: they are grouped by person
    # once, so a page costs the size of its group, not of the organisation. The lists of
    # everyone are asked for by several pages and the exports, so they are made once.
    def _agreements(self, state: State, people: Iterable[str] | None) -> list[AgreementView]:
        if people is None:
            return self._everyones_list(state)
        by_person = self._listed[state]
        return by_deadline(v for p in people for v in by_person.get(p, []))

    def _everyones_list(self, state: State) -> list[AgreementView]:
        if state not in self._everyone:
            self._everyone[state] = by_deadline(v for views in self._listed[state].values() for v in views)
        return self._everyone[state]

    def overdue(self, people: Iterable[str] | None = None) -> list[AgreementView]:
        """Overdue agreements (of these people, or everyone), oldest deadline first."""
        return self._agreements(State.OVERDUE, people)

    def due_soon(self, people: Iterable[str] | None = None) -> list[AgreementView]:
        return self._agreements(State.DUE_SOON, people)

    def is_open(self, view: AgreementView) -> bool:
        """Still to be done: what a person page lists as open agreements."""
        return view.state in (State.OPEN, State.OVERDUE, State.DUE_SOON)

    def next_mus(self, person: Person) -> dt.date | None:
        latest = person.latest
        if latest is None:
            return None
        return latest.next_mus or add_months(latest.date, self.settings.interval_months)

    def mus_status(self, person: Person) -> MusStatus:
        own = self._owns.get(person.id)
        if own is not None and own.status.person is person:
            return own.status
        return self._mus_status(person)

    def _mus_status(self, person: Person) -> MusStatus:
        latest = person.latest
        next_mus = self.next_mus(person)
        late = None
        if next_mus is not None and next_mus < self.today:
            late = (self.today - next_mus).days
        return MusStatus(person, latest.date if latest else None, next_mus, late)

    def due_for_mus(self, people: Iterable[Person] | None = None) -> list[MusStatus]:
        """People late for their MUS, the latest first; then those with none yet, by id."""
        if people is None:
            return self._everyone_due
        return self._due_for_mus(people)

    @cached_property
    def _everyone_due(self) -> list[MusStatus]:
        return self._due_for_mus(self.handbook.people.values())

    def _due_for_mus(self, people: Iterable[Person]) -> list[MusStatus]:
        statuses = [self.mus_status(p) for p in people if not self.has_left(p)]
        late_by = [(days, s) for s in statuses if (days := s.days_late) is not None]
        late = [s for _, s in sorted(late_by, key=lambda pair: (-pair[0], pair[1].person.id))]
        never = sorted((s for s in statuses if s.last_mus is None), key=lambda s: s.person.id)
        return late + never

    def held_by(self, record: Record) -> str | None:
        return record.manager or self.handbook.people[record.person].manager

    def missing_signers(self, record: Record) -> tuple[str, ...]:
        """Who of the employee and the conversation's manager has not yet approved the record
        (or only a version that was changed since), employee first; empty when it is signed."""
        signed = {s.by for s in record.signed_off if not self.is_voided(record, s)}
        parties = (record.person, self.held_by(record))
        return tuple(party for party in parties if party is not None and party not in signed)

    def is_voided(self, record: Record, sign_off: SignOff) -> bool:
        return (record.path, sign_off.by, sign_off.on.isoformat()) in self.voided

    def voided_signers(self, record: Record) -> tuple[str, ...]:
        """Those of `missing_signers` who did sign, but a version changed since."""
        voided = {s.by for s in record.signed_off if self.is_voided(record, s)}
        return tuple(party for party in self.missing_signers(record) if party in voided)

    def sign_offs(self, record: Record) -> list[SignOff]:
        """The sign-offs that count, the latest of each party, in the order written."""
        latest: dict[str, SignOff] = {}
        for sign_off in record.signed_off:
            if not self.is_voided(record, sign_off):
                latest[sign_off.by] = sign_off
        return list(latest.values())

    def held_by_agreement(self, agreement: Agreement) -> str | None:
        """The manager of the conversation in which the agreement was made."""
        return self.held_by(self.record(agreement.person, agreement.record))

    @cached_property
    def owned_elsewhere(self) -> dict[str, list[AgreementView]]:
        """What each person owns in other people's conversations, by owner id: agreements
        that name them as owner (an HR partner, a mentor), in the order of the people whose
        they are (`by_deadline` orders them; only an owner's page made again needs it). An
        agreement owned as `manager` is not listed: the manager reads that conversation
        anyway."""
        found: dict[str, list[AgreementView]] = {}
        for own in self._owns.values():
            for view in own.lent:
                if view.agreement.owner in self.handbook.people:
                    found.setdefault(view.agreement.owner, []).append(view)
        return dict(sorted(found.items()))


def by_deadline(views: Iterable[AgreementView]) -> list[AgreementView]:
    return sorted(views, key=lambda v: (v.agreement.deadline, v.agreement.full_ref))


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
