"""Each reader, as the signing-in proxy passes them to a real nginx with the rules `mus
nginx` wrote, gets every file of the site they may read and none they may not."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from urllib.parse import unquote

import pytest

from mus_build.access import subjects
from mus_build.access.nginx import write_rules
from mus_build.access.policy import NOBODY, Policy
from mus_build.access.subjects import Subject
from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.model.handbook import Handbook, Person
from mus_build.model.settings import Access, Config

from ..conftest import TODAY, write_tree
from .conftest import (
    NGINX,
    OWNED_BY_CARL,
    PEOPLE,
    READERS,
    as_text,
    handbook_files,
    holds_data_of,
    nginx_config,
    token,
)


def addresses(site) -> list[str]:
    """Every file of the built site, and each page's folder as readers link to it."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        found.append("/" + rel)
        if rel.endswith("index.html"):
            found.append("/" + rel.removesuffix("index.html"))
    return sorted(set(found))


def readable_people(served, reader: str) -> set[str]:
    return {p for p in PEOPLE if served.policy.may_read(reader, Subject(subjects.PERSON, p))}


@pytest.mark.parametrize("kind", READERS)
def test_each_reader_gets_what_they_may_read_and_nothing_else(served, kind):
    email = READERS[kind]
    reader = served.reader_id(email)
    others = [p for p in PEOPLE if p not in readable_people(served, reader)]
    refused = 401 if reader == NOBODY else 403
    wrong = []
    for address in addresses(served.site):
        status, body, _ = served.get(address, email)
        expected = 200 if served.policy.may_read(reader, subjects.subject_of(address)) else refused
        if address == "/" and reader not in (NOBODY, *served.policy.hr):
            expected = 302  # sent on to their own page, or the guide
        if status != expected:
            wrong.append(f"{address}: {status}, expected {expected}")
        elif status == 200:
            text = as_text(address, body)
            wrong += [f"{address} holds {p}'s data" for p in others if holds_data_of(text, p)]
    assert wrong == []


EXPECTED_READS = {
    "employee": {"anna-jensen"},
    "agreement owner": {"carl-salg"},
    "manager": {"anna-jensen", "bo-berg", "lars-leder"},
    "manager's manager": set(PEOPLE),  # everyone is below Dorte
    "hr": set(PEOPLE),
    "unknown address": set(),
    "no identity": set(),
}


@pytest.mark.parametrize("kind", READERS)
def test_each_reader_reads_exactly_the_people_the_rules_name(served, kind):
    email = READERS[kind]
    read = {p for p in PEOPLE if served.get(f"/people/{p}/", email)[0] == 200}
    assert read == EXPECTED_READS[kind]
    for person in read:  # and their own page is really theirs
        assert token(person) in served.get(f"/people/{person}/", email)[1].decode()


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        ("employee", "/people/anna-jensen/"),
        ("manager", "/people/lars-leder/"),
        ("unknown address", "/guide/"),
    ],
)
def test_the_start_page_is_the_readers_own(served, kind, start):
    status, _, location = served.get("/", READERS[kind])
    assert (status, location.split(served.url_host, 1)[-1]) == (302, start)


def test_hr_starts_on_the_overview_and_nobody_gets_a_refusal_page(served):
    status, body, _ = served.get("/", READERS["hr"])
    assert status == 200 and "Overblik" in body.decode()
    status, body, _ = served.get("/", None)
    assert status == 401 and "Log ind for at se MUS-håndbogen" in body.decode()
    status, body, _ = served.get("/people/bo-berg/", READERS["employee"])
    assert status == 403 and "Du har ikke adgang til siden" in body.decode()


TRICKS = [
    "/people/bo-berg/",
    "/people//bo-berg/",
    "/people/./bo-berg/",
    "/people/anna-jensen/../bo-berg/",
    "/people/me/../bo-berg/",
    "/people/%62o-berg/",
    "/people/bo%2Dberg/",
    "/people/bo-berg/%2e/",
    "/people/bo-berg/index.html",
    "/people/bo-berg/index.html?x=1",
    "/people/bo-berg",
    "/PEOPLE/bo-berg/",
    "/_mus/../people/bo-berg/",
    "/guide/../people/bo-berg/",
    "/assets/../people/bo-berg/",
    "/forms/bo-berg/",
    "/teams/lars-leder/",
    "/exports/teams/lars-leder.ics",
    "/departments/oekonomi/",
    "/exports/readers/bo-berg/agreements.csv",
    "/exports/readers/bo-berg/agreements.json",
    "/exports/readers/bo-berg/calendar.ics",
    "/exports/readers//bo-berg/agreements.csv",
    "/exports/readers/anna-jensen/../bo-berg/agreements.csv",
    "/exports/readers/lars-leder/agreements.csv",  # Lars's own exports hold Bo's agreements
    "/exports/readers/bo-berg/",
    "/exports/readers/",
    "/owned/bo-berg/",
    "/sitemap.xml",
    "/sitemap.xml.gz",
    "/index.html",
    "/people/",
    "/.mus-build",
]


@pytest.mark.parametrize("path", TRICKS)
def test_a_curious_colleague_reads_nothing_of_bo(served, path):
    status, body, _ = served.get(path, READERS["employee"])
    assert status in (301, 400, 403, 404), (path, status)
    assert token("bo-berg") not in body.decode("utf-8", "replace")


def test_capitals_in_the_address_find_the_person(served):
    assert served.get("/people/anna-jensen/", "Anna@FIRMA.dk")[0] == 200


def reader_index_parts(served, reader: str) -> list[str]:
    """The addresses, under /search/mine/, of the parts of the reader's own search index."""
    own = served.site / "search" / "readers" / reader
    folder = own if own.is_dir() else served.site / "search" / "everyone"
    return [
        f"/search/mine/{p.relative_to(folder).as_posix()}" for p in sorted(folder.rglob("*")) if p.is_file()
    ]


@pytest.mark.parametrize("kind", ["employee", "manager", "manager's manager", "hr", "agreement owner"])
def test_each_readers_own_search_index_holds_exactly_the_people_they_may_read(served, kind):
    email = READERS[kind]
    reader = served.reader_id(email)
    text = ""
    for address in reader_index_parts(served, reader):
        status, body, _ = served.get(address, email)
        assert status == 200, (address, status)
        text += as_text(address, body)
    assert {p for p in PEOPLE if holds_data_of(text, p)} == EXPECTED_READS[kind]


def test_the_guide_index_is_everyones_and_holds_nobody(served):
    for part in sorted((served.site / "pagefind").rglob("*")):
        if part.is_file():
            address = "/" + part.relative_to(served.site).as_posix()
            status, body, _ = served.get(address, READERS["unknown address"])
            assert status == 200, address
            assert not any(holds_data_of(as_text(address, body), p) for p in PEOPLE), address


@pytest.mark.parametrize(("kind", "status"), [("unknown address", 403), ("no identity", 401)])
def test_who_is_no_person_has_no_own_search_index(served, kind, status):
    assert served.get("/search/mine/pagefind-entry.json", READERS[kind])[0] == status


def test_an_own_search_index_is_its_readers_alone(served):
    """Anna's index under its own address: hers and HR's, not her manager's."""
    address = "/search/readers/anna-jensen/pagefind-entry.json"
    assert served.get(address, READERS["employee"])[0] == 200
    assert served.get(address, READERS["hr"])[0] == 200
    assert served.get(address, READERS["manager"])[0] == 403
    assert served.get("/search/everyone/pagefind-entry.json", READERS["manager's manager"])[0] == 403


def test_nginx_and_mus_decide_each_address_alike(served):
    """The rules nginx runs and the table mus reads are the same: every decoded address of
    the site gets the verdict `Policy.may_read` gives it (checked per reader above); here,
    that the decoded form is what counts."""
    for path in ("/people/%61nna-jensen/", "/people/anna-jensen/./"):
        assert subjects.subject_of(unquote(path).replace("/./", "/")) == Subject(
            subjects.PERSON, "anna-jensen"
        )
        assert served.get(path, READERS["employee"])[0] == 200


# The exports: each reader gets, at the same addresses, the agreements and calendar of the
# people they may read; HR gets the whole files.


def csv_people(body: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    return [row[1] for row in rows[1:]]  # the column after the reference: the person's id


def json_people(body: bytes) -> list[str]:
    return [row["person"] for row in json.loads(body)]


def calendar_people(body: bytes) -> set[str]:
    """The people whose deadlines or next MUS the calendar holds, from its events' UIDs."""
    uids = re.findall(r"^UID:(?:agreement|mus)-(.+?)(?:-\d{4}-\d\d-\d\d-.*)?@mus\r$", body.decode(), re.M)
    return set(uids)


@pytest.mark.parametrize(
    ("kind", "people"),
    [
        ("employee", {"anna-jensen"}),
        ("agreement owner", {"carl-salg"}),  # not Anna's agreement that he owns: it is not his record
        ("manager", {"anna-jensen", "bo-berg", "lars-leder"}),
        ("manager's manager", set(PEOPLE)),
    ],
)
def test_each_reader_exports_the_agreements_of_exactly_their_people(served, kind, people):
    for address, people_in in (
        ("/exports/agreements.csv", csv_people),
        ("/exports/agreements.json", json_people),
        ("/exports/calendar.ics", calendar_people),
    ):
        status, body, _ = served.get(address, READERS[kind])
        assert status == 200, address
        assert set(people_in(body)) == people, address


def test_the_exports_keep_every_row_of_the_readers_people_in_order(served):
    whole = (served.site / "exports/agreements.csv").read_bytes().decode("utf-8-sig").splitlines()
    status, body, _ = served.get("/exports/agreements.csv", READERS["manager"])
    mine = body.decode("utf-8-sig").splitlines()
    assert mine[0] == whole[0]  # the same header
    assert mine[1:] == [row for row in whole[1:] if row.split(";")[1] in EXPECTED_READS["manager"]]
    assert json.loads(served.get("/exports/agreements.json", READERS["manager"])[1]) == [
        row
        for row in json.loads((served.site / "exports/agreements.json").read_bytes())
        if row["person"] in EXPECTED_READS["manager"]
    ]


def test_hr_and_who_reads_everyone_get_the_whole_exports_and_anyone_else_none(served):
    for address in ("/exports/agreements.csv", "/exports/agreements.json", "/exports/calendar.ics"):
        for kind in ("hr", "manager's manager"):  # Dorte reads everyone: the whole file is hers
            status, body, _ = served.get(address, READERS[kind])
            assert (status, body) == (200, (served.site / address.lstrip("/")).read_bytes())
        assert served.get(address, READERS["unknown address"])[0] == 403
        assert served.get(address, None)[0] == 401


def test_a_readers_own_exports_are_theirs_alone_not_their_managers(served):
    assert served.get("/exports/readers/lars-leder/agreements.csv", READERS["manager"])[0] == 200
    assert served.get("/exports/readers/lars-leder/agreements.csv", READERS["hr"])[0] == 200
    # Dorte may read all of it, but it is Lars's; with managers_see: direct it would not be hers.
    assert served.get("/exports/readers/lars-leder/agreements.csv", READERS["manager's manager"])[0] == 403
    # Only who reads less than everyone has a folder: HR and Dorte get the whole files.
    folders = sorted(p.name for p in (served.site / "exports/readers").iterdir())
    assert folders == ["anna-jensen", "bo-berg", "carl-salg", "lars-leder"]


# What a person owns in another person's conversation: shown to them, and nothing else of it.


def test_the_owner_reads_what_they_own_and_nothing_else_of_that_conversation(served):
    status, body, _ = served.get("/owned/carl-salg/", READERS["agreement owner"])
    text = body.decode()
    assert status == 200
    assert OWNED_BY_CARL in text and "Anna Jensen" in text
    assert token("anna-jensen") not in text  # neither her notes nor her other agreement
    assert served.get("/people/anna-jensen/", READERS["agreement owner"])[0] == 403
    own_page = served.get("/people/carl-salg/", READERS["agreement owner"])[1].decode()
    assert 'href="../../owned/carl-salg/"' in own_page


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("agreement owner", 200),
        ("hr", 200),
        ("manager's manager", 403),  # Carl's manager reads his page, not what he owns elsewhere
        ("employee", 403),  # Anna, in whose conversation it was agreed
        ("manager", 403),
        ("unknown address", 403),
        ("no identity", 401),
    ],
)
def test_who_reads_what_a_person_owns(served, kind, status):
    assert served.get("/owned/carl-salg/", READERS[kind])[0] == status


def test_nginx_takes_the_rules_of_a_large_organisation(tmp_path):
    """With its default table sizes nginx refuses maps of a few thousand entries; the rules
    size them for the handbook. 3,000 people under a director, 30 heads and 300 team leads."""
    people = {"direktoer": Person("direktoer", "Direktør", "x")}
    for n in range(3000):
        manager = "direktoer" if n < 30 else f"p{n // 10 - 3 if n >= 330 else n % 30}-leder-med-et-langt-navn"
        person_id = f"p{n}-leder-med-et-langt-navn"
        people[person_id] = Person(person_id, f"P {n}", "x", manager=manager, email=f"{person_id}@firma.dk")
    people["direktoer"].email = "direktoer@firma.dk"
    policy = Policy(Handbook(dict(sorted(people.items())), {}), Access(hr=("direktoer",)), {})
    rules = tmp_path / "rules"
    write_rules(rules, Config(tmp_path, "mkdocs.yml"), policy)
    (tmp_path / "site").mkdir()
    config = nginx_config(tmp_path, rules, tmp_path / "site", 8)
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "could not build" not in checked.stderr


def test_the_navigation_leads_nobody_to_a_refusal(served):
    """With access rules the lists are HR's: the navigation every reader gets holds the guide."""
    import re

    page = served.get("/people/anna-jensen/", READERS["employee"])[1].decode()
    nav = page[page.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    links = set(re.findall(r'href="([^"]+)"', nav))
    assert {"../../overdue/", "../../people/", "../../due/", "../../teams/", "../../forms/"} & links == set()
    assert any("guide/" in link for link in links)


@pytest.mark.parametrize(
    ("managers_see", "dorte_reads", "whole"),
    [
        ("chain", None, ["dorte-direktoer", "hanne-hr"]),  # Dorte reads everyone: the whole files
        ("direct", ["carl-salg", "dorte-direktoer", "hanne-hr", "lars-leder"], ["hanne-hr"]),
    ],
)
def test_whose_agreements_each_readers_exports_hold(tmp_path, managers_see, dorte_reads, whole):
    root = write_tree(tmp_path, handbook_files(managers_see))
    config, _ = load_config(root / "mkdocs.yml")
    assert config.settings.access is not None
    policy = Policy(load_sources(config, TODAY).handbook, config.settings.access, {})
    readers = policy.people_by_reader()
    assert readers.get("dorte-direktoer") == dorte_reads
    assert readers["lars-leder"] == ["anna-jensen", "bo-berg", "lars-leder"]
    assert readers["anna-jensen"] == ["anna-jensen"]
    assert policy.whole_readers() == whole


def test_the_form_in_the_browser_is_everyones_who_signed_in(served):
    """admin/ holds Decap's page, script and configuration and no person's data: the
    records come from the Git host to whoever signs in there. Files are put in the site
    here, as `mus build` puts them in when Decap is installed."""
    form = served.site / "admin"
    form.mkdir(exist_ok=True)
    for name in ("index.html", "config.yml", "decap-cms.js", "yaml/index.js"):
        (form / name).parent.mkdir(exist_ok=True)
        (form / name).write_text(f"the form's {name}\n")
    for address in ("/admin/", "/admin/config.yml", "/admin/decap-cms.js", "/admin/yaml/index.js"):
        assert subjects.subject_of(address) == Subject(subjects.PUBLIC)
        for kind in ("employee", "unknown address", "hr"):
            assert served.get(address, READERS[kind])[0] == 200, (address, kind)
        assert served.get(address, READERS["no identity"])[0] == 401, address
    assert served.get("/admin/../people/anna-jensen/", READERS["unknown address"])[0] == 403
