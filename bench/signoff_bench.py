"""How long proving the sign-offs takes on a handbook with a realistic Git history.

    python bench/signoff_bench.py --people 2000 [--records 5] [--repeats 3]

Generates the handbook (bench/generate.py) and gives it a history with `git fast-import`:
one commit with the people, then per record, in date order, the manager's commit of the
record, the employee's commit of her sign-off and the manager's of his; every tenth
record is changed by the manager afterwards (which voids both). Then it times
`mus verify-signoffs` (every record's history walked, every version parsed) and the
part of `mus build` that reads which sign-offs were voided.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402

from mus_build.check.config import load_config  # noqa: E402
from mus_build.check.load import load_sources  # noqa: E402
from mus_build.history.run import for_site  # noqa: E402
from mus_build.model.derive import Derived  # noqa: E402

TODAY = generate.TODAY


def stream(root: Path) -> bytes:
    config, _ = load_config(root / "mkdocs.yml")
    handbook = load_sources(config, TODAY).handbook
    derived = Derived(handbook, config.settings, TODAY)
    out: list[bytes] = []
    clock = [1_600_000_000]

    def commit(who: str, files: dict[str, bytes], message: str) -> None:
        person = handbook.people[who]
        clock[0] += 60
        ident = f"{person.name} <{person.email}> {clock[0]} +0000".encode()
        out.append(b"commit refs/heads/main\nauthor " + ident + b"\ncommitter " + ident + b"\n")
        out.append(b"data %d\n%s\n" % (len(message.encode()), message.encode()))
        for path, data in files.items():
            out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))

    people = {p.path: (root / p.path).read_bytes() for p in handbook.people.values()}
    people["mkdocs.yml"] = (root / "mkdocs.yml").read_bytes()
    first = next(iter(handbook.people))
    commit(first, people, "The people")
    records = sorted((r for p in handbook.people.values() for r in p.records), key=lambda r: (r.date, r.path))
    for number, record in enumerate(records):
        text = (root / record.path).read_bytes()
        head, _, body = text[4:].partition(b"\n---\n")
        manager = derived.held_by(record) or record.person
        day = min(record.date + dt.timedelta(days=3), TODAY).isoformat()
        entries = [b""]
        for who in dict.fromkeys((record.person, manager)):
            entries.append(entries[-1] + f"  - by: {who}\n    on: {day}\n".encode())
        versions = [b"---\n" + head + b"\nsigned_off: []\n---\n" + body]
        versions += [b"---\n" + head + b"\nsigned_off:\n" + e + b"---\n" + body for e in entries[1:]]
        authors = [manager, record.person, manager][: len(versions)]
        for who, version in zip(authors, versions, strict=True):
            commit(who, {record.path: version}, f"{record.path} by {who}")
        final = versions[-1]
        if number % 10 == 9:
            final = final + b"\nEn rettelse bagefter.\n"
            commit(manager, {record.path: final}, f"{record.path} changed")
        (root / record.path).write_bytes(final)
    return b"".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--records", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    root = BENCH / "out" / f"signoffs-{args.people}x{args.records}"
    records = generate.generate(root, args.people, args.records, seed=1)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    data = stream(root)
    start = time.perf_counter()
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=data, check=True)
    subprocess.run(["git", "reset", "-q"], cwd=root, check=True)  # the index, for git status
    commits = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    print(
        f"{args.people} people, {records} records, {commits} commits (history made in {time.perf_counter() - start:.1f} s)"
    )
    mus = str(Path(sys.executable).parent / "mus")
    for _ in range(args.repeats):
        start = time.perf_counter()
        done = subprocess.run(
            [mus, "verify-signoffs", "-f", str(root / "mkdocs.yml"), "--today", TODAY.isoformat()],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        print(
            f"mus verify-signoffs: {seconds:.2f} s, exit {done.returncode}, {len(done.stdout.splitlines())} failures"
        )
    config, _ = load_config(root / "mkdocs.yml")
    handbook = load_sources(config, TODAY).handbook
    for _ in range(args.repeats):
        start = time.perf_counter()
        proof = for_site(root, handbook)
        print(
            f"voided sign-offs for the build: {time.perf_counter() - start:.2f} s, {len(proof.voided)} voided"
        )


if __name__ == "__main__":
    main()
