"""Field kinds: turn one YAML node into a value, or say at which line what to write instead.

Each converter takes the key (for the message) and the node, and returns the value
or raises LineError. They know nothing of other files; cross-file rules live in
`validate`.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from mus_build.check.problems import LineError, quote
from mus_build.check.yamltree import Mapping, Node, Scalar, Sequence, describe
from mus_build.messages import say
from mus_build.model.dates import RANGE, in_range
from mus_build.model.names import ID_PATTERN, is_id, slugify
from mus_build.model.settings import BUILT_IN_ROLES, RESERVED_IDS, Role

ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
REFERENCE = re.compile(rf"([0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})/({ID_PATTERN.pattern})")
STATUSES = ("open", "done", "dropped")

# Escapes such as "\0" or "\x1b" in double quotes put control characters into a value;
# they have no place in text that people read, and they break exports and terminals.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")

_RESOLVER = Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


Converter = Callable[[str, Node], Any]


def is_empty(node: Scalar) -> bool:
    """An unquoted value that YAML reads as nothing: left out, `~` or `null`."""
    return node.plain and (
        _RESOLVER.resolve(yaml.ScalarNode, node.text, (True, False)) == "tag:yaml.org,2002:null"
    )


def _scalar(key: str, node: Node, expected: str) -> Scalar:
    if not isinstance(node, Scalar):
        raise LineError(node.line, say("not_scalar", key=key, expected=say(expected), found=describe(node)))
    return node


def _no_control(key: str, scalar: Scalar) -> None:
    found = _CONTROL.search(scalar.text)
    if found:
        raise LineError(scalar.line, say("control_character", key=key, code=f"{ord(found[0]):04X}"))


def text(key: str, node: Node) -> str:
    """The text as written. The loader keeps each value's source, so a text field reads it
    the YAML 1.2 way, as editors such as Decap write it: `No`, `on`, `1.10` and
    `2026-03-12` are text here, not false, a number or a date."""
    scalar = _scalar(key, node, "expect_text")
    _no_control(key, scalar)
    if is_empty(scalar) or not scalar.text.strip():
        raise LineError(scalar.line, say("text_empty", key=key))
    return scalar.text


def optional_text(key: str, node: Node) -> str:
    """Text that may be left empty while a record is being written."""
    scalar = _scalar(key, node, "expect_text")
    _no_control(key, scalar)
    return "" if is_empty(scalar) else scalar.text


def date(key: str, node: Node) -> dt.date:
    scalar = _scalar(key, node, "expect_date")
    value = scalar.text.strip()
    match = ISO_DATE.fullmatch(value)
    if match:
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise LineError(scalar.line, say("date_not_real", key=key, value=_clip(value))) from None
        if not in_range(day):
            raise LineError(scalar.line, say("date_out_of_range", key=key, value=_clip(value), range=RANGE))
        return day
    if not value:
        raise LineError(scalar.line, say("date_empty", key=key))
    iso = _guess_iso(value)
    if iso:
        raise LineError(scalar.line, say("date_not_iso", key=key, value=_clip(value), iso=iso))
    raise LineError(scalar.line, say("date_not_date", key=key, value=_clip(value)))


def _guess_iso(value: str) -> str | None:
    """The ISO form of a date written the Danish way or with a time, when it can be read."""
    patterns = [
        (r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", lambda m: (m[3], m[2], m[1])),
        (r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", lambda m: (m[1], m[2], m[3])),
        (r"^(\d{4})-(\d{2})-(\d{2})[T ]", lambda m: (m[1], m[2], m[3])),
    ]
    for pattern, parts in patterns:
        match = re.match(pattern, value)
        if match:
            year, month, day = (int(p) for p in parts(match))
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


def identifier(key: str, node: Node) -> str:
    value = text(key, node)
    if not is_id(value):
        example = slugify(value)[:40] or "anna-jensen"
        raise LineError(node.line, say("bad_id", key=key, value=_clip(value), example=example))
    return value


def status(key: str, node: Node) -> str:
    scalar = _scalar(key, node, "expect_status")
    if scalar.text in STATUSES and scalar.tag is None:
        return scalar.text
    # `status: no` is text under YAML 1.2 too, and still not one of the three words.
    near = get_close_matches(scalar.text.lower(), STATUSES, n=1, cutoff=0.5)
    suggestion = say("status_suggestion", near=near[0]) if near else ""
    raise LineError(scalar.line, say("bad_status", key=key, value=_clip(scalar.text), suggestion=suggestion))


def reference(key: str, node: Node) -> tuple[dt.date, str]:
    scalar = _scalar(key, node, "expect_reference")
    value = scalar.text.strip()
    match = REFERENCE.fullmatch(value)
    if not match:
        raise LineError(scalar.line, say("bad_reference", key=key, value=_clip(value)))
    try:
        day = dt.date.fromisoformat(match[1])
    except ValueError:
        raise LineError(scalar.line, say("reference_not_real", key=key, value=_clip(value))) from None
    if not in_range(day):
        raise LineError(scalar.line, say("reference_out_of_range", key=key, value=_clip(value), range=RANGE))
    return day, match[2]


def anything(key: str, node: Node) -> Node:
    return node


def _clip(value: str) -> str:
    return quote(value)[1:-1]


# An address as the signing-in proxy passes it. Nothing that could end a quoted string in
# the web server's rules mus writes from it: no spaces, quotes, semicolons, braces or '\\'.
EMAIL = re.compile(r"[^\s@\"';{}\\$]+@[^\s@\"';{}\\$]+\.[^\s@\"';{}\\$]+")


def email(key: str, node: Node) -> str:
    value = text(key, node).strip()
    if not EMAIL.fullmatch(value):
        raise LineError(node.line, say("bad_email", key=key, value=_clip(value)))
    return value


def emails(key: str, node: Node) -> tuple[str, ...]:
    """A list of e-mail addresses, e.g. [anna@privat.dk, anna.jensen@firma.dk]."""
    if isinstance(node, Scalar) and is_empty(node):
        return ()
    if not isinstance(node, Sequence):
        raise LineError(node.line, say("emails_not_list", key=key))
    return tuple(email(key, item) for item in node.items)


# The key types ssh-keygen signs commits with. A key is written to the allowed_signers file
# that checks signatures, so only its type and base64 body are taken: nothing else can get in.
SSH_KEY_TYPES = (
    "ssh-ed25519",
    "sk-ssh-ed25519@openssh.com",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-rsa",
)
_SSH_KEY = re.compile(r"(\S+) ([A-Za-z0-9+/]{16,16384}={0,3})(?: [^\n\r]*)?")


def ssh_public_key(key: str, node: Node) -> str:
    """A public key as `ssh-keygen` prints it; the comment after the key is dropped."""
    value = text(key, node).strip()
    match = _SSH_KEY.fullmatch(value)
    if match is None or match[1] not in SSH_KEY_TYPES:
        raise LineError(node.line, say("bad_ssh_key", key=key, value=_clip(value[:40])))
    return f"{match[1]} {match[2]}"


# --- kinds of settings under `extra: mus:` --------------------------------------------


def choice(*allowed: str) -> Converter:
    """One of a few words, written exactly."""

    def convert(key: str, node: Node) -> str:
        value = _scalar(key, node, "expect_single").text.strip()
        if value not in allowed:
            raise LineError(
                node.line, say("setting_choice", key=key, allowed=say("or").join(allowed), value=quote(value))
            )
        return value

    return convert


def whole_number(low: int, high: int) -> Converter:
    def convert(key: str, node: Node) -> int:
        value = _scalar(key, node, "expect_single").text.strip()
        # str.isdigit() also accepts '²' and 5,000-digit numbers, which int() refuses.
        if not re.fullmatch(r"[0-9]{1,6}", value) or not low <= int(value) <= high:
            raise LineError(node.line, say("setting_number", key=key, low=low, high=high, value=quote(value)))
        return int(value)

    return convert


def boolean(key: str, node: Node) -> bool:
    value = _scalar(key, node, "expect_single").text.strip()
    if value not in ("true", "false"):
        raise LineError(node.line, say("setting_bool", key=key, value=quote(value)))
    return value == "true"


def timezone(key: str, node: Node) -> str:
    value = _scalar(key, node, "expect_single").text.strip()
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        raise LineError(node.line, say("setting_timezone", key=key, value=quote(value))) from None
    return value


def roles(key: str, node: Node) -> dict[str, Role]:
    """Owner roles besides a person, `employee` and `manager`; `hr` is always there. A role
    is written with its name (`it: IT-support`) or, to receive reminders, with its name and
    address (`it: {name: IT-support, email: it@firma.dk}`)."""
    if not isinstance(node, Mapping):
        raise LineError(node.line, say("roles_not_mapping", key=key))
    found = {role_id: Role(name) for role_id, name in BUILT_IN_ROLES.items()}
    for key_node, value in node.items:
        role_id = key_node.text
        if not is_id(role_id) or role_id in RESERVED_IDS:
            raise LineError(key_node.line, say("role_bad_id", id=quote(role_id)))
        if isinstance(value, Mapping):
            found[role_id] = _role_with_address(role_id, value)
        elif isinstance(value, Scalar) and value.text.strip():
            found[role_id] = Role(value.text)
        else:
            raise LineError(key_node.line, say("role_no_name", id=role_id))
    return found


def _role_with_address(role_id: str, node: Mapping) -> Role:
    example = f"'{role_id}: {{name: Navn, email: {role_id}@firma.dk}}'"
    values: dict[str, str] = {}
    for key_node, value in node.items:
        if key_node.text not in ("name", "email"):
            raise LineError(
                key_node.line, say("role_unknown_key", id=role_id, key=quote(key_node.text), example=example)
            )
        values[key_node.text] = (
            email(key_node.text, value) if key_node.text == "email" else text("name", value)
        )
    if "name" not in values:
        raise LineError(node.line, say("role_name_missing", id=role_id, example=example))
    return Role(values["name"], values.get("email"))


def host_name(key: str, node: Node) -> str:
    """A server's name or IP address, e.g. smtp.office365.com or 127.0.0.1."""
    pattern = r"[A-Za-z0-9](?:[A-Za-z0-9.:-]{0,252}[A-Za-z0-9])?"
    return _name_like(key, node, pattern, say("expect_host"))


def web_address(key: str, node: Node) -> str:
    """An https address without quotes, spaces or markup, e.g. https://mus-auth.firma.dk/auth."""
    pattern = r"https://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?"
    return _name_like(key, node, pattern, "an https:// address such as https://mus-auth.firma.dk/auth")


def branch_name(key: str, node: Node) -> str:
    """A Git branch's name, e.g. main."""
    pattern = r"[A-Za-z0-9_](?:[A-Za-z0-9._/-]{0,98}[A-Za-z0-9_])?"
    return _name_like(key, node, pattern, "a branch name such as main")


def application_id(key: str, node: Node) -> str:
    """The id a Git host gives an OAuth application, e.g. GitLab's 64 hexadecimal digits."""
    return _name_like(key, node, r"[A-Za-z0-9_.-]{1,200}", "the application's id, letters and digits")


def _name_like(key: str, node: Node, pattern: str, expected: str) -> str:
    """A single value, spaces around it dropped, written as `pattern` describes."""
    value = _scalar(key, node, "expect_single").text.strip()
    if not re.fullmatch(pattern, value):
        raise LineError(node.line, say("setting_expected", key=key, expected=expected, value=quote(value)))
    return value


# --- mkdocs' own keys -------------------------------------------------------------------


def as_mkdocs_reads(node: Scalar) -> object:
    """The value mkdocs gets for a scalar: PyYAML's YAML 1.1 rules, where `no` and `off`
    are False and `2026` is a number, unless the value is quoted."""
    tag = node.tag
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, node.text, (True, False)) if node.plain else _STR_TAG
    try:
        return SafeConstructor().construct_object(yaml.ScalarNode(tag, node.text))
    except (yaml.YAMLError, ValueError, OverflowError):
        raise LineError(
            node.line, say("mkdocs_unreadable", value=quote(node.text), kind=describe_tag(tag))
        ) from None


def describe_tag(tag: str) -> str:
    return say(
        {
            "tag:yaml.org,2002:bool": "kind_bool",
            "tag:yaml.org,2002:int": "kind_number",
            "tag:yaml.org,2002:float": "kind_number",
            "tag:yaml.org,2002:null": "kind_empty",
            "tag:yaml.org,2002:timestamp": "kind_date",
            _STR_TAG: "kind_text",
        }.get(tag, "kind_other")
    )


def header_name(key: str, node: Node) -> str:
    """An HTTP header's name, e.g. X-Forwarded-Email."""
    return _name_like(key, node, r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", say("expect_header"))


def person_ids(key: str, node: Node) -> tuple[str, ...]:
    """A list of person ids, e.g. [anna-jensen, henrik-friis]."""
    if isinstance(node, Scalar) and not node.text.strip():
        return ()
    if not isinstance(node, Sequence):
        raise LineError(node.line, say("person_ids_expected", key=key))
    return tuple(identifier(key, item) for item in node.items)
