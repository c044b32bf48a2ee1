"""The one declaration of every key people write, per kind of file.

The tables below are the record format; reading a front matter block is a walk
over them that collects every problem instead of stopping at the first.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

from mus_build.check import fields
from mus_build.check.fields import Converter
from mus_build.check.problems import LineError, Problem, quote
from mus_build.check.yamltree import Mapping, Node, Sequence
from mus_build.messages import CATALOGUES, say
from mus_build.model.settings import CHATS, EDITOR_BACKENDS, LANGUAGES, MANAGERS_SEE, SECURITIES


@dataclass(frozen=True)
class Field:
    convert: Converter | None  # None for a list of items (`items`) or a group of keys (`keys`)
    required: bool = False
    items: dict[str, Field] | None = None  # each item of a list is read by this table
    keys: dict[str, Field] | None = None  # a group of keys under this one, read by this table
    help: str = ""

    def __post_init__(self) -> None:
        if sum(x is not None for x in (self.convert, self.items, self.keys)) != 1:
            raise ValueError("a Field needs exactly one of a converter, items or keys")


PERSON: dict[str, Field] = {
    "name": Field(fields.text, required=True, help="full name as shown, e.g. Søren Aabye"),
    "title": Field(fields.text, help="job title"),
    "department": Field(fields.text, help="department or team, shown and grouped on"),
    "manager": Field(fields.identifier, help="person id of the nearest manager"),
    "email": Field(fields.email, help="work e-mail; how the site's access rules know the person"),
    "employee_number": Field(fields.text, help="number in the HR system; how mus import-people matches"),
    "git_emails": Field(
        fields.emails, help="further addresses the person commits with, for proving sign-offs"
    ),
    "ssh_signing_key": Field(fields.ssh_public_key, help="public SSH signing key, ssh-ed25519 AAAA..."),
    "started": Field(fields.date, help="first working day, YYYY-MM-DD"),
    "left": Field(fields.date, help="last working day, YYYY-MM-DD"),
}

AGREEMENT: dict[str, Field] = {
    "id": Field(fields.identifier, required=True, help="unique within the record, e.g. excel-kursus"),
    "what": Field(fields.text, required=True, help="what was agreed"),
    "owner": Field(fields.identifier, required=True, help="person id, employee, manager or a role"),
    "deadline": Field(fields.date, required=True, help="when it is due, YYYY-MM-DD"),
    "status": Field(fields.status, help="open (default), done or dropped"),
    "done_on": Field(fields.date, help="when it was done; only with status: done"),
    "continues": Field(fields.reference, help="an earlier agreement carried on: YYYY-MM-DD/id"),
    "note": Field(fields.text, help="a short comment"),
}

FOLLOW_UP: dict[str, Field] = {
    "agreement": Field(fields.reference, required=True, help="the earlier agreement: YYYY-MM-DD/id"),
    "evaluation": Field(
        fields.optional_text, required=True, help="how it went; may stay empty while the record is written"
    ),
}

SIGN_OFF: dict[str, Field] = {
    "by": Field(fields.identifier, required=True, help="who approved: the employee's or the manager's id"),
    "on": Field(fields.date, required=True, help="the day of approval, YYYY-MM-DD"),
}

RECORD: dict[str, Field] = {
    "date": Field(fields.date, required=True, help="the conversation's date, equal to the file name"),
    "manager": Field(fields.identifier, help="who held the conversation; defaults to the person's manager"),
    "agreements": Field(None, items=AGREEMENT, help="the written agreements made"),
    "follow_up": Field(None, items=FOLLOW_UP, help="evaluations of earlier agreements"),
    "next_mus": Field(fields.date, help="planned date of the next conversation"),
    "signed_off": Field(None, items=SIGN_OFF, help="who has read and approved the record: {by, on}"),
    "private": Field(fields.anything, help="never published"),
}

ACCESS: dict[str, Field] = {
    "hr": Field(fields.person_ids, help="person ids of HR, who read everything"),
    "managers_see": Field(fields.choice(*MANAGERS_SEE), help="chain (everyone below them) or direct"),
    "header": Field(fields.header_name, help="the header with the signed-in e-mail, e.g. X-Forwarded-Email"),
}

REMINDERS: dict[str, Field] = {
    "host": Field(fields.host_name, help="the SMTP server, e.g. smtp.office365.com"),
    "port": Field(fields.whole_number(1, 65535), help="the SMTP port; default 25, 587 or 465 by security"),
    "security": Field(fields.choice(*SECURITIES), help="none, starttls (default) or tls"),
    "sender": Field(fields.email, help="the address reminders come from, e.g. mus@firma.dk"),
    "reply_to": Field(fields.email, help="where replies go, e.g. hr@firma.dk"),
    "chat": Field(fields.choice(*CHATS), help="teams or slack: a summary to the webhook in MUS_CHAT_WEBHOOK"),
}

EDITOR: dict[str, Field] = {
    "backend": Field(fields.choice(*EDITOR_BACKENDS), help="github or gitlab; by default told by repo_url"),
    "branch": Field(fields.branch_name, help="the branch records are merged into; default main"),
    "auth_url": Field(
        fields.web_address, help="GitHub: the OAuth endpoint, e.g. https://mus-auth.firma.dk/auth"
    ),
    "app_id": Field(fields.application_id, help="GitLab: the application id of the OAuth application (PKCE)"),
}

SETTINGS: dict[str, Field] = {
    "language": Field(fields.choice(*LANGUAGES), help="da or en: the language of every label on the site"),
    "interval_months": Field(fields.whole_number(1, 60), help="months between two MUS without next_mus"),
    "due_soon_days": Field(fields.whole_number(0, 366), help="how far ahead an agreement is due soon"),
    "timezone": Field(fields.timezone, help="the zone in which today is read, e.g. Europe/Copenhagen"),
    "roles": Field(
        fields.roles,
        help="owners besides people, e.g. 'it: IT-support' or 'it: {name: IT-support, email: it@firma.dk}'",
    ),
    "retention_years": Field(fields.whole_number(1, 100), help="warn about people who left longer ago"),
    "allow_unsafe_config": Field(fields.boolean, help="let mkdocs.yml run code: hooks, tags, templates"),
    "noindex": Field(fields.boolean, help="keep search engines out of the site"),
    "access": Field(None, keys=ACCESS, help="who may read what on the served site"),
    "reminders": Field(None, keys=REMINDERS, help="how mus remind sends its mail: SMTP server and sender"),
    "editor": Field(None, keys=EDITOR, help="the form in the browser at admin/: Git host, branch, sign-in"),
}


@dataclass
class Values:
    """The converted values of one mapping, with the line of each key for later rules."""

    line: int
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


def read(
    mapping: Mapping, schema: dict[str, Field], path: str, where: str = "", noun: str = "key"
) -> tuple[Values, list[Problem]]:
    """Convert a mapping by its schema; unknown, missing and malformed keys become problems."""
    values = Values(mapping.line)
    problems: list[Problem] = []
    for key_node, node in mapping.items:
        key = key_node.text
        spec = schema.get(key)
        if spec is None:
            problems.append(Problem(path, key_node.line, _unknown_key(key, schema, where, noun)))
            continue
        key = sys.intern(key)  # the same few keys in every file: one string each, not one per use
        values.lines[key] = key_node.line
        try:
            if spec.items is not None:
                values.data[key], item_problems = _read_list(key, node, spec.items, path)
                problems.extend(item_problems)
            elif spec.keys is not None:
                if not isinstance(node, Mapping):
                    raise LineError(node.line, say("group_expected", key=key, example=next(iter(spec.keys))))
                values.data[key], group_problems = read(
                    node, spec.keys, path, say("where_group", key=key), noun
                )
                problems.extend(group_problems)
            elif spec.convert is not None:
                values.data[key] = spec.convert(key, node)
        except LineError as exc:
            problems.append(exc.at(path))
    for key, spec in schema.items():
        if spec.required and key not in values.lines:
            problems.append(
                Problem(path, mapping.line, say("missing_key", where=where, key=key, help=_help(key, spec)))
            )
    return values, problems


def _read_list(
    key: str, node: Node, item_schema: dict[str, Field], path: str
) -> tuple[list[Values], list[Problem]]:
    if isinstance(node, Mapping) or (not isinstance(node, Sequence) and node.text.strip()):
        raise LineError(node.line, say("list_expected", key=key))
    if not isinstance(node, Sequence):  # `agreements:` left empty means none
        return [], []
    items: list[Values] = []
    problems: list[Problem] = []
    for position, item in enumerate(node.items, start=1):
        if not isinstance(item, Mapping):
            problems.append(Problem(path, item.line, say("item_not_mapping", position=position, key=key)))
            continue
        values, item_problems = read(
            item, item_schema, path, where=say("where_item", position=position, key=key)
        )
        items.append(values)
        problems.extend(item_problems)
    return items, problems


def _unknown_key(key: str, schema: dict[str, Field], where: str, noun: str) -> str:
    near = get_close_matches(key, list(schema), n=1, cutoff=0.6)
    if near:
        return say("unknown_key_near", where=where, noun=say(f"noun_{noun}"), key=quote(key), near=near[0])
    known = ", ".join(schema)
    return say(
        "unknown_key",
        where=where,
        noun=say(f"noun_{noun}"),
        nouns=say(f"noun_{noun}s"),
        key=quote(key),
        known=known,
    )


def _help(key: str, spec: Field) -> str:
    """What a required key holds, in the handbook's language when the catalogue has it."""
    return say(f"help_{key}") if f"help_{key}" in CATALOGUES["en"] else spec.help
