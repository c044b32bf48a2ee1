"""mkdocs.yml read once: the mus settings by their table, mkdocs' own keys as mkdocs reads them."""

from __future__ import annotations

import pytest

from mus_build.check.config import load_config
from mus_build.model.settings import Settings, Site


def read(tmp_path, text: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    config, problems = load_config(path)
    return config, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("written", "directory_urls"),
    [
        ("", True),
        ("use_directory_urls: true\n", True),
        ("use_directory_urls: false\n", False),
        ("use_directory_urls: False\n", False),
        ("use_directory_urls: no\n", False),
        ("use_directory_urls: off\n", False),
        ("use_directory_urls: yes\n", True),
        ("use_directory_urls:\n", True),  # empty: mkdocs' default
    ],
)
def test_use_directory_urls_is_read_as_mkdocs_reads_it(tmp_path, written, directory_urls):
    config, problems = read(tmp_path, "site_name: MUS\n" + written)
    assert problems == []
    assert config.site.directory_urls is directory_urls


@pytest.mark.parametrize(
    ("written", "edit_base"),
    [
        (
            "repo_url: https://git.example.com/hr/mus\nedit_uri: edit/main/\n",
            "https://git.example.com/hr/mus/edit/main/",
        ),
        (
            "repo_url: https://git.example.com/hr/mus/\nedit_uri: /edit/main\n",
            "https://git.example.com/hr/mus/edit/main/",
        ),
        ("repo_url: https://a.example\nedit_uri: https://b.example/edit\n", "https://b.example/edit/"),
        (
            "repo_url: https://git.example.com/hr/mus\n",
            None,
        ),  # mkdocs' guess would point into the staging folder
        ("repo_url: https://git.example.com/hr/mus\nedit_uri: ''\n", None),
        ("edit_uri: edit/main/\n", None),
    ],
)
def test_edit_links_start_where_repo_url_and_edit_uri_say(tmp_path, written, edit_base):
    config, problems = read(tmp_path, "site_name: MUS\n" + written)
    assert problems == []
    assert config.site.edit_base == edit_base


def test_the_site_is_read_into_one_typed_object(tmp_path):
    config, problems = read(
        tmp_path,
        "site_name: ' Fjordlys MUS '\nsite_url: https://mus.example.com/\nnav:\n  - index.md\n"
        "extra:\n  mus:\n    language: en\n    interval_months: 6\n    roles:\n      it: IT-support\n",
    )
    assert problems == []
    assert config.site == Site(
        name="Fjordlys MUS", url="https://mus.example.com/", edit_base=None, directory_urls=True, has_nav=True
    )
    assert config.settings == Settings(
        language="en", interval_months=6, roles={"hr": "HR", "it": "IT-support"}
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "site_name: 2026\n",
            "mkdocs.yml:1: mkdocs læser 'site_name: 2026' som et tal, ikke som tekst; "
            'sæt værdien i dobbelte anførselstegn: site_name: "2026"',
        ),
        (
            "site_name: MUS\nuse_directory_urls: 'no'\n",
            "mkdocs.yml:2: 'use_directory_urls' skal være true eller false, men der står 'no'",
        ),
        (
            "site_name: MUS\nuse_directory_urls: maybe\n",
            "mkdocs.yml:2: 'use_directory_urls' skal være true eller false, men der står 'maybe'",
        ),
        (
            "site_name: MUS\nsite_url: [a, b]\n",
            "mkdocs.yml:2: 'site_url' skal være en enkelt værdi, ikke en liste",
        ),
        (
            "theme: material\n",
            "mkdocs.yml:1: 'site_name' mangler; giv håndbogen et navn, f.eks. site_name: MUS-håndbog",
        ),
        (
            "site_name:\n",
            "mkdocs.yml:1: 'site_name' mangler; giv håndbogen et navn, f.eks. site_name: MUS-håndbog",
        ),
        (
            "site_name: MUS\nextra:\n  mus:\n    language: de\n",
            "mkdocs.yml:4: 'language' skal være da eller en, men der står 'de'",
        ),
        (
            "site_name: MUS\nextra:\n  mus:\n    noindex: yes\n",
            "mkdocs.yml:4: 'noindex' skal være true eller false, men der står 'yes'",
        ),
        (
            "site_name: MUS\nextra:\n  mus:\n    languge: da\n",
            "mkdocs.yml:4: ukendt mus-indstilling 'languge'; mente du 'language'?",
        ),
    ],
)
def test_a_key_mus_cannot_read_is_named_with_its_line(tmp_path, text, problem):
    _, problems = read(tmp_path, text)
    assert problems == [problem]


def test_a_value_mkdocs_takes_from_the_environment_is_left_to_mkdocs(tmp_path):
    config, problems = read(
        tmp_path,
        "site_name: MUS\nsite_url: !ENV [MUS_SITE_URL, 'https://mus.example.com/']\n"
        "extra:\n  mus:\n    allow_unsafe_config: true\n",
    )
    assert problems == []
    assert config.site.url is None
