"""Click's own messages (a missing argument, an unknown option, "Error: ...") in the
language of the command being run.

Click marks its messages for gettext and looks each up with `_()` or `ngettext()` from
its own modules as it raises or shows an error. gettext picks its language from the
environment, but a person reads mus in the handbook's language, so `install()` gives
those modules a lookup of ours: Click's English text names a code here, and the
catalogue of the language in use gives the words (with the same `{placeholders}`, which
Click fills in). A text that is not listed stays as Click wrote it.

The help texts stay English: "Usage:" is looked up as Danish only while an error shows
the usage line (`usage_of_an_error`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from mus_build.messages import CATALOGUES, language

# Click's text (its gettext message id) → the code of the message in the catalogues.
CLICK_TEXTS = {
    "Error: {message}": "click_error",
    "Try '{command} {option}' for help.": "click_try_help",
    "Invalid value for {param_hint}: {message}": "click_invalid_value_for",
    "Invalid value: {message}": "click_invalid_value",
    "Missing argument": "click_missing_argument",
    "Missing option": "click_missing_option",
    "Missing parameter": "click_missing_parameter",
    "Missing parameter: {param_name}": "click_missing_parameter_named",
    "No such option {name!r}.": "click_no_such_option",
    "No such command {name!r}.": "click_no_such_command",
    "Did you mean {possibility}?": "click_did_you_mean",
    "(Did you mean one of: {possibilities}?)": "click_did_you_mean_one_of",
    "Option {name!r} does not take a value.": "click_option_takes_no_value",
    "Option {name!r} requires an argument.": "click_option_needs_value",
    "Option {name!r} requires {nargs} arguments.": "click_option_needs_values",
    "Got unexpected extra argument ({args})": "click_extra_argument",
    "Got unexpected extra arguments ({args})": "click_extra_arguments",
    "Missing command.": "click_missing_command",
    "{value!r} is not {choice}.": "click_not_the_choice",
    "{value!r} is not one of {choices}.": "click_not_a_choice",
    "{value} is not in the range {range}.": "click_not_in_range",
    "{value!r} is not a valid {number_type}.": "click_not_a_number",
    "Aborted!": "click_aborted",
}
# Looked up as Danish only while an error shows the usage line, so that --help stays English.
USAGE = {"Usage:": "click_usage"}

_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.formatting")
_showing_usage_of_an_error: ContextVar[bool] = ContextVar("mus_usage_of_an_error", default=False)


def translate(text: str) -> str:
    code = CLICK_TEXTS.get(text) or (USAGE.get(text) if _showing_usage_of_an_error.get() else None)
    return CATALOGUES[language()][code] if code else text


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


@contextmanager
def usage_of_an_error() -> Iterator[None]:
    token = _showing_usage_of_an_error.set(True)
    try:
        yield
    finally:
        _showing_usage_of_an_error.reset(token)


def install() -> None:
    """Give Click's modules our lookup in place of gettext's (once is enough; again is harmless)."""
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translate_plural  # type: ignore[attr-defined]
