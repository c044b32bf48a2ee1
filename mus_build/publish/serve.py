"""`mus serve`: a live preview on localhost that regenerates when content/, guides/
or mkdocs.yml change.

Each change reloads and checks everything, restages only the files whose text
changed, and lets mkdocs rebuild only those (a dirty build). A record with errors
keeps the last good preview and prints the problems.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mus_build.check.config import load_config
from mus_build.check.load import load_all
from mus_build.check.problems import Problem, errors, sort_problems
from mus_build.errors import MusError
from mus_build.model.layout import CONTENT_DIR, GUIDES_DIR
from mus_build.pages import notes
from mus_build.publish.build import mkdocs_config_for, stage
from mus_build.publish.builder import run_mkdocs
from mus_build.timings import Timings


def serve(
    config_file: Path, today: Callable[[], dt.date], host: str, port: int, echo: Callable[[str], None]
) -> None:
    from mkdocs.livereload import LiveReloadServer, _serve_url

    notes.keep_rendered()
    site_dir = Path(tempfile.mkdtemp(prefix="mus-serve-"))
    serve_url = _serve_url(host, port, "/")
    first = True

    def quiet_dirty(message: str) -> None:
        if "'dirty' build" not in message:  # mkdocs warns about the very thing that makes reloads fast
            echo(message)

    def builder() -> None:
        nonlocal first
        config, problems = load_config(config_file)
        handbook, topics, found, _ = load_all(config, today())
        if errors(problems + found):
            _report(problems + found, echo)
            return
        staged = stage(config, handbook, topics, today(), echo, Timings())

        def make_config():
            cfg = mkdocs_config_for(config, staged, site_dir)
            cfg.site_url = serve_url
            cfg.strict = False  # a preview shows warnings but keeps serving
            return cfg

        try:
            run_mkdocs(make_config, quiet_dirty, serve_url=serve_url, dirty=not first)
            first = False
        except MusError as exc:
            echo(f"Error: {exc}")

    root = config_file.parent
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path="/")
    try:
        builder()
        for watched in (root / CONTENT_DIR, root / GUIDES_DIR, config_file):
            if watched.exists():
                server.watch(str(watched))
        echo(f"Serving the handbook on {serve_url} (Ctrl+C stops).")
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _report(problems: list[Problem], echo: Callable[[str], None]) -> None:
    for problem in sort_problems(problems):
        echo(str(problem))
    echo("The preview shows the last version without errors.")
