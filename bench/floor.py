"""The floor under `mus check`: the least any checker must do with the same files.

    python bench/floor.py HANDBOOK_DIR

Reads every .md file under content/people and parses its front matter with
libyaml's composer, nothing more: no schema, no rules across files, no messages.
`mus check` cannot be faster than this, so check/floor says how much the checking
itself costs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> None:
    people = Path(sys.argv[1]) / "content" / "people"
    count = 0
    for path in sorted(people.glob("*/*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        end = lines.index("---", 1)  # the front matter lies between the first two '---' lines
        yaml.compose("\n".join(lines[1:end]), Loader=yaml.CSafeLoader)
        count += 1
    print(f"{count} files parsed")


if __name__ == "__main__":
    main()
