"""Signed sign-offs: the `allowed_signers` file made from the people's keys, and the
signatures git finds on the commits that added entries.

An SSH signature is good for a person when it verifies against the key in their
`ssh_signing_key:` and git names one of their addresses as its signer (the principals of
their line in the file). A GPG signature is good when git calls it good ("G": the key is
in the keyring of whoever verifies, and trusted there) and the address of the key's user
id is one of the person's. Anything else fails: no signature, a bad one, a key nobody in
the handbook has, an expired or revoked key.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mus_build.history.git import GitError, Repository, run
from mus_build.messages import say
from mus_build.model.handbook import Handbook

# What git's %G? says; a message for each, and one for any other.
SIGNATURE_STATES = ("B", "U", "X", "Y", "R", "E")

# A principal is a pattern list in allowed_signers: '*', '?', '!' and ',' would let one line
# name other people. Only addresses without them are written.
_PRINCIPAL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+")


@dataclass(frozen=True)
class Signature:
    state: str  # git's %G?: G good, N none, B bad, U unknown key, ...
    principal: str  # %GS: the principal (SSH) or user id (GPG) it was made by


def allowed_signers(handbook: Handbook) -> tuple[str, list[str]]:
    """The file's text, one line per person with a key (by id), and the people whose key
    could not be written (no usable address)."""
    lines, skipped = [], []
    for person in handbook.people.values():
        if not person.ssh_signing_key:
            continue
        principals = []
        for address in (person.email, *person.git_emails):
            if address and _PRINCIPAL.fullmatch(address) and address.lower() not in principals:
                principals.append(address.lower())
        if not principals:
            skipped.append(person.id)
            continue
        lines.append(f'{",".join(principals)} namespaces="git" {person.ssh_signing_key}\n')
    header = "# Written by `mus allowed-signers` from the people's ssh_signing_key; do not edit.\n"
    return header + "".join(lines), skipped


def principal_email(principal: str) -> str:
    """The address in an SSH principal ("anna@firma.dk") or a GPG user id ("Anna <anna@firma.dk>")."""
    match = re.search(r"<([^<>]*)>\s*$", principal)
    return (match[1] if match else principal).strip().lower()


def signatures(repo: Repository, handbook: Handbook, commits: set[str]) -> dict[str, Signature]:
    """The signature state of each commit, checked against the handbook's keys."""
    if not commits:
        return {}
    text, _ = allowed_signers(handbook)
    if "namespaces=" in text and shutil.which("ssh-keygen") is None:
        raise GitError(say("ssh_keygen_missing"))
    with tempfile.TemporaryDirectory(prefix="mus-signers-") as folder:
        signers = Path(folder) / "allowed_signers"
        signers.write_text(text, encoding="utf-8")
        out = run(
            repo.root,
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "--format=%x01%H%x02%G?%x02%GS",
            stdin="".join(f"{sha}\n" for sha in sorted(commits)).encode(),
            config=("-c", f"gpg.ssh.allowedSignersFile={signers}", "-c", "gpg.ssh.program=ssh-keygen"),
        )
    found = {}
    for entry in out.decode("utf-8", "replace").split("\x01")[1:]:
        sha, state, principal = (entry.rstrip("\n").split("\x02") + ["", ""])[:3]
        found[sha] = Signature(state, principal)
    return found
