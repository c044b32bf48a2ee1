"""Record bodies of very many blocks, rendered by the function the build uses: every
character of their text is shown, as text, and nothing in them can run. (How long they
take is measured in bench/hostile_bench.py, not here.)"""

from __future__ import annotations

import pytest

from mus_build.pages.notes import MAX_EMPTY_LINES, render

from .htmlscan import collapse, scan

PAYLOAD = "<script>alert('stor')</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))"

# Each is read by Markdown as one block after another; the first is the 1 MB body of the report.
HUGE_BODIES = {
    "330000-one-letter-paragraphs": "a\n\n" * 330_000,
    "100000-code-blocks": "    x = 1\n\n" * 100_000,
    "a-million-empty-lines": "før" + "\n" * 1_000_000 + "efter",
    "lines-of-spaces-and-tabs": "før" + "\n \t" * 300_000 + "\nefter",
    "50000-list-items": "- **punkt**\n\n" * 50_000,
    "50000-quotes": "> citat\n\n" * 50_000,
    "50000-headings": "## overskrift\n\n" * 50_000,
    "50000-links": "[klik](javascript:alert(1))\n\n" * 50_000,
}


@pytest.mark.parametrize("body", HUGE_BODIES.values(), ids=HUGE_BODIES)
def test_a_body_of_very_many_blocks_is_shown_as_its_text(body: str):
    body = f"{PAYLOAD}\n\n{body}\n\nslut"
    shown = scan(render(body, 2), theme=False)
    assert shown.findings == []
    # Every character but the whitespace, as written: no Markdown marker taken away.
    assert collapse("".join(shown.text)) == collapse(body)


def _paragraphs(count: int) -> str:
    """`count` paragraphs after a bold one: as many empty lines between them as count - 1."""
    return "\n\n".join(["**fed**", *(f"afsnit {i}" for i in range(count - 1))])


def test_markdown_is_read_up_to_the_bound_of_empty_lines():
    assert _paragraphs(MAX_EMPTY_LINES + 1).count("\n\n") == MAX_EMPTY_LINES
    html = render(_paragraphs(MAX_EMPTY_LINES + 1), 2)
    assert html.startswith("<p><strong>fed</strong></p>")
    assert html.count("<p>") == MAX_EMPTY_LINES + 1


def test_beyond_the_bound_the_body_is_plain_text_and_keeps_its_paragraphs():
    html = render(_paragraphs(MAX_EMPTY_LINES + 2), 2)
    assert html.startswith("<p>**fed**</p>")
    assert html.count("<p>") == MAX_EMPTY_LINES + 2
