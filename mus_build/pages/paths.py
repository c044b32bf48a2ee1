"""Where every generated page and file lies in the site, and the links between them.

Pages are named by their Markdown source under the staging folder (`people/anna/index.md`);
mkdocs turns that into `people/anna/` or, with `use_directory_urls: false`, into
`people/anna/index.html`. Links inside raw HTML are not rewritten by mkdocs, so `url`
writes the final form for the site's setting.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import lru_cache

from mus_build.model.handbook import Handbook, Ref
from mus_build.model.names import BLANK_SHEET_NAMES, slugify

HOME = "index.md"
PEOPLE_DIR = "people"
PEOPLE = f"{PEOPLE_DIR}/index.md"
OVERDUE = "overdue/index.md"
DUE = "due/index.md"
DEPARTMENTS = "departments/index.md"
TEAMS = "teams/index.md"
ROUND = "round/index.md"  # the MUS round of everyone; each manager's own is round_page
FORMS = "forms/index.md"
BLANK_SHEETS = {audience: f"forms/{name}/index.md" for audience, name in BLANK_SHEET_NAMES.items()}
GUIDE_DIR = "guide"
GUIDE_HOME = "guide/index.md"
QUESTION_GUIDE = "guide/sporgeguide.md"  # the guide's own pages link to sporgeguide.md

EXPORTS_DIR = "exports"  # every export lies under it, and nothing else
AGREEMENTS_JSON = f"{EXPORTS_DIR}/agreements.json"
AGREEMENTS_CSV = f"{EXPORTS_DIR}/agreements.csv"
CALENDAR = f"{EXPORTS_DIR}/calendar.ics"
# With access rules, each reader's own versions of the three exports above, which the web
# server serves at the same addresses: exports/readers/<id>/agreements.csv.
READER_EXPORTS = f"{EXPORTS_DIR}/readers"
STYLESHEET = "assets/mus.css"
SEARCH_SCRIPT = "assets/mus-search.js"
# The search index of the site (Pagefind's bundle). With access rules it holds the guide
# alone; HR's index of everyone and each reader's own are searched beside it, served to
# each reader at READER_SEARCH by the web server's rules.
SEARCH_BUNDLE = "pagefind"
EVERYONE_SEARCH = "search/everyone"
READER_SEARCHES = "search/readers"
READER_SEARCH = "search/mine"
EDITOR_DIR = "admin"  # the form in the browser (Decap CMS), copied in by `mus build`
REFUSAL_PAGES = {401: "_mus/401.html", 403: "_mus/403.html"}  # served by the web server's rules
ROBOTS = "robots.txt"

# Pages kept out of the navigation: thousands of them there would make every page's
# navigation, and so the build, grow with the square of the number of people.
NOT_IN_NAV = "\n".join(["/people/*/", "/departments/*/", "/teams/*/", "/forms/*/", "/owned/*/", "/round/*/"])

DUE_SOON_ANCHOR = "due-soon"  # the due-soon list on the overdue page, linked from the home page


def person_page(person_id: str) -> str:
    return f"{PEOPLE_DIR}/{person_id}/index.md"


def sheet_page(person_id: str) -> str:
    return f"forms/{person_id}/index.md"


def owned_page(person_id: str) -> str:
    """What the person owns in other people's conversations."""
    return f"owned/{person_id}/index.md"


def team_page(manager_id: str) -> str:
    return f"teams/{manager_id}/index.md"


def round_page(manager_id: str) -> str:
    """The MUS round of the people a manager manages."""
    return f"round/{manager_id}/index.md"


def department_page(slug: str) -> str:
    return f"departments/{slug}/index.md"


def department_slugs(handbook: Handbook, fallback: str) -> dict[str, str]:
    """Each department's page name: its slug, numbered when two names give the same one,
    and `fallback` for a name that gives none."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted({p.department for p in handbook.people.values() if p.department}):
        base = candidate = slugify(name) or fallback
        n = 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        slugs[name] = candidate
    return slugs


def guide_page(name: str) -> str:
    return f"{GUIDE_DIR}/{name}"


def team_calendar(manager_id: str) -> str:
    return f"{EXPORTS_DIR}/teams/{manager_id}.ics"


def reader_export(reader_id: str, export: str) -> str:
    """The reader's own version of an export (AGREEMENTS_CSV, AGREEMENTS_JSON or CALENDAR)."""
    return f"{READER_EXPORTS}/{reader_id}/{posixpath.basename(export)}"


def reader_search(reader_id: str) -> str:
    """The reader's own search index: the pages of the people they may read."""
    return f"{READER_SEARCHES}/{reader_id}"


def agreement_anchor(ref: Ref) -> str:
    return f"a-{ref.date.isoformat()}-{ref.id}"


def record_anchor(day: dt.date) -> str:
    return f"r-{day.isoformat()}"


@lru_cache(maxsize=65536)
def relative(from_page: str, to_path: str) -> str:
    """A Markdown link target from one page to a page or file (mkdocs rewrites `.md` links).
    Remembered, like `url`: the lists of departments and teams ask for the same ones after
    every save of `mus serve`."""
    target, _, anchor = to_path.partition("#")
    rel = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=65536)
def url(from_page: str, to_page: str, directory_urls: bool) -> str:
    """The final relative URL from one page to another, for links in raw HTML."""
    target, _, fragment = to_page.partition("#")
    to_url = page_url(target, directory_urls)
    from_url = page_url(from_page, directory_urls)
    base = from_url.rstrip("/") if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or not to_url:
        rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{fragment}" if fragment else rel


def html_file(page: str) -> str:
    """The file mkdocs writes for a generated page named `<folder>/index.md`, in both URL styles."""
    return page.removesuffix(".md") + ".html"


def page_url(page: str, directory_urls: bool) -> str:
    """A page's address relative to the site's root, as mkdocs writes it."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def absolute_url(site_url: str | None, page: str, directory_urls: bool) -> str | None:
    """A page's full address, for links from outside the site (calendars); None when the
    site's address is not known."""
    if not site_url:
        return None
    return f"{site_url.rstrip('/')}/{page_url(page, directory_urls)}"
