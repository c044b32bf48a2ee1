"""Who may read whose data, decided once from the handbook and `extra: mus: access:`.

- A person reads their own data; a manager also that of the people they manage:
  everyone below them in the `manager` chain, or only their direct reports
  (`managers_see: direct`). HR reads everything.
- A team's or a department's page, and a manager's MUS round, are about several people:
  a reader may read one when they may read every one of them. The round of everyone is HR's.
- What is for one person alone, their own exports and the agreements they own in other
  people's conversations, is for them and HR, not for their managers.
- A reader signed in with an address that is no person's reads only what is public;
  a request without any address gets nothing but the refusal pages.
"""

from __future__ import annotations

from mus_build.access import subjects
from mus_build.access.subjects import Subject
from mus_build.model.handbook import Handbook
from mus_build.model.round import managed
from mus_build.model.settings import Access

ANYONE = "-"  # a reader who signed in with an address that is no person's
NOBODY = ""  # a request without the proxy's header: no identity at all


class Policy:
    def __init__(self, handbook: Handbook, access: Access, department_slugs: dict[str, str]) -> None:
        self.handbook = handbook
        self.access = access
        self.hr = frozenset(access.hr)
        self.department_slugs = department_slugs
        # Each person's readers besides HR: themselves and who manages them.
        self.readers_of = {person_id: self._readers(person_id) for person_id in handbook.people}
        # Each manager's round: the people they manage, as managers_see says.
        self.rounds = managed(handbook, access.managers_see)

    def _readers(self, person_id: str) -> frozenset[str]:
        readers = {person_id}
        manager = self.handbook.people[person_id].manager
        while manager is not None and manager in self.handbook.people and manager not in readers:
            readers.add(manager)
            if self.access.managers_see == "direct":
                break
            manager = self.handbook.people[manager].manager
        return frozenset(readers)

    def email_of(self) -> dict[str, str]:
        """Each person's address, lower-cased as the web server compares it, by person id."""
        return {p.id: p.email.lower() for p in self.handbook.people.values() if p.email}

    def may_read(self, reader: str, subject: Subject) -> bool:
        """Whether the reader may fetch an address about this subject."""
        if subject.kind == subjects.REFUSAL:
            return True
        if reader == NOBODY:
            return False
        if subject.kind == subjects.PUBLIC:
            return True
        if reader in self.hr:
            return subject.kind != subjects.REFUSED
        if subject.kind == subjects.PERSON:
            return reader in self.readers_of.get(subject.key, ())
        if subject.kind == subjects.OWN:  # not their managers: it may hold what only they may read
            return reader == subject.key and reader in self.handbook.people
        if subject.kind == subjects.EACH_READER:  # served from their own folder
            return reader in self.handbook.people
        if subject.kind == subjects.ROUND:
            group = self.rounds.get(subject.key)
        else:
            group = subjects.members(self.handbook, subject, self.department_slugs)
        if group:  # an empty team or department holds nobody's data, but is nobody's page either
            return all(reader in self.readers_of[member] for member in group)
        return False

    def people_by_reader(self) -> dict[str, list[str]]:
        """Each person who can sign in with the people they may read, in id order: what their
        own exports hold. Left out are HR and whoever may read every person (the head of
        the organisation): they get the whole exports."""
        found: dict[str, list[str]] = {
            reader: [] for reader in sorted(self.email_of()) if reader not in self.hr
        }
        for person_id in sorted(self.readers_of):
            for reader in self.readers_of[person_id]:
                if reader in found:
                    found[reader].append(person_id)
        return {reader: people for reader, people in found.items() if len(people) < len(self.readers_of)}

    def whole_readers(self) -> list[str]:
        """Who gets the whole exports and the search index of everyone: HR, and whoever
        may read every person."""
        return sorted(self.hr | (set(self.email_of()) - set(self.people_by_reader())))

    def groups_readable_by(self) -> dict[Subject, frozenset[str]]:
        """Every team and department page and every manager's round, with the readers (HR
        aside) who may read it."""
        found: dict[Subject, frozenset[str]] = {}
        managers = {p.manager for p in self.handbook.people.values() if p.manager in self.handbook.people}
        groups = [Subject(subjects.TEAM, m) for m in sorted(m for m in managers if m)]
        groups += [Subject(subjects.DEPARTMENT, slug) for slug in sorted(self.department_slugs.values())]
        groups += [Subject(subjects.ROUND, manager) for manager in self.rounds]
        for group in groups:
            if group.kind == subjects.ROUND:
                people = self.rounds[group.key]
            else:
                people = subjects.members(self.handbook, group, self.department_slugs) or []
            readers = frozenset.intersection(*(self.readers_of[p] for p in people)) if people else frozenset()
            found[group] = readers
        return found
