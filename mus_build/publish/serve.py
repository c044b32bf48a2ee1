"""`mus serve`: a live preview on localhost that regenerates when content/, guides/
or mkdocs.yml change.

Each change reloads and checks everything, restages only the files whose text
changed, and lets mkdocs rebuild only those (a dirty build). A record with errors
keeps the last good preview and prints the problems. The preview stages and builds in
a folder of its own, so it never meets a `mus build` running in the same handbook.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.check.problems import errors, sort_problems
from mus_build.errors import MusError
from mus_build.model.layout import CONTENT_DIR, GUIDES_DIR
from mus_build.model.settings import Config
from mus_build.pages import paths
from mus_build.pages.notes import RenderedNotes
from mus_build.publish import builder, search_index
from mus_build.publish.build import stage
from mus_build.timings import Timings


def serve(
    config_file: Path, today: Callable[[], dt.date], host: str, port: int, echo: Callable[[str], None]
) -> None:
    work = Path(tempfile.mkdtemp(prefix="mus-serve-"))
    docs_dir, site_dir = work / "docs", work / "site"
    site_dir.mkdir()
    url = builder.serve_url(host, port)
    rendered = RenderedNotes()
    first = True

    def rebuild() -> None:
        nonlocal first
        day = today()
        config, problems = load_config(config_file)
        sources = load_sources(config, day)
        problems += sources.problems
        if errors(problems):
            for problem in sort_problems(problems):
                echo(str(problem))
            echo("The preview shows the last version without errors.")
            return
        staged = stage(config, sources, day, docs_dir, echo, Timings(), rendered.render)
        rendered.end_round()
        try:
            builder.preview(config, staged.docs_dir, site_dir, staged.nav, url, first, echo)
            first = False
            _index(config, site_dir, work / "search")
        except MusError as exc:
            echo(f"Error: {exc}")

    root = config_file.parent
    try:
        rebuild()
        builder.serve(
            site_dir, host, port, rebuild, [root / CONTENT_DIR, root / GUIDES_DIR, config_file], echo
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _index(config: Config, site_dir: Path, out_dir: Path) -> None:
    """The preview searches everything, as HR does: one index, made again after each change."""
    every = search_index.bundles(readers=None)
    search_index.build(site_dir, out_dir, every, config)
    shutil.rmtree(site_dir / paths.SEARCH_BUNDLE, ignore_errors=True)
    search_index.move_into(out_dir, site_dir)
