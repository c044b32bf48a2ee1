"""decap-server (npm), Decap CMS's local backend, over a handbook on this machine, and a
built site's form pointed at it: for the form's browser tests and its screenshot."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(root: Path, mode: str) -> tuple[subprocess.Popen, str]:
    """decap-server on 127.0.0.1 reading and writing `root`: as files (`fs`) or as a Git
    repository with a branch per entry (`git`). Returns the process and its API address."""
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": mode,
        "GIT_REPO_DIRECTORY": str(root),
        "LOG_LEVEL": "error",
    }
    server = subprocess.Popen(["node", str(SERVER)], cwd=root, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, f"http://127.0.0.1:{port}/api/v1"
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("decap-server did not start")


def point_form_at(root: Path, site: Path, api: str, workflow: bool) -> None:
    """The built site's admin/ pointed at decap-server, as `mus serve` points it at
    `npx decap-server` (a built site never has a local backend). Its files mode has no
    editorial workflow, so without `workflow` the form saves at once."""
    from mus_build.check.config import load_config
    from mus_build.publish import editor

    config, problems = load_config(root / "mkdocs.yml")
    if problems:
        raise RuntimeError(f"{root}: {problems[0]}")
    made = editor.site_files(config, local_backend=api, workflow=workflow)
    if made.left_out is not None:
        raise RuntimeError(made.left_out)
    for rel, data in made.files:
        if rel.endswith(("config.yml", "index.html")):
            (site / rel).write_bytes(data)
