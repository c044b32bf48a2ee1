"""Problems are values: collected from every file, sorted, printed once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from mus_build.messages import code_of, say

Severity = Literal["error", "warning"]

# A hostile file can hold a 10 MB value; a message quotes at most this much of it.
QUOTE_LIMIT = 40


@dataclass
class LineError(Exception):
    """Bad input at a line of the file being read. Readers raise it where they cannot go
    on, or collect several; the caller turns each into a Problem for its file."""

    line: int
    message: str

    def at(self, path: str) -> Problem:
        return Problem(path, self.line, self.message)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = say("warning_prefix") if self.severity == "warning" else ""
        return f"{shown_path(self.path)}:{self.line}: {prefix}{self.message}"


def shown_path(path: str) -> str:
    """A path as it can be printed on one line. A file name is the one part of a problem
    that no message quotes: a newline in it would start a line of its own (a fake error,
    or a workflow command in a CI log), an escape sequence would drive the terminal, and
    bytes that are not UTF-8 (which Python keeps as lone surrogates) would stop the output
    with an encoding error."""
    return "".join(ch if ch.isprintable() else "\ufffd" if "\ud800" <= ch <= "\udfff" else "?" for ch in path)


def quote(value: object) -> str:
    """Show a value from a file in a message: quoted, one line, never long."""
    text = str(value)
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 1] + "…"
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return f"'{text}'"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.severity, p.message))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def summary(problems: list[Problem], files: int) -> str:
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    parts = []
    if n_err:
        parts.append(say("count_errors_one") if n_err == 1 else say("count_errors", count=n_err))
    if n_warn:
        parts.append(say("count_warnings_one") if n_warn == 1 else say("count_warnings", count=n_warn))
    if not parts:
        return say("summary_none", files=files)
    return say("summary_some", files=files, counts=", ".join(parts))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the line in the pull request."""
    kind = "error" if problem.severity == "error" else "warning"
    return (
        f"::{kind} file={_escape_property(shown_path(problem.path))},line={problem.line},"
        f"title={_escape_property('mus check')}::{_escape_data(problem.message)}"
    )


def format_json(problems: list[Problem]) -> str:
    return json.dumps(
        [
            {
                "path": shown_path(p.path),
                "line": p.line,
                "code": code_of(p.message),
                "message": p.message,
                "severity": p.severity,
            }
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )
