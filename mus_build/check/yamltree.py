"""Strict YAML: libyaml's parser, and a tree we build ourselves that keeps line numbers.

PyYAML's own loaders guess types the YAML 1.1 way (`no` is False, `12:30` is 750),
silently keep the last of two duplicate keys, expand aliases and run `!!python` tags
in the unsafe loader. We take only the parser's events and build plain nodes from
them: every scalar stays text, with its line and whether it was quoted, so the
schema decides what a value means and can say so at the right line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from mus_build.check.problems import LineError, quote
from mus_build.messages import say

_Parser: type[yaml.CSafeLoader | yaml.SafeLoader]
try:  # libyaml's parser is about twenty times faster than the pure-Python one
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader

MAX_DEPTH = 30
# A hostile file can hold thousands of aliases or tags; past this many the rest add nothing.
MAX_PROBLEMS = 50
# Where aliases are allowed (mkdocs.yml), the values they stand for, counted out in full:
# mkdocs copies them, and nine levels of nine aliases ("billion laughs") kept a build busy
# for most of a minute.
MAX_EXPANDED = 100_000


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


def describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return say("kind_group")
    if isinstance(node, Sequence):
        return say("kind_list")
    return say("kind_text")


def parse(
    text: str, first_line: int = 1, strict: bool = True, tag_message: Callable[[str], str] | None = None
) -> tuple[Node | None, list[LineError]]:
    """Parse one YAML document into nodes.

    `first_line` is the file line the text starts on. In strict mode anchors, aliases,
    merge keys and tags are errors (`tag_message` says what is wrong with a tag, written
    as in the file, e.g. '!!python/name:os.system'); otherwise tags are kept on the nodes
    (for mkdocs.yml with `allow_unsafe_config`) and aliases become empty scalars.
    Duplicate keys are always errors. Returns the root (None for an empty document) and
    the problems.
    """
    problems: list[LineError] = []
    offset = first_line

    def line_of(event: yaml.Event) -> int:
        # The parser marks every event; a mark-less one could only be made by hand.
        return event.start_mark.line + offset if event.start_mark is not None else offset

    def explicit_tag(event: yaml.NodeEvent) -> str | None:
        tag = getattr(event, "tag", None)
        if tag is None:
            return None
        if isinstance(event, yaml.ScalarEvent) and event.implicit[0] and tag == "!":
            return None
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) and event.implicit:
            return None
        return tag

    def check_node_event(event: yaml.NodeEvent) -> str | None:
        tag = explicit_tag(event)
        if strict and tag is not None:
            written = tag.replace("tag:yaml.org,2002:", "!!", 1)
            message = tag_message(written) if tag_message else say("yaml_tag", tag=quote(written))
            problems.append(LineError(line_of(event), message))
        if strict and event.anchor is not None:
            problems.append(LineError(line_of(event), say("yaml_anchor", anchor=quote(event.anchor))))
        return tag

    root: Node | None = None
    stack: list[Mapping | Sequence] = []  # the open collections
    pending_key: list[Scalar | None] = []  # per open mapping: the key waiting for its value
    seen_keys: list[dict[str, int]] = []  # per open mapping: its keys so far and their lines
    # Values counted with every alias expanded: per open collection, and per finished anchor.
    sizes: list[int] = []
    anchors: list[str | None] = []
    anchor_sizes: dict[str, int] = {}
    expanded = 0

    def count(event: yaml.Event, size: int) -> None:
        nonlocal expanded
        if strict:  # strict mode refuses every alias, so nothing can expand
            return
        expanded += size
        if expanded > MAX_EXPANDED:
            most = f"{MAX_EXPANDED:,}".replace(",", say("thousands_separator"))
            raise LineError(line_of(event), say("yaml_expands", most=most))
        if sizes:
            sizes[-1] += size

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
                problems.append(LineError(node.line, say("yaml_key_not_text")))
                node = Scalar("", node.line, plain=False)
            if node.plain and node.text == "<<":
                problems.append(LineError(node.line, say("yaml_merge_key")))
            seen = seen_keys[-1]
            if node.text in seen:
                problems.append(
                    LineError(
                        node.line, say("yaml_duplicate_key", key=quote(node.text), first=seen[node.text])
                    )
                )
            else:
                seen[node.text] = node.line
            pending_key[-1] = node
        else:
            parent.items.append((key, node))
            pending_key[-1] = None

    loader = _Parser(text)
    try:
        while (event := loader.get_event()) is not None:
            if len(problems) >= MAX_PROBLEMS:
                problems.append(LineError(line_of(event), say("yaml_too_many_problems", most=MAX_PROBLEMS)))
                break
            if isinstance(event, yaml.ScalarEvent):
                # Most events are untagged scalars: their checks are skipped cheaply (a record
                # has about 75 events, and 10,000 records are checked in seconds).
                tag = None if event.tag is None and event.anchor is None else check_node_event(event)
                attach(Scalar(event.value, line_of(event), plain=not event.style, tag=tag))
                count(event, 1)
                if event.anchor is not None:
                    anchor_sizes[event.anchor] = 1
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                tag = check_node_event(event)
                if len(stack) >= MAX_DEPTH:
                    raise LineError(line_of(event), say("yaml_too_deep", most=MAX_DEPTH))
                node: Mapping | Sequence = (
                    Mapping(line_of(event), tag=tag)
                    if isinstance(event, yaml.MappingStartEvent)
                    else Sequence(line_of(event), tag=tag)
                )
                attach(node)
                stack.append(node)
                pending_key.append(None)
                seen_keys.append({})
                sizes.append(1)
                anchors.append(event.anchor)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                pending_key.pop()
                seen_keys.pop()
                size, anchor = sizes.pop(), anchors.pop()
                expanded += 1
                if sizes:
                    sizes[-1] += size
                if anchor is not None:
                    anchor_sizes[anchor] = size
            elif isinstance(event, yaml.AliasEvent):
                if strict:
                    problems.append(LineError(line_of(event), say("yaml_alias", anchor=quote(event.anchor))))
                attach(Scalar("", line_of(event), plain=False))
                count(event, anchor_sizes.get(event.anchor, 1) if event.anchor is not None else 1)
            elif isinstance(event, yaml.DocumentStartEvent) and root is not None:
                raise LineError(line_of(event), say("yaml_two_documents"))
    except yaml.MarkedYAMLError as exc:
        raise LineError(_error_line(exc, offset), _error_message(exc)) from None
    except yaml.reader.ReaderError as exc:
        # libyaml gives the byte offset of a character YAML does not allow, but no line.
        line = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + offset
        code = f" (U+{exc.character:04X})" if isinstance(exc.character, int) else ""
        raise LineError(line, say("yaml_control_character", code=code)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for parse errors
        raise LineError(offset, say("yaml_unreadable", detail=quote(str(exc)))) from None
    finally:
        loader.dispose()
    return root, problems


def _unclosed_quote(exc: yaml.MarkedYAMLError) -> bool:
    return "quoted scalar" in (exc.context or "") and any(
        end in (exc.problem or "") for end in ("end of stream", "document indicator", "document separator")
    )


def _error_line(exc: yaml.MarkedYAMLError, offset: int) -> int:
    # For an unclosed quote the parser stops at the end of the file; the line a
    # person must fix is where the quote opened.
    if _unclosed_quote(exc) and exc.context_mark is not None:
        return exc.context_mark.line + offset
    mark = exc.problem_mark or exc.context_mark
    return (mark.line + offset) if mark is not None else offset


# What libyaml says, and the code of the message that says it to a person.
_HINTS = [
    ("found character '\\t'", "yaml_tab"),
    ("unknown escape character", "yaml_escape"),
    ("escape code", "yaml_bad_escape"),
    ("expected hexdecimal number", "yaml_bad_escape"),
    ("mapping values are not allowed here", "yaml_colon"),
    ("could not find expected ':'", "yaml_no_colon"),
    ("did not find expected key", "yaml_indentation"),
    ("did not find expected '-' indicator", "yaml_list_indentation"),
    ("maximum nesting depth", "yaml_nested"),
    ("found undefined alias", "yaml_star"),
    ("found character that cannot start any token", "yaml_bad_start"),
]


def _error_message(exc: yaml.MarkedYAMLError) -> str:
    if _unclosed_quote(exc):
        return say("yaml_unclosed_quote")
    raw = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _HINTS:
        if needle in raw:
            return say(hint, most=MAX_DEPTH)
    # A case no hint above covers: what libyaml says, in its own (English) words.
    return say("yaml_error_parser", detail=(exc.problem or exc.context or "?").strip())
