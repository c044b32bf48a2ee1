"""mkdocs.yml, read once and safely: the `extra: mus:` settings (by the table
`schema.SETTINGS`, as front matter is read) and the mkdocs keys mus uses.

mkdocs itself loads mkdocs.yml with PyYAML's unsafe loader and turns names in it into
code, and anyone who can open a pull request can edit it. So it is parsed here first
without running anything and, unless the settings say `allow_unsafe_config: true`, it
may hold no YAML tags, anchors or aliases and only what `mkdocs_allowlist` names
(`config_safety` reads it against the lists).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mus_build.check import config_safety, fields, schema, yamltree
from mus_build.check.problems import LineError, Problem, quote
from mus_build.check.yamltree import Mapping, Node, Scalar
from mus_build.messages import DEFAULT, say, use_language
from mus_build.model.settings import Access, Config, Editor, Reminders, Role, Settings, Site


def load_config(config_file: Path) -> tuple[Config, list[Problem]]:
    """Read mkdocs.yml once: the mus settings, the mkdocs keys mus uses, and whether
    anything in it could run code or markup. Defaults stand in for what cannot be read."""
    root, rel = config_file.parent, config_file.name
    config = Config(root, rel)
    use_language(DEFAULT)  # until the file says otherwise, and when it cannot be read
    try:
        text = config_file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return config, [Problem(rel, 1, say("file_unreadable", reason=exc.strerror))]
    except UnicodeDecodeError:
        return config, [Problem(rel, 1, say("not_utf8"))]
    try:
        tree, yaml_problems = yamltree.parse(text, first_line=1, strict=False)
    except LineError as exc:
        return config, [exc.at(rel)]
    if not isinstance(tree, Mapping):
        problem = Problem(rel, 1, say("config_not_mapping"))
        return config, [p.at(rel) for p in yaml_problems] + [problem]
    # The language before anything is said about the settings, so that all of it is in one.
    use_language(_written_language(tree))
    # The settings first: they say whether the rest must be plain data on the allowlists.
    settings, problems = _read_settings(tree, rel)
    if settings.allow_unsafe_config:
        problems += [p.at(rel) for p in yaml_problems] + _markup_in_texts(tree, rel)
    else:
        _, strict_problems = yamltree.parse(text, strict=True, tag_message=config_safety.tag_message)
        problems += [p.at(rel) for p in strict_problems + config_safety.refused_parts(tree)]
    site, site_problems = _read_site(tree, rel)
    return Config(root, rel, settings, site), problems + site_problems


def written_language(config_file: Path) -> str:
    """The language mkdocs.yml names, read on its own and quickly, before anything else is
    said (Click's errors come before the file is read in full); Danish if it names none or
    cannot be read."""
    try:
        tree, _ = yamltree.parse(config_file.read_bytes().decode("utf-8-sig"), strict=False)
    except (OSError, UnicodeDecodeError, LineError):
        return DEFAULT
    return _written_language(tree) if isinstance(tree, Mapping) else DEFAULT


def _written_language(tree: Mapping) -> str:
    extra = tree.get("extra")
    mus = extra.get("mus") if isinstance(extra, Mapping) else None
    language = mus.get("language") if isinstance(mus, Mapping) else None
    return language.text.strip() if isinstance(language, Scalar) else DEFAULT


def _read_settings(tree: Mapping, rel: str) -> tuple[Settings, list[Problem]]:
    extra = tree.get("extra")
    mus = extra.get("mus") if isinstance(extra, Mapping) else None
    if mus is None:
        return Settings(), []
    if not isinstance(mus, Mapping):
        return Settings(), [Problem(rel, mus.line, say("settings_not_mapping"))]
    values, problems = schema.read(mus, schema.SETTINGS, rel, noun="setting")
    data = dict(values.data)
    if "access" in data:
        access: schema.Values = data["access"]
        data["access"] = Access(**access.data, lines={"access": values.line_of("access"), **access.lines})
    if "reminders" in data:
        reminders: schema.Values = data["reminders"]
        data["reminders"] = Reminders(
            **reminders.data, lines={"reminders": values.line_of("reminders"), **reminders.lines}
        )
    if "editor" in data:
        editor: schema.Values = data["editor"]
        data["editor"] = Editor(**editor.data, lines={"editor": values.line_of("editor"), **editor.lines})
    if "roles" in data:
        roles: dict[str, Role] = data["roles"]
        data["roles"] = {role_id: role.name for role_id, role in roles.items()}
        data["role_emails"] = {role_id: role.email for role_id, role in roles.items() if role.email}
    return Settings(**data), problems


# The tags whose values mus can read as mkdocs does; None is an untagged value.
_CORE_TAGS = {
    None,
    *(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "timestamp")),
}


def _read_site(tree: Mapping, rel: str) -> tuple[Site, list[Problem]]:
    """The mkdocs keys mus needs, as mkdocs will read them."""
    problems: list[Problem] = []

    def read(key: str, expected: type) -> object:
        node = tree.get(key)
        if node is None or node.tag not in _CORE_TAGS:
            return None  # another tag (!ENV, with allow_unsafe_config) is mkdocs' to resolve
        try:
            value = fields.as_mkdocs_reads(node) if isinstance(node, Scalar) else node
        except LineError as exc:
            problems.append(exc.at(rel))
            return None
        if value is None or isinstance(value, expected):
            return value
        problems.append(Problem(rel, tree.key_line(key), _expected(key, expected, node, value)))
        return None

    name = str(read("site_name", str) or "").strip()
    if not name and not problems:  # mkdocs refuses to build without one
        problems.append(Problem(rel, tree.key_line("site_name"), say("site_name_missing")))
    directory_urls = read("use_directory_urls", bool)
    site = Site(
        name=name or Site.name,
        url=str(read("site_url", str) or "").strip() or None,
        edit_base=_edit_base(str(read("repo_url", str) or ""), str(read("edit_uri", str) or "")),
        repo_url=str(read("repo_url", str) or "").strip() or None,
        directory_urls=directory_urls is not False,
        has_nav=tree.get("nav") is not None,
    )
    return site, problems


def _expected(key: str, expected: type, node: Node, value: object) -> str:
    if not isinstance(node, Scalar):
        return say("single_value_expected", key=key, found=yamltree.describe(node))
    if expected is bool:
        return say("mkdocs_not_bool", key=key, value=quote(node.text))
    return say("mkdocs_not_text", key=key, value=quote(node.text)[1:-1], kind=_kind(value))


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return say("kind_bool")
    if isinstance(value, int | float):
        return say("kind_number")
    return say("kind_date") if isinstance(value, dt.date) else say("kind_text")


def _edit_base(repo_url: str, edit_uri: str) -> str | None:
    """Where a page's edit link starts, e.g. https://github.com/org/repo/edit/main/."""
    repo, uri = repo_url.strip(), edit_uri.strip()
    if not repo or not uri:
        return None
    if uri.startswith(("http://", "https://")):
        return uri.rstrip("/") + "/"
    return f"{repo.rstrip('/')}/{uri.strip('/')}/"


# The theme writes these into every page without escaping them.
_SHOWN_AS_HTML = ("site_name", "site_description", "site_author", "copyright")


def _markup_in_texts(tree: Mapping, rel: str) -> list[Problem]:
    """Checked even when allow_unsafe_config trusts the file as code: markup in the site's
    name is far more often a slip than a wish, and it would break every page."""
    problems = []
    for key in _SHOWN_AS_HTML:
        node = tree.get(key)
        if isinstance(node, Scalar) and (problem := config_safety.markup_problem(key, node)):
            problems.append(problem.at(rel))
    return problems
