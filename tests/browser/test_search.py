"""The search box in the header, used as a reader uses it: it finds people, agreements and
the notes of every conversation, and leads to the conversation that matched."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest


def type_query(page, site_url: str, query: str, key: str = "/") -> list[str]:
    """Open the home page, press `key`, type the query key by key; the addresses (path and
    section) of the result links once the results have settled."""
    page.goto(site_url)
    page.keyboard.press(key)
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement"), (
        f"pressing {key} does not focus the search box"
    )
    box.press_sequentially(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    # Every key starts a search; wait until the list shows the last one and stays put.
    links = page.locator(".md-search-result__item > .md-search-result__link")
    previous, deadline = None, time.monotonic() + 5
    while time.monotonic() < deadline:
        current = links.evaluate_all("els => els.map(a => a.href)")
        if current and current == previous:
            break
        previous = current
        page.wait_for_timeout(150)
    return [
        urlsplit(href).path + ("#" + urlsplit(href).fragment if urlsplit(href).fragment else "")
        for href in current
    ]


def pages_of(found: list[str]) -> list[str]:
    return [address.split("#")[0] for address in found]


CASES = {
    # name: (query, the page that must be among the first five results)
    "person by full name": ("Søren Ærø-Madsen", "/people/soeren-aeroe-madsen/"),
    "person by first name": ("Camilla", "/people/camilla-broendum/"),
    "name with æ, ø or å": ("Brøndum", "/people/camilla-broendum/"),
    # An open agreement of Henrik's: "Flytter budgetmodellen fra regneark til økonomisystemet".
    "open agreement": ("budgetmodellen", "/people/henrik-friis/"),
    # The last word of an open agreement of Anders's, which ends its table cell:
    # "Sætter CRM-systemet op, så tilbud kan laves direkte fra kundekortet".
    "open agreement, last word": ("kundekortet", "/people/anders-vestergaard/"),
    # Only in the notes of Søren's latest conversation ("hans konstruktioner halter").
    "latest conversation's notes": ("konstruktioner", "/people/soeren-aeroe-madsen/"),
    # Only in the notes of Søren's oldest conversation, of 2024 ("lang transporttid fra Horsens").
    "oldest conversation's notes": ("transporttid", "/people/soeren-aeroe-madsen/"),
    # Danish letters: only in the notes of Anders's latest conversation ("før udbudssæsonen starter").
    "word with æ, ø or å": ("udbudssæsonen", "/people/anders-vestergaard/"),
    # Inflected forms: Søren's page has "kurset" and "kursus", never "kurserne"; and
    # "komponentdatabasen", never "komponentdatabase".
    "plural of a word in the page": ("kurserne", "/people/soeren-aeroe-madsen/"),
    "indefinite of a word in the page": ("komponentdatabase", "/people/soeren-aeroe-madsen/"),
    "plural definite of a word in the guide": ("aftalerne", "/guide/aftaler/"),
    "the guide": ("medarbejderudviklingssamtale", "/guide/"),
}


@pytest.mark.browser
@pytest.mark.parametrize("case", list(CASES))
def test_search_finds(page, site_url, case):
    query, expected = CASES[case]
    found = pages_of(type_query(page, site_url, query))
    assert expected in found[:5], (
        f"searching {query!r}: {expected} is not among the first five results {found}"
    )


@pytest.mark.browser
def test_a_result_leads_to_the_conversation_that_matched(page, site_url):
    found = type_query(page, site_url, "transporttid")
    assert found[0] == "/people/soeren-aeroe-madsen/#samtale-12-marts-2024"
    first = page.locator(".md-search-result__item").first
    assert (first.locator("h1").inner_text(), first.locator("h2").first.inner_text()) == (
        "Søren Ærø-Madsen",
        "Samtale 12. marts 2024",
    )
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url("**/people/soeren-aeroe-madsen/#samtale-12-marts-2024")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "Søren Ærø-Madsen"
    assert not page.locator("#__search").is_checked(), "the search stays open over the page"


@pytest.mark.browser
def test_lists_and_sheets_are_not_searched(page, site_url):
    """Anna is in the people list, the overdue list and on her preparation sheet; search
    leads only to her own page (and the guide's examples that name her)."""
    found = pages_of(type_query(page, site_url, "Anna Jensen"))
    assert "/people/anna-jensen/" in found
    assert [p for p in found if not p.startswith(("/people/anna-jensen/", "/guide/"))] == []


@pytest.mark.browser
def test_results_show_the_title_and_a_highlighted_excerpt(page, site_url):
    """A word at the end of a table cell is highlighted as itself, not run together with the
    next cell ("kundekortet" is followed by Anders's owner, IT-support); no ¶ in titles."""
    type_query(page, site_url, "kundekortet")
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == "Anders Vestergaard"
    # Pagefind marks the word with the full stop it puts between a page's blocks.
    marked = {m.strip().rstrip(".") for m in page.locator(".md-search-result mark").all_inner_texts()}
    assert marked == {"kundekortet"}, f"highlighted in the results: {sorted(marked)}"
    snippets = " ".join(page.locator(".md-search-result__article").all_inner_texts())
    assert "kundekortetIT" not in snippets and "¶" not in snippets
    assert page.locator(".md-search-result__meta").inner_text() == "1 resultat"


@pytest.mark.browser
def test_nothing_found_says_so_in_danish(page, site_url):
    page.goto(site_url)
    page.keyboard.press("s")
    page.locator("input.md-search__input").press_sequentially("xylofonstemmer")
    page.locator(".md-search-result__meta").filter(has_text="Ingen resultater fundet").wait_for()
    assert page.locator(".md-search-result__item").count() == 0


@pytest.mark.browser
def test_keyboard_moves_through_the_results_and_escape_closes(page, site_url):
    type_query(page, site_url, "kursus", key="s")
    links = page.locator(".md-search-result__link")
    page.keyboard.press("ArrowDown")
    assert links.nth(0).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert links.nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.locator("input.md-search__input").evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert page.locator("input.md-search__input").evaluate("el => el !== document.activeElement")
    # "f", like "/" and "s", opens it again.
    page.keyboard.press("f")
    assert page.locator("#__search").is_checked()


@pytest.mark.browser
def test_enter_opens_the_first_result(page, site_url):
    found = type_query(page, site_url, "udbudssæsonen")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{found[0]}")
    assert urlsplit(page.url).path == "/people/anders-vestergaard/"


@pytest.mark.browser
def test_nothing_of_the_index_is_fetched_before_a_search(page, site_url):
    fetched = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(site_url + "guide/")
    page.wait_for_load_state("networkidle")
    assert [path for path in fetched if "pagefind" in path] == []
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("aftale")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    assert "/pagefind/pagefind.js" in fetched


@pytest.mark.browser
def test_search_on_a_phone(browser, site_url):
    """On a phone the magnifier in the header opens the search over the page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url)
        box = page.locator("input.md-search__input")
        assert not page.locator("#__search").is_checked()
        page.locator("label.md-header__button[for='__search']").click()
        assert box.evaluate("el => el === document.activeElement")
        box.press_sequentially("budgetmodellen")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        result = page.locator(".md-search-result__link").first
        assert "/people/henrik-friis/" in result.get_attribute("href")
        width = result.bounding_box()["width"]
        assert width <= 390, f"a result is {width}px wide on a 390px screen"
    finally:
        context.close()
