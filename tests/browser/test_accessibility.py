"""axe-core, run in the browser on the kinds of page the handbook has: no serious or
critical violation of any of its rules."""

from __future__ import annotations

import pytest

PAGES = {
    "home": "",
    "guide page": "guide/aftaler/",
    "people list": "people/",
    "person page": "people/anna-jensen/",
    "overdue index": "overdue/",
    "preparation sheet": "forms/anna-jensen/",
    "search results": "",  # the home page with the search box open on results, code among them
}
SEARCHES = {"search results": "excel"}

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            detail = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {' '.join(map(str, node['target']))} :: {detail}")
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violations(page, site_url, axe, name):
    page.goto(site_url + PAGES[name])
    assert page.locator("html").get_attribute("lang") == "da"
    if name in SEARCHES:
        page.keyboard.press("/")
        page.keyboard.type(SEARCHES[name])
        page.locator(".md-search-result__item").first.wait_for(state="visible")
    # Material fades things in; colours are read once they are as the reader sees them.
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter(a => a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished))"
    )
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {PAGES[name] or '/'}:\n{describe(blocking)}"
