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

UNSAFE_HINT = (
    "remove it, or set 'allow_unsafe_config: true' under 'extra: mus:' if the site owners "
    "really need it (mkdocs.yml then runs as code: review every change to it as code)"
)


def tag_message(tag: str) -> str:
    """The problem with a YAML tag in mkdocs.yml (tags are refused like anchors and aliases)."""
    if tag.startswith("!!python/"):
        return f"the tag {quote(tag)} makes mkdocs run Python code; {UNSAFE_HINT}"
    if tag == "!ENV":
        return (
            "'!ENV' copies an environment variable of the build (a CI secret, say) into the site; "
            "write the value itself, or set 'allow_unsafe_config: true' under 'extra: mus:'"
        )
    return f"YAML tags such as {quote(tag)} are not allowed in mkdocs.yml; remove the tag"


def refused_parts(tree: Mapping) -> list[LineError]:
    """Every key, theme setting, plugin, Markdown extension and option the allowlists do not
    name, and every text or address that could become markup in a page."""
    found: list[LineError] = []
    for key, value in tree.items:
        name = key.text
        if name in allow.REFUSED_KEYS:
            found.append(LineError(key.line, f"'{name}:' {allow.REFUSED_KEYS[name]}; {UNSAFE_HINT}"))
        elif name not in allow.TOP_LEVEL:
            found.append(LineError(key.line, _unknown(name, allow.TOP_LEVEL, "a mkdocs setting")))
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
        found.append(
            LineError(
                (name or node).line,
                "mus builds with the theme material (or mkdocs' own theme, mkdocs); write "
                "'theme:' with 'name: material' under it",
            )
        )
    spec = allow.THEMES.get(theme, {"name": allow.ANY})
    for key, value in settings.items if settings is not None else []:
        if key.text in allow.REFUSED_THEME_KEYS:
            reason = allow.REFUSED_THEME_KEYS[key.text]
            found.append(LineError(key.line, f"'theme: {key.text}:' {reason}; {UNSAFE_HINT}"))
        elif key.text in spec:
            found += _walk(value, spec[key.text], f"a setting under '{key.text}'")
        else:
            found.append(
                LineError(key.line, _unknown(key.text, spec, f"a setting of the theme {quote(theme)}"))
            )
    return found


def _extra(node: Node) -> list[LineError]:
    return _walk(node, allow.EXTRA, "a setting under 'extra'")


def _plugins(node: Node) -> list[LineError]:
    found: list[LineError] = []
    for name, options in _named_items(node, "plugins", "search", found):
        plugin = allow.PLUGIN_ALIASES.get(name.text, name.text)
        if plugin in allow.PLUGINS:
            found += _walk(options, allow.PLUGINS[plugin], f"an option of the plugin '{name.text}'")
        else:
            found.append(LineError(name.line, _unknown(name.text, allow.PLUGINS, "a plugin")))
    return found


def _extensions(node: Node) -> list[LineError]:
    found: list[LineError] = []
    for name, options in _named_items(node, "markdown_extensions", "toc", found):
        extension = allow.EXTENSION_ALIASES.get(name.text, name.text)
        if extension in allow.EXTENSIONS:
            found += _extension_options(extension, options)
        elif name.text in allow.REFUSED_EXTENSIONS:
            reason = allow.REFUSED_EXTENSIONS[name.text]
            found.append(LineError(name.line, f"the extension {quote(name.text)} {reason}; {UNSAFE_HINT}"))
        elif ":" in name.text:
            found.append(
                LineError(name.line, f"{quote(name.text)} names Python code for mkdocs to run; {UNSAFE_HINT}")
            )
        else:
            known = [*allow.EXTENSIONS, *allow.EXTENSION_ALIASES]
            found.append(LineError(name.line, _unknown(name.text, known, "a Markdown extension")))
    return found


def _extension_options(extension: str, options: Node | None) -> list[LineError]:
    if extension not in allow.BUNDLES:
        spec = dict.fromkeys(allow.EXTENSIONS[extension], allow.ANY)
        return _walk(options, spec, f"an option of '{extension}'")
    found: list[LineError] = []
    members = allow.BUNDLES[extension]
    for key, value in options.items if isinstance(options, Mapping) else []:
        if key.text in members:
            found += _extension_options(members[key.text], value)
        else:
            found.append(LineError(key.line, _unknown(key.text, members, f"an extension in '{extension}'")))
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
            found.append(LineError(node.line, f"'{key}' must be a list such as '- {example}'"))
        return
    for item in node.items:
        if isinstance(item, Scalar):
            yield item, None
        elif isinstance(item, Mapping) and len(item.items) == 1:
            yield item.items[0]
        else:
            found.append(
                LineError(
                    item.line,
                    f"each item of '{key}' must name one, e.g. '- {example}', with its options "
                    "indented under it",
                )
            )


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
            found += _walk(value, spec[key.text], f"a setting under '{key.text}'")
        else:
            found.append(LineError(key.line, _unknown(key.text, spec, what)))
    return found


def _unknown(name: str, known: Iterable[str], what: str) -> str:
    near = get_close_matches(name, list(known), n=1, cutoff=0.6)
    if near:
        return f"{quote(name)} is not {what} mus knows to be safe; did you mean '{near[0]}'? If not, {UNSAFE_HINT}"
    return f"{quote(name)} is not {what} mus knows to be safe; {UNSAFE_HINT}"


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
    return LineError(
        scalar.line,
        f"{quote(key)} contains '<', '>' or '\"', which the theme would put into pages as HTML; "
        "write plain text",
    )


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
    return LineError(
        scalar.line,
        f"{quote(key)} must be an address starting with https:// or a path in the site, without spaces, "
        f"quotes or '&', but received {quote(text)}",
    )
