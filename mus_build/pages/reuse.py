"""Pieces of generated files kept from one round of `mus serve` to the next.

Every piece (a person's page, a row of a list, a person's calendar events) belongs to
one person and is made from that person's data and from the names, ids and roles of the
people it links to. So after a save only the pieces of the people who changed, and of
everyone linked to them either way (their manager, their team, the owners of their
agreements, whoever names them), are made again; the pages and lists are then put
together from the pieces, the new ones and the kept ones alike. A piece of a group (a
team's page, a row of a round) is kept while nobody in the group is made again, and a
piece made from other pieces alone (the exports of everyone) while they are equal.
Anything that every piece may show (the day, the settings, the guide, the departments'
addresses) is the round's key: when it differs, nothing is kept. A build keeps nothing
(`NO_REUSE`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from mus_build.model.derive import Keep
from mus_build.model.handbook import Handbook, Person

T = TypeVar("T")
Key = tuple[str | None, Hashable]


class Reuse:
    def __init__(self) -> None:
        self._kept: dict[Key, object] = {}
        self._used: dict[Key, object] = {}
        # The pieces each group piece was made from, inner groups' included; and those of the
        # group pieces being made now, innermost last.
        self._inner: dict[Key, tuple[Key, ...]] = {}
        self._inner_used: dict[Key, tuple[Key, ...]] = {}
        self._making: list[list[Key]] = []
        self._people: dict[str, Person] = {}
        self._named: dict[str, set[str]] = {}  # whom each of them names, see `linked`
        # Each piece's finished file, by the piece's identity and how it was finished.
        self._finished: dict[tuple[int, Hashable], tuple[object, bytes]] = {}
        self._finished_used: dict[tuple[int, Hashable], tuple[object, bytes]] = {}
        self._key: Hashable = None
        self._remade: set[str] | None = None  # None: every person's pieces

    def begin(self, handbook: Handbook, key: Hashable) -> None:
        """Start a round: decide whose pieces are made again. A person loaded again from
        changed files is a new object; one whose files did not change is the same object."""
        old, new = self._people, handbook.people
        old_named = self._named
        new_named = {
            pid: old_named[pid] if old.get(pid) is person else _named_by(person)
            for pid, person in new.items()
        }
        if key != self._key or not old:
            self._remade = None
        else:
            changed = {pid for pid in old.keys() | new.keys() if old.get(pid) is not new.get(pid)}
            self._remade = changed | linked(old_named, changed) | linked(new_named, changed)
        self._key, self._people, self._named = key, dict(new), new_named
        self._used, self._finished_used, self._inner_used = {}, {}, {}

    def piece(self, person_id: str, name: Hashable, make: Callable[[], T]) -> T:
        """The piece `name` of the person: kept from the last round, or made now."""
        key = (person_id, name)
        if self._remade is not None and person_id not in self._remade and key in self._kept:
            value = self._kept[key]
        else:
            value = make()
        self._used[key] = value
        self._note(key)
        return value  # type: ignore[return-value]

    def group_piece(
        self, owner: str | None, name: Hashable, members: tuple[str, ...], make: Callable[[], T]
    ) -> T:
        """A piece made from the owner and a group of people (a manager's round, of everyone
        below them; a department's page has no owner): kept while the group is the same and
        nobody in it, owner included, is made again."""
        key = (owner, name)
        kept = self._kept.get(key)
        if (
            self._remade is not None
            and kept is not None
            and kept[0] == members  # type: ignore[index]
            and owner not in self._remade
            and self._remade.isdisjoint(members)
        ):
            value = kept[1]  # type: ignore[index]
            self._carry(key)
        else:
            self._making.append([])
            try:
                value = make()
            finally:
                self._inner_used[key] = tuple(self._making.pop())
        self._used[key] = (members, value)
        self._note(key, *self._inner_used.get(key, ()))
        return value  # type: ignore[no-any-return]

    def _note(self, *keys: Key) -> None:
        """Tell the group piece being made, if any, that it was made from these pieces."""
        if self._making:
            self._making[-1].extend(keys)

    def _carry(self, key: Key) -> None:
        """Keep for the next round the pieces a group piece reused whole was made from,
        though no page asked for them: else the next save that changes one person in the
        group makes every one of them again (0.8 s for the director's round at 10,000
        people, against 0.13 s)."""
        inner = self._inner.get(key, ())
        self._inner_used[key] = inner
        remade = self._remade or set()
        for piece in inner:
            if piece in self._kept and piece not in self._used and piece[0] not in remade:
                self._used[piece] = self._kept[piece]
                if piece in self._inner:
                    self._inner_used[piece] = self._inner[piece]

    def made_from(self, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """A piece made from these inputs alone (pieces themselves, mostly kept): the one made
        last round while they are equal, so that a list of everyone that a save left as it
        was is neither put together again nor compared with the file it made."""
        key = (None, ("made_from", name))
        kept = self._kept.get(key)
        value = kept[1] if kept is not None and kept[0] == inputs else make()  # type: ignore[index]
        self._used[key] = (inputs, value)
        self._note(key)
        return value  # type: ignore[no-any-return]

    def finished(self, piece: object, how: Hashable, make: Callable[[], bytes]) -> bytes:
        """A file made from a piece: the one made last round while the piece is the same
        object, kept, and `how` it is made the same."""
        key = (id(piece), how)
        kept = self._finished.get(key)
        value = kept[1] if kept is not None and kept[0] is piece else make()
        self._finished_used[key] = (piece, value)
        return value

    def keeper(self, name: Hashable) -> Keep:
        """`piece` under this name, as the model asks for what it works out per person."""
        return _Keeper(self, name)

    def end(self) -> None:
        """Keep what this round used, for the next; a piece that no page asked for, nor a
        group piece kept whole was made from, is forgotten."""
        self._kept, self._used = self._used, {}
        self._finished, self._finished_used = self._finished_used, {}
        self._inner, self._inner_used = self._inner_used, {}

    def forget(self) -> None:
        """After a round that did not finish: the next one makes everything."""
        self._kept, self._used, self._people, self._named, self._key = {}, {}, {}, {}, None
        self._finished, self._finished_used = {}, {}
        self._inner, self._inner_used, self._making = {}, {}, []

    def remade(self) -> set[str] | None:
        """The people whose pieces this round makes again; None for everyone."""
        return self._remade


class _Keeper:
    def __init__(self, reuse: Reuse, name: Hashable) -> None:
        self._reuse, self._name = reuse, name

    def __call__(self, person_id: str, make: Callable[[], T]) -> T:
        return self._reuse.piece(person_id, self._name, make)


class _NoReuse(Reuse):
    """For a build: every piece is made, nothing is kept."""

    def piece(self, person_id: str, name: Hashable, make: Callable[[], T]) -> T:
        return make()

    def group_piece(
        self, owner: str | None, name: Hashable, members: tuple[str, ...], make: Callable[[], T]
    ) -> T:
        return make()

    def finished(self, piece: object, how: Hashable, make: Callable[[], bytes]) -> bytes:
        return make()

    def made_from(self, name: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        return make()

    def begin(self, handbook: Handbook, key: Hashable) -> None:
        pass


NO_REUSE = _NoReuse()


def linked(named_by: dict[str, set[str]], ids: Iterable[str]) -> set[str]:
    """The people these people name (their manager, who held their conversations, the
    owners of their agreements) and the people who name them; `named_by`: whom each
    person names."""
    wanted = set(ids)
    found: set[str] = set()
    for person_id, named in named_by.items():
        if person_id in wanted:
            found |= named
        elif not named.isdisjoint(wanted):
            found.add(person_id)
    return found


def _named_by(person: Person) -> set[str]:
    named = {person.manager} if person.manager else set()
    for record in person.records:
        if record.manager:
            named.add(record.manager)
        named.update(agreement.owner for agreement in record.agreements)
    return named
