"""The form in the browser at admin/: its configuration, made from the record format and
mkdocs.yml, and what `mus build` puts into the site with and without Decap installed.
(tests/browser/test_editor.py drives the form itself.)"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from mus_build.check.config import load_config
from mus_build.check.schema import AGREEMENT, FOLLOW_UP, PERSON, RECORD
from mus_build.publish import editor, editor_config

from .conftest import MKDOCS_YML, TODAY, run

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
GITHUB = "repo_url: https://github.com/fjordlys/mus-haandbog\n"
SIGN_IN = "    editor:\n      auth_url: https://mus-login.fjordlys.dk/auth\n"


def _config(make_handbook, head: str = GITHUB, editor_settings: str = SIGN_IN, extra: str = ""):
    root = make_handbook({"mkdocs.yml": head + MKDOCS_YML + editor_settings + extra})
    config, problems = load_config(root / "mkdocs.yml")
    assert problems == []
    return config


def _decap(config) -> dict:
    return editor_config.decap_config(config, editor_config.backend(config))


def _fields(collection: dict) -> dict[str, dict]:
    return {field["name"]: field for field in collection["fields"]}


def test_every_key_of_the_record_format_is_a_field_but_those_left_to_git(make_handbook):
    decap = _decap(_config(make_handbook))
    records, people = decap["collections"]
    record_fields, person_fields = _fields(records), _fields(people)
    assert set(record_fields) == {"_folder", "body", *RECORD} - editor_config.HIDDEN
    assert set(person_fields) == {"_folder", "body", *PERSON} - editor_config.HIDDEN
    assert "private" not in record_fields  # never shown, kept as it is
    assert [f["name"] for f in record_fields["agreements"]["fields"]] == list(AGREEMENT)
    assert [f["name"] for f in record_fields["follow_up"]["fields"]] == list(FOLLOW_UP)
    for table, fields in ((RECORD, record_fields), (PERSON, person_fields)):
        for key, spec in table.items():
            if key in fields:
                assert fields[key]["required"] is spec.required, key


def test_the_fields_are_in_danish_with_date_pickers_and_choices(make_handbook):
    decap = _decap(_config(make_handbook))
    assert decap["locale"] == "da"
    records, people = decap["collections"]
    fields = _fields(records)
    agreement = {f["name"]: f for f in fields["agreements"]["fields"]}
    assert fields["date"]["label"] == "Dato for samtalen"
    assert {key: fields["date"][key] for key in ("widget", "format", "time_format")} == {
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "time_format": False,
    }
    assert [(o["value"], o["label"]) for o in agreement["status"]["options"]] == [
        ("open", "åben"),
        ("done", "gennemført"),
        ("dropped", "opgivet"),
    ]
    owners = [o["value"] for o in agreement["owner"]["options"]]
    assert owners == ["employee", "manager", "hr", "it"] and agreement["owner"]["people"] is True
    assert fields["manager"]["widget"] == "mus-choice" and fields["manager"]["options"] == []
    assert fields["body"]["modes"] == ["raw"]  # rich text would rewrite the private markers
    assert records["path"] == "{{_folder}}/{{date}}" and people["path"] == "{{_folder}}/index"
    assert records["filter"] == {"field": "_kind", "value": "record"}
    assert people["filter"] == {"field": "_kind", "value": "person"}


def test_an_english_handbook_gets_an_english_form(make_handbook):
    decap = _decap(_config(make_handbook, extra="    language: en\n"))
    agreement = {f["name"]: f for f in _fields(decap["collections"][0])["agreements"]["fields"]}
    assert decap["locale"] == "en"
    assert [o["label"] for o in agreement["status"]["options"]] == ["open", "done", "dropped"]


def test_the_config_names_no_person(make_handbook):
    config = _config(make_handbook)
    text = editor_config.render(_decap(config)).decode()
    assert "anna" not in text.lower() and "Bo Hansen" not in text


@pytest.mark.parametrize(
    ("repo_url", "settings", "expected"),
    [
        (
            "https://github.com/fjordlys/mus-haandbog",
            SIGN_IN,
            {
                "name": "github",
                "repo": "fjordlys/mus-haandbog",
                "branch": "main",
                "base_url": "https://mus-login.fjordlys.dk",
                "auth_endpoint": "auth",
            },
        ),
        (
            "https://git.fjordlys.dk/hr/mus",
            "    editor:\n      backend: github\n      branch: trunk\n      auth_url: https://login.fjordlys.dk/\n",
            {
                "name": "github",
                "repo": "hr/mus",
                "branch": "trunk",
                "api_root": "https://git.fjordlys.dk/api/v3",
                "base_url": "https://login.fjordlys.dk",
                "auth_endpoint": "auth",
            },
        ),
        (
            "https://gitlab.com/fjordlys/hr/mus-haandbog.git",
            "    editor:\n      app_id: 0123abcd\n",
            {
                "name": "gitlab",
                "repo": "fjordlys/hr/mus-haandbog",
                "branch": "main",
                "auth_type": "pkce",
                "app_id": "0123abcd",
                "auth_endpoint": "oauth/authorize",
            },
        ),
        (
            "https://gitlab.fjordlys.dk/hr/mus",
            "    editor:\n      app_id: 0123abcd\n",
            {
                "name": "gitlab",
                "repo": "hr/mus",
                "branch": "main",
                "auth_type": "pkce",
                "app_id": "0123abcd",
                "api_root": "https://gitlab.fjordlys.dk/api/v4",
                "base_url": "https://gitlab.fjordlys.dk",
                "auth_endpoint": "oauth/authorize",
            },
        ),
    ],
)
def test_the_backend_comes_from_repo_url(make_handbook, repo_url, settings, expected):
    config = _config(make_handbook, f"repo_url: {repo_url}\n", settings)
    assert editor_config.backend(config) == expected


@pytest.mark.parametrize(
    ("head", "settings", "code"),
    [
        ("", SIGN_IN, "editor_no_repo"),
        ("repo_url: https://bitbucket.org/fjordlys/mus\n", SIGN_IN, "editor_no_repo"),
        (GITHUB, "", "editor_no_auth"),
        ("repo_url: https://gitlab.com/fjordlys/mus\n", "", "editor_no_app_id"),
    ],
)
def test_without_what_the_form_needs_the_site_is_built_without_it(make_handbook, head, settings, code):
    made = editor.site_files(_config(make_handbook, head, settings))
    assert made.files == [] and made.left_out is not None and made.left_out.code == code


def test_without_decap_installed_the_build_says_so_and_succeeds(make_handbook):
    root = _config(make_handbook).root
    (root / "package.json").write_text("{}\n")
    result = run(root, "build", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert "bygget uden formularen i admin/: decap-cms er ikke installeret; kør npm ci" in result.output
    assert not (root / "site" / "admin").exists()


def _installed(root: Path) -> None:
    if not (NODE_MODULES / "decap-cms").is_dir():
        pytest.fail(
            "Decap CMS is not installed: run 'npm ci' in the repository (./dev test does)", pytrace=False
        )
    (root / "node_modules").symlink_to(NODE_MODULES)


def test_with_decap_installed_the_site_has_the_form_the_same_every_time(make_handbook):
    root = _config(make_handbook).root
    _installed(root)
    assert run(root, "build", "--today", TODAY.isoformat(), "-q").exit_code == 0
    admin = root / "site" / "admin"
    first = {p.relative_to(admin).as_posix(): p.read_bytes() for p in admin.rglob("*") if p.is_file()}
    for name in (
        "index.html",
        "config.yml",
        "mus-admin.js",
        "mus-manual-init.js",
        "decap-cms.js",
        "yaml/index.js",
    ):
        assert name in first, name
    assert any(name.endswith(".decap-cms.js") for name in first)  # the parts Decap loads when needed
    shell = first["index.html"].decode()
    assert "connect-src 'self' https://api.github.com;" in shell
    assert 'lang="da"' in shell and "http" not in shell.replace("http-equiv", "").split("connect-src")[0]
    assert yaml.safe_load(first["config.yml"])["backend"]["repo"] == "fjordlys/mus-haandbog"
    assert run(root, "build", "--today", TODAY.isoformat(), "-q", "-d", str(root / "again")).exit_code == 0
    again = root / "again" / "admin"
    assert first == {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    # Decap's page is not searchable: no part of the search index points into admin/.
    for part in (root / "site" / "pagefind").rglob("*.pf_fragment"):
        assert b"admin/" not in gzip.decompress(part.read_bytes()), part


def test_the_preview_s_form_saves_through_decap_server_on_this_machine(make_handbook, tmp_path):
    """`mus serve` points its form at `npx decap-server` (localhost:8081), which writes into
    the handbook's folder; the preview then shows the change."""
    from mus_build.publish.preview_build import PreviewBuild

    root = _config(make_handbook).root
    _installed(root)
    said: list[str] = []
    preview = PreviewBuild(root / "mkdocs.yml", tmp_path / "preview", "http://127.0.0.1:8000/", said.append)
    assert preview.rebuild(TODAY) is not None, said
    admin = tmp_path / "preview" / "site" / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text("utf-8"))
    assert config["local_backend"]["url"] == editor.PREVIEW_BACKEND
    assert "publish_mode" not in config
    assert (
        "connect-src 'self' http://localhost:8081 https://api.github.com;"
        in (admin / "index.html").read_text()
    )
