"""mus init: a new handbook that checks and builds at once."""

from __future__ import annotations

from click.testing import CliRunner

from mus_build.cli import main

from .conftest import TODAY, run


def test_init_builds_at_once(tmp_path):
    target = tmp_path / "haandbog"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    for rel in (
        "mkdocs.yml",
        ".gitignore",
        "CODEOWNERS",
        "requirements.txt",
        "guides/index.md",
        "guides/questions.yml",
        ".github/workflows/check.yml",
        ".github/workflows/nightly.yml",
        ".gitlab-ci.yml",
    ):
        assert (target / rel).is_file(), rel
    assert run(target, "check", "--today", TODAY.isoformat()).exit_code == 0
    build = run(target, "build", "--today", TODAY.isoformat(), "-q")
    assert build.exit_code == 0, build.output
    assert (target / "site/guide/sporgeguide/index.html").is_file()


def test_init_with_example_has_the_example_company(tmp_path):
    target = tmp_path / "haandbog"
    assert CliRunner().invoke(main, ["init", str(target), "--example"]).exit_code == 0
    assert (target / "content/people/anna-jensen/index.md").is_file()
    overdue = run(target, "overdue", "--today", TODAY.isoformat(), "--format", "json")
    assert overdue.exit_code == 0 and '"anna-jensen/2026-03-12/bogfoeringsvejledning"' in overdue.output


def test_init_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "er ikke tom; mus init laver kun en ny håndbog i en ny eller tom mappe" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_pipelines_prove_the_sign_offs_with_the_whole_history(tmp_path):
    import yaml

    target = tmp_path / "haandbog"
    assert CliRunner().invoke(main, ["init", str(target)]).exit_code == 0
    check = yaml.safe_load((target / ".github/workflows/check.yml").read_text())
    nightly = yaml.safe_load((target / ".github/workflows/nightly.yml").read_text())
    for workflow in (check, nightly):
        steps = workflow["jobs"]["signoffs"]["steps"]
        assert steps[0]["with"]["fetch-depth"] == 0
        assert {"run": "mus verify-signoffs"} in steps
    # The site of the nightly build reads the history too.
    assert nightly["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text())
    assert gitlab["signoffs"]["variables"] == {"GIT_DEPTH": "0"}
    assert "mus verify-signoffs" in gitlab["signoffs"]["script"]
    assert [rule["if"] for rule in gitlab["signoffs"]["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"',
        '$CI_PIPELINE_SOURCE == "schedule"',
    ]
    assert gitlab["pages"]["variables"] == {"GIT_DEPTH": "0"}


def test_init_pins_the_form_in_the_browser_as_this_repository_does(tmp_path):
    """package.json and its lockfile for `npm ci`: the same Decap CMS and YAML library as
    the example here, whose form the tests drive; the test server is not among them."""
    import json
    from pathlib import Path

    target = tmp_path / "haandbog"
    assert CliRunner().invoke(main, ["init", str(target)]).exit_code == 0
    repo = Path(__file__).resolve().parents[1]
    ours = json.loads((repo / "package-lock.json").read_text("utf-8"))["packages"]
    theirs = json.loads((target / "package-lock.json").read_text("utf-8"))["packages"]
    for package in ("node_modules/decap-cms", "node_modules/yaml"):
        assert theirs[package]["version"] == ours[package]["version"], package
        assert theirs[package]["integrity"] == ours[package]["integrity"], package
    assert "node_modules/decap-server" not in theirs
    assert (
        json.loads((target / "package.json").read_text("utf-8"))["dependencies"]
        == json.loads((repo / "package.json").read_text("utf-8"))["dependencies"]
    )
    assert "node_modules/" in (target / ".gitignore").read_text("utf-8")
