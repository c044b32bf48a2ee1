"""`mus verify-signoffs`: every failure of the proof as `path:line: message`.

An entry fails when its signer did not author the commit that added it, when no commit
added it yet, when (with signatures required) that commit does not carry its signer's
good signature, and when a later change voided it and its signer has not signed again
since: an earlier entry voided by a change and followed by a counting one is history,
not a failure.
"""

from __future__ import annotations

from dataclasses import dataclass

from mus_build.check.problems import Problem
from mus_build.history.content import BODY
from mus_build.history.signers import SIGNATURE_STATES, Signature, principal_email
from mus_build.history.signoffs import Proof, Proofs
from mus_build.history.versions import Commit
from mus_build.messages import say
from mus_build.model.handbook import Handbook, Person


def addresses(person: Person) -> set[str]:
    """The addresses a person commits with, in lower case."""
    return {a.lower() for a in (person.email, *person.git_emails) if a}


@dataclass
class Outcome:
    problems: list[Problem]
    proven: int  # entries that count
    records: int  # records with entries
    commits: int  # commits of the people folder read


def verify(handbook: Handbook, proofs: Proofs, signatures: dict[str, Signature] | None) -> Outcome:
    """The failures among `proofs`; `signatures` by commit when they are required."""
    problems: list[Problem] = []
    counting: set[tuple[str, str]] = set()  # (record path, signer) with an entry that counts
    voided: list[Proof] = []
    proven = 0
    for proof in proofs.items:
        failure = _authorship(handbook, proof, signatures)
        if failure:
            problems.append(Problem(proof.record.path, proof.sign_off.by_line, failure))
        elif proof.void:
            voided.append(proof)
        else:
            proven += 1
            counting.add((proof.record.path, proof.sign_off.by))
    for proof in voided:
        if (proof.record.path, proof.sign_off.by) not in counting:
            problems.append(Problem(proof.record.path, proof.sign_off.by_line, _voided(handbook, proof)))
    records = len({proof.record.path for proof in proofs.items})
    return Outcome(problems, proven, records, proofs.commits)


def _authorship(handbook: Handbook, proof: Proof, signatures: dict[str, Signature] | None) -> str | None:
    by, on = proof.sign_off.by, proof.sign_off.on.isoformat()
    person = handbook.people[by]
    commit = proof.added
    if commit is None:
        return say("signoff_not_committed", by=by, on=on)
    mine = addresses(person)
    if not mine:
        return say("signoff_no_address", by=by, on=on, commit=commit.short)
    if commit.author_email.lower() not in mine:
        return say(
            "signoff_wrong_author",
            by=by,
            on=on,
            commit=commit.short,
            author=_author(commit),
            addresses=", ".join(sorted(mine)),
        )
    if signatures is None:
        return None
    if not person.ssh_signing_key:
        return say("signoff_no_key", by=by, on=on, commit=commit.short)
    signature = signatures.get(commit.sha, Signature("N", ""))
    if signature.state == "N":
        return say("signoff_unsigned", by=by, on=on, commit=commit.short)
    if signature.state != "G":
        state = say(f"sig_{signature.state}" if signature.state in SIGNATURE_STATES else "sig_other")
        return say("signoff_bad_signature", by=by, on=on, commit=commit.short, state=state)
    signer = principal_email(signature.principal)
    if signer not in mine:
        other = next((p.id for p in handbook.people.values() if signer in addresses(p)), signer)
        return say("signoff_signed_by_other", by=by, on=on, commit=commit.short, signer=other)
    return None


def _author(commit: Commit) -> str:
    return f"{commit.author_name} <{commit.author_email}>"[:120]


def _voided(handbook: Handbook, proof: Proof) -> str:
    void = proof.void
    assert void is not None
    parts = ", ".join(say("part_notes") if part == BODY else f"'{part}'" for part in void.parts)
    record = proof.record
    employee, manager = record.person, record.manager or handbook.people[record.person].manager
    both = say("and").join(p for p in (employee, manager) if p)
    if void.commit is None:
        return say(
            "signoff_changed_worktree",
            by=proof.sign_off.by,
            on=proof.sign_off.on.isoformat(),
            parts=parts,
            both=both,
        )
    return say(
        "signoff_changed",
        by=proof.sign_off.by,
        on=proof.sign_off.on.isoformat(),
        parts=parts,
        commit=void.commit.short,
        author=_author(void.commit),
        day=void.commit.day,
        both=both,
    )
