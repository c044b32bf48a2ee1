"""Build the site: staging folder -> mkdocs build into a new folder -> swap into place.

mkdocs empties its site_dir before building and aborts a strict build only at the
end, after writing. So mkdocs never writes into the live site: it builds into a
fresh folder beside it, the output is searched for private text, and only then is
the old site swapped out. A failed or interrupted build leaves the last good site.
"""

from __future__ import annotations

import csv
import ctypes
import gzip
import html
import io
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

MARKER = ".mus-build"
STAGING = ".mus-staging"
ROBOTS = "User-agent: *\nDisallow: /\n"


class BuildError(Exception):
    """A build that cannot go on; the message is for the person who ran it."""


@dataclass
class Timings:
    steps: dict[str, float] = field(default_factory=dict)

    def measure(self, name: str, start: float) -> float:
        now = time.perf_counter()
        self.steps[name] = self.steps.get(name, 0.0) + now - start
        return now


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


def sync_folder(folder: Path, files: Iterable[tuple[str, bytes]]) -> tuple[int, int]:
    """Make `folder` hold exactly `files`, writing only what changed so `mus serve`
    rebuilds only what changed. Files are taken one at a time and not kept.
    Returns the number of files and the number written."""
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
    for rel, data in files:
        wanted.add(rel)
        path = folder / rel
        if rel in existing and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    for rel in sorted(existing - wanted):
        (folder / rel).unlink()
    for directory in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return len(wanted), written


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


# --- private text must not be published ----------------------------------------------


def find_private_leaks(site_dir: Path, private_texts: list[tuple[str, str]]) -> list[str]:
    """Search every file of the built site for every private text; return a message per leak.

    Each file is searched as written (for the forms a text takes in HTML and JSON) and as
    a reader gets it: entities decoded, whitespace collapsed, calendar lines unfolded,
    CSV cells unquoted, sitemaps unzipped. The same sentence written privately in one
    record and publicly in another is reported too: the scan cannot tell a copy from a
    leak, and a person decides by rewording one of them.
    """
    exact: dict[str, str] = {}
    plain: dict[str, str] = {}
    for record, secret in private_texts:
        for form in (
            secret,
            html.escape(secret),
            html.escape(secret, quote=False),
            json.dumps(secret)[1:-1],
            json.dumps(secret, ensure_ascii=False)[1:-1],
        ):
            exact.setdefault(form[:SCAN_PREFIX], record)
        plain.setdefault(_collapse(secret)[:SCAN_PREFIX], record)
    if not exact:
        return []
    exact_pattern = _alternatives(exact)
    plain_pattern = _alternatives(plain)
    leaks = []
    for path in sorted(site_dir.rglob("*")):
        name = path.name.removesuffix(".gz")
        if not path.is_file() or Path(name).suffix not in _SCANNED:
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError):
                pass
        text = data.decode("utf-8", errors="replace")
        match = exact_pattern.search(text)
        found = exact.get(match.group(0)) if match else None
        if found is None:
            match = plain_pattern.search(_as_read(text, Path(name).suffix))
            found = plain.get(match.group(0)) if match else None
        if found is not None:
            leaks.append(
                f"{found}: its private text appears in {path.relative_to(site_dir).as_posix()}; "
                "if the same words are meant to be public elsewhere, word them differently"
            )
    return leaks


_SCANNED = (".html", ".json", ".xml", ".txt", ".csv", ".ics", ".js", ".css", ".svg")
# A private text is looked for by its first characters: that much identical text is a leak
# whatever follows, and it bounds the pattern below.
SCAN_PREFIX = 64


def _alternatives(texts: dict[str, str]) -> re.Pattern[str]:
    """One pattern for all texts, as a trie: `a|b|c|...` tries every text at every position
    (20,000 private lines took 20 s on a small site), a trie only the texts that share what
    was read so far. The texts are at most SCAN_PREFIX long, so it nests no deeper."""
    return re.compile(_trie(sorted(t for t in texts if t), 0))


def _trie(words: list[str], start: int) -> str:
    """The pattern for sorted, distinct words that share their first `start` characters."""
    first, last = words[0], words[-1]
    end = start
    while end < min(len(first), len(last)) and first[end] == last[end]:
        end += 1
    ends_here = len(first) == end  # sorted, so a word that is the shared part itself comes first
    rest = words[1:] if ends_here else words
    if not rest:
        return re.escape(first[start:end])
    branches = []
    i = 0
    while i < len(rest):
        j = i + 1
        while j < len(rest) and rest[j][end] == rest[i][end]:
            j += 1
        branches.append(_trie(rest[i:j], end))
        i = j
    return re.escape(first[start:end]) + "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


_WHITESPACE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    # Not " ".join(text.split()): that holds every word of a 46 MB search index as an object.
    return _WHITESPACE.sub(" ", text).strip()


def _as_read(text: str, suffix: str) -> str:
    """The text a reader gets from a file, whitespace collapsed."""
    if suffix == ".ics":  # lines folded at 75 octets; , ; \ and newlines escaped
        text = text.replace("\r\n ", "").replace("\n ", "")
        text = re.sub(r"\\([,;\\nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)
    elif suffix == ".csv":
        text = "\n".join(" ".join(row) for row in csv.reader(io.StringIO(text)))
    elif suffix == ".json":
        try:
            text = "\n".join(_strings(json.loads(text)))
        except ValueError:
            pass
    return _collapse(html.unescape(text))


def _strings(value: object) -> list[str]:
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def write_marker(site_dir: Path) -> None:
    (site_dir / MARKER).write_text("This folder is made by `mus build` and replaced on every build.\n")
