"""`mus serve`: a live preview on localhost that rebuilds when content/, guides/ or
mkdocs.yml change.

Each change is rebuilt as far as it reaches (publish/preview_build.py) and served as soon
as its pages are; the changed exports follow at once, and the search index a few seconds
later (background_search.py). A record with errors keeps the last good preview and
prints the problems. The preview stages and builds in a folder of its own, so it never
meets a `mus build` running in the same handbook.
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from mus_build.messages import say
from mus_build.model.layout import CONTENT_DIR, GUIDES_DIR
from mus_build.publish import builder
from mus_build.publish.background_search import BackgroundSearch
from mus_build.publish.preview_build import PreviewBuild

# How long Ctrl+C waits for the search index's thread, which gives up an index being made
# (publish/background_search.py), before the preview's folder goes.
STOP_WAIT = 10
# How long after a round the collector looks at what it made (PreviewBuild.tidy): the
# browser has loaded the page from this machine by then, and a save made a second after
# the last does not find it still looking (0.15 s at 10,000 people).
TIDY_AFTER = 0.5


def serve(
    config_file: Path, today: Callable[[], dt.date], host: str, port: int, echo: Callable[[str], None]
) -> None:
    _stop_when_terminated()
    work = Path(tempfile.mkdtemp(prefix="mus-serve-"))
    preview = PreviewBuild(config_file, work, builder.serve_url(host, port), echo)
    search = BackgroundSearch(preview.site_dir, work / "search", preview.site_lock, echo)

    noticed = _Noticed()
    tidy = _Later(TIDY_AFTER, preview.tidy)

    def rebuild() -> None:
        tidy.cancel()
        with search.held():
            config = preview.rebuild(today(), noticed.take())
        tidy.start()  # the server reloads the browser when this returns
        if config is not None:
            search.request(config)

    root = config_file.parent
    try:
        watched = [root / CONTENT_DIR, root / GUIDES_DIR, config_file]
        builder.serve(preview.site_dir, host, port, rebuild, watched, echo, noticed.add)
    finally:
        # Removing the preview's site and staged files takes seconds (20 s at 10,000 people).
        echo(say("preview_stopping", folder=work))
        tidy.cancel()
        preview.finish_writes()
        search.stop(wait=STOP_WAIT)
        shutil.rmtree(work, ignore_errors=True)


def _stop_when_terminated() -> None:
    """Stop on SIGTERM (`kill`, a service manager) as on Ctrl+C. Left to the default, the
    preview would end without removing its folder or ending the Pagefind it runs, which
    goes on for a minute, with gigabytes, at 10,000 people."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _Noticed:
    """The paths the system told of a write in, from the watching thread to the next round."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()

    def add(self, path: str) -> None:
        with self._lock:
            self._paths.add(path)

    def take(self) -> set[str]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


class _Later:
    """A call made once, some time after `start`, unless `cancel`ed first."""

    def __init__(self, seconds: float, call: Callable[[], None]) -> None:
        self._seconds, self._call = seconds, call
        self._timer: threading.Timer | None = None

    def start(self) -> None:
        self.cancel()
        self._timer = threading.Timer(self._seconds, self._call)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
