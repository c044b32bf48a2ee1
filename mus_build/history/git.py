"""Running git: fixed arguments, no shell, no pager, and errors as one clear line.

The repository's own configuration is not touched. Options that would change what git
prints (colours, signatures shown in the log, quoted paths, a mailmap) are set on every
call, so the output is the same on a developer's machine and on a CI runner. The
system and global configuration stay: a CI container marks its checkout as a
`safe.directory` there.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mus_build.errors import MusError
from mus_build.messages import say

# Variables that would point git at another repository, index or object store than the
# handbook's, e.g. when mus runs inside a Git hook.
_REPOSITORY_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_CEILING_DIRECTORIES",
    "GIT_COMMON_DIR",
)

_OUTPUT_SETTINGS = (
    "-c",
    "core.quotePath=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "i18n.logOutputEncoding=UTF-8",
    "-c",
    "color.ui=false",
    "-c",
    "core.fsmonitor=false",
)


class GitError(MusError):
    """git could not tell what was asked: it is missing, or the folder is no repository."""


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _REPOSITORY_VARIABLES}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", LC_ALL="C", GIT_OPTIONAL_LOCKS="0")
    return env


def run(root: Path, *args: str, stdin: bytes | None = None, config: tuple[str, ...] = ()) -> bytes:
    """git's standard output for `args`, run in `root`; a GitError when git fails."""
    command = ["git", "--no-pager", *_OUTPUT_SETTINGS, *config, *args]
    try:
        done = subprocess.run(
            command, cwd=root, input=stdin, capture_output=True, env=environment(), check=False
        )
    except FileNotFoundError:
        raise GitError(say("git_missing")) from None
    except OSError as exc:
        raise GitError(say("git_failed", detail=exc.strerror or str(exc))) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = next((line for line in detail if line.startswith("fatal:")), detail[0] if detail else "")
        raise GitError(say("git_failed", detail=first.removeprefix("fatal: ")[:300]))
    return done.stdout


@dataclass(frozen=True)
class Repository:
    root: Path  # the handbook's folder, where git runs
    prefix: str  # the handbook's folder within the repository: "" or "handbook/"
    shallow: bool


def repository(root: Path) -> Repository:
    """The Git repository the handbook's folder lies in; a GitError when there is none."""
    try:
        out = run(root, "rev-parse", "--is-inside-work-tree", "--show-prefix", "--is-shallow-repository")
    except GitError as exc:
        if "not a git repository" in str(exc).lower():
            raise GitError(say("git_not_repository", root=root)) from None
        raise
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 3 or lines[0] != "true":
        raise GitError(say("git_not_repository", root=root))
    return Repository(root, lines[1], lines[2] == "true")


def head(repo: Repository) -> str | None:
    """The commit checked out, or None in a repository with no commit yet."""
    try:
        return run(repo.root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip() or None
    except GitError:
        return None
