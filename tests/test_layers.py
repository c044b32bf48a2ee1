"""The package's stages import one way, down the flow: a test keeps it so.

model is plain data that every stage shares; check reads the sources into it; history
reads what Git proves about sign-offs, beside check; pages
are generated from it; publish stages the pages and runs the builder; remind mails
what is due (beside publish: it never builds); scaffold writes new sources; cli sits on top. A stage never imports one above it or beside it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "mus_build"

# What each part may import from mus_build besides itself.
ALLOWED = {
    "errors": set(),
    "messages": set(),  # the words of every message, below every stage that speaks
    "timings": set(),
    "model": set(),
    "check": {"model", "errors", "messages", "timings"},
    "history": {"model", "check", "errors", "messages"},  # what Git proves about sign-offs
    "pages": {"model"},
    "access": {"model", "pages"},
    "publish": {"model", "check", "history", "pages", "access", "errors", "messages", "timings"},
    "remind": {"model", "check", "pages", "access", "errors", "messages"},
    "scaffold": {"model", "errors", "messages", "__init__"},
    "people_import": {"model", "check", "scaffold", "messages"},
    "cli": {
        "model",
        "check",
        "history",
        "pages",
        "access",
        "publish",
        "remind",
        "scaffold",
        "people_import",
        "errors",
        "messages",
        "timings",
        "__init__",
    },
    "__main__": {"cli"},
    "__init__": set(),
}


def part_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_parts(path: Path) -> set[tuple[str, int]]:
    """Every part of mus_build the module imports, anywhere in it (imports inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: write mus_build imports in full, not relative"
            if node.module == "mus_build":
                names = [alias.name for alias in node.names]
            elif node.module and node.module.startswith("mus_build."):
                names = [node.module.split(".")[1]]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("mus_build.")]
        found.update((name if name != "__version__" else "__init__", node.lineno) for name in names)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "skeleton" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_run_down_the_flow(path):
    part = part_of(path)
    assert part in ALLOWED, f"{path.relative_to(PACKAGE)} belongs to no stage; add it to ALLOWED"
    wrong = sorted(
        f"line {line}: {part} imports {other}"
        for other, line in imported_parts(path)
        if other != part and other not in ALLOWED[part]
    )
    assert not wrong, f"{path.relative_to(PACKAGE)}: " + "; ".join(wrong)


def test_the_stages_are_folders():
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == {
        "model",
        "check",
        "pages",
        "publish",
        "scaffold",
        "access",
        "remind",
        "people_import",
        "messages",
        "history",
    }
