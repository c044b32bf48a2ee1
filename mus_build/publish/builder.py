"""Every call into mkdocs: the configuration of a mus site, the build, and the preview
server; kept_site.py beside it keeps the preview's mkdocs loaded between saves. mus hands
it plain Markdown in a staging folder and takes back a folder of HTML; another builder
(mkdocs-ng, a successor of mkdocs-material) replaces these two modules alone.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.model.settings import Config
from mus_build.pages import paths
from mus_build.pages.texts import Texts
from mus_build.publish import processes

if TYPE_CHECKING:
    from mus_build.publish.kept_site import KeptSite
    from mus_build.publish.parts import Part

Echo = Callable[[str], None]


def theme_overrides() -> Path:
    return Path(str(resources.files("mus_build") / "publish" / "theme" / "overrides"))


def theme_assets() -> list[tuple[str, bytes]]:
    """mus's stylesheet and search script, as (path in the site, bytes)."""
    folder = resources.files("mus_build") / "publish" / "theme" / "assets"
    return [
        (path, (folder / posixpath.basename(path)).read_bytes())
        for path in (paths.STYLESHEET, paths.SEARCH_SCRIPT)
    ]


def build(
    config: Config,
    docs_dir: Path,
    site_dir: Path,
    nav: list | None,
    echo: Echo,
    reader_search: bool = False,
    jobs: int = 1,
) -> None:
    """Build the site strictly: any warning of mkdocs fails the build. `reader_search`:
    each reader also searches their own index, served by the web server's rules. `jobs`
    processes build a part of the pages each (publish/parts.py); a failed part fails the
    build with its reason."""
    if jobs <= 1:
        warnings = _build_part(config, docs_dir, site_dir, nav, reader_search)
    else:
        warnings = _build_in_parts(config, docs_dir, site_dir, nav, reader_search, jobs)
    for message in dict.fromkeys(warnings):  # every part warns alike about the guide
        echo(f"mkdocs: {message}")


def _build_in_parts(
    config: Config, docs_dir: Path, site_dir: Path, nav: list | None, reader_search: bool, jobs: int
) -> list[str]:
    from mus_build.publish import parts

    folders = [site_dir] + [parts.part_folder(site_dir, number) for number in range(1, jobs)]
    try:
        with processes.pool(jobs, failing=say("mkdocs_failed_short")) as pool:
            running = [
                pool.submit(
                    _build_part, config, docs_dir, folder, nav, reader_search, parts.Part(number, jobs)
                )
                for number, folder in enumerate(folders)
            ]
            warnings = [message for part in running for message in part.result()]
        for folder in folders[1:]:
            parts.merge(folder, site_dir)
    finally:
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)
    return warnings


def _build_part(
    config: Config,
    docs_dir: Path,
    site_dir: Path,
    nav: list | None,
    reader_search: bool,
    part: Part | None = None,
) -> list[str]:
    """One mkdocs build of the whole site, or of one part of it; its warnings."""
    with _mkdocs_run() as warnings:
        mkdocs_config = _mkdocs_config(config, docs_dir, site_dir, nav, reader_search)
        if part is not None:
            from mus_build.publish.parts import PartOfSite

            mkdocs_config.plugins["mus-part"] = PartOfSite(part)
        _build(mkdocs_config)
    return warnings


def preview(
    config: Config, docs_dir: Path, site_dir: Path, nav: list | None, url: str, first: bool, echo: Echo
) -> KeptSite | None:
    """Build for `mus serve`: warnings are shown but do not stop the preview, and after the
    first build mkdocs rebuilds only the pages whose source changed. The site as mkdocs
    made it, for `update_preview` to render the next save's pages into."""
    from mus_build.publish.kept_site import Keep

    with _mkdocs_run() as warnings:
        mkdocs_config = _mkdocs_config(config, docs_dir, site_dir, nav)
        mkdocs_config.site_url = url
        mkdocs_config.strict = False
        keep = Keep()
        mkdocs_config.plugins["mus-keep"] = keep  # last: it keeps what the other plugins made
        _build(mkdocs_config, serve_url=url, dirty=not first)
    _show_warnings(warnings, echo)
    return keep.site()


def update_preview(site: KeptSite, written: list[str], echo: Echo) -> bool:
    """Render into the preview only the staged files `written` (paths in the staging
    folder), with the site the last build made; False, having written nothing, when they
    are not all files that site has, and only a build will do."""
    if not site.can_render(written):
        return False
    with _mkdocs_run() as warnings:
        site.render(written)
    _show_warnings(warnings, echo)
    return True


def _show_warnings(warnings: list[str], echo: Echo) -> None:
    for message in warnings:
        if "'dirty' build" not in message:  # mkdocs warns about the very thing that makes reloads fast
            echo(message)


def serve_url(host: str, port: int) -> str:
    from mkdocs.livereload import _serve_url

    return _serve_url(host, port, "/")


def serve(
    site_dir: Path,
    host: str,
    port: int,
    rebuild: Callable[[], None],
    watched: list[Path],
    echo: Echo,
    noticed: Callable[[str], None] = lambda path: None,
) -> None:
    """Build, then serve the folder on host:port until Ctrl+C, calling `rebuild` again when
    a watched path changes; the browser reloads the page after each rebuild. `noticed` is
    told of each path written, before the rebuild it starts."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir), mount_path="/")
    observer: Any = _StartedOnce(_WritesOnly(_observer(watched), noticed))
    server.observer = observer
    server.set_app(_only_for_own_names(host, port, server.serve_request))
    for path in watched:
        if path.exists():
            server.watch(str(path))
    try:
        # Watching starts before the first round, so that a file saved while it runs (minutes,
        # in a large handbook) starts the next round instead of going unnoticed.
        observer.start()
        rebuild()
        echo(say("preview_serving", url=serve_url(host, port)))
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _observer(watched: list[Path]) -> Any:
    """The system's own notice of changed files (inotify) where it can watch every folder:
    mkdocs' polling reads the state of every file twice a second, which at 10,000 people
    keeps a core busy and slows each rebuild; polling where the system cannot."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    probe = Observer()
    try:
        for path in watched:
            if path.exists():
                probe.schedule(FileSystemEventHandler(), str(path), recursive=path.is_dir())
        probe.start()
    except OSError:  # too many folders for the system's limit of watches, say
        return PollingObserver(timeout=0.5)
    finally:
        probe.stop()
    return Observer()


class _StartedOnce:
    """An observer started before the server's first round; the server's own start finds
    it running and leaves it so."""

    def __init__(self, observer: Any) -> None:
        self._observer = observer
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._observer.start()

    def __getattr__(self, name: str) -> Any:  # schedule, stop, join, unschedule
        return getattr(self._observer, name)


class _WritesOnly:
    """An observer that passes on the events that change a file, not those that only read
    it: every rebuild reads the sources, which would start the next one. The system is
    asked not to tell of reads at all: a round that reads 60,000 records (10,000 people)
    overflowed its queue of events, and watchdog, to catch up, listed every folder
    again, which the system told of as reads too, and so on without end. `noticed` is
    told of the paths written."""

    READS = ("opened", "closed_no_write")

    def __init__(self, observer: Any, noticed: Callable[[str], None]) -> None:
        self._observer = observer
        self._noticed = noticed

    def schedule(self, handler: Any, path: str, **options: Any) -> Any:
        from watchdog import events

        options.setdefault(
            "event_filter",
            [
                events.FileCreatedEvent,
                events.DirCreatedEvent,
                events.FileModifiedEvent,
                events.DirModifiedEvent,
                events.FileMovedEvent,
                events.DirMovedEvent,
                events.FileDeletedEvent,
                events.DirDeletedEvent,
                events.FileClosedEvent,
            ],
        )

        def dispatch(event: Any) -> None:
            if event.event_type not in self.READS:
                for written in (event.src_path, getattr(event, "dest_path", "")):
                    if written:
                        self._noticed(os.fsdecode(written))
                handler.dispatch(event)

        from watchdog.events import FileSystemEventHandler

        writes = FileSystemEventHandler()
        writes.dispatch = dispatch  # type: ignore[method-assign]
        return self._observer.schedule(writes, path, **options)

    def __getattr__(self, name: str) -> Any:  # start, stop, join, unschedule
        return getattr(self._observer, name)


def _only_for_own_names(host: str, port: int, app: Any) -> Any:
    """The preview's WSGI app, answering only requests addressed to the preview itself.
    A web page can point a name of its own at 127.0.0.1 (DNS rebinding) and read the
    preview as its own site; the browser then sends that name in Host, which gets 403."""
    own = f"[{host}]" if ":" in host else host  # an IPv6 address, as Host writes it
    refusal = say("preview_other_name", own=f"http://{own}:{port}/", local=f"http://localhost:{port}/")
    names = {own, "localhost", "127.0.0.1"}
    allowed = {f"{name}:{port}".lower() for name in names}
    if port == 80:  # browsers leave the default port out of Host
        allowed |= {name.lower() for name in names}

    def guarded(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("HTTP_HOST", "").lower() in allowed:
            return app(environ, start_response)
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
        return [f"{refusal}\n".encode()]

    return guarded


def _mkdocs_config(
    config: Config, docs_dir: Path, site_dir: Path, nav: list | None, reader_search: bool = False
) -> Any:
    """The handbook's mkdocs.yml, pointed at the staging folder, with what every mus site needs."""
    from mkdocs.config import load_config

    from mus_build.publish.rawblocks import RawBlocks

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    options: dict[str, Any] = {
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "strict": True,
        "not_in_nav": paths.NOT_IN_NAV,
    }
    if nav is not None:
        options["nav"] = nav
    language = config.settings.language
    mkdocs_config = load_config(str(config.file), **options)
    mkdocs_config.theme.dirs.insert(0, str(theme_overrides()))
    mkdocs_config.theme["language"] = language
    # mus searches with Pagefind (publish/search_index.py): the theme's own search would
    # put a second index of every page in the site, and a box that searches it.
    mkdocs_config["plugins"] = _without_theme_search(mkdocs_config.plugins)
    mkdocs_config.extra_css.append(paths.STYLESHEET)
    texts = Texts(language)
    mkdocs_config.extra["mus_search"] = {
        "failed": texts("search_failed"),
        "reader_index": f"{paths.READER_SEARCH}/" if reader_search else "",
    }
    # A speed layer only: the site comes out the same without it (tests/test_site.py).
    mkdocs_config.plugins["mus-raw-blocks"] = RawBlocks()
    mkdocs_config.extra["mus_noindex"] = config.settings.noindex
    return mkdocs_config


def _without_theme_search(plugins: Any) -> Any:
    """The plugins of mkdocs.yml but the theme's search (also mkdocs' default plugin)."""
    from mkdocs.plugins import PluginCollection

    kept = PluginCollection()
    for name, plugin in plugins.items():
        if name not in ("search", "material/search"):
            kept[name] = plugin
    return kept


def _build(mkdocs_config: Any, **build_options: Any) -> None:
    from mkdocs.commands.build import build as mkdocs_build

    mkdocs_config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(mkdocs_config, **build_options)
    finally:
        mkdocs_config.plugins.on_shutdown()


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_run() -> Iterator[list[str]]:
    """mkdocs' warnings while the block runs, to show to the person; a failure of mkdocs
    becomes one MusError that gives its first warnings as the reason."""
    from mkdocs.exceptions import MkDocsException

    messages: list[str] = []
    handler = _Collect(messages)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    except (MkDocsException, SystemExit) as exc:
        details = "; ".join(messages[:10]) or str(exc)
        raise MusError(say("mkdocs_failed", details=details)) from None
    finally:
        logger.removeHandler(handler)
