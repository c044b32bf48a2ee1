"""The guide's pages under guides/, read as they will be published. They are trusted as
Markdown, but a symbolic link would publish whatever it points at, and a page that is not
UTF-8 cannot be built."""

from __future__ import annotations

from pathlib import Path

from mus_build.check.problems import Problem
from mus_build.messages import say
from mus_build.model.layout import GUIDES_DIR, QUESTIONS_FILE


def read_guides(root: Path) -> tuple[dict[str, bytes], list[Problem]]:
    """The guide's files keyed by their path under guides/, and what is wrong with them."""
    folder = root / GUIDES_DIR
    if folder.is_symlink():
        return {}, [Problem(GUIDES_DIR, 1, say("guides_symlink"))]
    if not folder.is_dir():
        return {}, []
    guides: dict[str, bytes] = {}
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*")):  # does not descend into linked folders
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            problems.append(Problem(rel, 1, say("guide_page_symlink")))
            continue
        if not path.is_file() or rel == QUESTIONS_FILE or path.name.startswith("."):
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(rel, 1, say("file_unreadable", reason=exc.strerror)))
            continue
        if path.suffix == ".md" and not _is_utf8(data):
            problems.append(Problem(rel, 1, say("not_utf8")))
            continue
        guides[path.relative_to(folder).as_posix()] = data
    return guides, problems


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
