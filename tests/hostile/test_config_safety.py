"""mkdocs.yml is edited in pull requests too, and mkdocs loads it with PyYAML's unsafe
loader. `mus check` and `mus build` read it safely first and refuse what would run code,
unless `extra: mus: allow_unsafe_config: true` says the site owners want it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mus_build.check import mkdocs_allowlist as allowlist
from mus_build.check.config import load_config

from ..conftest import MKDOCS_YML, TODAY, check, run
from ..test_serve import Preview, _wait_for

GUIDE = {"guides/index.md": "# Guide\n\nTekst.\n"}
REPO = Path(__file__).resolve().parents[2]


def build(root, site):
    return run(root, "build", "--today", TODAY.isoformat(), "-d", str(site), "-q")


def with_config(make_handbook, text: str, **files: str):
    return make_handbook({"mkdocs.yml": text, **GUIDE, **files})


UNSAFE = [
    (
        "object-apply-in-extra",
        MKDOCS_YML + "    x: !!python/object/apply:os.system ['touch {marker}']\n",
        6,
        "mærket '!!python/object/apply:os.system' får mkdocs til at køre Python-kode",
    ),
    (
        "name-in-extension-option",
        "site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:os.system ['touch {marker}']\n",
        4,
        "får mkdocs til at køre Python-kode",
    ),
    (
        "tag-on-a-key",
        "site_name: x\nextra:\n  ? !!python/object/apply:os.system ['touch {marker}']\n  : 1\n",
        3,
        "et felts navn skal være almindelig tekst",
    ),
    (
        "tagged-scalar-key",
        "site_name: x\nextra:\n  !!python/name:os.system : 1\n",
        3,
        "mærket '!!python/name:os.system' får mkdocs til at køre Python-kode",
    ),
    (
        "tag-directive",
        "%TAG !p! tag:yaml.org,2002:python/\n---\nsite_name: x\nextra:\n  x: !p!object/apply:os.system ['touch {marker}']\n",
        5,
        "får mkdocs til at køre Python-kode",
    ),
    (
        "hooks",
        "site_name: x\nhooks:\n  - hook.py\n",
        2,
        "'hooks:' kører Python-filer fra repositoriet, når sitet bygges; fjern det, eller skriv "
        "'allow_unsafe_config: true'",
    ),
    (
        "inherit",
        "INHERIT: base.yml\nsite_name: x\n",
        1,
        "'INHERIT:' henter en anden YAML-fil ind, som mus ikke tjekker",
    ),
    (
        "billion-laughs",
        "site_name: x\nextra:\n"
        + '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"  {chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
        ),
        8,
        "står for mere end 100.000 værdier",
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
        "skal være en tidszone som Europe/Copenhagen",
    ),
    (
        "5000-digit-interval",
        "    interval_months: " + "9" * 5000 + "\n",
        6,
        "skal være et helt tal fra 1 til 60, men der står '999999999",
    ),
    ("superscript-digit", "    due_soon_days: ²\n", 6, "skal være et helt tal fra 0 til 366"),
    ("control-character", "    language: \x07da\n", 6, "kontroltegn (U+0007)"),
    ("unknown-setting", "    noindx: false\n", 6, "ukendt mus-indstilling 'noindx'; mente du 'noindex'?"),
    (
        "role-id-with-trailing-newline",
        '      "salg\\n": Salg\n',
        6,
        "rolle-id'et 'salg?' må kun bestå af små bogstaver",
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
    assert "mkdocs.yml:1: filen er ikke gyldig UTF-8" in result.output


def test_env_tag_is_refused(make_handbook):
    root = make_handbook({"mkdocs.yml": MKDOCS_ENV})
    result = check(root)
    assert result.exit_code == 1
    assert "mkdocs.yml:2: '!ENV' kopierer en miljøvariabel fra bygningen" in result.output


def test_markup_in_site_name_is_refused(make_handbook):
    root = make_handbook({"mkdocs.yml": 'site_name: "MUS <script>alert(1)</script>"\n'})
    result = check(root)
    assert result.exit_code == 1
    assert "mkdocs.yml:1: 'site_name' indeholder '<', '>' eller '\"', som temaet ville sætte" in result.output


MKDOCS_ENV = "site_name: MUS\nsite_description: !ENV [CI_SECRET, 'x']\n"


# --- every route by which mkdocs.yml ran code -------------------------------------------
#
# Each case runs a shell command or a hook when mkdocs reads or renders what the file names:
# `test_each_route_does_run_code_when_the_owners_allow_it` builds it with
# allow_unsafe_config and sees the marker appear, so the refusals below cannot pass by a
# payload that never worked. `{mus}` stands for the `mus:` settings under `extra:`.

TEMPLATE = "{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}\n"
PAYLOADS = {
    "hook.py": "open({marker!r}, 'w').write('ran')\n",
    "base.yml": "extra:\n  x: !!python/object/apply:os.system ['touch {marker}']\n",
    "overrides/404.html": TEMPLATE,  # the theme renders 404.html, and mus overrides other pages
    "guides/evil.html": TEMPLATE,  # the guide folder is copied into the site's source
}

RUNS_CODE = [
    (
        "extension-module-class",
        "site_name: x\nmarkdown_extensions:\n"
        '  - subprocess:Popen: {args: "touch {marker}", shell: true}\n'
        "extra:\n{mus}",
        3,
        "'subprocess:Popen' peger på Python-kode, som mkdocs skal køre; fjern det, eller skriv "
        "'allow_unsafe_config: true'",
    ),
    (
        "theme-custom-dir",
        "site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\nextra:\n{mus}",
        4,
        "'theme: custom_dir:' bruger skabeloner fra repositoriet, og de kan køre hvilken som helst kode",
    ),
    (
        "extra-templates",
        "site_name: x\nextra_templates:\n  - guide/evil.html\nextra:\n{mus}",
        2,
        "'extra_templates:' bruger filer fra repositoriet som skabeloner",
    ),
    (
        "alias-as-hooks-key",
        "site_name: x\nextra:\n  name: &h hooks\n{mus}*h :\n  - hook.py\n",
        "alias",
        "YAML-aliaser (*'h') er ikke tilladt; skriv værdien helt ud",
    ),
    (
        "alias-as-inherit-key",
        "site_name: x\nextra:\n  name: &i INHERIT\n{mus}*i : base.yml\n",
        "alias",
        "YAML-aliaser (*'i') er ikke tilladt; skriv værdien helt ud",
    ),
    (
        "tagged-merge-key",
        "site_name: x\n!!merge '<<': {hooks: [hook.py]}\nextra:\n{mus}",
        2,
        "YAML-mærker som '!!merge' er ikke tilladt i mkdocs.yml; fjern mærket",
    ),
    ("hooks", "site_name: x\nhooks:\n  - hook.py\nextra:\n{mus}", 2, "'hooks:' kører Python-filer"),
    (
        "python-tag",
        "site_name: x\nextra:\n{mus}  x: !!python/object/apply:os.system ['touch {marker}']\n",
        "tag",
        "mærket '!!python/object/apply:os.system' får mkdocs til at køre Python-kode",
    ),
]
MUS_SETTINGS = "  mus:\n    language: da\n"
OWNERS_ALLOW = "  mus:\n    allow_unsafe_config: true\n"


def code_case(make_handbook, marker, config: str, mus: str):
    """The handbook of a case; the line of its problem, for cases whose line depends on `mus`."""
    files = {rel: text.replace("{marker!r}", repr(str(marker))) for rel, text in PAYLOADS.items()}
    files = {rel: text.replace("{marker}", str(marker)) for rel, text in files.items()}
    text = config.replace("{mus}", mus).replace("{marker}", str(marker))
    return with_config(make_handbook, text, **files)


def problem_line(root, where: int | str) -> int:
    if isinstance(where, int):
        return where
    lines = (root / "mkdocs.yml").read_text().splitlines()
    needle = {"alias": "*", "tag": "!!python"}[where]
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("name, config, where, gist", RUNS_CODE, ids=[c[0] for c in RUNS_CODE])
def test_no_route_runs_code_in_check_or_build(make_handbook, tmp_path, name, config, where, gist):
    marker = tmp_path / "pwned"
    root = code_case(make_handbook, marker, config, MUS_SETTINGS)
    line = problem_line(root, where)
    result = check(root)
    assert result.exit_code == 1
    assert f"mkdocs.yml:{line}: {gist}" in result.output, result.output
    result = build(root, tmp_path / "site")
    assert result.exit_code == 1
    assert f"mkdocs.yml:{line}: {gist}" in result.output, result.output
    assert "Intet blev bygget; det forrige site er uændret." in result.output
    assert not marker.exists()
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name, config, where, gist", RUNS_CODE, ids=[c[0] for c in RUNS_CODE])
def test_each_route_does_run_code_when_the_owners_allow_it(
    make_handbook, tmp_path, name, config, where, gist
):
    marker = tmp_path / "ran"
    root = code_case(make_handbook, marker, config, OWNERS_ALLOW)
    assert check(root).exit_code == 0, check(root).output
    build(root, tmp_path / "site")  # some routes also break the build, after running
    # A shell started with Popen may still be on its way.
    _wait_for(lambda: "yes" if marker.exists() else "", "yes", limit=30)


def test_no_route_runs_code_in_the_preview(make_handbook, tmp_path):
    """`mus serve` checks mkdocs.yml before each rebuild: one preview is given every case
    in turn, as edits to its mkdocs.yml, and ends with a good file it then shows."""
    marker = tmp_path / "pwned"
    first = RUNS_CODE[0]
    root = code_case(make_handbook, marker, first[1], MUS_SETTINGS)
    preview = Preview(root)
    try:
        _wait_for(preview.printed, f"mkdocs.yml:{problem_line(root, first[2])}: {first[3]}")
        preview.wait_until_serving()
        for _, config, where, gist in RUNS_CODE[1:]:
            seen = len(preview.printed())
            code_case(make_handbook, marker, config, MUS_SETTINGS)
            line = problem_line(root, where)
            _wait_for(lambda seen=seen: preview.printed()[seen:], f"mkdocs.yml:{line}: {gist}")
        (root / "mkdocs.yml").write_text("site_name: Efter rettelsen\n", encoding="utf-8")
        _wait_for(lambda: preview.page(""), "Efter rettelsen")
    finally:
        exit_code = preview.stop()
    assert exit_code == 0
    assert not marker.exists()


# --- the allowlists ------------------------------------------------------------------------

ACCEPTED_CONFIGS = [
    ("the-example", (REPO / "mkdocs.yml").read_text(encoding="utf-8")),
    ("the-skeleton", (REPO / "mus_build/scaffold/skeleton/mkdocs.yml").read_text(encoding="utf-8")),
    ("the-small-fixture", (REPO / "tests/fixtures/small/mkdocs.yml").read_text(encoding="utf-8")),
    ("the-test-handbook", MKDOCS_YML),
    ("no-theme-is-mkdocs-own", "site_name: x\ntheme:\n"),
    ("mkdocs-theme", "site_name: x\ntheme:\n  name: mkdocs\n  navigation_depth: 3\n  locale: da\n"),
    (
        "extensions-in-every-form",
        "site_name: x\nmarkdown_extensions:\n  - toc\n  - markdown.extensions.tables\n"
        "  - pymdownx.highlight: {linenums: true}\n  - pymdownx.blocks.tab:\n      alternate_style: true\n"
        "  - extra:\n      footnotes: {BACKLINK_TEXT: '&#8617;'}\n"
        "  - pymdownx.extra:\n      pymdownx.superfences: {preserve_tabs: true}\n",
    ),
    ("extensions-as-a-group", "site_name: x\nmarkdown_extensions:\n  admonition:\n  toc: {permalink: '#'}\n"),
    ("plugins-by-short-name", "site_name: x\ntheme: material\nplugins:\n  - search\n"),
    (
        "plugins-by-full-name",
        "site_name: x\ntheme: material\nplugins:\n  - material/search:\n      lang: [da, en]\n",
    ),
    ("plugins-as-a-group", "site_name: x\nplugins:\n  search: {separator: '[\\s\\-]+'}\n"),
    (
        "material-settings",
        "site_name: x\ntheme:\n  name: material\n  logo: assets/logo.png\n  icon:\n    repo: fontawesome/brands/git\n"
        "  palette:\n    - scheme: default\n      toggle: {icon: material/weather-night, name: Mørkt tema}\n"
        "  font: {text: Inter}\nextra:\n  generator: false\n  homepage: https://intra.example.com/\n"
        "  social:\n    - {icon: fontawesome/brands/github, link: 'https://github.com/x', name: GitHub}\n",
    ),
    (
        "site-layout",
        "site_name: x\nsite_url: https://mus.example.com/\nrepo_name: hr/mus\nstrict: true\n"
        "validation: {links: {absolute_links: warn}}\nexclude_docs: |\n  *.tmp\nnav:\n  - index.md\n"
        "  - Intranet: https://intra.example.com/\n  - Skriv til HR: mailto:hr@example.com\n",
    ),
]


@pytest.mark.parametrize("name, config", ACCEPTED_CONFIGS, ids=[c[0] for c in ACCEPTED_CONFIGS])
def test_what_the_allowlists_name_is_accepted(tmp_path, name, config):
    path = tmp_path / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    _, problems = load_config(path)
    assert [str(p) for p in problems] == []


def test_the_option_lists_match_the_installed_extensions():
    """Every option on the lists is one the installed extension takes, and the bundles
    hold what the installed bundles hold (read here, never when checking)."""
    import markdown
    import markdown.extensions.extra
    import pymdownx.extra

    for name, options in allowlist.EXTENSIONS.items():
        accepted = markdown.Markdown().build_extension(name, {}).getConfigs()
        assert options <= accepted.keys(), (name, options - accepted.keys())
    for alias, name in allowlist.EXTENSION_ALIASES.items():
        assert (
            type(markdown.Markdown().build_extension(alias, {})).__name__
            == type(markdown.Markdown().build_extension(name, {})).__name__
        )
    assert set(allowlist.BUNDLES["extra"]) == set(markdown.extensions.extra.extensions)
    assert set(allowlist.BUNDLES["pymdownx.extra"]) == set(pymdownx.extra.extra_extensions)


def test_the_plugin_and_key_lists_match_mkdocs_and_material():
    from material.plugins.search.config import SearchConfig
    from mkdocs.config.defaults import MkDocsConfig

    search = {name for name, option in SearchConfig._schema if "Deprecated" not in type(option).__name__}
    assert set(allowlist.PLUGINS["search"]) <= search
    mkdocs_keys = {name for name, _ in MkDocsConfig._schema}
    assert set(allowlist.TOP_LEVEL) <= mkdocs_keys
    assert set(allowlist.REFUSED_KEYS) - {"INHERIT"} <= mkdocs_keys


def test_checking_imports_nothing_the_file_names(tmp_path):
    """mkdocs imports what mkdocs.yml names; `mus check` only reads the names."""
    (tmp_path / "mkdocs.yml").write_text(dict(ACCEPTED_CONFIGS)["extensions-in-every-form"], encoding="utf-8")
    script = (
        "import sys\nfrom pathlib import Path\nfrom mus_build.cli import main\n"
        "from mus_build.check.config import load_config\n"
        f"assert load_config(Path({str(tmp_path / 'mkdocs.yml')!r}))[1] == []\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'markdown', 'pymdownx', 'mkdocs', 'material'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
