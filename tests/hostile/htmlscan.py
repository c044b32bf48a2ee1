"""Looking at built HTML the way a browser would: what could run, and what a reader sees.

The theme has its own scripts, a style block and the search form; those are allowed
as long as nothing from a record is inside them (the corpus's payloads all say
`alert(` or `evil`). Everything else that can run or redirect is reported wherever
it comes from.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

PAYLOAD_MARKERS = ("alert", "evil", "pwn")
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "srcset", "ping", "cite", "longdesc", "manifest", "codebase", "lowsrc", "dynsrc",
}  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "template"}
THEME_ONLY = {"script", "style", "form", "meta", "link", "noscript"}
# Characters a browser ignores or strips in a URL's scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def _scheme_is_bad(value: str) -> bool:
    return _URL_NOISE.sub("", value).lower().startswith(BAD_SCHEMES)


class _Scanner(HTMLParser):
    def __init__(self, theme: bool):
        super().__init__(convert_charrefs=True)
        self.theme = theme
        self.findings: list[str] = []
        self.raw: list[str] = []  # open script/style elements
        self.skip = 0  # depth inside script/style/title, whose text is not body text
        self.text: list[str] = []
        self.title: list[str] = []
        self.in_title = False

    def _report(self, what: str) -> None:
        self.findings.append(what[:200])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.get_starttag_text() or tag
        for name, value in attrs:
            if name.startswith("on"):
                self._report(f"event attribute {name}= in {start}")
            if name in URL_ATTRIBUTES and value and _scheme_is_bad(value):
                self._report(f"{name}={value!r} in {start}")
            if name == "style" and value and any(m in value.lower() for m in PAYLOAD_MARKERS):
                self._report(f"style attribute from content in {start}")
            if name == "http-equiv":
                self._report(f"http-equiv in {start}")
        if tag in NEVER:
            self._report(f"<{tag}> element: {start}")
        elif tag in THEME_ONLY:
            if not self.theme:
                self._report(f"<{tag}> element: {start}")
            elif tag != "link" and any(m in start.lower() for m in PAYLOAD_MARKERS):  # links name slugs
                self._report(f"<{tag}> element from content: {start}")
            elif tag == "form" and dict(attrs).get("class") != "md-search__form":
                self._report(f"<form> that is not the search form: {start}")
            elif tag == "script" and (dict(attrs).get("src") or "").startswith(("//", "http:", "https:")):
                self._report(f"<script> from another site: {start}")
        if tag in ("script", "style"):
            self.raw.append(tag)
            self.skip += 1
        if tag == "title":
            self.in_title = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.raw:
            self.raw.pop()
            self.skip -= 1
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.raw:
            if any(m in data.lower() for m in PAYLOAD_MARKERS):
                self._report(f"<{self.raw[-1]}> holding content: {data[:80]!r}")
            return
        if self.in_title:
            self.title.append(data)
        else:
            self.text.append(data)


def scan(html: str, theme: bool = True) -> _Scanner:
    scanner = _Scanner(theme)
    scanner.feed(html)
    scanner.close()
    return scanner


def unsafe_markup(html: str, theme: bool = True) -> list[str]:
    """Everything in `html` that could run code or send the reader elsewhere.

    `theme=False` for fragments with no theme around them (search index entries),
    where no script, style, form or meta is allowed at all."""
    return scan(html, theme).findings


def collapse(text: str) -> str:
    return " ".join(text.split())


def visible_text(html: str) -> str:
    """The text a reader sees (outside scripts, styles and the title), whitespace collapsed."""
    return collapse("".join(scan(html).text))


def title_text(html: str) -> str:
    return collapse("".join(scan(html).title))
