"""Who is reminded of what: one digest per address, decided from the handbook for one day.

- An open agreement that is overdue or due soon goes to whoever must act on it: the
  employee, the manager who held the conversation, a named person, or a role's address
  (`roles:` with an email), else the employee's manager.
- A manager also hears of their direct reports: their overdue agreements, and who is
  due for MUS or has never had one.
- Nobody hears of anything they may not read under the access rules (`access.policy`):
  an agreement goes to its owner, or to someone who may read the person's page. When the
  one named may not (a manager who has moved on), the employee's manager gets it instead.
- One mail per address: a person who is both an owner and a manager, or whose address is
  also a role's, gets one digest with every part.

Private text never reaches the model, so it cannot reach a digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from mus_build.access.policy import Policy
from mus_build.model.derive import AgreementView, Derived, MusStatus
from mus_build.model.handbook import Agreement, Person
from mus_build.pages import paths


class Kind(StrEnum):
    """What a reminder is about; `mus remind --only` chooses among them."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    MUS = "mus"


@dataclass(frozen=True)
class Recipient:
    id: str  # a person id, or a role id for a role's own address
    name: str
    email: str | None
    is_role: bool = False


@dataclass(frozen=True)
class Item:
    """An agreement in a digest."""

    view: AgreementView
    page: str | None  # the page of the site the recipient may read it on; None for none
    role: str | None = None  # the role's name when the recipient acts for a role


@dataclass
class Digest:
    recipient: Recipient
    overdue: list[Item] = field(default_factory=list)  # what they must act on, past the deadline
    due_soon: list[Item] = field(default_factory=list)  # what they must act on, due soon
    team_overdue: list[Item] = field(default_factory=list)  # their people's, owned by others
    team_mus: list[MusStatus] = field(default_factory=list)  # their people due for MUS or without one

    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.team_overdue or self.team_mus)

    def merge(self, other: Digest) -> None:
        for name in ("overdue", "due_soon", "team_overdue", "team_mus"):
            getattr(self, name).extend(getattr(other, name))


class Planner:
    """Decides every digest for one handbook, one day and the access rules."""

    def __init__(self, derived: Derived, policy: Policy, role_emails: dict[str, str]) -> None:
        self.derived = derived
        self.policy = policy
        self.people = derived.handbook.people
        self.roles = derived.handbook.roles
        self.role_emails = role_emails

    # --- who may know, who must act ------------------------------------------------

    def may_read_person(self, reader: str, person_id: str) -> bool:
        return reader in self.policy.hr or reader in self.policy.readers_of.get(person_id, ())

    def may_know(self, reader: str, agreement: Agreement) -> bool:
        """The site shows a person an agreement on its person's page, or on their own page of
        what they own in other people's conversations."""
        return agreement.owner == reader or self.may_read_person(reader, agreement.person)

    def reachable(self, person_id: str | None) -> bool:
        person = self.people.get(person_id or "")
        return person is not None and not self.derived.has_left(person)

    def responsible(self, agreement: Agreement) -> tuple[str, str | None] | None:
        """Who is reminded of an agreement: (person id, None), or (role id, role name) for a
        role's address; None when nobody can be (the employee has no manager left)."""
        person = self.people[agreement.person]
        owner = agreement.owner
        if owner in self.roles:
            if owner in self.role_emails:
                return owner, self.roles[owner]
            candidate, role = person.manager, self.roles[owner]
        else:
            role = None
            if owner == "employee":
                candidate = person.id
            elif owner == "manager":
                candidate = self.derived.held_by_agreement(agreement)
            else:
                candidate = owner
        if candidate is None or not self.reachable(candidate) or not self.may_know(candidate, agreement):
            candidate = person.manager  # who may always read their own people
        if candidate is None or not self.reachable(candidate):
            return None
        return candidate, role

    def page_for(self, reader: str, agreement: Agreement) -> str | None:
        if self.may_read_person(reader, agreement.person):
            return paths.person_page(agreement.person)
        if agreement.owner == reader:
            return paths.owned_page(reader)
        return None

    # --- the digests ---------------------------------------------------------------

    def digests(self, kinds: Iterable[Kind]) -> list[Digest]:
        """Every digest with something in it, one per address (people without one by id),
        people first by id, then the roles' addresses."""
        kinds = set(kinds)
        by_recipient: dict[str, Digest] = {}

        def digest_of(key: str, is_role: bool) -> Digest:
            if key not in by_recipient:
                by_recipient[key] = Digest(self.recipient(key, is_role))
            return by_recipient[key]

        for kind, views in ((Kind.OVERDUE, self.derived.overdue()), (Kind.DUE_SOON, self.derived.due_soon())):
            if kind not in kinds:
                continue
            for view in views:
                found = self.responsible(view.agreement)
                if found is None:
                    continue
                key, role = found
                is_role = role is not None and key == view.agreement.owner  # the role's own address
                page = None if is_role else self.page_for(key, view.agreement)
                item = Item(view, page, role)
                digest = digest_of(key, is_role)
                (digest.overdue if kind is Kind.OVERDUE else digest.due_soon).append(item)

        for manager_id, team in self.teams().items():
            listed = by_recipient.get(manager_id)
            own = {item.view.agreement.full_ref for item in listed.overdue} if listed else set()
            if Kind.OVERDUE in kinds:
                for view in self.derived.overdue(p.id for p in team):
                    if view.agreement.full_ref not in own:
                        page = paths.person_page(view.agreement.person)
                        digest_of(manager_id, False).team_overdue.append(Item(view, page))
            if Kind.MUS in kinds:
                late = self.derived.due_for_mus(team)
                if late:
                    digest_of(manager_id, False).team_mus.extend(late)
        return self.one_per_address(by_recipient)

    def teams(self) -> dict[str, list[Person]]:
        """Each manager still here with the direct reports still here, by manager id."""
        found: dict[str, list[Person]] = {}
        for person in self.people.values():
            if self.reachable(person.manager) and not self.derived.has_left(person):
                found.setdefault(person.manager or "", []).append(person)
        return dict(sorted(found.items()))

    def recipient(self, key: str, is_role: bool) -> Recipient:
        if is_role:
            return Recipient(key, self.roles[key], self.role_emails[key], is_role=True)
        person = self.people[key]
        return Recipient(person.id, person.name, person.email)

    def one_per_address(self, by_recipient: dict[str, Digest]) -> list[Digest]:
        ordered = sorted(by_recipient.values(), key=lambda d: (d.recipient.is_role, d.recipient.id))
        by_address: dict[str, Digest] = {}
        for digest in ordered:
            email = digest.recipient.email
            key = email.lower() if email else f"id:{digest.recipient.id}"
            if key in by_address:
                by_address[key].merge(digest)
            else:
                by_address[key] = digest
        return [d for d in by_address.values() if not d.is_empty()]


def digests_for(
    derived: Derived, policy: Policy, role_emails: dict[str, str], kinds: Iterable[Kind] = tuple(Kind)
) -> list[Digest]:
    return Planner(derived, policy, role_emails).digests(kinds)


def counts(derived: Derived) -> dict[str, int]:
    """The figures of the chat summary: how much is waiting in the whole handbook."""
    due = derived.due_for_mus()
    return {
        "overdue": len(derived.overdue()),
        "due_soon": len(derived.due_soon()),
        "late_mus": sum(1 for s in due if s.last_mus is not None),
        "no_mus": sum(1 for s in due if s.last_mus is None),
    }
