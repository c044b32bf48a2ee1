"""Every committed version of every record, read with two git processes in all.

One `git log` over the people folder lists, commit by commit, which record files changed
and the blobs before and after (`--raw`); one `git cat-file --batch` then reads every
distinct blob. Nothing is run per file or per commit, so the cost grows with the size of
the history, not with the number of git processes (a `git log --follow` per record would
start thousands).

Commits come parents first (`--topo-order --reverse`), merges included: a merge lists a
file only when its version differs from every parent (`-c`), which is when the merge
itself wrote something. Renames are followed, so a person whose folder was renamed keeps
their records' history.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mus_build.history.git import Repository, run
from mus_build.model.layout import PEOPLE_DIR

_HEADER = "\x01"
_FORMAT = _HEADER + "%H%x00%P%x00%ae%x00%an%x00%as"
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Commit:
    sha: str
    author_email: str
    author_name: str
    day: str  # the author date, YYYY-MM-DD
    merge: bool

    @property
    def short(self) -> str:
        return self.sha[:10]


@dataclass(frozen=True)
class Change:
    """One commit's change to one record: its blob before (one per parent; None where the
    file did not exist) and after (None when the commit deleted it)."""

    commit: Commit
    before: tuple[str | None, ...]
    after: str | None


@dataclass
class History:
    """Each record's changes, oldest first, by its path relative to the handbook."""

    changes: dict[str, list[Change]] = field(default_factory=dict)
    commits: int = 0


def read_history(repo: Repository) -> History:
    out = run(
        repo.root,
        "log",
        "--topo-order",
        "--reverse",
        "-c",
        "--raw",
        "--no-abbrev",
        "-M",
        "-z",
        "--no-ext-diff",
        "--no-textconv",
        f"--format={_FORMAT}",
        "--",
        PEOPLE_DIR,
    )
    return _parse(out.decode("utf-8", "surrogateescape"), repo.prefix)


def _blob(sha: str) -> str | None:
    return None if sha == _NO_BLOB else sha


def _parse(out: str, prefix: str) -> History:
    history = History()
    tokens = out.split("\0")
    commit: Commit | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith(_HEADER):
            sha, parent_list, email, name, day = [token[1:], *tokens[index : index + 4]]
            index += 4
            commit = Commit(sha, email, name, day, merge=len(parent_list.split()) > 1)
            history.commits += 1
        elif token.startswith(":") and commit is not None:
            # ":mode mode sha sha STATUS" (one colon per parent, and as many modes and blobs)
            parents = len(token) - len(token.lstrip(":"))
            fields = token[parents:].split()
            blobs = fields[parents + 1 : 2 * parents + 2]
            status = fields[-1]
            paths = 2 if status[:1] in ("R", "C") else 1
            names = tokens[index : index + paths]
            index += paths
            if not names:
                break
            target = names[-1]
            if not target.startswith(prefix):
                continue
            rel = target[len(prefix) :]
            if status[:1] == "R" and names[0].startswith(prefix):
                # The record moved (its person's folder was renamed): its history moves along.
                earlier = history.changes.pop(names[0][len(prefix) :], [])
                history.changes.setdefault(rel, []).extend(earlier)
            before = tuple(_blob(b) for b in blobs[:-1])
            history.changes.setdefault(rel, []).append(Change(commit, before, _blob(blobs[-1])))
    return history


def read_blobs(repo: Repository, shas: set[str]) -> dict[str, bytes]:
    """The content of each blob, read by one `git cat-file --batch`."""
    if not shas:
        return {}
    ordered = sorted(shas)
    out = run(repo.root, "cat-file", "--batch", stdin="".join(f"{sha}\n" for sha in ordered).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for sha in ordered:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<sha> missing": a partial clone
            continue
        size = int(header[2])
        blobs[sha] = out[position : position + size]
        position += size + 1
    return blobs
