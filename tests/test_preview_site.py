"""`mus serve` keeps mkdocs loaded between saves (publish/kept_site.py): a save renders only
the pages it changed, and the site comes out as a preview started anew makes it.

The rounds run in this process, as the server runs them, without the server."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

from mus_build.publish.preview_build import PreviewBuild

from .conftest import TODAY, run

URL = "http://127.0.0.1:8000/"
RECORD = "content/people/anna-jensen/2026-03-12.md"
ANNA = "people/anna-jensen/index.html"
NEW_PERSON = '---\nname: "Dorte Lund"\ndepartment: "Salg"\nmanager: cecilie-dam\n---\n'


class Rounds:
    """A preview of the handbook at root, and what its site held after the last round."""

    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.said: list[str] = []
        self.preview = PreviewBuild(root / "mkdocs.yml", work, URL, self.said.append)
        self.times: dict[str, int] = {}
        self.round()

    @property
    def site(self) -> Path:
        return self.preview.site_dir

    def round(self) -> set[str]:
        """Run a round; the files of the site it wrote (new or written again)."""
        assert self.preview.rebuild(TODAY) is not None, "\n".join(self.said)
        self.preview.tidy()  # as `mus serve` does once the browser has the page
        before, self.times = self.times, _times(self.site)
        return {rel for rel, time in self.times.items() if before.get(rel) != time}

    def save(self, note: str) -> set[str]:
        """Add a line to Anna's latest record, then run a round."""
        record = self.root / RECORD
        record.write_text(record.read_text(encoding="utf-8") + f"\n{note}\n", encoding="utf-8")
        return self.round()


def _times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in _files(site)}


def _files(site: Path) -> list[Path]:
    return [path for path in sorted(site.rglob("*")) if path.is_file()]


def _assert_as_fresh(rounds: Rounds, work: Path) -> None:
    """Every file of the site is, byte for byte, what a preview started anew on the same
    sources writes."""
    fresh = Rounds(rounds.root, work)
    kept = {path.relative_to(rounds.site).as_posix(): path.read_bytes() for path in _files(rounds.site)}
    anew = {path.relative_to(fresh.site).as_posix(): path.read_bytes() for path in _files(fresh.site)}
    assert sorted(kept) == sorted(anew)
    for rel, data in anew.items():
        if kept[rel] != data:
            lines = difflib.unified_diff(
                data.decode(errors="replace").splitlines(),
                kept[rel].decode(errors="replace").splitlines(),
                "fresh",
                "kept",
                lineterm="",
            )
            raise AssertionError(f"{rel}:\n" + "\n".join(list(lines)[:40]))


def _add_person(root: Path) -> None:
    folder = root / "content/people/dorte-lund"
    folder.mkdir()
    (folder / "index.md").write_text(NEW_PERSON, encoding="utf-8")


def _rename_agreement(root: Path, old: str, new: str) -> None:
    record = root / RECORD
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")


def test_a_page_rendered_after_a_save_is_what_a_fresh_preview_writes(small, tmp_path):
    rounds = Rounds(small, tmp_path / "kept")
    for number in range(3):
        rounds.save(f"Note nummer {number} efter samtalen.")
    assert "Note nummer 2 efter samtalen." in (rounds.site / ANNA).read_text(encoding="utf-8")
    _assert_as_fresh(rounds, tmp_path / "fresh")


def test_a_save_renders_only_the_pages_it_changed(small, tmp_path):
    """Neither the sitemap, nor the guide, nor any other person's page is written again:
    the site was not built, only Anna's page rendered."""
    rounds = Rounds(small, tmp_path / "kept")
    assert rounds.save("Aftalt efter pausen.") == {ANNA}
    assert rounds.save("Og en note mere.") == {ANNA}


def test_a_changed_list_and_export_are_rendered_and_copied_with_the_page(small, tmp_path):
    rounds = Rounds(small, tmp_path / "kept")
    _rename_agreement(small, "Skriver en vejledning", "Skriver en ny vejledning")
    written = rounds.round()
    assert {ANNA, "overdue/index.html", "exports/agreements.csv"} <= written
    assert not {"sitemap.xml", "404.html", "guide/index.html"} & written
    assert "Skriver en ny vejledning" in (rounds.site / "exports/agreements.csv").read_text(encoding="utf-8")
    _assert_as_fresh(rounds, tmp_path / "fresh")


def test_the_exports_after_a_save_are_those_mus_build_writes(small, tmp_path):
    """The preview writes the agreements of everyone part by part, from each person's rows;
    the files hold, byte for byte, what `mus build` joins and writes."""
    rounds = Rounds(small, tmp_path / "kept")
    _rename_agreement(small, "Skriver en vejledning", "Skriver en ny vejledning")
    rounds.round()
    built = tmp_path / "built"
    assert run(small, "build", "--today", TODAY.isoformat(), "-d", str(built), "-q").exit_code == 0
    for export in ("exports/agreements.json", "exports/agreements.csv"):
        assert (rounds.site / export).read_bytes() == (built / export).read_bytes()
    assert "Skriver en ny vejledning" in (built / "exports/agreements.json").read_text(encoding="utf-8")


def test_an_export_is_linked_into_the_site_and_written_again_as_a_new_file(small, tmp_path):
    """The exports are linked into the site, not copied (170 MB at 10,000 people). Written
    again, an export is a new file: whoever is reading the last one reads it to the end."""
    rounds = Rounds(small, tmp_path / "kept")
    served = rounds.site / "exports/agreements.csv"
    staged = rounds.preview._staging.folder / "exports/agreements.csv"
    _rename_agreement(small, "Skriver en vejledning", "Skriver en ny")
    rounds.round()
    assert served.samefile(staged)
    with served.open("rb") as reading:
        _rename_agreement(small, "Skriver en ny", "Skriver en tredje")
        rounds.round()
        assert b"Skriver en ny" in reading.read()
    assert "Skriver en tredje" in served.read_text(encoding="utf-8") and served.samefile(staged)
    _assert_as_fresh(rounds, tmp_path / "fresh")


def test_the_saved_page_is_in_the_site_before_the_exports_are_written_again(small, tmp_path, monkeypatch):
    """A round returns, and the browser is told to reload, with the pages in place; the
    exports it changed (170 MB at 10,000 people) are written meanwhile, and whoever opens
    one before they are reads the last."""
    import threading

    from mus_build.publish.preview_staging import PreviewStaging

    rounds = Rounds(small, tmp_path / "kept")
    go_on = threading.Event()
    write_later = PreviewStaging.write_later

    def held(staging: PreviewStaging, site_dir: Path) -> None:
        go_on.wait(timeout=30)
        write_later(staging, site_dir)

    monkeypatch.setattr(PreviewStaging, "write_later", held)
    _rename_agreement(small, "Skriver en vejledning", "Skriver en ny vejledning")
    assert rounds.preview.rebuild(TODAY) is not None
    assert "Skriver en ny vejledning" in (rounds.site / ANNA).read_text(encoding="utf-8")
    export = rounds.site / "exports/agreements.csv"
    assert "Skriver en vejledning" in export.read_text(encoding="utf-8")
    go_on.set()
    rounds.preview.finish_writes()
    assert "Skriver en ny vejledning" in export.read_text(encoding="utf-8")
    _assert_as_fresh(rounds, tmp_path / "fresh")


def test_an_export_that_cannot_be_written_is_reported_and_the_next_round_makes_everything(small, tmp_path):
    rounds = Rounds(small, tmp_path / "kept")
    in_the_way = rounds.site / "exports/agreements.csv.mus-new"
    in_the_way.mkdir()  # neither a link nor a copy can take its name
    _rename_agreement(small, "Skriver en vejledning", "Skriver en ny vejledning")
    rounds.round()
    assert any(line.startswith("Fejl: ") and "agreements.csv.mus-new" in line for line in rounds.said)
    in_the_way.rmdir()
    rounds.said.clear()
    assert "sitemap.xml" in rounds.save("Efter fejlen.")
    assert any(line.startswith("Lavede alles sider igen") for line in rounds.said)
    assert "Skriver en ny vejledning" in (rounds.site / "exports/agreements.csv").read_text(encoding="utf-8")
    _assert_as_fresh(rounds, tmp_path / "fresh")


def test_a_round_that_changed_nothing_leaves_the_next_save_as_little_to_make(small, tmp_path, monkeypatch):
    """A list kept whole through a round keeps its rows too: a save after a round in which
    nothing changed makes again only the rows of the round pages that count the person
    saved, as it does after any other round (at 10,000 people, every row of the director's
    round took 0.8 s)."""
    from mus_build.pages import round as round_pages

    made: list[str] = []
    cells = round_pages._cells

    def counted(ctx, page, kind, row, manager):
        made.append(page)
        return cells(ctx, page, kind, row, manager)

    monkeypatch.setattr(round_pages, "_cells", counted)
    _add_person(small)  # in a department and a team of their own: rows a save of Anna's leaves
    rounds = Rounds(small, tmp_path / "kept")
    every_row = len(made)
    _rename_agreement(small, "Skriver en vejledning", "Skriver en ny vejledning")
    made.clear()
    rounds.round()
    after_a_save = len(made)
    assert 0 < after_a_save < every_row
    rounds.round()  # nothing changed
    _rename_agreement(small, "Skriver en ny vejledning", "Skriver en vejledning")
    made.clear()
    rounds.round()
    assert len(made) == after_a_save
    _assert_as_fresh(rounds, tmp_path / "fresh")


def test_a_new_or_deleted_person_builds_the_site_again_and_the_next_save_renders_only_its_page(
    small, tmp_path
):
    rounds = Rounds(small, tmp_path / "kept")
    _add_person(small)
    written = rounds.round()
    assert {"people/dorte-lund/index.html", "sitemap.xml"} <= written
    assert rounds.save("Efter Dorte kom til.") == {ANNA}
    shutil.rmtree(small / "content/people/bo-berg")
    written = rounds.round()
    assert "sitemap.xml" in written
    assert not (rounds.site / "people/bo-berg/index.html").exists()
    assert rounds.save("Efter Bo gik.") == {ANNA}
    _assert_as_fresh(rounds, tmp_path / "fresh")


def test_a_change_to_mkdocs_yml_builds_every_page_again(small, tmp_path):
    rounds = Rounds(small, tmp_path / "kept")
    config = small / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_name: Lille håndbog", "site_name: Ny håndbog"),
        encoding="utf-8",
    )
    written = rounds.round()
    pages = [rel for rel in rounds.times if rel.endswith(".html")]
    assert set(pages) <= written
    for rel in pages:
        assert "Ny håndbog" in (rounds.site / rel).read_text(encoding="utf-8"), rel
    assert rounds.save("Efter det nye navn.") == {ANNA}
    _assert_as_fresh(rounds, tmp_path / "fresh")


def _guide_in_navigation(page: str) -> list[str]:
    """The titles the navigation of a page gives the guide's pages."""
    links = re.findall(r'<a href="(?:\.\./)*guide/[^"]*" class="md-nav__link">(.*?)</a>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", link).split()) for link in links]


def test_the_navigation_of_a_page_rendered_after_a_save_names_the_guide_s_pages(small, tmp_path):
    """mkdocs names a guide page in the navigation by its heading, which a kept page is
    rendered without; nor does a build after a new person read the guide again."""
    rounds = Rounds(small, tmp_path / "kept")
    titles = ["MUS-guiden", "Spørgeguide"]
    assert _guide_in_navigation((rounds.site / ANNA).read_text(encoding="utf-8")) == titles
    assert rounds.save("Første note.") == {ANNA}
    assert _guide_in_navigation((rounds.site / ANNA).read_text(encoding="utf-8")) == titles
    _add_person(small)
    rounds.round()
    assert rounds.save("Anden note.") == {ANNA}
    assert _guide_in_navigation((rounds.site / ANNA).read_text(encoding="utf-8")) == titles


def test_a_save_on_another_day_builds_the_site_again(small, tmp_path, monkeypatch):
    """Each page tells the sitemap the day it was built."""
    from mus_build.publish import kept_site

    rounds = Rounds(small, tmp_path / "kept")
    monkeypatch.setattr(kept_site, "get_build_date", lambda: "2000-01-01")
    assert "sitemap.xml" in rounds.save("Dagen efter.")


def test_a_kept_page_holds_its_title_but_not_what_it_was_rendered_from(small, tmp_path):
    """30,000 pages of Markdown and HTML would stay in memory as long as the preview runs."""
    rounds = Rounds(small, tmp_path / "kept")
    rounds.save("En note.")
    kept = rounds.preview._kept
    assert kept is not None
    pages = [file.page for file in kept._pages if file.page is not None]
    assert pages
    assert all(page.content is None and not page.markdown and not page.toc for page in pages)
    assert {page.title for page in pages if page.file.src_uri.startswith("guide/")} == {
        "MUS-guiden",
        "Spørgeguide",
    }


def test_a_site_built_again_frees_the_files_and_pages_of_the_last_at_once(small, tmp_path):
    """The preview freezes what outlives a round away from the collector, which looks at
    it again only every so many rounds: the files and pages of a site let go of must not
    wait for that, 30,000 of each at every new person. (The few pages in the navigation
    point at each other, and wait.)"""
    import gc
    import weakref

    rounds = Rounds(small, tmp_path / "kept")
    try:
        kept = rounds.preview._kept
        assert kept is not None and gc.get_freeze_count() > 0
        anna = next(file for file in kept._pages if file.url == "people/anna-jensen/")
        file, page = weakref.ref(anna), weakref.ref(anna.page)
        del anna, kept
        _add_person(small)
        rounds.round()
        assert file() is None and page() is None
    finally:
        gc.unfreeze()
