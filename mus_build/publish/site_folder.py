"""Where the site goes: refuse folders whose loss would hurt, recover from a build cut
short, and swap a finished site into place in one step.

mkdocs empties its site_dir before building and aborts a strict build only at the
end, after writing. So mkdocs never writes into the live site: it builds into a
fresh folder beside it, the output is searched for private text, and only then is
the old site swapped out. A failed or interrupted build leaves the last good site.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds there are not guarded against each other
    fcntl = None  # type: ignore[assignment]

from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.model.layout import CONTENT_DIR, GUIDES_DIR
from mus_build.publish.staging import STAGING

MARKER = ".mus-build"


def check_target(root: Path, target: Path) -> None:
    """Refuse any folder whose loss would hurt: the handbook itself, its sources, or a
    folder with files that an earlier `mus build` did not make."""
    if target.is_symlink():
        # The new site is swapped in beside the link, not into the folder it points to:
        # the link would be replaced and the served folder left as it was.
        raise MusError(say("site_dir_symlink", target=target, real=target.resolve()))
    root, target = root.resolve(), target.resolve()
    protected = [root / CONTENT_DIR, root / GUIDES_DIR, root / STAGING]
    if target == root or target in root.parents:
        raise MusError(say("site_dir_holds_handbook", target=target))
    for folder in protected:
        if target == folder or folder in target.parents:
            raise MusError(say("site_dir_in_sources", target=target, folder=folder.name))
    if target.exists() and not target.is_dir():
        raise MusError(say("site_dir_file", target=target))
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise MusError(say("site_dir_not_ours", target=target, marker=MARKER))


def lock_file(target: Path) -> Path:
    """The file beside the site that a build holds locked while it works on the site."""
    return target.with_name(f".{target.name}.lock")


@contextmanager
def locked(path: Path, waiting: str, notify: Callable[[str], None]) -> Iterator[None]:
    """Hold `path` locked while the block runs; wait, saying so, while another build holds it.
    The lock goes with the process, so a killed build never leaves it taken."""
    for own in (path.parent, path):
        if own.is_symlink():
            raise MusError(say("lock_symlink", path=own))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        if fcntl is None:
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            notify(waiting)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(target: Path) -> None:
    """Undo what an interrupted build left: put the old site back if the swap was cut short.
    Called with the target's lock held, so what is left belongs to a build that died."""
    parent = target.parent
    if not parent.is_dir():
        return
    for leftover in sorted(parent.glob(f".{target.name}.old-*")):
        if not target.exists():
            os.rename(leftover, target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for pattern in (f".{target.name}.new-*", f".{target.name}.search-*"):
        for leftover in parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def swap_into_place(new_site: Path, target: Path) -> None:
    """Put the new site where the old one was, in one step where the system allows."""
    if target.exists() and _exchange(new_site, target):
        shutil.rmtree(new_site, ignore_errors=True)  # now holds the old site
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    os.rename(new_site, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2 RENAME_EXCHANGE); False where unsupported,
    so a crash can never leave the site missing between two renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def write_marker(site_dir: Path) -> None:
    (site_dir / MARKER).write_text("This folder is made by `mus build` and replaced on every build.\n")
