"""The preview's staging folder, kept up to date from one round to the next.

`mus serve` is the only writer of its own staging folder, so it remembers what it wrote
and compares the new files with that in memory instead of reading the folder again;
mkdocs then rebuilds only the files written (their time is newer than the site's).
A file is written again as a new file under its name, never over the old one: the site
may hold the old one under a name of its own (publish/kept_site.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


class PreviewStaging:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: dict[str, bytes | bytearray] = {}  # what each file holds

    def sync(self, files: Iterable[tuple[str, bytes | bytearray]]) -> Changes:
        """Write the files whose bytes changed and remove those no longer made."""
        changes = Changes()
        before, self._written = self._written, {}
        try:
            for rel, data in files:
                old = before.pop(rel, None)
                if old is None or (old is not data and old != data):
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

    def forget(self) -> None:
        """After a round that did not finish: the next one starts from an empty folder."""
        self._written = {}
        shutil.rmtree(self.folder, ignore_errors=True)


def _write_anew(path: Path, data: bytes | bytearray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = path.with_name(f"{path.name}.mus-new")
    new.write_bytes(data)
    os.replace(new, path)
