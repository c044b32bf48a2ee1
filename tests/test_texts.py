"""Every text the site shows comes from the language catalogue, and both languages have all of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mus_build.pages.texts import CATALOGUES, Texts

PAGES = Path(__file__).parent.parent / "mus_build" / "pages"


def test_danish_and_english_have_the_same_texts():
    assert set(CATALOGUES["da"]) == set(CATALOGUES["en"])


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_each_text_takes_the_same_values_in_every_language(language):
    def fields(text: str) -> set[str]:
        return set(re.findall(r"{(\w+)}", text))

    for key, text in CATALOGUES[language].items():
        assert fields(text) == fields(CATALOGUES["da"][key]), key


def asked_for() -> set[str]:
    """The texts the package names, as t("key") or texts("key")."""
    asked = set()
    for module in PAGES.parent.rglob("*.py"):
        asked |= set(re.findall(r"\bt(?:exts)?\(\s*[\"'](\w+)[\"']", module.read_text(encoding="utf-8")))
    return {key for key in asked if not key.endswith("_")}  # t("for_" + audience) names a prefix


# Texts named by a prefix and a value: t(f"state_{view.state.value}"), t(f"column_{column}"), ...
NAMED_BY_VALUE = (
    "state_",
    "column_",
    "for_",
    "blank_",
    "refused_4",
    "round_figure_",
    "round_how_",
    "round_intro_",
)


def test_every_text_the_pages_ask_for_exists():
    assert sorted(asked_for() - set(CATALOGUES["da"])) == []


def test_every_text_is_used():
    unused = [
        key for key in CATALOGUES["da"] if key not in asked_for() and not key.startswith(NAMED_BY_VALUE)
    ]
    assert unused == []


def test_a_value_with_braces_is_text_not_a_template():
    assert Texts("da")("calendar_mus", name="Anna {name}") == "MUS: Anna {name}"
