"""Every message a person reads from the `mus` command, in the handbook's language.

A message is made with `say(code, **values)`: the code names the rule (stable, English,
for tools reading `mus check --format json`), the catalogue of the language in use gives
the words. The language is that of the command being run, set once mkdocs.yml is read;
until then (or when it cannot be read) it is Danish, the default of `language:`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from mus_build.messages import da, en

CATALOGUES = {"da": da.MESSAGES, "en": en.MESSAGES}
DEFAULT = "da"

_language: ContextVar[str] = ContextVar("mus_language", default=DEFAULT)


class Message(str):
    """A message as text, that also knows the code of the rule it comes from."""

    code: str

    def __new__(cls, text: str, code: str) -> Message:
        made = super().__new__(cls, text)
        made.code = code
        return made

    def __reduce__(self) -> tuple:  # a build's worker processes send problems back
        return (Message, (str(self), self.code))


def say(code: str, /, **values: object) -> Message:
    return Message(CATALOGUES[_language.get()][code].format(**values), code)


def language() -> str:
    return _language.get()


def use_language(name: str) -> None:
    """Speak `name` from now on in this command (or thread); an unknown one keeps the default."""
    _language.set(name if name in CATALOGUES else DEFAULT)


@contextmanager
def speaking(name: str) -> Iterator[None]:
    token = _language.set(name if name in CATALOGUES else DEFAULT)
    try:
        yield
    finally:
        _language.reset(token)


def code_of(text: str) -> str:
    return getattr(text, "code", "")
