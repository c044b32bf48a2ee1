"""The processes a build divides its work among (`mus build -j N`)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor


def pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` processes that end with the build. Forked on Linux, so they start at once
    with everything imported; elsewhere fork is unsafe, and they start afresh."""
    start = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(jobs, start, initializer=_end_with, initargs=(os.getpid(),))


def _end_with(build_process: int) -> None:
    """A part outlives no killed build (it would write into the folder the next build
    clears): on Linux the kernel ends it when the build process ends."""
    if sys.platform == "linux":
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() != build_process:  # the build ended before that took effect
            os._exit(1)
