"""The MUS round under the access rules: HR reads the round of everyone, each manager the
round of their own people, and nobody else either."""

from __future__ import annotations

import re

import pytest

from mus_build.access import subjects
from mus_build.access.policy import Policy
from mus_build.access.subjects import Subject
from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.pages.paths import department_slugs
from mus_build.publish.build import staged_files

from ..conftest import TODAY, search_pages, write_tree
from .conftest import PEOPLE, READERS, handbook_files

NAMES = {person_id: name for person_id, (name, *_rest) in PEOPLE.items()}


@pytest.mark.parametrize(
    ("kind", "everyone", "lars", "dorte"),
    [
        ("hr", 200, 200, 200),
        ("manager's manager", 403, 200, 200),  # Dorte reads Lars's people, but the whole round is HR's
        ("manager", 403, 200, 403),
        ("employee", 403, 403, 403),
        ("agreement owner", 403, 403, 403),
        ("unknown address", 403, 403, 403),
        ("no identity", 401, 401, 401),
    ],
)
def test_who_reads_which_round(served, kind, everyone, lars, dorte):
    email = READERS[kind]
    assert served.get("/round/", email)[0] == everyone
    assert served.get("/round/index.html", email)[0] == everyone
    assert served.get("/round/lars-leder/", email)[0] == lars
    assert served.get("/round/lars-leder/index.html", email)[0] == lars
    assert served.get("/round/dorte-direktoer/", email)[0] == dorte


def test_hr_reads_the_round_of_everyone(served):
    status, body, _ = served.get("/round/", READERS["hr"])
    text = body.decode()
    assert status == 200 and "<h1" in text and "MUS-runden" in text
    assert all(name in text for name in NAMES.values())


def test_a_manager_reads_the_round_of_their_people_and_nobody_elses(served):
    status, body, _ = served.get("/round/lars-leder/", READERS["manager"])
    text = body.decode()
    assert status == 200 and "MUS-runden: Lars Leder" in text
    assert "Anna Jensen" in text and "Bo Berg" in text
    assert not any(NAMES[p] in text for p in ("carl-salg", "hanne-hr", "dorte-direktoer"))


def test_a_refused_reader_gets_the_refusal_page(served):
    status, body, _ = served.get("/round/", READERS["manager"])
    assert status == 403 and "Du har ikke adgang til siden" in body.decode()
    status, body, _ = served.get("/round/lars-leder/", READERS["employee"])
    assert status == 403 and "Lars Leder" not in body.decode()


def test_a_managers_page_leads_to_their_round(served):
    page = served.get("/people/lars-leder/", READERS["manager"])[1].decode()
    assert 'href="../../round/lars-leder/"' in page
    assert 'href="../../round/' not in served.get("/people/anna-jensen/", READERS["employee"])[1].decode()


def test_the_rounds_are_in_no_search_index(served):
    for bundle in ("pagefind", "search/everyone", "search/readers/lars-leder"):
        indexed = [page["url"] for page in search_pages(served.site, bundle)]
        assert indexed and not [url for url in indexed if "round" in url], bundle


@pytest.mark.parametrize(
    ("managers_see", "dorte_reads_lars", "dorte_counts"),
    [("chain", True, {"lars-leder", "anna-jensen", "bo-berg", "hanne-hr", "carl-salg"}),
     ("direct", False, {"lars-leder", "hanne-hr", "carl-salg"})],
)  # fmt: skip
def test_a_round_covers_whom_the_manager_may_read(tmp_path, managers_see, dorte_reads_lars, dorte_counts):
    root = write_tree(tmp_path, handbook_files(managers_see))
    config, _ = load_config(root / "mkdocs.yml")
    assert config.settings.access is not None
    handbook = load_sources(config, TODAY).handbook
    policy = Policy(handbook, config.settings.access, department_slugs(handbook, "afdeling"))
    round_of = lambda manager: Subject(subjects.ROUND, manager)  # noqa: E731
    assert policy.may_read("dorte-direktoer", round_of("dorte-direktoer"))
    assert policy.may_read("dorte-direktoer", round_of("lars-leder")) is dorte_reads_lars
    assert policy.may_read("lars-leder", round_of("lars-leder"))
    assert not policy.may_read("lars-leder", round_of("dorte-direktoer"))
    assert not policy.may_read("anna-jensen", round_of("lars-leder"))
    assert policy.may_read("hanne-hr", Subject(subjects.HR))
    assert subjects.subject_of("/round/") == Subject(subjects.HR)
    assert subjects.subject_of("/round/lars-leder/") == round_of("lars-leder")
    sources = load_sources(config, TODAY)
    pages = dict(staged_files(config, sources, TODAY))
    page = pages["round/dorte-direktoer/index.md"].decode()
    assert set(re.findall(r'href="../../people/([a-z0-9-]+)/"', page)) == dorte_counts
