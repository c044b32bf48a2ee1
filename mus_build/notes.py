"""A record's notes, from untrusted Markdown to HTML that is safe to publish.

Raw HTML in a body is shown as text: Python-Markdown's raw-HTML handling is
switched off, so `<script>` is escaped rather than passed through. Only plain
Markdown extensions are used (no attribute lists, no snippets, no md_in_html),
and the result goes through nh3 as a second line of defence against links such as
`javascript:` that Markdown itself allows.
"""

from __future__ import annotations

import re

import markdown
import nh3

_ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def render(body: str, heading_offset: int = 2) -> str:
    """HTML for a record body; headings move down so `##` sits under the record's own heading."""
    body = _COMMENT.sub("", body)  # prompts left from the template; never shown
    if not body.strip():
        return ""
    html = _markdown().convert(body)
    html = _shift_headings(html, heading_offset)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str, offset: int) -> str:
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + offset)}>", html)


def as_block(html: str, css_class: str = "mus-notes") -> str:
    """Wrap HTML so Python-Markdown passes it through as one raw block.

    Blank lines would end a raw HTML block early and let the rest be read as
    Markdown again, so they are removed (they carry no meaning in HTML).
    """
    compact = "\n".join(line for line in html.splitlines() if line.strip())
    return f'<div class="{css_class}">\n{compact}\n</div>'
