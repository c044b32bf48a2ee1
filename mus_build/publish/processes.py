"""The processes a build divides its work among (`mus build -j N`)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from mus_build.errors import MusError
from mus_build.messages import say


def usable_cores() -> int:
    """The cores this process may use: a CI container may get fewer than the machine has."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def pool(jobs: int, failing: str) -> Iterator[ProcessPoolExecutor]:
    """`jobs` processes that end with the build. Forked on Linux, so they start at once
    with everything imported; elsewhere fork is unsafe, and they start afresh. One that
    is killed (for want of memory, say) fails the work as `failing`, said to the person."""
    start = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    try:
        with ProcessPoolExecutor(jobs, start, initializer=_end_with, initargs=(os.getpid(),)) as executor:
            yield executor
    except BrokenProcessPool:
        raise MusError(say("process_died", failing=failing)) from None


def _end_with(build_process: int) -> None:
    """A part outlives no killed build (it would write into the folder the next build
    clears): on Linux the kernel ends it when the build process ends."""
    if sys.platform == "linux":
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != build_process:  # the build ended before that took effect
            os._exit(1)
