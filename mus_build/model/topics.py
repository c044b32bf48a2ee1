"""The question guide as data: topics, each with questions for the employee, the
manager or both. The guide page, the printable sheets and the template of a new
record are all made from it."""

from __future__ import annotations

from dataclasses import dataclass

AUDIENCES = ("employee", "manager", "both")


@dataclass(frozen=True)
class Question:
    text: str
    audience: str  # employee, manager or both


@dataclass(frozen=True)
class Topic:
    title: str
    intro: str
    questions: tuple[Question, ...]

    def for_audience(self, audience: str) -> list[Question]:
        return [q for q in self.questions if q.audience in (audience, "both")]
