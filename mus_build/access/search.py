"""The search index a reader gets: with access rules, the web server serves HR the whole
index and every other reader one of the pages without personal data, made here from the
finished index, by the same table that the web server's rules are made from."""

from __future__ import annotations

import json
from pathlib import Path

from mus_build.access import subjects


def write_public_index(site_dir: Path) -> None:
    """search/search_index.public.json: the entries of the whole index whose page is public."""
    whole = site_dir / subjects.SEARCH_INDEX.lstrip("/")
    if not whole.is_file():  # a site without the search plugin has nothing to search
        return
    index = json.loads(whole.read_text(encoding="utf-8"))
    index["docs"] = [doc for doc in index["docs"] if is_public(doc["location"])]
    public = whole.with_name(subjects.public_search_index())
    public.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def is_public(location: str) -> bool:
    """Whether a search entry's page (`guide/fortrolighed/#afsnit`, relative to the site) is public."""
    page = "/" + location.split("#", 1)[0]
    if page == "/":  # the home page: "/" sends each reader on; the page itself is HR's overview
        page = "/index.html"
    return subjects.subject_of(page).kind == subjects.PUBLIC
