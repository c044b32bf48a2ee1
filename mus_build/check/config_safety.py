"""mkdocs.yml read against the allowlists of `mkdocs_allowlist`: what is not named there
could run code at build time or put markup and scripts into the site, so it is refused
with its line and what to do. Nothing named in the file is imported or run here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from difflib import get_close_matches

from mus_build.check import mkdocs_allowlist as allow
from mus_build.check.problems import LineError, quote
from mus_build.check.yamltree import Mapping, Node, Scalar, Sequence
from mus_build.messages import say


def tag_message(tag: str) -> str:
    """The problem with a YAML tag in mkdocs.yml (tags are refused like anchors and aliases)."""
    if tag.startswith("!!python/"):
        return say("unsafe_python_tag", tag=quote(tag), hint=say("unsafe_hint"))
    if tag == "!ENV":
        return say("unsafe_env_tag")
    return say("unsafe_tag", tag=quote(tag))


def refused_parts(tree: Mapping) -> list[LineError]:
    """Every key, theme setting, plugin, Markdown extension and option the allowlists do not
    name, and every text or address that could become markup in a page."""
    found: list[LineError] = []
    for key, value in tree.items:
        name = key.text
        if name in allow.REFUSED_KEYS:
            found.append(LineError(key.line, _refused(f"'{name}:'", allow.REFUSED_KEYS[name])))
        elif name not in allow.TOP_LEVEL:
            found.append(LineError(key.line, _unknown(name, allow.TOP_LEVEL, say("what_mkdocs_setting"))))
        elif name in _CHECKS:
            found += _CHECKS[name](value)
    return found + _texts_and_addresses(tree)


# --- the parts with tables of their own ------------------------------------------------


def _theme(node: Node) -> list[LineError]:
    settings = node if isinstance(node, Mapping) else None
    name = settings.get("name") if settings is not None else node
    if isinstance(name, Scalar) and not name.text and settings is None:
        return []  # an empty 'theme:' is mkdocs' default theme
    found: list[LineError] = []
    theme = name.text if isinstance(name, Scalar) else ""
    if theme not in allow.THEMES:
        found.append(LineError((name or node).line, say("theme_not_allowed")))
    spec = allow.THEMES.get(theme, {"name": allow.ANY})
    for key, value in settings.items if settings is not None else []:
        if key.text in allow.REFUSED_THEME_KEYS:
            reason = allow.REFUSED_THEME_KEYS[key.text]
            found.append(LineError(key.line, _refused(f"'theme: {key.text}:'", reason)))
        elif key.text in spec:
            found += _walk(value, spec[key.text], say("what_setting_under", key=key.text))
        else:
            found.append(
                LineError(key.line, _unknown(key.text, spec, say("what_theme_setting", theme=quote(theme))))
            )
    return found


def _extra(node: Node) -> list[LineError]:
    return _walk(node, allow.EXTRA, say("what_setting_under", key="extra"))


def _plugins(node: Node) -> list[LineError]:
    found: list[LineError] = []
    for name, options in _named_items(node, "plugins", "search", found):
        plugin = allow.PLUGIN_ALIASES.get(name.text, name.text)
        if plugin in allow.PLUGINS:
            found += _walk(options, allow.PLUGINS[plugin], say("what_plugin_option", name=name.text))
        else:
            found.append(LineError(name.line, _unknown(name.text, allow.PLUGINS, say("what_plugin"))))
    return found


def _extensions(node: Node) -> list[LineError]:
    found: list[LineError] = []
    for name, options in _named_items(node, "markdown_extensions", "toc", found):
        extension = allow.EXTENSION_ALIASES.get(name.text, name.text)
        if extension in allow.EXTENSIONS:
            found += _extension_options(extension, options)
        elif name.text in allow.REFUSED_EXTENSIONS:
            reason = allow.REFUSED_EXTENSIONS[name.text]
            found.append(LineError(name.line, _refused(say("the_extension", name=quote(name.text)), reason)))
        elif ":" in name.text:
            found.append(
                LineError(name.line, say("extension_is_code", name=quote(name.text), hint=say("unsafe_hint")))
            )
        else:
            known = [*allow.EXTENSIONS, *allow.EXTENSION_ALIASES]
            found.append(LineError(name.line, _unknown(name.text, known, say("what_extension"))))
    return found


def _extension_options(extension: str, options: Node | None) -> list[LineError]:
    if extension not in allow.BUNDLES:
        spec = dict.fromkeys(allow.EXTENSIONS[extension], allow.ANY)
        return _walk(options, spec, say("what_extension_option", extension=extension))
    found: list[LineError] = []
    members = allow.BUNDLES[extension]
    for key, value in options.items if isinstance(options, Mapping) else []:
        if key.text in members:
            found += _extension_options(members[key.text], value)
        else:
            found.append(
                LineError(
                    key.line, _unknown(key.text, members, say("what_bundle_member", extension=extension))
                )
            )
    return found


_CHECKS: dict[str, Callable[[Node], list[LineError]]] = {
    "theme": _theme,
    "extra": _extra,
    "plugins": _plugins,
    "markdown_extensions": _extensions,
}


def _named_items(
    node: Node, key: str, example: str, found: list[LineError]
) -> Iterator[tuple[Scalar, Node | None]]:
    """The names and options of a list such as `- search` / `- search: {lang: da}`, or of
    a group such as `search: {lang: da}`, as mkdocs reads both."""
    if isinstance(node, Mapping):
        yield from node.items
        return
    if isinstance(node, Scalar):
        if node.text and node.text not in ("null", "~"):
            found.append(LineError(node.line, say("list_such_as", key=key, example=example)))
        return
    for item in node.items:
        if isinstance(item, Scalar):
            yield item, None
        elif isinstance(item, Mapping) and len(item.items) == 1:
            yield item.items[0]
        else:
            found.append(LineError(item.line, say("item_names_one", key=key, example=example)))


def _walk(node: Node | None, spec: allow.Spec, what: str) -> list[LineError]:
    """The keys under node that its table does not name (a table applies to a group of
    keys, and to every group in a list)."""
    if isinstance(spec, str) or node is None or isinstance(node, Scalar):
        return []
    if isinstance(node, Sequence):
        return [problem for item in node.items for problem in _walk(item, spec, what)]
    found: list[LineError] = []
    for key, value in node.items:
        if key.text in spec:
            found += _walk(value, spec[key.text], say("what_setting_under", key=key.text))
        else:
            found.append(LineError(key.line, _unknown(key.text, spec, what)))
    return found


def _unknown(name: str, known: Iterable[str], what: str) -> str:
    near = get_close_matches(name, list(known), n=1, cutoff=0.6)
    if near:
        return say("not_known_safe_near", name=quote(name), what=what, near=near[0], hint=say("unsafe_hint"))
    return say("not_known_safe", name=quote(name), what=what, hint=say("unsafe_hint"))


def _refused(what: str, reason: str) -> str:
    """`what` is refused for the reason the allowlist names by its message code."""
    return say("unsafe_refused", what=what, reason=say(reason), hint=say("unsafe_hint"))


# --- texts and addresses -----------------------------------------------------------------

# mkdocs and its themes put values into pages without escaping them.
_MARKUP = '<>"'
# Values the theme puts into links or images, as key paths (list items left out).
_ADDRESSES = {
    ("site_url",),
    ("repo_url",),
    ("edit_uri",),
    ("theme", "logo"),
    ("theme", "favicon"),
    ("extra", "homepage"),
    ("extra", "social", "link"),
}
# Read by mus's own tables, or never put into a page.
_NOT_SHOWN = {("extra", "mus"), ("plugins",)}
_SCHEME = re.compile(r"([^/?#]*):")


def markup_problem(key: str, scalar: Scalar) -> LineError | None:
    """A text that would break out of the element or attribute the theme puts it in."""
    if not any(ch in scalar.text for ch in _MARKUP):
        return None
    return LineError(scalar.line, say("markup_in_text", key=quote(key)))


def _texts_and_addresses(tree: Mapping) -> list[LineError]:
    """Markup in any key or value, and addresses a browser would run (javascript:, data:,
    or one that only turns into such after the browser drops a tab or decodes an '&')."""
    found: list[LineError] = []
    stack: list[tuple[tuple[str, ...], Node]] = [((), tree)]
    while stack:
        path, node = stack.pop()
        if path[:2] in _NOT_SHOWN or path[:1] in _NOT_SHOWN:
            continue
        if isinstance(node, Mapping):
            for key, value in node.items:
                if problem := markup_problem(key.text, key):
                    found.append(problem)
                stack.append(((*path, key.text), value))
        elif isinstance(node, Sequence):
            stack.extend((path, item) for item in node.items)
        elif problem := markup_problem(path[-1] if path else "", node):
            found.append(problem)
        elif path in _ADDRESSES or path[:1] == ("nav",):
            schemes = ("http", "https", "mailto") if path[:1] == ("nav",) else ("http", "https")
            if problem := _address_problem(path[-1], node, schemes):
                found.append(problem)
    return found


def _address_problem(key: str, scalar: Scalar, schemes: tuple[str, ...]) -> LineError | None:
    text = scalar.text
    scheme = _SCHEME.match(text)
    unsafe_character = any(ch in "&\\'`" or ch.isspace() or not ch.isprintable() for ch in text)
    if not unsafe_character and (scheme is None or scheme[1].lower() in schemes):
        return None
    return LineError(scalar.line, say("unsafe_address", key=quote(key), value=quote(text)))
