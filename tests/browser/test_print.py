"""A preparation sheet printed from the browser: only the sheet, no site around it."""

from __future__ import annotations

import pytest

SITE_PARTS = {
    "header": ".md-header",
    "navigation tabs": ".md-tabs",
    "search": ".md-search",
    "navigation sidebar": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "print hint": ".mus-print-hint",
}

HIDDEN = "el => getComputedStyle(el).display === 'none' || !el.checkVisibility()"


@pytest.mark.browser
def test_printed_sheet_hides_navigation_header_and_search(page, site_url):
    page.goto(site_url + "forms/anna-jensen/")
    on_screen = [name for name, css in SITE_PARTS.items() if page.locator(css).first.is_visible()]
    assert {"header", "navigation tabs", "search", "footer", "print hint"} <= set(on_screen)

    page.emulate_media(media="print")
    shown = [name for name, css in SITE_PARTS.items() if not page.locator(css).first.evaluate(HIDDEN)]
    assert shown == [], f"printed with the sheet: {', '.join(shown)}"
    for css in (".md-header", ".md-tabs", ".md-search", ".md-footer"):
        assert page.locator(css).first.evaluate("el => getComputedStyle(el).display") == "none", css

    # The sheet itself prints: its title, Anna's agreements to follow up and the questions.
    assert page.locator("h1").is_visible()
    assert page.locator("h1").inner_text().startswith("Forberedelsesark: Anna Jensen")
    sheet = page.locator("article").inner_text()
    assert "Skriver en vejledning til kontoplanen og bogføringsreglerne" in sheet
    assert page.locator(".mus-answer").count() > 5


@pytest.mark.browser
def test_printed_guide_page_is_its_summary_and_text_alone(page, site_url):
    page.goto(site_url + "guide/mus-paa-10-minutter/")
    page.emulate_media(media="print")
    around = {name: css for name, css in SITE_PARTS.items() if name != "print hint"}
    shown = [name for name, css in around.items() if not page.locator(css).first.evaluate(HIDDEN)]
    assert shown == [], f"printed with the guide page: {', '.join(shown)}"
    assert page.locator("h1").inner_text() == "MUS på 10 minutter"
    summary = page.locator(".admonition.abstract")
    assert summary.is_visible() and summary.inner_text().startswith("Kort fortalt")
    assert page.locator("article").inner_text().count("Velkomst og rammer") == 1
