"""Run `mus` and kill it with SIGKILL at a chosen point of the build.

    python kill_at.py POINT [mus arguments...]

With KILL_AT_STOP=1 in the environment it stops itself there instead (SIGSTOP), and
goes on where it was when it gets SIGCONT: a build paused half-way.

Nothing in mus_build knows about this: the point is reached by replacing one function
of mus_build, mkdocs or os before the command starts, as a crash, an out-of-memory kill
or a power cut would interrupt it there.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys

MUS = os.getpid()  # the build; its parts (other processes) end with it


def die(*args, **kwargs):
    os.kill(MUS, signal.SIGSTOP if os.environ.get("KILL_AT_STOP") else signal.SIGKILL)


def die_alone(*args, **kwargs):
    """End the process it runs in: one part of a build in parts, the build goes on."""
    os.kill(os.getpid(), signal.SIGKILL)


def on_call(module, name: str, nth: int = 1, after: bool = False, kill=die) -> None:
    """Kill on the nth call of module.name, before it runs (or right after it returned)."""
    original = getattr(module, name)
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == nth and not after:
            kill()
        result = original(*args, **kwargs)
        if calls == nth and after:
            kill()
        return result

    setattr(module, name, wrapper)


def arm(point: str) -> None:
    import mkdocs.commands.build
    import mkdocs.structure.files

    from mus_build.pages import generate
    from mus_build.publish import leaks, site_folder, staging

    if point == "generate":  # while the pages are generated, before anything is written
        on_call(generate, "site_files")
    elif point == "staging":  # half-way through writing the staging folder
        on_call(staging.Path, "write_bytes", nth=5)
    elif point == "mkdocs-page":  # mkdocs has written some pages of the new site
        on_call(mkdocs.commands.build, "_build_page", nth=5)
    elif point == "mkdocs-part":  # one part of a build in parts dies; the others go on
        on_call(mkdocs.commands.build, "_build_page", nth=3, kill=die_alone)
    elif point == "mkdocs-assets":  # mkdocs is copying the theme's files
        on_call(mkdocs.structure.files.File, "copy_file", nth=20)
    elif point == "leak-scan":  # the new site is complete, the old one still in place
        on_call(leaks, "find_private_leaks")
    elif point == "before-swap":
        on_call(site_folder, "_exchange")
    elif point == "after-swap":  # swapped; the old site not yet deleted
        on_call(site_folder, "_exchange", after=True)
    elif point == "between-renames":  # no atomic exchange: the old site moved aside, the new not yet in
        site_folder._exchange = lambda a, b: False
        on_call(site_folder.os, "rename", nth=2)
    elif point == "after-renames":  # no atomic exchange: new site in place, old not yet deleted
        site_folder._exchange = lambda a, b: False
        remove = shutil.rmtree

        def rmtree(path, *args, **kwargs):
            if ".old-" in os.path.basename(path):
                die()
            return remove(path, *args, **kwargs)

        shutil.rmtree = rmtree
    elif point == "search-index":  # the index half made beside the new site
        from mus_build.publish import search_index

        on_call(search_index, "_keep_used_parts")
    elif point != "none":
        raise SystemExit(f"unknown point {point!r}")


if __name__ == "__main__":
    arm(sys.argv[1])
    from mus_build.cli import main

    sys.argv = ["mus", *sys.argv[2:]]
    main()
