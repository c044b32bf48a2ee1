"""mkdocs.yml, read once and safely: the `extra: mus:` settings (by the table
`schema.SETTINGS`, as front matter is read) and the mkdocs keys mus uses.

mkdocs itself loads mkdocs.yml with PyYAML's unsafe loader, and anyone who can
open a pull request can edit it. So it is parsed here first without running
anything, and `!!python` tags, `hooks:` and `INHERIT:` are refused unless the
settings allow them explicitly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mus_build.check import fields, schema, yamltree
from mus_build.check.problems import LineError, Problem, quote
from mus_build.check.yamltree import Mapping, Node, Scalar
from mus_build.model.settings import Config, Settings, Site


def load_config(config_file: Path) -> tuple[Config, list[Problem]]:
    """Read mkdocs.yml once: the mus settings, the mkdocs keys mus uses, and whether
    anything in it could run code or markup. Defaults stand in for what cannot be read."""
    root, rel = config_file.parent, config_file.name
    config = Config(root, rel)
    try:
        text = config_file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return config, [Problem(rel, 1, f"cannot read the file ({exc.strerror})")]
    except UnicodeDecodeError:
        return config, [Problem(rel, 1, "the file is not valid UTF-8")]
    try:
        tree, yaml_problems = yamltree.parse(text, first_line=1, strict=False)
    except LineError as exc:
        return config, [exc.at(rel)]
    problems = [p.at(rel) for p in yaml_problems]
    if not isinstance(tree, Mapping):
        problems.append(Problem(rel, 1, "mkdocs.yml must hold keys and values such as 'site_name: ...'"))
        return config, problems
    settings, setting_problems = _read_settings(tree, rel)
    site, site_problems = _read_site(tree, rel)
    problems += setting_problems + site_problems
    if not settings.allow_unsafe_config:
        problems += _unsafe_parts(tree, rel)
    problems += _markup_in_texts(tree, rel)
    return Config(root, rel, settings, site), problems


def _read_settings(tree: Mapping, rel: str) -> tuple[Settings, list[Problem]]:
    extra = tree.get("extra")
    mus = extra.get("mus") if isinstance(extra, Mapping) else None
    if mus is None:
        return Settings(), []
    if not isinstance(mus, Mapping):
        return Settings(), [Problem(rel, mus.line, "'extra: mus:' must hold settings such as 'language: da'")]
    values, problems = schema.read(mus, schema.SETTINGS, rel, noun="mus setting")
    return Settings(**values.data), problems


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
        problems.append(
            Problem(
                rel,
                tree.key_line("site_name"),
                "'site_name' is missing; name the handbook, e.g. site_name: MUS-håndbog",
            )
        )
    directory_urls = read("use_directory_urls", bool)
    site = Site(
        name=name or Site.name,
        url=str(read("site_url", str) or "").strip() or None,
        edit_base=_edit_base(str(read("repo_url", str) or ""), str(read("edit_uri", str) or "")),
        directory_urls=directory_urls is not False,
        has_nav=tree.get("nav") is not None,
    )
    return site, problems


def _expected(key: str, expected: type, node: Node, value: object) -> str:
    if not isinstance(node, Scalar):
        return f"'{key}' must be a single value, not {yamltree.describe(node)}"
    if expected is bool:
        return f"'{key}' must be true or false, but received {quote(node.text)}"
    return (
        f"'{key}: {quote(node.text)[1:-1]}' is read by mkdocs as {_kind(value)}, not text; "
        f'put it in double quotes: {key}: "{quote(node.text)[1:-1]}"'
    )


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    return "a date" if isinstance(value, dt.date) else "text"


def _edit_base(repo_url: str, edit_uri: str) -> str | None:
    """Where a page's edit link starts, e.g. https://github.com/org/repo/edit/main/."""
    repo, uri = repo_url.strip(), edit_uri.strip()
    if not repo or not uri:
        return None
    if uri.startswith(("http://", "https://")):
        return uri.rstrip("/") + "/"
    return f"{repo.rstrip('/')}/{uri.strip('/')}/"


def _unsafe_parts(tree: Mapping, rel: str) -> list[Problem]:
    problems = []
    for key in ("hooks", "INHERIT"):
        if tree.get(key) is not None:
            problems.append(
                Problem(
                    rel,
                    tree.key_line(key),
                    f"'{key}:' lets a pull request run or pull in code at build time; remove it, or set "
                    "'allow_unsafe_config: true' under 'extra: mus:' if the site owners really need it",
                )
            )
    stack: list[Node] = [tree]
    while stack:
        node = stack.pop()
        if node.tag and node.tag.startswith("tag:yaml.org,2002:python/"):
            problems.append(
                Problem(
                    rel,
                    node.line,
                    f"the tag {quote(node.tag.replace('tag:yaml.org,2002:', '!!'))} makes mkdocs run Python code; "
                    "remove it, or set 'allow_unsafe_config: true' under 'extra: mus:'",
                )
            )
        elif node.tag == "!ENV":
            problems.append(
                Problem(
                    rel,
                    node.line,
                    "'!ENV' copies an environment variable of the build (a CI secret, say) into the site; "
                    "write the value itself, or set 'allow_unsafe_config: true' under 'extra: mus:'",
                )
            )
        if isinstance(node, Mapping):
            # Keys too: mkdocs' loader builds a tagged key as readily as a tagged value.
            for key_node, value in node.items:
                stack.extend((key_node, value))
        elif not isinstance(node, Scalar):
            stack.extend(node.items)
    return problems


# The theme writes these into every page without escaping them.
_SHOWN_AS_HTML = ("site_name", "site_description", "site_author", "copyright")


def _markup_in_texts(tree: Mapping, rel: str) -> list[Problem]:
    problems = []
    for key in _SHOWN_AS_HTML:
        node = tree.get(key)
        if isinstance(node, Scalar) and any(ch in node.text for ch in "<>"):
            problems.append(
                Problem(
                    rel,
                    tree.key_line(key),
                    f"'{key}' contains '<' or '>', which the theme would put into "
                    "every page as HTML; write plain text",
                )
            )
    return problems
