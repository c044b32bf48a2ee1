"""Material's search box, typed into as a reader does, finds people, agreements and notes."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest


def search(page, site_url: str, query: str) -> list[str]:
    """Open the home page, press `/`, type the query key by key; the paths of the first
    five result links once the results have settled."""
    page.goto(site_url)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    assert box.evaluate("el => el === document.activeElement"), "pressing / does not focus the search box"
    box.press_sequentially(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    # Every key starts a search; wait until the list shows the last one and stays put.
    links = page.locator(".md-search-result__link")
    previous, deadline = None, time.monotonic() + 5
    while time.monotonic() < deadline:
        current = links.evaluate_all("els => els.map(a => a.href)")
        if current and current == previous:
            break
        previous = current
        page.wait_for_timeout(150)
    return [urlsplit(href).path for href in current[:5]]


CASES = {
    # name: (query, the page that must be among the first five results)
    "person by full name": ("Søren Ærø-Madsen", "/people/soeren-aeroe-madsen/"),
    "person by first name": ("Camilla", "/people/camilla-broendum/"),
    # An open agreement of Henrik's: "Flytter budgetmodellen fra regneark til økonomisystemet".
    "open agreement": ("budgetmodellen", "/people/henrik-friis/"),
    # The last word of an open agreement of Anders's, which ends its table cell:
    # "Sætter CRM-systemet op, så tilbud kan laves direkte fra kundekortet".
    "open agreement, last word": ("kundekortet", "/people/anders-vestergaard/"),
    # Only in the notes of Søren's latest conversation ("hans konstruktioner halter").
    "latest conversation's notes": ("konstruktioner", "/people/soeren-aeroe-madsen/"),
    # Danish letters: only in the notes of Anders's latest conversation ("før udbudssæsonen starter").
    "word with æ, ø or å": ("udbudssæsonen", "/people/anders-vestergaard/"),
}


@pytest.mark.browser
@pytest.mark.parametrize("case", list(CASES))
def test_search_finds(page, site_url, case):
    query, expected = CASES[case]
    found = search(page, site_url, query)
    assert expected in found, f"searching {query!r}: {expected} is not among the first five results {found}"


@pytest.mark.browser
def test_search_result_opens_the_page(page, site_url):
    search(page, site_url, "udbudssæsonen")
    page.locator(".md-search-result__link[href*='people/anders-vestergaard/']").first.click()
    page.wait_for_url("**/people/anders-vestergaard/**")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == "Anders Vestergaard"


@pytest.mark.browser
def test_older_conversations_are_not_searched(page, site_url):
    """As the guide says: notes of earlier conversations stay out of the search ("et
    almindeligt spisebord" is in Søren's 2025 notes), though his page shows them."""
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("spisebord")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Ingen resultater fundet").wait_for()
    assert page.locator(".md-search-result__item").count() == 0
    page.goto(site_url + "people/soeren-aeroe-madsen/")
    assert "et almindeligt spisebord" in page.locator("article").inner_text()


@pytest.mark.browser
def test_search_results_keep_table_cells_apart(page, site_url):
    """A word at the end of a table cell is highlighted as itself, not run together with the
    next cell ("kundekortet" is followed by Anders's owner, IT-support)."""
    search(page, site_url, "kundekortet")
    marked = {m.strip() for m in page.locator(".md-search-result mark").all_inner_texts()}
    assert marked == {"kundekortet"}, f"highlighted in the results: {sorted(marked)}"
    snippets = " ".join(page.locator(".md-search-result__article").all_inner_texts())
    assert "kundekortetIT" not in snippets
