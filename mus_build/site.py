"""Build the site: staging folder -> mkdocs build into a new folder -> swap into place.

mkdocs empties its site_dir before building and aborts a strict build only at the
end, after writing. So mkdocs never writes into the live site: it builds into a
fresh folder beside it, the output is searched for private text, and only then is
the old site swapped out. A failed or interrupted build leaves the last good site.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

MARKER = ".mus-build"
STAGING = ".mus-staging"
ROBOTS = "User-agent: *\nDisallow: /\n"


class BuildError(Exception):
    """A build that cannot go on; the message is for the person who ran it."""


# --- where the site may go -------------------------------------------------------


def check_target(root: Path, target: Path) -> None:
    """Refuse any folder whose loss would hurt: the handbook itself, its sources, or a
    folder with files that an earlier `mus build` did not make."""
    root, target = root.resolve(), target.resolve()
    protected = [root / "content", root / "guides", root / STAGING]
    if target == root or target in root.parents:
        raise BuildError(
            f"refusing to build into {target}: it holds the handbook itself; choose another folder"
        )
    for folder in protected:
        if target == folder or folder in target.parents:
            raise BuildError(
                f"refusing to build into {target}: it is inside {folder.name}/, which holds sources"
            )
    if target.exists() and not target.is_dir():
        raise BuildError(f"refusing to build into {target}: it is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise BuildError(
            f"refusing to build into {target}: the folder has files that mus build did not make "
            f"(no {MARKER} marker); empty it or choose another folder"
        )


def recover(target: Path) -> None:
    """Undo what an interrupted build left: put the old site back if the swap was cut short."""
    parent = target.parent
    if not parent.is_dir():
        return
    for leftover in sorted(parent.glob(f".{target.name}.old-*")):
        if not target.exists():
            os.rename(leftover, target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in parent.glob(f".{target.name}.new-*"):
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


# --- the staging folder ------------------------------------------------------------


@dataclass
class Synced:
    files: int
    written: int  # the files whose bytes changed
    seconds: float  # spent comparing and writing, not making the files


def sync_folder(folder: Path, files: Iterable[tuple[str, bytes]]) -> Synced:
    """Make `folder` hold exactly `files`, writing only what changed so `mus serve`
    rebuilds only what changed. Files are taken one at a time and not kept."""
    for own in (folder.parent, folder):
        if own.is_symlink():
            raise BuildError(
                f"{own} is a symbolic link; delete it: mus build makes this folder itself "
                "and would write and delete files wherever the link points"
            )
    existing = set()
    for path in list(folder.rglob("*")) if folder.exists() else []:
        if path.is_symlink():  # never write through a link into a file elsewhere
            path.unlink()
        elif path.is_file():
            existing.add(path.relative_to(folder).as_posix())
    wanted: set[str] = set()
    written = 0
    writing = 0.0
    for rel, data in files:
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


def _holds(path: Path, data: bytes) -> bool:
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


def theme_overrides() -> Path:
    return Path(str(resources.files("mus_build") / "templates" / "overrides"))


def stylesheet() -> bytes:
    return (resources.files("mus_build") / "templates" / "assets" / "mus.css").read_bytes()


# --- mkdocs ------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_config(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    language: str,
    nav: list | None,
    not_in_nav: str,
    extra: dict,
):
    """The handbook's mkdocs.yml, pointed at the staging folder, with what every mus site needs."""
    from mkdocs.config import load_config

    from .rawblocks import RawBlocks

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    options = {"docs_dir": str(docs_dir), "site_dir": str(site_dir), "strict": True, "not_in_nav": not_in_nav}
    if nav is not None:
        options["nav"] = nav
    cfg = load_config(str(config_file), **options)
    cfg.theme.dirs.insert(0, str(theme_overrides()))
    cfg.theme["language"] = language
    if "search" in cfg.plugins:
        cfg.plugins["search"].config["lang"] = [language]
    cfg.extra_css.append("assets/mus.css")
    cfg.plugins["mus-raw-blocks"] = RawBlocks()
    cfg.extra.update(extra)
    return cfg


def run_mkdocs(make_config: Callable[[], object], echo: Callable[[str], None], **build_options) -> None:
    """Build with mkdocs; its warnings fail the build (strict) and are shown to the person."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        cfg = make_config()
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg, **build_options)
        finally:
            cfg.plugins.on_shutdown()
    except (MkDocsException, SystemExit, OSError) as exc:
        details = "; ".join(collect.messages[:10]) or str(exc)
        raise BuildError(f"mkdocs could not build the site: {details}") from None
    finally:
        logger.removeHandler(collect)
    for message in collect.messages:
        echo(f"mkdocs: {message}")


def write_marker(site_dir: Path) -> None:
    (site_dir / MARKER).write_text("This folder is made by `mus build` and replaced on every build.\n")
