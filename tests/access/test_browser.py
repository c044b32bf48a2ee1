"""Each kind of reader, in Chromium against nginx with the rules `mus nginx` wrote, signed
in as the proxy passes them: where `/` takes them, what the search box finds, the links
they follow and the colleague's page they try. Every answer the browser got on the way,
scripts and the search index fetched in the background included, holds data only of the
people that reader may read."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from mus_build.access import subjects
from mus_build.access.subjects import Subject

from ..chromium import VIEWPORT
from .conftest import HEADER, PEOPLE, READERS, as_text, holds_data_of, token

GUIDE_WORD = "Offentlig"  # only in the guide's front page: "Offentlig tekst om MUS."
REFUSED_TEXT = "Du har ikke adgang til siden"
SIGN_IN_TEXT = "Log ind for at se MUS-håndbogen"

# Where `/` takes each reader, and the heading shown there.
LANDING = {
    "employee": ("/people/anna-jensen/", "Anna Jensen"),
    "manager": ("/people/lars-leder/", "Lars Leder"),
    "manager's manager": ("/people/dorte-direktoer/", "Dorte Direktør"),
    "hr": ("/", "Adgangshåndbog"),
    "agreement owner": ("/people/carl-salg/", "Carl Salg"),
    "unknown address": ("/guide/", "Guiden"),
    "no identity": ("/", SIGN_IN_TEXT),
}

# Links followed one after the other from the landing page: (link text, address it opens).
WALKS = {
    "employee": [("Forberedelsesark", "/forms/anna-jensen/")],
    "manager": [("Team: Lars Leder", "/teams/lars-leder/"), ("Anna Jensen", "/people/anna-jensen/")],
    "manager's manager": [
        ("Team: Dorte Direktør", "/teams/dorte-direktoer/"),
        ("Lars Leder", "/people/lars-leder/"),
        ("Team: Lars Leder", "/teams/lars-leder/"),
        ("Bo Berg", "/people/bo-berg/"),
    ],
    "hr": [("medarbejdere", "/people/"), ("Carl Salg", "/people/carl-salg/")],
    # What Carl owns in Anna's conversation, and nothing else of it.
    "agreement owner": [("Aftaler, du er ansvarlig for", "/owned/carl-salg/")],
    "unknown address": [],
    "no identity": [],
}

# A page each reader may not open, and the refusal they get.
TRIES = {
    "employee": ("/people/bo-berg/", 403),
    "manager": ("/people/carl-salg/", 403),
    "manager's manager": ("/people/", 403),  # the list of everyone is HR's
    "hr": ("/.mus-build", 403),  # HR reads every person; a file no rule names, nobody
    "agreement owner": ("/people/anna-jensen/", 403),  # he owns an agreement there, not her page
    "unknown address": ("/people/anna-jensen/", 403),
    "no identity": ("/people/anna-jensen/", 401),
}


class Reader:
    """A tab signed in as one kind of reader, keeping every answer the browser gets."""

    def __init__(self, browser, served, kind: str):
        email = READERS[kind]
        reader = served.reader_id(email)
        self.may_read = {p for p in PEOPLE if served.policy.may_read(reader, Subject(subjects.PERSON, p))}
        self.context = browser.new_context(
            base_url=f"http://{served.url_host}",
            viewport=VIEWPORT,
            locale="da-DK",
            extra_http_headers={HEADER: email} if email is not None else {},
        )
        self.context.set_default_timeout(10_000)
        self.answers: list[tuple[str, str]] = []  # address and body as text, in order
        self.context.on("response", self._keep)
        self.tab = self.context.new_page()

    def _keep(self, response) -> None:
        if not 300 <= response.status < 400:  # a redirect has no body
            self.answers.append((response.url, as_text(urlsplit(response.url).path, response.body())))

    def open(self, address: str):
        response = self.tab.goto(address)
        self.settle()
        return response

    def settle(self) -> None:
        """Wait for what the page fetches in the background, such as the search index."""
        self.tab.wait_for_load_state("networkidle")

    def path(self) -> str:
        return urlsplit(self.tab.url).path

    def heading(self) -> str:
        return self.tab.locator("h1").first.inner_text().rstrip("¶").strip()

    def foreign_data(self, text: str) -> list[str]:
        """The people whose data the text holds though this reader may not read them."""
        return [p for p in PEOPLE if p not in self.may_read and holds_data_of(text.lower(), p)]

    def assert_no_answer_held_foreign_data(self) -> None:
        assert self.answers, "the browser got no answers at all"
        leaks = [f"{url} holds {p}'s data" for url, body in self.answers for p in self.foreign_data(body)]
        assert leaks == []

    def assert_shows_the_persons_data(self) -> None:
        """On a person's page, their agreement and notes are there to read."""
        person = self.path().removeprefix("/people/").strip("/")
        if person in PEOPLE:
            assert token(person) in self.tab.locator("article").inner_text()

    def search(self, query: str) -> list[str]:
        """Focus the header search box, type the query key by key, and read the paths of
        the results once they have settled (none: an empty list)."""
        self.tab.keyboard.press("/")
        box = self.tab.locator("input.md-search__input")
        assert box.evaluate("el => el === document.activeElement"), "pressing / does not focus the search box"
        box.fill("")
        box.press_sequentially(query)
        meta = self.tab.locator(".md-search-result__meta")
        links = self.tab.locator(".md-search-result__link")
        # Every key starts a search; wait until the list shows the last one and stays put.
        previous, deadline = None, time.monotonic() + 10
        while time.monotonic() < deadline:
            current = (meta.inner_text(), links.evaluate_all("els => els.map(a => a.href)"))
            if current == previous and "resultat" in current[0]:  # "Ingen resultater fundet" too
                break
            previous = current
            self.tab.wait_for_timeout(150)
        else:
            pytest.fail(f"searching {query!r}: the results never settled ({previous})")
        self.tab.keyboard.press("Escape")
        return sorted({urlsplit(href).path for href in current[1]})


@pytest.fixture
def reader(browser, served, kind) -> Iterator[Reader]:
    signed_in = Reader(browser, served, kind)
    yield signed_in
    signed_in.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", READERS)
def test_each_reader_lands_on_their_own_page_and_follows_links_to_what_they_may_read(reader, kind):
    reader.open("/")
    assert (reader.path(), reader.heading()) == LANDING[kind]
    reader.assert_shows_the_persons_data()
    for text, address in WALKS[kind]:
        reader.tab.locator("article a", has_text=text).first.click()
        reader.settle()
        assert reader.path() == address
        assert REFUSED_TEXT not in reader.tab.content()
        reader.assert_shows_the_persons_data()
    reader.assert_no_answer_held_foreign_data()


@pytest.mark.browser
@pytest.mark.parametrize("kind", READERS)
def test_each_reader_searches_only_what_they_may_read(reader, kind):
    """Every reader searches the guide; each person also the pages of the people they may
    read (HR everyone), and no other: no part of an index of anyone else reaches them."""
    reader.open("/")
    if kind == "no identity":
        assert reader.tab.locator("input.md-search__input").count() == 0
        assert reader.open("/pagefind/pagefind-entry.json").status == 401
        assert reader.open("/search/mine/pagefind-entry.json").status == 401
    else:
        assert "/guide/" in reader.search(GUIDE_WORD)
        for person in PEOPLE:
            found = {p.removeprefix("/people/").strip("/") for p in reader.search(token(person))}
            assert found - {"guide"} <= reader.may_read, f"searching {person}'s agreement finds {found}"
            assert (person in found) == (person in reader.may_read), (person, found)
        fetched = {urlsplit(url).path for url, _ in reader.answers}
        assert "/pagefind/pagefind-entry.json" in fetched
        assert "/search/mine/pagefind-entry.json" in fetched
    reader.assert_no_answer_held_foreign_data()


@pytest.mark.browser
@pytest.mark.parametrize("kind", READERS)
def test_each_reader_is_refused_a_colleagues_page_in_danish(reader, kind):
    address, status = TRIES[kind]
    response = reader.open(address)
    assert response.status == status
    assert reader.heading() == (SIGN_IN_TEXT if status == 401 else REFUSED_TEXT)
    assert reader.foreign_data(reader.tab.content()) == []
    reader.assert_no_answer_held_foreign_data()
