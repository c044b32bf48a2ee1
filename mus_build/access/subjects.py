"""Whose data each address of the site holds: the one table that both the generated
web-server rules and mus's own checks (the search index a reader gets, the tests) read.

An address is what nginx has in `$uri`: already decoded and normalised (`//`, `/./`,
`/../` and `%2e` resolved), so a rule sees what the file system will serve. Anything the
table does not name is refused: a new kind of page stays closed until a rule opens it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from mus_build.model.handbook import Handbook
from mus_build.model.names import ID_PATTERN
from mus_build.pages import paths

PUBLIC = "public"  # no personal data: the guide, the blank sheets, the theme's files
REFUSAL = "refusal"  # the pages that say why a request was refused; readable without signing in
HR = "hr"  # the organisation as a whole: lists, figures, every agreement
PERSON = "person"  # one person's data: their page, their preparation sheet
# For one person alone (and HR), not their managers: their own exports, which hold everyone
# they may read, and the agreements they own in other people's conversations.
OWN = "own"
EACH_READER = "each-reader"  # each person gets their own version at this address: the exports
TEAM = "team"  # a manager's direct reports: the team page and calendar
DEPARTMENT = "department"  # everyone in a department
ROUND = "round"  # the MUS round of the people a manager manages (as `managers_see` says)
REFUSED = "refused"  # nobody: not named by any rule

REFUSAL_PAGES = "/_mus/"  # the folder of paths.REFUSAL_PAGES, written by `mus build`
READER_SEARCH = f"/{paths.READER_SEARCH}/"  # the web server serves each reader their own index here


@dataclass(frozen=True)
class Subject:
    kind: str
    key: str = ""  # the person id, manager id or department page name

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}" if self.key else self.kind


@dataclass(frozen=True)
class Pattern:
    """Addresses of one kind whose key is a path segment, e.g. /people/<id>/."""

    kind: str
    prefix: str  # e.g. "/people/"
    suffix: str  # the rest after the key, as a regular expression

    def regex(self, key: str) -> str:
        return f"^{re.escape(self.prefix)}{key}{self.suffix}$"


_PAGE_END = r"(?:/|/index\.html)?"  # a page's folder, its index.html, or the folder without '/'
_ID = ID_PATTERN.pattern

# The exports every person gets their own version of, at the same address (the web server
# serves paths.reader_export); HR gets the whole files.
EXPORTS = (paths.AGREEMENTS_CSV, paths.AGREEMENTS_JSON, paths.CALENDAR)
_EXPORT_NAMES = "|".join(re.escape(posixpath.basename(export)) for export in EXPORTS)
# Folders whose files are all about one subject, tried in this order after the exact
# addresses: the guide, the theme, the guide's search index and the form in the browser
# for every reader who signed in; each reader's own search index; HR's index of everyone.
PREFIXES = (
    ("/assets/", Subject(PUBLIC)),
    (f"/{paths.GUIDE_DIR}/", Subject(PUBLIC)),
    (f"/{paths.SEARCH_BUNDLE}/", Subject(PUBLIC)),
    # The form in the browser: the page, Decap's script and its configuration, which names
    # no person (records and people come from the Git host, to whoever signs in there).
    (f"/{paths.EDITOR_DIR}/", Subject(PUBLIC)),
    (READER_SEARCH, Subject(EACH_READER)),
    (f"/{paths.EVERYONE_SEARCH}/", Subject(HR)),
)
# Keyed addresses, tried in this order after the exact ones.
PATTERNS = (
    Pattern(PERSON, "/people/", _PAGE_END),
    Pattern(PERSON, "/forms/", _PAGE_END),
    Pattern(TEAM, "/teams/", _PAGE_END),
    Pattern(TEAM, "/exports/teams/", r"\.ics"),
    Pattern(DEPARTMENT, "/departments/", _PAGE_END),
    Pattern(ROUND, "/round/", _PAGE_END),
    Pattern(OWN, "/owned/", _PAGE_END),
    Pattern(OWN, f"/{paths.READER_EXPORTS}/", f"/(?:{_EXPORT_NAMES})"),
    Pattern(OWN, f"/{paths.READER_SEARCHES}/", r"/[^?#]+"),
)


def _page_addresses(page: str) -> list[str]:
    """The addresses a reader may use for a generated page (`people/index.md`): its
    folder with and without '/', and its file, in both URL styles of mkdocs."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ["/index.html"]
    if stem.endswith("/index"):
        folder = "/" + stem.removesuffix("/index")
        return [folder, folder + "/", folder + "/index.html"]
    return ["/" + stem, "/" + stem + "/", "/" + stem + ".html", "/" + stem + "/index.html"]


def exact_subjects() -> dict[str, Subject]:
    """Every address the table names one by one."""
    found: dict[str, Subject] = {
        "/": Subject(PUBLIC),  # the web server sends each reader on to their own start page
        "/404.html": Subject(PUBLIC),
        "/robots.txt": Subject(PUBLIC),
    }
    for page in paths.BLANK_SHEETS.values():
        found.update(dict.fromkeys(_page_addresses(page), Subject(PUBLIC)))
    hr_pages = (
        paths.HOME,
        paths.PEOPLE,
        paths.OVERDUE,
        paths.DUE,
        paths.DEPARTMENTS,
        paths.TEAMS,
        paths.ROUND,
        paths.FORMS,
    )
    for page in hr_pages:
        found.update(dict.fromkeys(_page_addresses(page), Subject(HR)))
    for export in EXPORTS:  # the web server serves each reader their own file
        found["/" + export] = Subject(EACH_READER)
    for sitemap in ("sitemap.xml", "sitemap.xml.gz"):
        found["/" + sitemap] = Subject(HR)
    return found


_EXACT = exact_subjects()
_KEYED = [(pattern, re.compile(pattern.regex(f"({_ID})"))) for pattern in PATTERNS]


def subject_of(uri: str) -> Subject:
    """Whose data the address holds, as the generated rules decide it: exact addresses
    first, then the refusal pages and the prefixes, then the keyed patterns."""
    exact = _EXACT.get(uri)
    if exact is not None:
        return exact
    if uri.startswith(REFUSAL_PAGES):
        return Subject(REFUSAL)
    for prefix, subject in PREFIXES:
        if uri.startswith(prefix):
            return subject
    for pattern, regex in _KEYED:
        match = regex.match(uri)
        if match:
            return Subject(pattern.kind, match[1])
    return Subject(REFUSED)


def members(handbook: Handbook, subject: Subject, department_slugs: dict[str, str]) -> list[str] | None:
    """The people a team's or department's page is about; None for other subjects (a
    manager's round depends on `managers_see`: `Policy.rounds` knows its people)."""
    if subject.kind == TEAM:
        return [p.id for p in handbook.people.values() if p.manager == subject.key]
    if subject.kind == DEPARTMENT:
        names = {slug: name for name, slug in department_slugs.items()}
        department = names.get(subject.key)
        return [p.id for p in handbook.people.values() if department and p.department == department]
    return None
