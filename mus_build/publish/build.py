"""`mus build`, phase by phase: generate pages, stage them, run mkdocs beside the
live site, search the result for private text, then swap it into place."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mus_build.check.config import Config
from mus_build.check.yamltree import Scalar
from mus_build.errors import MusError
from mus_build.model.derive import Derived
from mus_build.model.handbook import Handbook
from mus_build.model.layout import GUIDES_DIR, QUESTIONS_FILE
from mus_build.model.topics import Topic
from mus_build.pages import generate
from mus_build.pages.context import PageContext
from mus_build.pages.exports import exports
from mus_build.pages.texts import Texts
from mus_build.publish import builder, leaks, site_folder, staging
from mus_build.timings import Timings

QUESTION_GUIDE_NAME = "sporgeguide.md"  # generated from guides/questions.yml


def _config_text(config: Config, key: str) -> str | None:
    node = config.raw.get(key) if config.raw else None
    return node.text.strip() if isinstance(node, Scalar) and node.text.strip() else None


def edit_base(config: Config) -> str | None:
    repo_url, edit_uri = _config_text(config, "repo_url"), _config_text(config, "edit_uri")
    if not repo_url or edit_uri is None:
        return None
    if edit_uri.startswith(("http://", "https://")):
        return edit_uri.rstrip("/") + "/"
    return f"{repo_url.rstrip('/')}/{edit_uri.strip('/')}/"


def guide_files(root: Path) -> dict[str, bytes]:
    """The guide as it is on disk, keyed by its path under guides/."""
    folder = root / GUIDES_DIR
    if not folder.is_dir():
        return {}
    # Links are refused by `mus check`; skipping them here too means none is ever followed.
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not p.is_symlink()
        and p.relative_to(root).as_posix() != QUESTIONS_FILE
        and not p.name.startswith(".")
    }


def guide_order(files: dict[str, bytes], with_question_guide: bool) -> list[str]:
    """index.md first, then pages in the order the guide's front page links to them, then the rest."""
    pages_md = [name for name in files if name.endswith(".md")]
    if with_question_guide:
        pages_md.append(QUESTION_GUIDE_NAME)
    linked = re.findall(r"\]\(([\w./-]+\.md)", files.get("index.md", b"").decode("utf-8", "replace"))
    order = ["index.md"] if "index.md" in files else []
    for name in [*linked, *sorted(pages_md)]:
        if name not in order and name in pages_md:
            order.append(name)
    return order


def staged_files(
    ctx: PageContext, topics: list[Topic], guides: dict[str, bytes], config: Config
) -> Iterator[tuple[str, bytes]]:
    """Every file of the staging folder, made one at a time."""
    for path, text in generate.generate(ctx, topics):
        yield path, text.encode("utf-8")
    base = edit_base(config)
    for name, data in guides.items():
        if name.endswith(".md"):
            url = f"{base}{GUIDES_DIR}/{name}" if base else None
            data = generate.with_edit_url(data.decode("utf-8-sig"), url).encode("utf-8")
        yield f"{generate.GUIDE_DIR}/{name}", data
    yield from exports(ctx.handbook, ctx.derived, ctx.texts, _config_text(config, "site_url"))
    yield "assets/mus.css", builder.stylesheet()
    if config.settings.noindex:
        yield "robots.txt", builder.ROBOTS.encode()


@dataclass
class Staged:
    docs_dir: Path
    nav: list | None  # None when mkdocs.yml has its own nav


def stage(
    config: Config,
    handbook: Handbook,
    topics: list[Topic],
    today: dt.date,
    echo: Callable[[str], None],
    timings: Timings,
) -> Staged:
    """Generate every page and bring the staging folder up to date."""
    start = time.perf_counter()
    settings = config.settings
    derived = Derived(handbook, settings, today)
    guides = guide_files(config.root)
    ctx = PageContext(
        handbook,
        derived,
        Texts(settings.language),
        _config_text(config, "site_name") or "MUS",
        edit_base(config),
        has_guide="index.md" in guides,
        directory_urls=_config_text(config, "use_directory_urls") != "false",
    )
    docs_dir = config.root / staging.STAGING / "docs"
    synced = staging.sync_folder(docs_dir, staged_files(ctx, topics, guides, config))
    echo(f"Generated {synced.files} files ({synced.written} changed) for {len(handbook.people)} people.")
    timings.add("generate", time.perf_counter() - start - synced.seconds)
    timings.add("write", synced.seconds)
    has_nav = config.raw is not None and config.raw.get("nav") is not None
    return Staged(docs_dir, None if has_nav else generate.default_nav(ctx, guide_order(guides, bool(topics))))


def mkdocs_config_for(config: Config, staged: Staged, site_dir: Path):
    return builder.mkdocs_config(
        config.root / config.path,
        staged.docs_dir,
        site_dir,
        config.settings.language,
        staged.nav,
        generate.NOT_IN_NAV,
        {"mus_noindex": config.settings.noindex},
    )


def stage_site(
    config: Config,
    handbook: Handbook,
    topics: list[Topic],
    today: dt.date,
    target: Path,
    echo: Callable[[str], None],
    timings: Timings,
    progress: Callable[[str], None] = lambda message: None,
) -> Staged:
    """The first half of `mus build`: refuse a folder that must not be replaced, then
    stage every page. The caller can let go of the handbook before `publish`."""
    site_folder.check_target(config.root, target)
    site_folder.recover(target)
    progress(f"Generating the pages of {len(handbook.people)} people…")
    return stage(config, handbook, topics, today, echo, timings)


def publish(
    config: Config,
    staged: Staged,
    private_texts: list[tuple[str, str]],
    target: Path,
    echo: Callable[[str], None],
    timings: Timings,
    progress: Callable[[str], None] = lambda message: None,
) -> None:
    """The second half: mkdocs into a new folder beside the target, the search for
    private text, and the swap into place."""
    start = time.perf_counter()
    new_site = target.with_name(f".{target.name}.new-{os.getpid()}")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        progress("Building the site with mkdocs (the longest step)…")
        builder.run_mkdocs(lambda: mkdocs_config_for(config, staged, new_site), echo)
        start = timings.measure("mkdocs", start)
        progress("Searching the new site for private text…")
        found = leaks.find_private_leaks(new_site, private_texts)
        start = timings.measure("private scan", start)
        if found:
            raise MusError("private text would be published; nothing was changed:\n  " + "\n  ".join(found))
        site_folder.write_marker(new_site)
        site_folder.swap_into_place(new_site, target)
        timings.measure("swap", start)
    finally:
        shutil.rmtree(new_site, ignore_errors=True)
