"""Which `signed_off` entries the history proves, and which a later change voided.

An entry counts when the commit that added it was authored by its signer and the
record's content, everything but `signed_off`, is now the same as in that commit. The
commit that added an entry is the last one (parents first) whose version of the record
holds it more often than every parent's version did. "Now" is the file as it lies in the
working tree, so a local preview shows an uncommitted change as voiding too. An entry
that no commit added yet is not proven; the site shows it as written until it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from mus_build.history.content import Entry, Version
from mus_build.history.git import Repository, head
from mus_build.history.versions import Change, Commit, History, read_blobs, read_history
from mus_build.model.handbook import Handbook, Record, SignOff


@dataclass(frozen=True)
class Void:
    """The change that voided an entry: a commit, or (commit None) the working tree."""

    commit: Commit | None
    parts: tuple[str, ...]  # the keys that changed, BODY for the notes


@dataclass(frozen=True)
class Proof:
    record: Record
    sign_off: SignOff
    added: Commit | None  # None: no commit added it (not committed yet)
    void: Void | None


@dataclass
class Proofs:
    items: list[Proof]
    commits: int  # commits of the people folder read

    def voided(self) -> frozenset[tuple[str, str, str]]:
        """(record path, by, on) of every entry a later change voided: what the site needs."""
        return frozenset(
            (p.record.path, p.sign_off.by, p.sign_off.on.isoformat()) for p in self.items if p.void
        )


def prove(repo: Repository, handbook: Handbook) -> Proofs:
    """What the history says about every entry of every record that has one."""
    return Prover().prove(repo, handbook)


class Prover:
    """`prove`, asked again and again (by `mus serve`, after each save): the history is read
    again only when HEAD has moved, and a record is proven again only when its file or the
    history changed. Everything else is what the last round found."""

    def __init__(self) -> None:
        self._head: str | None = None
        self._history = History()
        self._blobs: dict[str, bytes] = {}
        self._proven: dict[str, tuple[Record, list[Proof]]] = {}  # record path -> (record, proofs)

    def prove(self, repo: Repository, handbook: Handbook) -> Proofs:
        current = head(repo)
        if current is None or current != self._head:
            self._history, self._blobs, self._proven = read_history(repo), {}, {}
            self._head = current
        history = self._history
        records = [r for person in handbook.people.values() for r in person.records if r.signed_off]
        wanted = {
            blob
            for record in records
            for change in history.changes.get(record.path, [])
            for blob in (change.after, *change.before)
            if blob is not None and blob not in self._blobs
        }
        self._blobs.update(read_blobs(repo, wanted))
        items: list[Proof] = []
        for record in records:
            # The loader gives the same record again while its file is unchanged, and a new
            # one once it changed: only then is the file read and the record proven again.
            kept = self._proven.get(record.path)
            if kept is None or kept[0] is not record:
                raw = (repo.root / record.path).read_bytes()
                kept = self._proven[record.path] = (record, _record_proofs(raw, record, history, self._blobs))
            items += kept[1]
        return Proofs(items, history.commits)


def _record_proofs(raw: bytes, record: Record, history: History, blobs: dict[str, bytes]) -> list[Proof]:
    versions: dict[str | None, Version] = {}

    def version(blob: str | None) -> Version:
        if blob not in versions:
            versions[blob] = Version(record.path, blobs.get(blob, b"") if blob else None)
        return versions[blob]

    changes = history.changes.get(record.path, [])
    added: dict[Entry, int] = {}  # entry -> index of the change that last added it
    for index, change in enumerate(changes):
        after = version(change.after)
        for entry, count in after.entries.items():
            if count > max((version(b).entries[entry] for b in change.before), default=0):
                added[entry] = index
    now = version(blob_id(raw)) if blob_id(raw) in blobs else Version(record.path, raw)
    proofs = []
    for sign_off in record.signed_off:
        at = added.get((sign_off.by, sign_off.on.isoformat()))
        if at is None:
            proofs.append(Proof(record, sign_off, None, None))
            continue
        signed = version(changes[at].after)
        void = None if signed.same_content(now) else _void(signed, now, changes[at + 1 :], version)
        proofs.append(Proof(record, sign_off, changes[at].commit, void))
    return proofs


def blob_id(data: bytes) -> str:
    """The id git gives a file's content (in a repository of SHA-1 ids, the usual kind)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _void(
    signed: Version, now: Version, later: list[Change], version: Callable[[str | None], Version]
) -> Void:
    """The first later commit whose version differs from the one signed, and what it changed;
    the working tree when no commit did."""
    for change in later:
        changed = version(change.after)
        if not changed.same_content(signed):
            return Void(change.commit, tuple(signed.changed_parts(changed)))
    return Void(None, tuple(signed.changed_parts(now)))
