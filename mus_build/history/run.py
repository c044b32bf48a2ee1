"""The two uses of the proof: the site's (which sign-offs a later change voided, or the
files alone when there is no history to ask) and `mus verify-signoffs`' (every failure)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mus_build.history.git import GitError, Repository, repository
from mus_build.history.signers import signatures
from mus_build.history.signoffs import Prover, prove
from mus_build.history.verify import Outcome, verify
from mus_build.messages import say
from mus_build.model.handbook import Handbook

Voided = frozenset[tuple[str, str, str]]  # (record path, by, on)


@dataclass(frozen=True)
class SiteProof:
    voided: Voided
    notice: str | None  # why the files alone were used, for the build's output


def _has_entries(handbook: Handbook) -> bool:
    return any(record.signed_off for person in handbook.people.values() for record in person.records)


def full_history(root: Path) -> Repository:
    """The repository of the handbook at `root`; a GitError when there is none or when only
    part of its history was fetched (a shallow clone proves nothing about older commits)."""
    repo = repository(root)
    if repo.shallow:
        raise GitError(say("history_shallow"))
    return repo


def for_site(root: Path, handbook: Handbook, prover: Prover | None = None) -> SiteProof:
    """The entries a later change voided, from the history; with no history to read (no
    git, no repository, a shallow clone) none, and a notice saying why. `prover`: what
    `mus serve` kept from its last round."""
    if not _has_entries(handbook):
        return SiteProof(frozenset(), None)
    try:
        repo = full_history(root)
        return SiteProof((prover or Prover()).prove(repo, handbook).voided(), None)
    except GitError as exc:
        return SiteProof(frozenset(), say("history_files_only", reason=str(exc)))


def for_verify(root: Path, handbook: Handbook, require_signatures: bool) -> Outcome:
    """Every failure of the proof; a GitError when the history cannot be read in full."""
    repo = full_history(root)
    proofs = prove(repo, handbook)
    signed = None
    if require_signatures:
        commits = {proof.added.sha for proof in proofs.items if proof.added is not None}
        signed = signatures(repo, handbook, commits)
    return verify(handbook, proofs, signed)
