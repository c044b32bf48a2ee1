"""mkdocs.yml is edited in pull requests too, and mkdocs loads it with PyYAML's unsafe
loader. `mus check` and `mus build` read it safely first and refuse what would run code,
unless `extra: mus: allow_unsafe_config: true` says the site owners want it."""

from __future__ import annotations

import pytest

from ..conftest import MKDOCS_YML, TODAY, check, run

GUIDE = {"guides/index.md": "# Guide\n\nTekst.\n"}


def build(root, site):
    return run(root, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")


def with_config(make_handbook, text: str, **files: str):
    return make_handbook({"mkdocs.yml": text, **GUIDE, **files})


UNSAFE = [
    (
        "object-apply-in-extra",
        MKDOCS_YML + "    x: !!python/object/apply:os.system ['touch {marker}']\n",
        6,
        "the tag '!!python/object/apply:os.system' makes mkdocs run Python code",
    ),
    (
        "name-in-extension-option",
        "site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:os.system ['touch {marker}']\n",
        4,
        "makes mkdocs run Python code",
    ),
    (
        "tag-on-a-key",
        "site_name: x\nextra:\n  ? !!python/object/apply:os.system ['touch {marker}']\n  : 1\n",
        3,
        "a key must be plain text",
    ),
    (
        "tagged-scalar-key",
        "site_name: x\nextra:\n  !!python/name:os.system : 1\n",
        3,
        "the tag '!!python/name:os.system' makes mkdocs run Python code",
    ),
    (
        "tag-directive",
        "%TAG !p! tag:yaml.org,2002:python/\n---\nsite_name: x\nextra:\n  x: !p!object/apply:os.system ['touch {marker}']\n",
        5,
        "makes mkdocs run Python code",
    ),
    (
        "hooks",
        "site_name: x\nhooks:\n  - hook.py\n",
        2,
        "'hooks:' runs Python files of the repository at build time; remove it, or set "
        "'allow_unsafe_config: true'",
    ),
    (
        "inherit",
        "INHERIT: base.yml\nsite_name: x\n",
        1,
        "'INHERIT:' pulls in another YAML file, which mus does not check",
    ),
    (
        "billion-laughs",
        "site_name: x\nextra:\n"
        + '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"  {chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
        ),
        8,
        "stand for more than 100,000 values",
    ),
]


@pytest.mark.parametrize("name, config, line, gist", UNSAFE, ids=[c[0] for c in UNSAFE])
def test_unsafe_config_is_refused_and_runs_nothing(make_handbook, tmp_path, name, config, line, gist):
    marker = tmp_path / "pwned"
    hook = f"open({str(marker)!r}, 'w').write('ran')\n"
    inherited = f"extra:\n  x: !!python/object/apply:os.system ['touch {marker}']\n"
    root = with_config(
        make_handbook, config.replace("{marker}", str(marker)), **{"hook.py": hook, "base.yml": inherited}
    )
    result = check(root)
    assert result.exit_code == 1
    assert any(
        text.startswith(f"mkdocs.yml:{line}: ") and gist in text for text in result.output.splitlines()
    ), result.output
    result = build(root, tmp_path / "site")
    assert result.exit_code == 1
    assert f"mkdocs.yml:{line}: " in result.output
    assert not marker.exists()
    assert not (tmp_path / "site").exists()


def test_allow_unsafe_config_lets_the_owners_use_hooks_and_tags(make_handbook, tmp_path):
    marker = tmp_path / "hook-ran"
    config = (
        "site_name: x\nhooks:\n  - hook.py\nmarkdown_extensions:\n  - toc:\n"
        "      slugify: !!python/name:markdown.extensions.toc.slugify\n"
        "extra:\n  mus:\n    allow_unsafe_config: true\n"
    )
    root = with_config(make_handbook, config, **{"hook.py": f"open({str(marker)!r}, 'w').write('ran')\n"})
    assert check(root).exit_code == 0
    assert not marker.exists()  # checking never loads mkdocs
    result = build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert marker.read_text() == "ran"


MALFORMED = [
    (
        "timezone-that-is-a-folder",
        "    timezone: Europe\n",
        6,
        "expected a time zone such as Europe/Copenhagen",
    ),
    (
        "5000-digit-interval",
        "    interval_months: " + "9" * 5000 + "\n",
        6,
        "expected a whole number from 1 to 60, but received '999999999",
    ),
    ("superscript-digit", "    due_soon_days: ²\n", 6, "expected a whole number from 0 to 366"),
    ("control-character", "    language: \x07da\n", 6, "control character (U+0007)"),
    ("unknown-setting", "    noindx: false\n", 6, "unknown mus setting 'noindx'; did you mean 'noindex'?"),
    (
        "role-id-with-trailing-newline",
        '      "salg\\n": Salg\n',
        6,
        "role id 'salg?' must be lower-case letters",
    ),
]


@pytest.mark.parametrize("name, extra, line, gist", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_settings_name_the_line(make_handbook, name, extra, line, gist):
    root = with_config(make_handbook, MKDOCS_YML + extra)
    result = check(root)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert any(t.startswith(f"mkdocs.yml:{line}: ") and gist in t for t in result.output.splitlines()), (
        result.output
    )
    assert max(len(t) for t in result.output.splitlines()) < 400


def test_config_that_is_not_utf8(make_handbook):
    root = with_config(make_handbook, "site_name: x\n")
    (root / "mkdocs.yml").write_bytes(b"site_name: H\xe5ndbog\n")
    result = check(root)
    assert result.exit_code == 1
    assert "mkdocs.yml:1: the file is not valid UTF-8" in result.output


def test_env_tag_is_refused(make_handbook):
    root = make_handbook({"mkdocs.yml": MKDOCS_ENV})
    result = check(root)
    assert result.exit_code == 1
    assert "mkdocs.yml:2: '!ENV' copies an environment variable of the build" in result.output


def test_markup_in_site_name_is_refused(make_handbook):
    root = make_handbook({"mkdocs.yml": 'site_name: "MUS <script>alert(1)</script>"\n'})
    result = check(root)
    assert result.exit_code == 1
    assert "mkdocs.yml:1: 'site_name' contains '<', '>' or '\"', which the theme would put" in result.output


MKDOCS_ENV = "site_name: MUS\nsite_description: !ENV [CI_SECRET, 'x']\n"
