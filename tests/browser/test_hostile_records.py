"""Markup typed into a record is shown as text: no script of a record ever runs."""

from __future__ import annotations

import pytest

from .conftest import build, copy_handbook, serve
from .test_search import pages_of, type_query

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"

PEOPLE = {
    "bo-hansen/index.md": """\
---
name: "Bo Hansen"
title: "Direktør"
department: "Ledelse"
---
""",
    "lea-larsen/index.md": """\
---
name: "Lea Larsen"
title: "Projektleder"
department: "Ledelse"
manager: bo-hansen
started: 2021-08-01
---
""",
    "lea-larsen/2026-03-02.md": f"""\
---
date: 2026-03-02
agreements:
  - id: kursus
    what: "Kursus i {SCRIPT} og {IMAGE}"
    owner: employee
    deadline: 2026-10-01
---

## Samarbejde

Lea skrev {SCRIPT} i chatten.

Og bagefter {IMAGE} for at se, hvad der skete.
""",
}


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory):
    """A handbook of its own: the example's settings and guide, and two people."""
    work = tmp_path_factory.mktemp("hostile")
    root = copy_handbook(work / "handbook", content=False)
    for rel, text in PEOPLE.items():
        path = root / "content" / "people" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    url, server = serve(build(root, work / "site"))
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def dialogs(page):
    """Every alert, confirm or prompt the page opens (each dismissed at once)."""
    opened = []

    def record(dialog):
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def settle(page):
    """Wait for the page's images to fail and their handlers to have run."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)


@pytest.mark.browser
def test_person_page_shows_markup_as_text(page, dialogs, hostile_site_url):
    page.goto(hostile_site_url + "people/lea-larsen/")
    settle(page)
    assert dialogs == []

    article = page.locator("article")
    open_agreement = page.locator("xpath=//*[@id='abne-aftaler']/following::table[1]//tbody/tr[1]/td[1]")
    assert open_agreement.inner_text() == f"Kursus i {SCRIPT} og {IMAGE}"
    text = article.inner_text()
    assert f"Lea skrev {SCRIPT} i chatten." in text
    assert f"Og bagefter {IMAGE} for at se, hvad der skete." in text
    # Nothing of it became an element.
    assert article.locator("script, img").count() == 0
    assert page.locator("[onerror]").count() == 0


@pytest.mark.browser
def test_lists_and_search_show_markup_as_text(page, dialogs, hostile_site_url):
    for path in ("", "overdue/", "people/", "teams/bo-hansen/", "forms/lea-larsen/"):
        page.goto(hostile_site_url + path)
        settle(page)
    assert page.locator("article").inner_text().count(f"Kursus i {SCRIPT} og {IMAGE}") == 1  # the sheet

    # The notes' paragraph, markup and all, is the text of the search result.
    found = pages_of(type_query(page, hostile_site_url, "chatten"))
    assert "/people/lea-larsen/" in found
    settle(page)
    assert f"Lea skrev {SCRIPT} i chatten." in page.locator(".md-search-result").inner_text()
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    assert dialogs == []
