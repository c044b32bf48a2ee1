"""Every call into mkdocs: the configuration of a mus site, the build, and the preview
server. Another builder (mkdocs-ng, a successor of mkdocs-material) replaces this module."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from mus_build.errors import MusError

ROBOTS = "User-agent: *\nDisallow: /\n"


def theme_overrides() -> Path:
    return Path(str(resources.files("mus_build") / "publish" / "theme" / "overrides"))


def stylesheet() -> bytes:
    return (resources.files("mus_build") / "publish" / "theme" / "assets" / "mus.css").read_bytes()


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

    from mus_build.publish.rawblocks import RawBlocks

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
        raise MusError(f"mkdocs could not build the site: {details}") from None
    finally:
        logger.removeHandler(collect)
    for message in collect.messages:
        echo(f"mkdocs: {message}")
