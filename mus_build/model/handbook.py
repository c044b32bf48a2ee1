"""The handbook as plain data: people, their records, agreements and follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True, slots=True)
class Ref:
    """An agreement's reference within one person: the record's date and the agreement's id."""

    date: dt.date
    id: str

    def __str__(self) -> str:
        return f"{self.date.isoformat()}/{self.id}"


@dataclass(slots=True)
class Agreement:
    person: str
    record: dt.date
    id: str
    what: str
    owner: str  # a person id, "employee", "manager" or a role id
    deadline: dt.date
    status: str = "open"  # open, done or dropped
    done_on: dt.date | None = None
    continues: Ref | None = None  # an earlier agreement of the same person that this one carries on
    note: str | None = None
    # Every list, export and lookup names an agreement by these: made once, with it.
    ref: Ref = field(init=False, repr=False, compare=False)
    full_ref: str = field(init=False, repr=False, compare=False)  # person/date/id

    def __post_init__(self) -> None:
        self.ref = Ref(self.record, self.id)
        self.full_ref = f"{self.person}/{self.ref}"


@dataclass(slots=True)
class FollowUp:
    agreement: Ref
    evaluation: str  # may be empty while the record is being written


@dataclass(frozen=True, slots=True)
class SignOff:
    """One party's approval of a record: who, and on which day."""

    by: str  # a person id
    on: dt.date
    by_line: int = 0  # where each stands in the record, for messages about it
    on_line: int = 0


@dataclass(slots=True)
class Record:
    person: str
    date: dt.date
    path: str
    manager: str | None = None  # who held it: explicit, else the person's manager
    agreements: list[Agreement] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    next_mus: dt.date | None = None
    signed_off: list[SignOff] = field(default_factory=list)
    body: str = ""  # Markdown, private sections already removed
    lines: dict[str, int] = field(default_factory=dict, repr=False)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    path: str
    title: str | None = None
    department: str | None = None
    manager: str | None = None
    email: str | None = None
    employee_number: str | None = None  # the HR system's number, for `mus import-people`
    git_emails: tuple[str, ...] = ()  # further addresses the person commits with
    ssh_signing_key: str | None = None  # "ssh-ed25519 AAAA...", for signed sign-offs
    started: dt.date | None = None
    left: dt.date | None = None
    body: str = ""
    records: list[Record] = field(default_factory=list)  # oldest first
    lines: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def latest(self) -> Record | None:
        return self.records[-1] if self.records else None


@dataclass(slots=True)
class Handbook:
    people: dict[str, Person]  # sorted by id
    roles: dict[str, str]  # role id -> display name, "hr" included

    def agreements(self) -> Iterator[Agreement]:
        for person in self.people.values():
            for record in person.records:
                yield from record.agreements
