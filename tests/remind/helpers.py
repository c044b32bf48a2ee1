"""Running `mus remind` as a user would, with the environment it reads."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mus_build.cli import main

from ..conftest import TODAY

# Nothing from the machine's own environment may decide a test's outcome.
CLEAN = {"MUS_SMTP_USER": None, "MUS_SMTP_PASSWORD": None, "MUS_CHAT_WEBHOOK": None}


def remind(root: Path, *args: str, env: dict[str, str] | None = None):
    environment: dict[str, str | None] = {**CLEAN, **(env or {})}
    return CliRunner().invoke(
        main, ["remind", "-f", str(root / "mkdocs.yml"), "--today", TODAY.isoformat(), *args], env=environment
    )


def send(root: Path, server: str, *args: str, env: dict[str, str] | None = None):
    """`mus remind --send` through the test's SMTP server."""
    return remind(root, "--send", "--smtp", server, "--security", "none", *args, env=env)
