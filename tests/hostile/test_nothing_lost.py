"""Nothing lost: a build killed at any point leaves the previous site byte for byte (or,
once swapped, the complete new one), and the next build succeeds; `-d` never points
`mus build` at something it would destroy; only `mus new` and `mus new-person` write
under content/, and they never overwrite."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.check.problems import errors
from mus_build.cli import main
from mus_build.errors import MusError
from mus_build.scaffold.new import new_record

from ..conftest import TODAY, run, snapshot, write_tree

KILL_AT = Path(__file__).with_name("kill_at.py")
GUIDE = {"guides/index.md": "# Guide\n\nTekst.\n"}
MKDOCS = "site_name: Testhåndbog\ntheme:\n  name: material\nplugins:\n  - search\n"


def handbook(root: Path, note: str) -> Path:
    people = {
        f"content/people/person-{i}/index.md": f'---\nname: "Person {i}"\ndepartment: "Afdeling {i % 3}"\n---\n'
        for i in range(12)
    }
    return write_tree(
        root,
        {
            "mkdocs.yml": MKDOCS,
            **GUIDE,
            **people,
            "content/people/person-0/2026-03-12.md": f"---\ndate: 2026-03-12\n---\n{note}\n",
        },
    )


def build_args(root: Path, site: Path) -> list[str]:
    return [
        "build",
        "--today",
        TODAY.isoformat(),
        "-d",
        str(site),
        "-q",
        "-j",
        "2",
        "-f",
        str(root / "mkdocs.yml"),
    ]


def build_in_process(root: Path, site: Path):
    return run(root, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Handbook A with its built site (the previous site) and handbook B (the next)."""
    base = tmp_path_factory.mktemp("lost")
    a = handbook(base / "a", "Den gamle version af noterne.")
    b = handbook(base / "b", "Den nye version af noterne.")
    for root in (a, b):
        result = build_in_process(root, base / f"site-{root.name}")
        assert result.exit_code == 0, result.output
    old, new = snapshot(base / "site-a"), snapshot(base / "site-b")
    assert old != new
    return {"a": a, "b": b, "site_a": base / "site-a", "old": old, "new": new}


def kill_build(point: str, root: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, str(KILL_AT), point, *build_args(root, site)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    "point, after",
    [
        ("generate", "old"),
        ("staging", "old"),
        ("mkdocs-page", "old"),
        ("mkdocs-assets", "old"),
        ("leak-scan", "old"),
        ("search-index", "old"),
        ("before-swap", "old"),
        ("after-swap", "new"),
        ("after-renames", "new"),
    ],
)
def test_killed_build_leaves_a_whole_site(sites, tmp_path, point, after):
    site = tmp_path / "site"
    shutil.copytree(sites["site_a"], site)
    assert snapshot(site) == sites["old"]

    shutil.rmtree(sites["b"] / ".mus-staging", ignore_errors=True)  # so every point writes it anew
    killed = kill_build(point, sites["b"], site)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert snapshot(site) == sites[after]

    result = build_in_process(sites["b"], site)
    assert result.exit_code == 0, result.output
    assert snapshot(site) == sites["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]  # no half-built folders left


def test_a_part_that_dies_fails_the_build_and_keeps_the_last_site(sites, tmp_path):
    """One of the two mkdocs processes of a build in parts is killed (as for want of
    memory): the build says so and ends with exit 1, the other part's work is cleared
    away, and the last site stays as it was."""
    site = tmp_path / "site"
    shutil.copytree(sites["site_a"], site)
    shutil.rmtree(sites["b"] / ".mus-staging", ignore_errors=True)
    failed = kill_build("mkdocs-part", sites["b"], site)
    assert failed.returncode == 1, failed.stderr
    assert failed.stderr.strip() == (
        "Fejl: mkdocs kunne ikke bygge sitet: en af delene (en proces for sig) stoppede uventet, "
        "måske fordi hukommelsen slap op; byg igen med færre --jobs"
    )
    assert snapshot(site) == sites["old"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_killed_between_two_renames_the_next_build_puts_the_old_site_back(sites, tmp_path):
    """Without an atomic exchange (not Linux), a kill between the two renames leaves the old
    site beside its place; the next `mus build` puts it back before doing anything else."""
    site = tmp_path / "site"
    shutil.copytree(sites["site_a"], site)

    killed = kill_build("between-renames", sites["b"], site)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not site.exists()
    (aside,) = tmp_path.glob(".site.old-*")
    assert snapshot(aside) == sites["old"]

    killed = kill_build("generate", sites["b"], site)  # recovers, then dies before writing
    assert killed.returncode == -signal.SIGKILL
    assert snapshot(site) == sites["old"]

    assert build_in_process(sites["b"], site).exit_code == 0
    assert snapshot(site) == sites["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def _small_files_only() -> None:
    """In the child: files may not grow past 64 KiB, as on a full disk (the theme's
    scripts are larger); writing more fails with EFBIG instead of killing the process."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))


def test_a_build_that_cannot_write_says_where_in_one_line_and_keeps_the_site(sites, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sites["site_a"], site)
    failed = subprocess.run(
        [sys.executable, "-m", "mus_build", *build_args(sites["b"], site)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_small_files_only,
    )
    assert failed.returncode == 1, failed.stderr
    assert "Traceback" not in failed.stderr
    (line,) = failed.stderr.splitlines()
    assert line.startswith(f"Fejl: kunne ikke skrive {tmp_path}/.site.new-")
    assert line.endswith(": File too large; det forrige site er uændret")
    assert snapshot(site) == sites["old"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_second_build_waits_for_the_first_instead_of_clearing_its_work(sites, tmp_path):
    """The first build is paused with its new site built beside the old one; a second
    build (of another handbook) into the same folder must not take that new site for a
    leftover and delete it, but wait; then each ends with its whole site."""
    site = tmp_path / "site"
    shutil.copytree(sites["site_a"], site)
    env = {**os.environ, "KILL_AT_STOP": "1"}
    first = subprocess.Popen(
        [sys.executable, str(KILL_AT), "leak-scan", *build_args(sites["b"], site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while _state(first.pid) != "T" and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _state(first.pid) == "T", "the first build did not pause"
        (half_built,) = tmp_path.glob(".site.new-*")

        command = [sys.executable, "-m", "mus_build", *[a for a in build_args(sites["a"], site) if a != "-q"]]
        second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert second.stdout.readline() == f"Waiting for another mus build into {site} to finish…\n"
        assert half_built.is_dir()
    finally:
        os.kill(first.pid, signal.SIGCONT)
    outputs = [build.communicate(timeout=180)[0] for build in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert snapshot(site) == sites["old"]  # the second build's site: handbook a's
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def _state(pid: int) -> str:
    """A process's state letter from /proc: T while it is stopped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


def test_a_build_waits_while_another_holds_the_site_and_says_so(sites, tmp_path):
    import fcntl

    site = tmp_path / "site"
    with (tmp_path / ".site.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mus_build",
                *[arg for arg in build_args(sites["b"], site) if arg != "-q"],
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        first_line = waiting.stdout.readline()
        assert first_line == f"Waiting for another mus build into {site} to finish…\n"
        assert not site.exists()  # nothing done while the other build holds the site
    output = first_line + waiting.communicate(timeout=180)[0]
    assert waiting.returncode == 0, output
    assert snapshot(site) == sites["new"]


# --- where the site may go -----------------------------------------------------------------


@pytest.fixture
def small_handbook(tmp_path):
    root = handbook(tmp_path / "work" / "handbook", "Noter.")
    precious = tmp_path / "work" / "documents"
    precious.mkdir()
    (precious / "budget.xlsx").write_text("do not delete")
    (tmp_path / "work" / "notes.txt").write_text("keep me")
    return root


@pytest.mark.parametrize(
    "target, reason",
    [
        ("documents", "mappen har filer, som mus build ikke har lavet"),
        ("handbook", "mappen rummer selve håndbogen"),
        ("handbook/content", "mappen ligger i content/, som rummer kilderne"),
        ("handbook/content/people/person-0", "mappen ligger i content/, som rummer kilderne"),
        ("handbook/guides", "mappen ligger i guides/, som rummer kilderne"),
        (".", "mappen rummer selve håndbogen"),
    ],
)
def test_build_refuses_a_target_it_would_destroy(small_handbook, target, reason):
    work = small_handbook.parent
    before = snapshot(work)
    result = run(small_handbook, "build", "--today", TODAY.isoformat(), "-d", str(work / target))
    assert result.exit_code == 1
    assert f"bygger ikke i {(work / target).resolve()}: {reason}" in result.output
    assert snapshot(work) == before


def test_build_refuses_a_file_as_target(small_handbook):
    work = small_handbook.parent
    result = run(small_handbook, "build", "--today", TODAY.isoformat(), "-d", str(work / "notes.txt"))
    assert result.exit_code == 2  # a usage error, found by the option itself
    assert (work / "notes.txt").read_text() == "keep me"


def test_a_staging_folder_that_is_a_link_is_refused(small_handbook, tmp_path):
    """A committed `.mus-staging` link would make the build delete and write files elsewhere."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "docs").mkdir(parents=True)
    (elsewhere / "docs" / "thesis.md").write_text("years of work")
    (small_handbook / ".mus-staging").symlink_to(elsewhere, target_is_directory=True)
    result = run(small_handbook, "build", "--today", TODAY.isoformat(), "-d", str(tmp_path / "site"), "-q")
    assert result.exit_code == 1
    assert ".mus-staging er et symbolsk link; slet det" in result.output
    assert sorted(p.name for p in (elsewhere / "docs").iterdir()) == ["thesis.md"]
    assert (elsewhere / "docs" / "thesis.md").read_text() == "years of work"


def test_links_inside_the_staging_folder_are_not_written_through(small_handbook, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (tmp_path / "precious-folder").mkdir()
    docs = small_handbook / ".mus-staging" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").symlink_to(precious)
    (docs / "people").symlink_to(tmp_path / "precious-folder", target_is_directory=True)
    result = run(small_handbook, "build", "--today", TODAY.isoformat(), "-d", str(tmp_path / "site"), "-q")
    assert result.exit_code == 0, result.output
    assert precious.read_text() == "keep me"
    assert list((tmp_path / "precious-folder").iterdir()) == []
    assert not (docs / "index.md").is_symlink() and not (docs / "people").is_symlink()


# --- writes under content/ -----------------------------------------------------------------


def test_only_new_and_new_person_write_under_content(small_handbook, tmp_path):
    content = small_handbook / "content"
    before = snapshot(content)
    commands = [
        ["check"],
        ["check", "--strict", "--format", "json"],
        ["build", "-d", str(tmp_path / "site"), "-q"],
        ["overdue", "--format", "csv"],
        ["due", "--format", "json"],
    ]
    for command in commands:
        result = run(small_handbook, command[0], "--today", TODAY.isoformat(), *command[1:])
        assert result.exit_code == 0, (command, result.output)
        assert snapshot(content) == before, command
    assert CliRunner().invoke(main, ["schema"]).exit_code == 0  # takes no -f
    assert snapshot(content) == before


def test_new_and_new_person_never_overwrite(small_handbook):
    content = small_handbook / "content"
    before = snapshot(content)
    existing = run(small_handbook, "new-person", "person-1", "--name", "Ny Person")
    assert existing.exit_code == 1
    assert "content/people/person-1 findes allerede; den er ikke rørt" in existing.output
    same_day = run(small_handbook, "new", "person-0", "--date", "2026-03-12")
    assert same_day.exit_code == 1
    assert "person-0 har allerede et referat dateret 2026-03-12" in same_day.output
    earlier = run(small_handbook, "new", "person-0", "--date", "2025-01-01")
    assert earlier.exit_code == 1
    assert "person-0 har allerede et referat dateret 2026-03-12" in earlier.output
    outside = run(small_handbook, "new-person", "../../escape", "--name", "X")
    assert outside.exit_code == 1
    assert "'../../escape' er ikke et gyldigt id" in outside.output
    assert snapshot(content) == before
    assert not (small_handbook.parent / "escape").exists()


def test_new_does_not_write_through_a_link_made_after_loading(small_handbook, tmp_path):
    """The checks above run on the handbook as loaded. A link put where the new record goes
    after that (here to a file that does not exist yet) meets the exclusive create, which
    refuses it rather than create the file the link points at."""
    config, problems = load_config((small_handbook / "mkdocs.yml").resolve())
    sources = load_sources(config, TODAY)
    assert errors(problems + sources.problems) == []
    handbook, topics = sources.handbook, sources.topics
    elsewhere = tmp_path / "elsewhere.md"
    link = small_handbook / "content/people/person-0/2026-11-27.md"
    link.symlink_to(elsewhere)
    with pytest.raises(MusError) as refused:
        new_record(config.root, handbook, topics, "person-0", dt.date(2026, 11, 27))
    assert str(refused.value) == ("content/people/person-0/2026-11-27.md findes allerede; den er ikke rørt")
    assert not elsewhere.exists()
    assert os.readlink(link) == str(elsewhere)


def test_a_site_folder_that_is_a_link_is_refused(small_handbook, tmp_path):
    """The swap would replace the link with the new site, leave the link behind as a
    `.site.new-*` folder and the served folder as it was, and still report success."""
    served = tmp_path / "srv" / "mus"
    assert build_in_process(small_handbook, served).exit_code == 0
    (small_handbook / "site").symlink_to(served, target_is_directory=True)
    before = snapshot(tmp_path)
    result = run(small_handbook, "build", "--today", TODAY.isoformat(), "-q")
    assert result.exit_code == 1
    assert (
        f"Fejl: bygger ikke i {small_handbook / 'site'}: det er et symbolsk link til {served}; "
        f"angiv selve -d {served}"
    ) in result.output
    assert snapshot(tmp_path) == before
