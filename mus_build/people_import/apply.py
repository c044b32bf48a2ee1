"""The plan as the lines HR reads, and the plan written into the person files."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from mus_build.model.layout import person_file
from mus_build.people_import.frontmatter_edit import Value, render, set_keys
from mus_build.people_import.plan import Plan
from mus_build.scaffold.new import person_template, write_new


def report(plan: Plan, tell: Callable[..., str], marking: bool) -> list[str]:
    lines = []
    for change in plan.changes:
        if change.new:
            lines.append(tell("new", id=change.id, row=change.row, name=change.name))
            lines += [
                tell("field_new", key=k, new=render(k, new))
                for k, (_, new) in change.fields.items()
                if k != "name"
            ]
        elif change.row is None:
            lines.append(tell("marked_left", id=change.id, name=change.name, left=change.fields["left"][1]))
        else:
            lines.append(tell("changed", id=change.id, row=change.row))
            for key, (old, new) in change.fields.items():
                shown = (
                    tell("field", key=key, old=render(key, old), new=render(key, new))
                    if old is not None
                    else None
                )
                lines.append(shown or tell("field_new", key=key, new=render(key, new)))
    hint = "" if marking else tell("missing_hint")
    lines += [tell("missing", id=p.id, name=p.name, hint=hint) for p in plan.missing]
    added = sum(change.new for change in plan.changes)
    lines.append(
        tell(
            "summary",
            new=added,
            changed=len(plan.changes) - added,
            same=plan.unchanged,
            missing=len(plan.missing),
        )
    )
    return lines


def write(root: Path, plan: Plan) -> int:
    """Work out every file's new text first, then write them: a file that cannot be read
    stops the import before any is written."""
    texts: list[tuple[str, str, bool]] = []
    for change in plan.changes:
        rel = person_file(change.id)
        values: dict[str, Value] = {key: new for key, (_, new) in change.fields.items()}
        if change.new:
            start = person_template(change.name, None, None, None)
            values.pop("name")
        else:
            start = (root / rel).read_bytes().decode("utf-8")  # line endings as they are
        texts.append((rel, set_keys(start, values), change.new))
    for rel, text, new in texts:
        if new:
            write_new(root, rel, text)
        else:
            _replace(root / rel, text)
    return len(texts)


def _replace(path: Path, text: str) -> None:
    """Write beside the file and rename over it: an interrupted import leaves no half file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
