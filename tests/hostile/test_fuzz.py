"""Generated hostile input: YAML-like front matter and Markdown bodies full of HTML.

Properties: `mus check` ends with exit 0 or 1 and `path:line:` messages, never a
traceback; a body's rendered notes hold nothing a browser would run;
a front-matter value put into a page through `markup.text` is exactly its text, even
under the Markdown extensions a site may switch on; a private section written with a
marker in any form is either an error or published nowhere.
"""

from __future__ import annotations

import json
import re

import markdown
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from mus_build.check import mkdocs_allowlist as allowlist
from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.check.problems import errors
from mus_build.pages import markup, notes
from mus_build.pages import markup as html_blocks
from mus_build.publish import leaks

from ..conftest import ANNA, BOSS, MKDOCS_YML, TODAY, check, write_tree
from .htmlscan import collapse, scan, unsafe_markup

FUZZ = settings(
    max_examples=150,
    deadline=None,  # how long an example takes depends on the machine; speed is measured in bench/
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every run, so CI does not flake
)

# --- YAML-like documents -------------------------------------------------------------------

KEYS = [
    "date", "manager", "agreements", "follow_up", "next_mus", "private", "id", "what", "owner",
    "deadline", "status", "done_on", "continues", "note", "agreement", "evaluation", "<<", "? x",
    "dealine", "", "æøå", "a b", "1", "true", "-", "[a]", "{a}", "&a", "*a", "!x",
]  # fmt: skip
ODD_SCALARS = [
    "2026-03-12", "2026-02-30", "30-06-2026", "2026-6-30", "yes", "no", "on", "off", "~", "null",
    "0123", "0x1F", "12:30", "190:20:30", ".inf", "-.nan", "1e3", "1_000", "2025-03-10/excel-kursus",
    "employee", "manager", "hr", "open", "done", "dropped", "9" * 400, "'", '"', "|", ">", "- x",
    "#x", "%x", "@x", "`x`", "\\", '"\\x00"', '"\\e[2J"', '"\\ud800"', '"\\u202e"', "\u202etxt",
    "<script>alert(1)</script>", "javascript:alert(1)", "</title><svg onload=alert(1)>",
]  # fmt: skip
TAGS = ["", "", "", "!!str ", "!!python/object/apply:os.system ", "!foo ", "!!binary ", "!<tag:x> "]
ANCHORS = ["", "", "", "&a ", "*a", "&b "]

text_chars = st.characters(
    codec="utf-8",
    exclude_categories=("Cs",),
    include_characters="\t:-#&*!|>'\"%@`{}[],?<>æøå\u202e\u200b\x00\x07\x1b\ufeff",
)
plain_text = st.text(text_chars, max_size=30)


def scalar() -> st.SearchStrategy[str]:
    def quoted(value: str, style: int) -> str:
        if style == 1:
            return "'" + value.replace("'", "''") + "'"
        if style == 2:
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return value

    return st.one_of(
        st.sampled_from(ODD_SCALARS),
        st.builds(quoted, plain_text, st.integers(0, 2)),
        st.builds(lambda t, a, v: t + a + v, st.sampled_from(TAGS), st.sampled_from(ANCHORS), plain_text),
    )


def node(depth: int) -> st.SearchStrategy:
    leaf = st.tuples(st.just("scalar"), scalar())
    if depth <= 0:
        return leaf
    key = st.one_of(st.sampled_from(KEYS), plain_text)
    return st.one_of(
        leaf,
        st.tuples(st.just("map"), st.lists(st.tuples(key, node(depth - 1)), max_size=4)),
        st.tuples(st.just("list"), st.lists(node(depth - 1), max_size=4)),
        st.tuples(st.just("flow"), st.lists(scalar(), max_size=4)),
    )


def render_yaml(item, indent: int = 0) -> list[str]:
    kind, value = item
    pad = " " * indent
    if kind == "scalar":
        return [pad + value]
    if kind == "flow":
        return [pad + "[" + ", ".join(value) + "]"]
    lines = []
    for entry in value:
        if kind == "map":
            key, child = entry
            if child[0] in ("scalar", "flow"):
                lines.append(f"{pad}{key}: {render_yaml(child)[0]}")
            else:
                lines.append(f"{pad}{key}:")
                lines += render_yaml(child, indent + 2)
        else:
            if entry[0] in ("scalar", "flow"):
                lines.append(f"{pad}- {render_yaml(entry)[0]}")
            else:
                lines.append(f"{pad}-")
                lines += render_yaml(entry, indent + 2)
    return lines


@st.composite
def front_matter(draw) -> str:
    top = draw(st.lists(st.tuples(st.sampled_from(KEYS[:6] + KEYS[16:]), node(3)), max_size=6))
    lines = ["date: 2026-03-12"] if draw(st.booleans()) else []
    lines += render_yaml(("map", top))
    if draw(st.booleans()):  # a mutation: a random line somewhere, tabs, a stray fence
        position = draw(st.integers(0, len(lines)))
        lines.insert(
            position, draw(st.sampled_from(["\t- x", "  \tkey: v", "...", "---", "'", "<<: *a"]) | plain_text)
        )
    return "\n".join(lines)


# --- Markdown bodies with HTML --------------------------------------------------------------

URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "jav&#x61;script:alert(1)",
    "&#106;avascript:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)", "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=", "DATA:image/svg+xml,<svg onload=alert(1)>",
    "https://example.com/\"onmouseover=\"alert(1)", "../../../../etc/passwd", "//evil.example/x",
    "https://example.com/a_(b)", "mailto:a@b.dk",
]  # fmt: skip
HTML = [
    "<script>alert(1)</script>", "<svg onload=alert(1)>", "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)>", '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">', '<form action="https://evil.example"><input></form>',
    "<style>*{display:none}</style>", "<a href=javascript:alert(1)>x</a>", "<details open ontoggle=alert(1)>",
    "<object data=javascript:alert(1)>", "<embed src=javascript:alert(1)>", "<!--><script>alert(1)</script>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<math><mi xlink:href=javascript:alert(1)>",
    "<<script>script>alert(1)<</script>/script>", "<scr<script>ipt>alert(1)</script>", "&lt;script&gt;",
    "<!-- private -->", "<!-- /private -->", "\x02wzxhzdk:0\x03", "&#2;wzxhzdk:1&#3;", "<div markdown=1>*x*</div>",
]  # fmt: skip


def _link(label: str, url: str, image: bool, title: str) -> str:
    return f"{'!' if image else ''}[{label}]({url}{title})"


markdown_piece = st.one_of(
    st.sampled_from(HTML),
    st.builds(
        _link,
        plain_text,
        st.sampled_from(URLS),
        st.booleans(),
        st.sampled_from(["", ' "t"', " 't\" onmouseover=\"alert(1)'", ' "a\\" onclick=\\"alert(1)"']),
    ),
    st.builds(lambda u: f"<{u}>", st.sampled_from(URLS)),
    st.sampled_from(
        [
            "# ",
            "## ",
            "> ",
            "- ",
            "1. ",
            "    ",
            "```",
            "~~~",
            "| a | b |\n|---|---|\n| ",
            '{: onclick="alert(1)" }',
            "{: .x #y onmouseover=alert(1) }",
            '--8<-- "/etc/passwd"',
            "*",
            "**",
            "_",
            "`",
            "\\",
            "  \n",
            "\n",
            "\n\n",
            "[",
            "]",
            "(",
            ")",
            "![",
            "[x]: javascript:alert(1)\n",
            "[x][x]",
        ]
    ),
    plain_text,
)
markdown_body = st.lists(markdown_piece, max_size=25).map("".join)

# --- the properties --------------------------------------------------------------------------

MESSAGE = re.compile(r"^\S.*:\d+: ")


@given(front=front_matter(), body=markdown_body, person=st.booleans())
@FUZZ
def test_check_never_crashes(tmp_path_factory, front, body, person):
    root = _handbook(tmp_path_factory)
    target = root / (
        "content/people/anna-jensen/index.md" if person else "content/people/anna-jensen/2026-03-12.md"
    )
    target.write_bytes(f"---\n{front}\n---\n{body}\n".encode("utf-8", "surrogatepass"))
    try:
        result = check(root)
    finally:
        target.write_text(ANNA) if person else target.unlink()
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.splitlines()
    assert lines and "filer tjekket" in lines[-1]  # a Danish handbook
    # 1 when the summary counts an error, 0 for warnings only or nothing: never a crash's code.
    errors_found = re.search(r"tjekket: \d+ fejl\b", lines[-1]) is not None
    assert result.exit_code == (1 if errors_found else 0), result.output
    for line in lines[:-1]:
        assert MESSAGE.match(line), line
        assert len(line) < 600


_HANDBOOKS: dict[str, object] = {}


def _handbook(tmp_path_factory):
    if "root" not in _HANDBOOKS:
        _HANDBOOKS["root"] = write_tree(
            tmp_path_factory.mktemp("fuzz"),
            {
                "mkdocs.yml": MKDOCS_YML,
                "content/people/bo-hansen/index.md": BOSS,
                "content/people/anna-jensen/index.md": ANNA,
            },
        )
    return _HANDBOOKS["root"]


@given(body=markdown_body)
@FUZZ
def test_rendered_notes_hold_nothing_that_runs(body):
    html = notes.render(body)
    assert unsafe_markup(html, theme=False) == [], html
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", html)
    # The notes are put into a page as one raw block: the block must stay one block.
    if html:
        assert "\n\n" not in html_blocks.block(html)


SITE_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition", "def_list", "abbr", "footnotes"]


@given(value=st.text(text_chars, max_size=60) | st.sampled_from(ODD_SCALARS + HTML + URLS))
@FUZZ
def test_a_value_is_exactly_its_text_in_a_page(value):
    page = markdown.markdown(
        f"# {markup.md(value)}\n\nTekst: {markup.md_link(value, 'side.md')}\n\n| {markup.md(value)} |\n|---|\n",
        extensions=SITE_EXTENSIONS,
    )
    assert unsafe_markup(page, theme=False) == [], page
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
    assert heading is not None, page
    assert collapse("".join(scan(heading[1]).text)) == markup.clean(value)
    assert page.count("<a ") == 1  # the one link, and no other made from the value


@given(
    words=st.lists(st.text("abc é&<", min_size=1, max_size=8), min_size=1, max_size=12),
    text=st.text("abc é&<", max_size=60),
)
@FUZZ
def test_the_leak_pattern_finds_what_a_plain_search_finds(words, text):
    pattern = leaks._alternatives(dict.fromkeys(words, "r"))
    match = pattern.search(text)
    starts = [text.find(w) for w in words if w in text]
    assert (match is not None) == bool(starts)
    if match:
        assert match.group(0) in words and match.start() == min(starts)


# --- mkdocs.yml ------------------------------------------------------------------------------
#
# Generated configurations of names on and off the allowlists, plain and tagged values:
# `mus check` ends with exit 0 or 1, never a traceback; every name or value that is not on
# the lists is refused at its own line, and a file of nothing else passes.

PLAIN_VALUES = ["da", "en", "indigo", "x", "no", "on", "1", "3.5", "true", "''"]
TAGGED_VALUES = [
    "!!python/name:os.system", "!!python/object/apply:os.system [id]", "!ENV [SECRET, x]", "!!str x",
    "!foo x", "&a x", "!!merge x", "!<tag:yaml.org,2002:python/name:os.system> x",
]  # fmt: skip
TEXT_KEYS = [
    "site_description", "site_author", "copyright", "repo_name", "remote_branch", "remote_name", "dev_addr",
    "docs_dir", "site_dir", "not_in_nav", "exclude_docs", "draft_docs", "strict", "watch",
]  # fmt: skip
OFF_LIST_KEYS = [*allowlist.REFUSED_KEYS, "edit_uri_template", "google_analytics", "pages", "Hooks"]
OFF_LIST_PLUGINS = ["tags", "offline", "/search", "material/tags", "privacy", "mkdocs-simple-hooks"]
OFF_LIST_EXTENSIONS = [
    *allowlist.REFUSED_EXTENSIONS, "subprocess:Popen", "os:system", "pymdownx.snippetz",
    "markdown.extensions.snippets", "materialx.emoji", "pymdownx.blocks.html", "pymdownx.TOC",
]  # fmt: skip
OFF_LIST_OPTIONS = ["slugify", "custom_fences", "build_url", "jieba_dict", "prebuild_index", "base_path"]

# Printable characters: a file YAML cannot read at all would hide the other names.
name_chars = st.characters(categories=("L", "M", "N", "P", "S", "Zs"), include_characters=":./<>\"'&*!")
odd_name = st.text(name_chars, min_size=1, max_size=20)


def quoted(name: str) -> str:
    return json.dumps(name, ensure_ascii=False)


class ConfigDraft:
    """A mkdocs.yml being generated, and the lines of what the allowlists must refuse. Names
    are mostly listed ones, so that one name off the lists is often the only problem of its
    line (and the check must find it)."""

    def __init__(self, draw) -> None:
        self.draw = draw
        self.lines = ["site_name: Fuzz"]
        self.refused: set[int] = set()

    def add(self, line: str, refused: bool = False) -> None:
        self.lines.append(line)
        if refused:
            self.refused.add(len(self.lines))

    def value(self) -> tuple[str, bool]:
        if self.draw(st.integers(0, 7)) == 0:
            return self.draw(st.sampled_from(TAGGED_VALUES)), True
        return self.draw(st.sampled_from(PLAIN_VALUES)), False

    def pick(self, listed: list[str], off_list: list[str]) -> str:
        kind = self.draw(st.integers(0, 5))
        if kind == 0 or not (listed or off_list):
            return self.draw(odd_name)
        if kind == 1 or not listed:
            return self.draw(st.sampled_from(off_list))
        return self.draw(st.sampled_from(listed))

    def options(self, allowed: list[str]) -> tuple[str, bool]:
        """`{"name": value, ...}` with names on and off `allowed`."""
        names = {self.pick(allowed, OFF_LIST_OPTIONS) for _ in range(self.draw(st.integers(0, 3)))}
        parts, refused = [], False
        for name in sorted(names):
            value, tagged = self.value()
            parts.append(f"{quoted(name)}: {value} ")  # a space ends a tag before the comma or brace
            refused |= tagged or name not in allowed
        return "{" + ", ".join(parts) + "}", refused


@st.composite
def mkdocs_config(draw) -> tuple[str, set[int]]:
    config = ConfigDraft(draw)
    seen = {"site_name"}
    for _ in range(draw(st.integers(0, 3))):
        key = config.pick(TEXT_KEYS, OFF_LIST_KEYS)
        if key in allowlist.TOP_LEVEL and key not in TEXT_KEYS:
            continue  # an odd name that is a listed key, with values of its own
        value, tagged = config.value()
        config.add(f"{quoted(key)}: {value}", tagged or key in seen or key not in TEXT_KEYS)
        seen.add(key)
    if draw(st.booleans()):
        name = config.pick(list(allowlist.THEMES), ["readthedocs"])
        config.add("theme:")
        config.add(f"  name: {quoted(name)}", name not in allowlist.THEMES)
        allowed = sorted(set(allowlist.THEMES.get(name, {})) - {"name"})
        for key in {config.pick(allowed, [*allowlist.REFUSED_THEME_KEYS, "analytics"]) for _ in range(3)} - {
            "name"
        }:
            value, tagged = config.value()
            config.add(f"  {quoted(key)}: {value}", tagged or key not in allowed)
    if draw(st.booleans()):
        config.add("plugins:")
        for _ in range(draw(st.integers(0, 3))):
            name = config.pick([*allowlist.PLUGINS, *allowlist.PLUGIN_ALIASES], OFF_LIST_PLUGINS)
            plugin = allowlist.PLUGIN_ALIASES.get(name, name)
            options, refused_options = config.options(list(allowlist.PLUGINS.get(plugin, {})))
            config.add(f"  - {quoted(name)}: {options}", plugin not in allowlist.PLUGINS or refused_options)
    if draw(st.booleans()):
        config.add("markdown_extensions:")
        for _ in range(draw(st.integers(0, 4))):
            name = config.pick([*allowlist.EXTENSIONS, *allowlist.EXTENSION_ALIASES], OFF_LIST_EXTENSIONS)
            extension = allowlist.EXTENSION_ALIASES.get(name, name)
            if extension not in allowlist.EXTENSIONS or extension in allowlist.BUNDLES or draw(st.booleans()):
                config.add(f"  - {quoted(name)}", extension not in allowlist.EXTENSIONS)
            else:
                options, refused_options = config.options(sorted(allowlist.EXTENSIONS[extension]))
                config.add(f"  - {quoted(name)}: {options}", refused_options)
    return "\n".join(config.lines) + "\n", config.refused


@given(case=mkdocs_config())
@FUZZ
def test_check_refuses_every_name_off_the_lists(tmp_path_factory, case):
    text, refused_lines = case
    root = _handbook(tmp_path_factory)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    try:
        result = check(root)
    finally:
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.splitlines()
    assert lines and "filer tjekket" in lines[-1]  # a Danish handbook
    problem_lines = set()
    for line in lines[:-1]:
        assert line.startswith("mkdocs.yml:") and MESSAGE.match(line), line
        problem_lines.add(int(line.split(":")[1]))
    assert refused_lines <= problem_lines, text
    assert result.exit_code == (1 if refused_lines else 0), text + result.output


# Every Markdown extension the allowlists let a site switch on. The typographic ones change
# how some characters look (quotes, dashes, fractions, key names); none may turn a value
# into a link or into markup that runs. pymdownx.magiclink is left off the lists for that.
TYPOGRAPHIC = {"smarty", "pymdownx.smartsymbols", "pymdownx.keys"}


@given(
    value=st.text(text_chars, max_size=60) | st.sampled_from(ODD_SCALARS + HTML + URLS + ["www.evil.example"])
)
@FUZZ
def test_a_value_stays_text_under_every_listed_extension(value):
    listed = sorted(allowlist.EXTENSIONS)
    for extensions, exact in ((listed, False), ([e for e in listed if e not in TYPOGRAPHIC], True)):
        page = markdown.markdown(
            f"# {markup.md(value)}\n\nTekst: {markup.md_link(value, 'side.md')}\n\n| {markup.md(value)} |\n|---|\n",
            extensions=extensions,
        )
        assert unsafe_markup(page, theme=False) == [], page
        assert page.count("<a ") == 1, page
        if exact:
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
            assert heading is not None, page
            assert collapse("".join(scan(heading[1]).text)) == markup.clean(value)


LEAK_CHARS = "ab é&<"


@st.composite
def prefixes_and_text(draw):
    """Private prefixes long and short, with spaces and without, and a text made of random
    pieces, whole prefixes, and prefixes with their first or last character changed."""
    word = st.lists(st.text(LEAK_CHARS.replace(" ", ""), min_size=1, max_size=6), min_size=1, max_size=10)
    words = draw(st.lists(word.map(" ".join), min_size=1, max_size=12))
    piece = st.one_of(
        st.text(LEAK_CHARS, max_size=20),
        st.sampled_from(words),
        st.builds(lambda w, c: w[:-1] + c, st.sampled_from(words), st.sampled_from(LEAK_CHARS)),
        st.builds(lambda w, c: c + w[1:], st.sampled_from(words), st.sampled_from(LEAK_CHARS)),
    )
    return words, "".join(draw(st.lists(piece, max_size=8)))


@given(case=prefixes_and_text())
@example(case=(["ab " + "a" * 24, "b " + "é" * 8, "<" * 12], f"a ab {'a' * 24} <<b {'é' * 8} {'<' * 12}"))
@example(case=(["a b", "c bc"], "a bc"))  # " bc" matches where " b" is the leak
@FUZZ
def test_the_leak_search_finds_what_a_plain_search_finds(case):
    words, text = case
    found = leaks._Prefixes({word: word for word in words}).find(text)
    assert (found is not None) == any(word in text for word in words)
    if found is not None:
        assert found in text


# --- private markers in every form ----------------------------------------------------------

MARKER_WORDS = [
    "private",
    "PRIVATE",
    "Private",
    "pRiVaTe",
    "privat",
    "Privat",
    "pri\u200bvate",
    "ｐｒｉｖａｔｅ",
]
MARKER_SPACES = ["", " ", "  ", "\t", "\n", " \n ", "\xa0"]
MARKER_TAILS = ["", ": løn", " løn", ":", " -", " /", "."]


def marker(closing: bool) -> st.SearchStrategy[str]:
    """A marker as a person might write it: case, dashes, spaces, line breaks, a slash (a
    closing marker may lose it; an opening one may get one by mistake), a note after it.
    Three in four are well-formed, so that many texts are built and searched."""
    spaces = st.sampled_from(["", " ", "  ", "\t"])
    well_formed = st.builds(
        lambda a, b, word, c: f"<!--{a}{'/' if closing else ''}{b}{word}{c}-->",
        spaces,
        spaces,
        st.sampled_from(["private", "PRIVATE", "Private", "pRiVaTe"]),
        spaces,
    )
    mistyped = st.builds(
        lambda before, space, slash, word, tail, space_after, after: (
            f"<!{'-' * before}{space}{slash}{word}{tail}{space_after}{'-' * after}>"
        ),
        st.integers(1, 4),
        st.sampled_from(MARKER_SPACES),
        st.sampled_from(["/", "/", "/", "", " / "] if closing else ["", "", "", "/"]),
        st.sampled_from(MARKER_WORDS),
        st.sampled_from(MARKER_TAILS),
        st.sampled_from(MARKER_SPACES),
        st.integers(2, 4),
    )
    return st.one_of(well_formed, well_formed, well_formed, mistyped)


_PLAIN = st.sampled_from(["Offentligt.", "\n", "\n\n", " ", "<!-- spørgsmål -->", "- ", "`"])
PUBLIC = st.one_of(_PLAIN, _PLAIN, _PLAIN, st.sampled_from(["<!--", "-->", "```\n", "<!"]))


@st.composite
def private_sections(draw) -> tuple[str, list[str]]:
    """A text of public parts and private sections, each meant to hide a secret of its own:
    sometimes with a second section opened inside, or the closing marker left out."""
    parts: list[str] = []
    secrets: list[str] = []

    def secret() -> str:
        secrets.append(f"HEMMELIG{len(secrets)}X")
        return draw(st.sampled_from(["", "\n", " "])) + secrets[-1] + draw(st.sampled_from(["", "\n", " "]))

    for _ in range(draw(st.integers(1, 3))):
        parts += draw(st.lists(PUBLIC, max_size=3))
        parts += [draw(marker(closing=False)), secret()]
        if draw(st.sampled_from([False, False, False, True])):  # a second section inside: all meant private
            parts += [draw(marker(closing=False)), secret(), draw(marker(closing=True)), secret()]
        if draw(st.sampled_from([True, True, True, True, False])):
            parts.append(draw(marker(closing=True)))
        else:
            break  # never closed: everything after it was meant private
    parts += draw(st.lists(PUBLIC, max_size=3))
    return "".join(parts), secrets


@given(case=private_sections(), person=st.booleans(), in_front=st.booleans())
@settings(FUZZ, max_examples=400)  # most texts are refused; these many give some 50 that are built
def test_a_private_section_is_an_error_or_published_nowhere(tmp_path_factory, case, person, in_front):
    text, secrets = case
    root = _handbook(tmp_path_factory)
    rel = "content/people/anna-jensen/index.md" if person else "content/people/anna-jensen/2026-03-12.md"
    value = json.dumps(text, ensure_ascii=False) if in_front else '"Tekst"'
    front = (
        f"name: {value}\n"
        if person
        else f"date: 2026-03-12\nagreements:\n  - id: mentor\n    what: {value}\n"
        "    owner: employee\n    deadline: 2026-12-01\n"
    )
    (root / rel).write_text(f"---\n{front}---\n{'' if in_front else text}\n", encoding="utf-8")
    try:
        config, config_problems = load_config((root / "mkdocs.yml").resolve())
        sources = load_sources(config, TODAY)
    finally:
        (root / rel).write_text(ANNA) if person else (root / rel).unlink()
    if errors(config_problems + sources.problems):
        event("refused")
        return  # mus check refuses it: nothing is built
    event("built")
    anna = sources.handbook.people["anna-jensen"]
    body = anna.body if person else anna.records[0].body
    published = notes.render(body) + (anna.name if person else anna.records[0].agreements[0].what)
    assert [s for s in secrets if s in published] == [], (text, published)
