"""The preview's search index, made again after each rebuild in a thread of its own.

Pagefind reads every page again however little changed (it cannot update an index), which
takes longer than the rebuild itself; so the rebuilt pages are served at once, and the
search finds the change a few seconds later. The index is made at a lower priority, leaves
a core free and is held still while a save is rebuilt (`held`), so the save comes first;
saves made while it runs are indexed together, once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from mus_build.errors import MusError
from mus_build.messages import say, speaking
from mus_build.model.settings import Config
from mus_build.pages import paths
from mus_build.publish import processes, search_index

NICENESS = 10
# Pagefind's threads: one fewer than the cores this process may use, so that a save's
# round, which needs one, does not share it with the index of the last save. On two cores,
# at 10,000 people, a round took 1.9-2.2 s beside an index on both cores, 1.4-1.6 s beside
# one on one. The index takes longer; nobody waits for it.
_SPARED_A_CORE = max(1, processes.usable_cores() - 1)


class BackgroundSearch:
    def __init__(self, site_dir: Path, out_dir: Path, site_lock: threading.Lock, echo: Callable[[str], None]):
        self._site_dir, self._out_dir, self._site_lock, self._echo = site_dir, out_dir, site_lock, echo
        self._wanted: Config | None = None
        self._stopping = False
        self._runs = search_index.Runs()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="mus-search-index", daemon=True)
        self._thread.start()

    def request(self, config: Config) -> None:
        """Index the site as it is now, after the index being made, if any, is done."""
        with self._changed:
            self._wanted = config
            self._changed.notify()

    def stop(self, wait: float) -> None:
        """Give up the index being made, if any, and end the thread."""
        with self._changed:
            self._stopping = True
            self._runs.stop()
            self._changed.notify()
        self._thread.join(wait)

    def held(self) -> contextlib.AbstractContextManager[None]:
        """Hold the index being made still for the block: a round of the preview is faster
        with the machine to itself, even beside an index on a core of its own."""
        return self._runs.held()

    def _run(self) -> None:
        _lower_priority()
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._wanted is not None or self._stopping)
                if self._stopping:
                    return
                config, self._wanted = self._wanted, None
            assert config is not None
            try:
                self._index(config)
            except search_index.Stopped:
                return
            except (MusError, OSError) as exc:
                with self._changed:
                    # A rebuild that wrote pages while Pagefind read them asks again anyway.
                    if self._wanted is None and not self._stopping:
                        with speaking(config.settings.language):  # a thread of its own
                            self._echo(say("preview_no_search", error=exc))

    def _index(self, config: Config) -> None:
        """The preview searches everything, as HR does: one index."""
        every = search_index.bundles(readers=None)
        search_index.build(
            self._site_dir, self._out_dir, every, config, threads=_SPARED_A_CORE, runs=self._runs
        )
        with self._site_lock:  # not while mkdocs empties or writes the site
            shutil.rmtree(self._site_dir / paths.SEARCH_BUNDLE, ignore_errors=True)
            search_index.move_into(self._out_dir, self._site_dir)


def _lower_priority() -> None:
    """Lower this thread's priority, and so that of the threads and Pagefind processes it
    starts. Only Linux sets it per thread; elsewhere the whole preview would be slowed."""
    if sys.platform != "linux":
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
    except OSError:
        pass
