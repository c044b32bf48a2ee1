"""The question guide, kept once as data in guides/questions.yml.

The guide page, the record template of `mus new` and the printable sheets are
all made from it, so a question added here appears in all three.
"""

from __future__ import annotations

from pathlib import Path

from mus_build.check import yamltree
from mus_build.check.markdown_file import MAX_FILE_BYTES
from mus_build.check.problems import LineError, Problem, quote
from mus_build.check.yamltree import Mapping, Node, Scalar, Sequence
from mus_build.messages import say
from mus_build.model.layout import QUESTIONS_FILE
from mus_build.model.topics import AUDIENCES, Question, Topic


def load_questions(root: Path) -> tuple[list[Topic], list[Problem]]:
    path = root / QUESTIONS_FILE
    if path.is_symlink():
        return [], [Problem(QUESTIONS_FILE, 1, say("questions_symlink"))]
    if not path.is_file():
        return [], []  # a handbook without a question guide simply has no such page
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return [], [Problem(QUESTIONS_FILE, 1, say("questions_too_large"))]
        tree, problems = yamltree.parse(path.read_text(encoding="utf-8-sig"))
    except LineError as exc:
        return [], [exc.at(QUESTIONS_FILE)]
    except UnicodeDecodeError:
        return [], [Problem(QUESTIONS_FILE, 1, say("not_utf8"))]
    except OSError as exc:
        return [], [Problem(QUESTIONS_FILE, 1, say("file_unreadable", reason=exc.strerror))]
    if problems:
        return [], [p.at(QUESTIONS_FILE) for p in problems]
    topics: list[Topic] = []
    found: list[Problem] = []
    items = tree.get("topics") if isinstance(tree, Mapping) else None
    if not isinstance(items, Sequence):
        return [], [Problem(QUESTIONS_FILE, 1, say("questions_no_topics"))]
    for item in items.items:
        try:
            topics.append(_topic(item))
        except LineError as exc:
            found.append(exc.at(QUESTIONS_FILE))
    return topics, found


def _text(node: Node | None, key: str, parent: Node) -> str:
    return _scalar(node, key, parent).text.strip()


def _scalar(node: Node | None, key: str, parent: Node) -> Scalar:
    if not isinstance(node, Scalar) or not node.text.strip():
        raise LineError(parent.line if node is None else node.line, say("questions_text_required", key=key))
    return node


def _topic(node: Node) -> Topic:
    if not isinstance(node, Mapping):
        raise LineError(node.line, say("questions_topic_not_mapping"))
    questions_node = node.get("questions")
    if not isinstance(questions_node, Sequence):
        raise LineError(node.line, say("questions_no_questions"))
    questions = []
    for q in questions_node.items:
        if not isinstance(q, Mapping):
            raise LineError(q.line, say("questions_question_not_mapping"))
        for_node = _scalar(q.get("for"), "for", q)
        audience = for_node.text.strip()
        if audience not in AUDIENCES:
            raise LineError(for_node.line, say("questions_bad_audience", value=quote(audience)[1:-1]))
        questions.append(Question(_text(q.get("text"), "text", q), audience))
    intro = node.get("intro")
    return Topic(
        title=_text(node.get("title"), "title", node),
        intro=intro.text.strip() if isinstance(intro, Scalar) else "",
        questions=tuple(questions),
    )
