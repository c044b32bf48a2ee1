"""The `extra: mus:` settings in mkdocs.yml, with defaults, read safely and validated.

mkdocs itself loads mkdocs.yml with PyYAML's unsafe loader, and anyone who can
open a pull request can edit it. So it is parsed here first without running
anything, and `!!python` tags, `hooks:` and `INHERIT:` are refused unless the
settings allow them explicitly.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from mus_build.check import yamltree
from mus_build.check.problems import LineError, Problem, quote
from mus_build.check.yamltree import Mapping, Node, Scalar
from mus_build.model.names import is_id
from mus_build.model.settings import BUILT_IN_ROLES, LANGUAGES, RESERVED_IDS, Settings

_INTEGERS = {
    "interval_months": (1, 60),
    "due_soon_days": (0, 366),
    "retention_years": (1, 100),
}
_KEYS = (
    "language",
    "interval_months",
    "due_soon_days",
    "timezone",
    "roles",
    "retention_years",
    "allow_unsafe_config",
    "noindex",
)


@dataclass
class Config:
    path: str  # the config file, relative to the handbook root
    root: Path
    settings: Settings
    raw: Mapping | None  # the parsed mkdocs.yml, for the site build


def load_config(config_file: Path) -> tuple[Config, list[Problem]]:
    root = config_file.parent
    rel = config_file.name
    try:
        text = config_file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return Config(rel, root, Settings(), None), [
            Problem(rel, 1, f"cannot read the file ({exc.strerror})")
        ]
    except UnicodeDecodeError:
        return Config(rel, root, Settings(), None), [Problem(rel, 1, "the file is not valid UTF-8")]
    try:
        tree, yaml_problems = yamltree.parse(text, first_line=1, strict=False)
    except LineError as exc:
        return Config(rel, root, Settings(), None), [exc.at(rel)]
    problems = [p.at(rel) for p in yaml_problems]
    if not isinstance(tree, Mapping):
        problems.append(Problem(rel, 1, "mkdocs.yml must hold keys and values such as 'site_name: ...'"))
        return Config(rel, root, Settings(), None), problems
    settings, setting_problems = _read_settings(tree, rel)
    problems += setting_problems
    if not settings.allow_unsafe_config:
        problems += _unsafe_parts(tree, rel)
    problems += _markup_in_texts(tree, rel)
    return Config(rel, root, settings, tree), problems


def _read_settings(tree: Mapping, rel: str) -> tuple[Settings, list[Problem]]:
    settings = Settings()
    extra = tree.get("extra")
    mus = extra.get("mus") if isinstance(extra, Mapping) else None
    if mus is None:
        return settings, []
    if not isinstance(mus, Mapping):
        return settings, [Problem(rel, mus.line, "'extra: mus:' must hold settings such as 'language: da'")]
    problems: list[Problem] = []
    for key_node, node in mus.items:
        key = key_node.text
        if key not in _KEYS:
            near = get_close_matches(key, _KEYS, n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"the settings are: {', '.join(_KEYS)}"
            problems.append(Problem(rel, key_node.line, f"unknown mus setting {quote(key)}; {hint}"))
            continue
        try:
            setattr(settings, key, _read_setting(key, node, settings))
        except LineError as exc:
            problems.append(exc.at(rel))
    return settings, problems


def _read_setting(key: str, node: Node, settings: Settings):
    if key == "roles":
        return _read_roles(node)
    if not isinstance(node, Scalar):
        raise LineError(node.line, f"mus setting '{key}' must be a single value")
    value = node.text.strip()
    if key in _INTEGERS:
        low, high = _INTEGERS[key]
        # str.isdigit() also accepts '²' and 5,000-digit numbers, which int() refuses.
        if not re.fullmatch(r"[0-9]{1,6}", value) or not low <= int(value) <= high:
            raise LineError(
                node.line,
                f"mus setting '{key}' expected a whole number from {low} to {high}, "
                f"but received {quote(value)}",
            )
        return int(value)
    if key == "language":
        if value not in LANGUAGES:
            raise LineError(
                node.line, f"mus setting 'language' expected da or en, but received {quote(value)}"
            )
        return value
    if key == "timezone":
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
            raise LineError(
                node.line,
                f"mus setting 'timezone' expected a time zone such as Europe/Copenhagen, "
                f"but received {quote(value)}",
            ) from None
        return value
    if value not in ("true", "false"):
        raise LineError(node.line, f"mus setting '{key}' expected true or false, but received {quote(value)}")
    return value == "true"


def _read_roles(node: Node) -> dict[str, str]:
    if not isinstance(node, Mapping):
        raise LineError(node.line, "mus setting 'roles' expected role ids with names, e.g. 'it: IT-support'")
    roles = dict(BUILT_IN_ROLES)
    for key_node, value in node.items:
        if not is_id(key_node.text) or key_node.text in RESERVED_IDS:
            raise LineError(
                key_node.line,
                f"role id {quote(key_node.text)} must be lower-case letters, digits "
                "and hyphens, and not 'employee' or 'manager'",
            )
        if not isinstance(value, Scalar) or not value.text.strip():
            raise LineError(
                key_node.line,
                f"role '{key_node.text}' needs a display name, e.g. '{key_node.text}: IT-support'",
            )
        roles[key_node.text] = value.text
    return roles


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
            for key, value in node.items:
                stack.extend((key, value))
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
