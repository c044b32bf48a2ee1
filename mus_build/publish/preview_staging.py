"""The preview's staging folder, kept up to date from one round to the next.

`mus serve` is the only writer of its own staging folder, so it remembers what it wrote
and compares the new files with that in memory instead of reading the folder again;
mkdocs then rebuilds only the files written (their time is newer than the site's).
A file is written again as a new file under its name, never over the old one: the site
may hold the old one under a name of its own (publish/kept_site.py).

A changed file that is no page and that the site already has (an export) may be left for
after the round: `write_later` writes it and puts it into the site once the browser has
the saved page. At 10,000 people the exports are 170 MB, and writing them took a
quarter of a save that changed an agreement.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mus_build.pages import joined
from mus_build.pages.joined import FileData


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    later: list[str] = field(default_factory=list)  # changed, left for `write_later`


class PreviewStaging:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: dict[str, FileData] = {}  # what each file holds
        self._later: list[tuple[str, FileData]] = []

    def sync(
        self, files: Iterable[tuple[str, FileData]], later: Callable[[str], bool] | None = None
    ) -> Changes:
        """Write the files whose bytes changed and remove those no longer made. A changed
        file that the last round staged too and `later` names is left for `write_later`."""
        changes = Changes()
        before, self._written, self._later = self._written, {}, []
        try:
            for rel, data in files:
                old = before.pop(rel, None)
                if old is None or (old is not data and old != data):
                    if old is not None and later is not None and later(rel):
                        self._later.append((rel, data))
                        changes.later.append(rel)
                    else:
                        _write_anew(self.folder / rel, data)
                        changes.written.append(rel)
                self._written[rel] = data
        except BaseException:
            self.forget()
            raise
        for rel in sorted(before):
            (self.folder / rel).unlink(missing_ok=True)
            changes.removed.append(rel)
        return changes

    def write_later(self, site_dir: Path) -> None:
        """Write the files the last `sync` left, each into the staging folder and, as a
        second name of the same file, into the site at the same place."""
        later, self._later = self._later, []
        for rel, data in later:
            _write_anew(self.folder / rel, data)
            link_or_copy(self.folder / rel, site_dir / rel)

    def forget(self) -> None:
        """After a round that did not finish: the next one starts from an empty folder."""
        self._written, self._later = {}, []
        shutil.rmtree(self.folder, ignore_errors=True)


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Put `source` at `target` as a second name of the same file, or as a copy where the
    system cannot link the two folders; either way in one step, so that whoever reads the
    old `target` reads it to the end."""
    new = f"{target}.mus-new"
    try:
        os.link(source, new)
    except OSError:  # another file system, or one without links
        shutil.copyfile(source, new)
    os.replace(new, target)


def _write_anew(path: Path, data: FileData) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = path.with_name(f"{path.name}.mus-new")
    with new.open("wb") as file:
        joined.write(data, file)
    os.replace(new, path)
