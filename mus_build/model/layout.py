"""Where a handbook keeps its sources, relative to the folder that holds mkdocs.yml."""

from __future__ import annotations

import datetime as dt

CONTENT_DIR = "content"
PEOPLE_DIR = "content/people"
GUIDES_DIR = "guides"
QUESTIONS_FILE = "guides/questions.yml"  # the question guide as data; not a page itself


def person_file(person_id: str) -> str:
    return f"{PEOPLE_DIR}/{person_id}/index.md"


def record_file(person_id: str, day: dt.date) -> str:
    return f"{PEOPLE_DIR}/{person_id}/{day.isoformat()}.md"
