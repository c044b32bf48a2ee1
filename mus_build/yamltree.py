"""Strict YAML: libyaml's parser, and a tree we build ourselves that keeps line numbers.

PyYAML's own loaders guess types the YAML 1.1 way (`no` is False, `12:30` is 750),
silently keep the last of two duplicate keys, expand aliases and run `!!python` tags
in the unsafe loader. We take only the parser's events and build plain nodes from
them: every scalar stays text, with its line and whether it was quoted, so the
schema decides what a value means and can say so at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .problems import quote

try:  # libyaml's parser is about twenty times faster than the pure-Python one
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 30


@dataclass
class Scalar:
    text: str
    line: int
    plain: bool  # written without quotes: YAML 1.1 may read it as a number, bool or date
    tag: str | None = None


@dataclass
class Mapping:
    line: int
    items: list[tuple[Scalar, Node]] = field(default_factory=list)
    tag: str | None = None

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.text == key:
                return v
        return None

    def key_line(self, key: str) -> int:
        for k, _ in self.items:
            if k.text == key:
                return k.line
        return self.line


@dataclass
class Sequence:
    line: int
    items: list[Node] = field(default_factory=list)
    tag: str | None = None


Node = Scalar | Mapping | Sequence


@dataclass
class YamlError(Exception):
    line: int
    message: str


def describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a list of keys"
    if isinstance(node, Sequence):
        return "a list"
    return "text"


def parse(text: str, first_line: int = 1, strict: bool = True) -> tuple[Node | None, list[YamlError]]:
    """Parse one YAML document into nodes.

    `first_line` is the file line the text starts on. In strict mode anchors, aliases,
    merge keys and tags are errors; otherwise tags are kept on the nodes (for
    mkdocs.yml, which may use them) and aliases become empty scalars. Duplicate keys
    are always errors. Returns the root (None for an empty document) and the problems.
    """
    problems: list[YamlError] = []
    offset = first_line

    def line_of(event: yaml.Event) -> int:
        return event.start_mark.line + offset

    def explicit_tag(event: yaml.Event) -> str | None:
        tag = getattr(event, "tag", None)
        if tag is None:
            return None
        if isinstance(event, yaml.ScalarEvent) and event.implicit[0] and tag == "!":
            return None
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and event.implicit:
            return None
        return tag

    def check_node_event(event: yaml.Event) -> str | None:
        tag = explicit_tag(event)
        if strict and tag is not None:
            problems.append(
                YamlError(line_of(event), f"YAML tags such as {quote(tag)} are not allowed; remove the tag")
            )
        if strict and getattr(event, "anchor", None) is not None:
            problems.append(
                YamlError(
                    line_of(event),
                    f"YAML anchors (&{quote(event.anchor)}) are not allowed; write the value out in full",
                )
            )
        return tag

    root: Node | None = None
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []  # per open mapping: the key waiting for its value

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                problems.append(YamlError(node.line, "a key must be plain text, not a list or a mapping"))
                node = Scalar("", node.line, plain=False)
            if node.plain and node.text == "<<":
                problems.append(
                    YamlError(node.line, "YAML merge keys (<<) are not allowed; write the keys out in full")
                )
            for existing, _ in parent.items:
                if existing.text == node.text:
                    problems.append(
                        YamlError(
                            node.line,
                            f"duplicate key {quote(node.text)} (first on line {existing.line}); keep only one",
                        )
                    )
                    break
            pending_key[-1] = node
        else:
            parent.items.append((key, node))
            pending_key[-1] = None

    loader = _Parser(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.ScalarEvent):
                tag = check_node_event(event)
                attach(Scalar(event.value, line_of(event), plain=not event.style, tag=tag))
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                tag = check_node_event(event)
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        line_of(event), f"the values are nested more than {MAX_DEPTH} levels deep"
                    )
                node: Node = (
                    Mapping(line_of(event), tag=tag)
                    if isinstance(event, yaml.MappingStartEvent)
                    else Sequence(line_of(event), tag=tag)
                )
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                pending_key.pop()
            elif isinstance(event, yaml.AliasEvent):
                if strict:
                    problems.append(
                        YamlError(
                            line_of(event),
                            f"YAML aliases (*{quote(event.anchor)}) are not allowed; write the value out in full",
                        )
                    )
                attach(Scalar("", line_of(event), plain=False))
            elif isinstance(event, yaml.DocumentStartEvent) and root is not None:
                raise YamlError(
                    line_of(event), "only one YAML document is allowed here; remove the extra '---'"
                )
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_error_line(exc, offset), _error_message(exc)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for parse errors
        raise YamlError(offset, f"the YAML could not be read ({quote(str(exc))})") from None
    finally:
        loader.dispose()
    return root, problems


def _error_line(exc: yaml.MarkedYAMLError, offset: int) -> int:
    # For an unclosed quote the parser stops at the end of the file; the line a
    # person must fix is where the quote opened.
    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        return exc.context_mark.line + offset
    mark = exc.problem_mark or exc.context_mark
    return (mark.line + offset) if mark is not None else offset


_HINTS = [
    ("found character '\\t'", "a tab is used for indentation; indent with spaces"),
    ("quoted scalar", "a quote is opened here but never closed; end the text with the same quote"),
    (
        "mapping values are not allowed here",
        "a ': ' inside a value must be quoted; put the whole value in double quotes",
    ),
    (
        "could not find expected ':'",
        "a line here is neither 'key: value' nor a list item '- ...'; check the indentation",
    ),
    (
        "did not find expected key",
        "the indentation does not line up; indent keys at the same level with the same number of spaces",
    ),
    (
        "did not find expected '-' indicator",
        "the items of a list must all start with '-' at the same indentation",
    ),
    ("found undefined alias", "'*' starts a YAML alias; put the value in double quotes"),
    (
        "found character that cannot start any token",
        "this character cannot start a value; put the value in double quotes",
    ),
]


def _error_message(exc: yaml.MarkedYAMLError) -> str:
    raw = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _HINTS:
        if needle in raw:
            return f"YAML error: {hint}"
    return f"YAML error: {(exc.problem or exc.context or 'the YAML could not be read').strip()}"
