"""The staging folder: the generated Markdown and files that mkdocs builds from,
rewritten only where their bytes changed."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.pages.joined import FileData, whole

STAGING = ".mus-staging"


@dataclass
class Synced:
    files: int
    written: int  # the files whose bytes changed
    seconds: float  # spent comparing and writing, not making the files


def sync_folder(folder: Path, files: Iterable[tuple[str, FileData]]) -> Synced:
    """Make `folder` hold exactly `files`, writing only what changed so `mus serve`
    rebuilds only what changed. Files are taken one at a time and not kept."""
    for own in (folder.parent, folder):
        if own.is_symlink():
            raise MusError(say("staging_symlink", path=own))
    existing = set()
    for path in list(folder.rglob("*")) if folder.exists() else []:
        if path.is_symlink():  # never write through a link into a file elsewhere
            path.unlink()
        elif path.is_file():
            existing.add(path.relative_to(folder).as_posix())
    wanted: set[str] = set()
    written = 0
    writing = 0.0
    for rel, parts in files:
        data = whole(parts)  # making the file, not writing it
        start = time.perf_counter()
        wanted.add(rel)
        path = folder / rel
        if not (rel in existing and path.stat().st_size == len(data) and _holds(path, data)):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written += 1
        writing += time.perf_counter() - start
    for rel in sorted(existing - wanted):
        (folder / rel).unlink()
    for directory in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return Synced(len(wanted), written, writing)


def _holds(path: Path, data: bytes | bytearray) -> bool:
    """Whether the file holds exactly these bytes, read a piece at a time: an export of
    100 MB is not read into memory a second time to be compared."""
    view = memoryview(data)
    with path.open("rb") as file:
        position = 0
        while piece := file.read(1 << 20):
            if view[position : position + len(piece)] != piece:
                return False
            position += len(piece)
    return position == len(data)
