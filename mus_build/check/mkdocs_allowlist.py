"""What mkdocs.yml may hold unless `extra: mus: allow_unsafe_config: true` is set: the
mkdocs keys, theme settings, plugins and Markdown extensions mus knows to be plain data.

mkdocs turns names in mkdocs.yml into code: a Markdown extension `module:Class` is
imported and called, a theme folder or an extra template is rendered with Jinja (which
can run anything), a hook is a Python file. So anything not named here is refused, and
these tables are the whole of what is allowed. A table maps a name to what may be under
it: ANY (plain values, lists and groups of them) or a table of the keys allowed there;
a table applies to a group of keys, and to every group in a list.

`mus check` only reads these names; it never imports or runs what mkdocs.yml names.
tests/hostile/test_config_safety.py checks the option names against the installed
packages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

ANY: Final = "any plain values"

Spec = str | Mapping[str, "Spec"]

# --- top-level keys ------------------------------------------------------------------

TOP_LEVEL: dict[str, Spec] = {
    # Texts and addresses the theme shows (checked for markup and for the address schemes).
    "site_name": ANY,
    "site_url": ANY,
    "site_description": ANY,
    "site_author": ANY,
    "copyright": ANY,
    "repo_url": ANY,
    "repo_name": ANY,
    "edit_uri": ANY,
    # How the site is laid out and checked.
    "use_directory_urls": ANY,
    "nav": ANY,
    "strict": ANY,
    "validation": ANY,
    "not_in_nav": ANY,
    "exclude_docs": ANY,
    "draft_docs": ANY,
    # Read by `mkdocs serve` and `mkdocs gh-deploy`, which mus does not run; mus sets the
    # folders itself (docs_dir is the staging folder, site_dir where the site goes).
    "watch": ANY,
    "dev_addr": ANY,
    "docs_dir": ANY,
    "site_dir": ANY,
    "remote_branch": ANY,
    "remote_name": ANY,
    # Checked by the tables below.
    "theme": ANY,
    "plugins": ANY,
    "markdown_extensions": ANY,
    "extra": ANY,
}

# Keys mkdocs knows that would run code or markup, and why (the code of the message that
# says why, in mus_build/messages/).
REFUSED_KEYS = {
    "hooks": "why_hooks",
    "INHERIT": "why_inherit",
    "extra_templates": "why_extra_templates",
    "extra_javascript": "why_extra_javascript",
    "extra_css": "why_extra_css",
}

# --- theme ---------------------------------------------------------------------------

PALETTE: dict[str, Spec] = {
    "scheme": ANY,
    "primary": ANY,
    "accent": ANY,
    "media": ANY,
    "toggle": {"icon": ANY, "name": ANY},
}

# Per theme, the settings its templates read that are data. Never `custom_dir` (templates
# from the repository) or `static_templates`. The mkdocs theme is mkdocs' default: a
# mkdocs.yml without `theme:` uses it.
THEMES: dict[str, dict[str, Spec]] = {
    "material": {
        "name": ANY,
        "language": ANY,
        "direction": ANY,
        "features": ANY,
        "palette": PALETTE,
        "font": {"text": ANY, "code": ANY},
        "logo": ANY,
        "favicon": ANY,
        "icon": ANY,  # names of icons the theme ships, e.g. material/library
    },
    "mkdocs": {
        "name": ANY,
        "locale": ANY,
        "navigation_depth": ANY,
        "nav_style": ANY,
        "color_mode": ANY,
        "user_color_mode_toggle": ANY,
        "highlightjs": ANY,
        "hljs_style": ANY,
        "hljs_style_dark": ANY,
        "shortcuts": ANY,
    },
}

REFUSED_THEME_KEYS = {
    "custom_dir": "why_custom_dir",
    "static_templates": "why_static_templates",
}

# --- extra ---------------------------------------------------------------------------

# `mus` holds mus's settings (read by their own table); the rest are material's. Never
# `analytics` (every reader's visits sent to another company), `consent` (HTML),
# `polyfills` (scripts) or the others the theme turns into scripts and links.
EXTRA: dict[str, Spec] = {
    "mus": ANY,
    "generator": ANY,
    "homepage": ANY,
    "social": {"icon": ANY, "link": ANY, "name": ANY},
}

# --- plugins -------------------------------------------------------------------------

# Under material `search` is material's search plugin; its other options either read a
# file from the build machine (jieba_dict) or are unsupported and fail the strict build.
PLUGINS: dict[str, dict[str, Spec]] = {
    "search": {"enabled": ANY, "lang": ANY, "separator": ANY, "pipeline": ANY, "fields": ANY},
}
PLUGIN_ALIASES = {"material/search": "search"}

# --- Markdown extensions ---------------------------------------------------------------

# Each extension with the options it accepts, less those that only take Python functions
# (toc's slugify, superfences' custom_fences...): they need a !!python tag.
_PYTHON_MARKDOWN: dict[str, frozenset[str]] = {
    "abbr": frozenset({"glossary"}),
    "admonition": frozenset(),
    "attr_list": frozenset(),
    "def_list": frozenset(),
    "footnotes": frozenset(
        {
            "PLACE_MARKER",
            "UNIQUE_IDS",
            "BACKLINK_TEXT",
            "SUPERSCRIPT_TEXT",
            "BACKLINK_TITLE",
            "SEPARATOR",
            "USE_DEFINITION_ORDER",
        }
    ),
    "md_in_html": frozenset(),
    "meta": frozenset(),
    "nl2br": frozenset(),
    "sane_lists": frozenset(),
    "smarty": frozenset(
        {"smart_quotes", "smart_angled_quotes", "smart_dashes", "smart_ellipses", "substitutions"}
    ),
    "tables": frozenset({"use_align_attribute"}),
    "toc": frozenset(
        {
            "marker",
            "title",
            "title_class",
            "toc_class",
            "anchorlink",
            "anchorlink_class",
            "permalink",
            "permalink_class",
            "permalink_title",
            "permalink_leading",
            "baselevel",
            "separator",
            "toc_depth",
        }
    ),
    "wikilinks": frozenset({"base_url", "end_url", "html_class"}),
    "fenced_code": frozenset({"lang_prefix"}),
    "codehilite": frozenset(
        {
            "linenums",
            "guess_lang",
            "css_class",
            "pygments_style",
            "noclasses",
            "use_pygments",
            "lang_prefix",
            "pygments_formatter",
        }
    ),
    "legacy_attrs": frozenset(),
    "legacy_em": frozenset(),
    "extra": frozenset(),  # options per bundled extension: BUNDLES
}

_PYMDOWNX: dict[str, frozenset[str]] = {
    "pymdownx.betterem": frozenset({"smart_enable"}),
    "pymdownx.caret": frozenset({"smart_insert", "insert", "superscript"}),
    "pymdownx.critic": frozenset({"mode", "raw_view"}),
    "pymdownx.details": frozenset(),
    "pymdownx.escapeall": frozenset({"hardbreak", "nbsp"}),
    "pymdownx.extra": frozenset(),  # options per bundled extension: BUNDLES
    "pymdownx.highlight": frozenset(
        {
            "use_pygments",
            "guess_lang",
            "css_class",
            "pygments_style",
            "noclasses",
            "linenums",
            "linenums_style",
            "linenums_special",
            "linenums_class",
            "extend_pygments_lang",
            "language_prefix",
            "code_attr_on_pre",
            "auto_title",
            "auto_title_map",
            "line_spans",
            "anchor_linenums",
            "line_anchors",
            "pygments_lang_class",
            "stripnl",
            "default_lang",
        }
    ),
    "pymdownx.inlinehilite": frozenset({"style_plain_text", "css_class"}),
    "pymdownx.keys": frozenset({"separator", "strict", "class", "camel_case", "key_map"}),
    "pymdownx.mark": frozenset({"smart_mark"}),
    "pymdownx.saneheaders": frozenset(),
    "pymdownx.smartsymbols": frozenset(
        {
            "trademark",
            "copyright",
            "registered",
            "plusminus",
            "arrows",
            "notequal",
            "fractions",
            "ordinal_numbers",
            "care_of",
        }
    ),
    "pymdownx.superfences": frozenset(
        {"disable_indented_code_blocks", "css_class", "preserve_tabs", "relaxed_headers"}
    ),
    "pymdownx.tabbed": frozenset({"alternate_style", "combine_header_slug", "separator"}),
    "pymdownx.tasklist": frozenset({"custom_checkbox", "clickable_checkbox"}),
    "pymdownx.tilde": frozenset({"smart_delete", "delete", "subscript"}),
    "pymdownx.blocks.admonition": frozenset({"types"}),
    "pymdownx.blocks.caption": frozenset({"types", "auto_level", "auto", "prepend"}),
    "pymdownx.blocks.definition": frozenset(),
    "pymdownx.blocks.details": frozenset({"types"}),
    "pymdownx.blocks.tab": frozenset({"alternate_style", "combine_header_slug", "separator"}),
}

EXTENSIONS: dict[str, frozenset[str]] = {**_PYTHON_MARKDOWN, **_PYMDOWNX}

# Python-Markdown's own extensions also go by their module's name.
EXTENSION_ALIASES = {f"markdown.extensions.{name}": name for name in _PYTHON_MARKDOWN}

# The bundles take their options per bundled extension, under that extension's name.
BUNDLES: dict[str, dict[str, str]] = {
    "extra": {
        name: name
        for name in ("fenced_code", "footnotes", "attr_list", "def_list", "tables", "abbr", "md_in_html")
    },
    "pymdownx.extra": {
        "pymdownx.betterem": "pymdownx.betterem",
        "pymdownx.superfences": "pymdownx.superfences",
        **{
            f"markdown.extensions.{name}": name
            for name in ("footnotes", "attr_list", "def_list", "tables", "abbr", "md_in_html")
        },
    },
}

# Extensions people reach for that are not on the list, and why (a message code).
REFUSED_EXTENSIONS = {
    "pymdownx.snippets": "why_snippets",
    "pymdownx.b64": "why_b64",
    "pymdownx.magiclink": "why_magiclink",
    "pymdownx.emoji": "why_emoji",
}
