"""`mus init`: a new handbook that builds at once, with the guide, settings and CI."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from mus_build import __version__
from mus_build.errors import MusError
from mus_build.messages import say

PIPELINES = {
    "check.yml": ".github/workflows/check.yml",
    "nightly.yml": ".github/workflows/nightly.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}


def skeleton() -> Path:
    return Path(str(resources.files("mus_build") / "scaffold" / "skeleton"))


def init_handbook(target: Path, example: bool) -> list[str]:
    """Create the handbook in `target`, which must be missing or empty; return what was written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise MusError(say("init_not_empty", folder=target))
    source = skeleton()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(source / "gitignore", target / ".gitignore")
    shutil.copy(source / "CODEOWNERS", target / "CODEOWNERS")
    # The form in the browser: `npm ci` installs Decap CMS as pinned here.
    shutil.copy(source / "package.json", target / "package.json")
    shutil.copy(source / "package-lock.json", target / "package-lock.json")
    shutil.copytree(source / "guides", target / "guides")
    if example:
        shutil.copytree(source / "example", target / "content")
    else:
        (target / "content/people").mkdir(parents=True)
        (target / "content/people/.gitkeep").write_text("")
    for name, rel in PIPELINES.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / "ci" / name, target / rel)
    (target / "requirements.txt").write_text(
        f"# The version of mus this handbook is checked and built with.\nmus-build=={__version__}\n"
    )
    return sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
