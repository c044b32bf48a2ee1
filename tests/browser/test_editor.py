"""The form in the browser (Decap CMS at admin/), driven in Chromium against decap-server
(npm), Decap's local backend, over a copy of the example handbook: what it writes must
pass `mus check`, keep what the form does not show, and, with Git, land on a branch of
its own. Needs `npm ci` in the repository (./dev test runs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .. import decap_server
from ..decap_server import NODE_MODULES, SERVER
from .conftest import TODAY, build, copy_handbook, serve

pytestmark = pytest.mark.browser


@dataclass
class Editor:
    root: Path  # the handbook decap-server reads and writes
    url: str  # the form's address


def _needs_npm() -> None:
    if not SERVER.is_file() or not (NODE_MODULES / "decap-cms").is_dir():
        pytest.fail(
            "Decap CMS is not installed: run 'npm ci' in the repository (./dev test does)", pytrace=False
        )
    if shutil.which("node") is None:
        pytest.fail("Node.js is missing: install it with 'sudo apt-get install nodejs npm'", pytrace=False)


@pytest.fixture(scope="module")
def handbooks(tmp_path_factory) -> Iterator[dict[str, Editor]]:
    """Two copies of the example, one written to as files, one as a Git repository with
    a branch per record; one decap-server each, shared by the module. The site is built
    once: the two differ only in where their form saves."""
    _needs_npm()
    found: dict[str, Editor] = {}
    stop = []
    built = None
    try:
        for mode in ("fs", "git"):
            work = tmp_path_factory.mktemp(f"editor-{mode}")
            root = copy_handbook(work / "handbook")
            (root / "node_modules").symlink_to(NODE_MODULES)
            if mode == "git":
                git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
                (root / ".gitignore").write_text("node_modules\n")
                subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
                subprocess.run([*git, "add", "-A"], check=True)
                subprocess.run([*git, "commit", "-qm", "The example handbook"], check=True)
            site = work / "site"
            if built is None:
                built = build(root, site)
            else:
                shutil.copytree(built, site, symlinks=True)
            server, api = decap_server.start(root, mode)
            stop.append(server.kill)
            decap_server.point_form_at(root, site, api, workflow=mode == "git")
            url, http = serve(site)
            stop.append(http.shutdown)
            found[mode] = Editor(root, url + "admin/")
        yield found
    finally:
        for action in stop:
            action()


def _check(root: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mus_build", "check", "-f", str(root / "mkdocs.yml"), "--today", TODAY]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def _open(page, url: str, collection: str) -> None:
    page.goto(f"{url}#/collections/{collection}")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/collections/**")


def test_the_form_loads_from_the_site_alone(page, handbooks):
    """Decap, its parts and mus's script come from the site; the only other address the
    page talks to is the backend (here decap-server; in use the Git host's API)."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    editor = handbooks["fs"]
    _open(page, editor.url, "records")
    page.get_by_text("anna-jensen · 2026-03-12").wait_for()
    site = editor.url.removesuffix("admin/")
    backend = [url for url in requests if not url.startswith(site)]
    assert backend and all(url.startswith("http://127.0.0.1:") and "/api/v1" in url for url in backend), (
        backend
    )


def test_people_and_records_are_listed_apart(page, handbooks):
    _open(page, handbooks["fs"].url, "records")
    page.get_by_text("anna-jensen · 2026-03-12").wait_for()
    listed = page.locator("body").inner_text()
    assert "index" not in listed and "Anna Jensen" not in listed
    page.goto(handbooks["fs"].url + "#/collections/people")
    page.get_by_text("Anna Jensen").first.wait_for()
    assert "2026-03-12" not in page.locator("body").inner_text()


def _type_notes(page, text: str) -> None:
    """The notes' field is Decap's Markdown editor in its raw mode (a text area of Slate)."""
    box = page.locator(".cms-editor-raw [contenteditable=true]")
    box.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def _new_record(page, editor, date: str) -> None:
    """Open the form for a new record and give it its date."""
    _open(page, editor.url, "records")
    page.goto(editor.url + "#/collections/records/new")
    page.get_by_label("Dato for samtalen").fill(date)


def _add_item(page, label: str) -> None:
    page.get_by_role("button", name=f"Tilføj {label}").click()


def test_a_new_record_with_two_agreements_and_a_follow_up(page, handbooks):
    editor = handbooks["fs"]
    _new_record(page, editor, "2026-11-20")
    page.get_by_label("Medarbejder").select_option("anna-jensen")
    page.get_by_label("Holdt af (leder)").select_option("henrik-friis")
    _add_item(page, "aftale")
    _add_item(page, "aftale")
    ids, whats, owners, deadlines = (
        page.get_by_label(name, exact=True) for name in ("Id", "Aftale", "Ansvarlig", "Deadline")
    )
    ids.nth(0).fill("power-bi")
    whats.nth(0).fill("No")  # YAML 1.1 would read this as false; mus reads the text
    owners.nth(0).select_option("employee")
    deadlines.nth(0).fill("2027-03-31")
    ids.nth(1).fill("mentor")
    whats.nth(1).fill("Finder en mentor i salgsafdelingen")
    owners.nth(1).select_option("hr")
    deadlines.nth(1).fill("2027-01-31")
    _add_item(page, "opfølgning")
    page.get_by_label("Aftale", exact=True).last.fill("2026-03-12/excel-kursus")
    page.get_by_label("Evaluering").fill("Kurset er taget; Anna bruger pivottabeller hver uge.")
    _type_notes(page, "## Kompetencer\n\nGod samtale.\n\n<!-- private -->\nLøn drøftet.\n<!-- /private -->\n")
    page.get_by_role("button", name="Publicer").first.click()
    page.get_by_text("Publicer nu").click()
    page.get_by_text("Dokumentet er gemt").wait_for()
    record = editor.root / "content/people/anna-jensen/2026-11-20.md"
    text = record.read_text("utf-8")
    assert "_folder" not in text and "_kind" not in text
    result = _check(editor.root)
    assert result.returncode == 0, result.stdout + result.stderr


def _front_and_body(text: str) -> tuple[dict, str]:
    import yaml

    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def test_an_edit_keeps_what_the_form_does_not_show(page, handbooks):
    editor = handbooks["fs"]
    record = editor.root / "content/people/sofie-lund/2025-11-05.md"
    secret = "\n<!-- private -->\nSofie overvejer at gå ned i tid.\n<!-- /private -->\n"
    record.write_text(record.read_text("utf-8") + secret, "utf-8")
    before = record.read_text("utf-8")
    _open(page, editor.url, "records")
    page.goto(editor.url + "#/collections/records/entries/sofie-lund/2025-11-05")
    status = page.get_by_label(re.compile(r"^Status")).nth(3)
    status.select_option("dropped")
    page.get_by_role("button", name="Publicer").first.click()
    page.get_by_text("Publicer nu").click()
    page.get_by_text("Dokumentet er gemt").wait_for()
    after = record.read_text("utf-8")
    (old, old_body), (new, new_body) = _front_and_body(before), _front_and_body(after)
    assert new_body == old_body and secret in new_body
    assert new["private"] == old["private"]
    assert new["agreements"][3].pop("status") == "dropped"
    assert old["agreements"][3].pop("status") == "open"
    assert new == old
    result = _check(editor.root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_with_git_a_new_record_is_a_branch_of_its_own(page, handbooks):
    editor = handbooks["git"]
    _new_record(page, editor, "2026-11-23")
    page.get_by_label("Medarbejder").select_option("emil-dahl")
    _add_item(page, "aftale")
    page.get_by_label("Id", exact=True).fill("kursus")
    page.get_by_label("Aftale", exact=True).fill("Tager et kursus i LabVIEW")
    page.get_by_label("Ansvarlig", exact=True).select_option("manager")
    page.get_by_label("Deadline", exact=True).fill("2027-02-26")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("Dokumentet er gemt").wait_for()
    git = ["git", "-C", str(editor.root)]
    branches = subprocess.run([*git, "branch", "--list", "cms/*"], capture_output=True, text=True, check=True)
    branch = branches.stdout.strip().lstrip("* ").strip()
    assert branch == "cms/records/emil-dahl/2026-11-23", branches.stdout
    path = "content/people/emil-dahl/2026-11-23.md"
    shown = subprocess.run([*git, "show", f"{branch}:{path}"], capture_output=True, text=True, check=True)
    assert "what: Tager et kursus i LabVIEW" in shown.stdout and "_folder" not in shown.stdout
    on_main = subprocess.run([*git, "cat-file", "-e", f"main:{path}"], capture_output=True)
    assert on_main.returncode != 0, "the record must wait on its branch for review, not land on main"


BLOCKING = {"serious", "critical"}


def _blocking(results) -> list[str]:
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"] if v["impact"] in BLOCKING]


def test_the_page_mus_writes_is_accessible(page, handbooks):
    """admin/index.html as mus writes it, before Decap draws anything into it: here with
    Decap's script refused, so the page shows mus's own message that the form could not start."""
    from axe_playwright_python.sync_playwright import Axe

    page.route("**/decap-cms.js", lambda route: route.abort())
    page.goto(handbooks["fs"].url)
    page.get_by_role("alert").wait_for()
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.title().startswith("Redigér MUS")
    assert _blocking(Axe().run(page)) == []


def test_the_form_s_own_fields_are_accessible(page, handbooks):
    """The fields mus adds to Decap (a person, an owner, a status: plain selects of the
    browser) have names and pass axe; the rest of the form is Decap's own."""
    from axe_playwright_python.sync_playwright import Axe

    editor = handbooks["fs"]
    _open(page, editor.url, "records")
    page.goto(editor.url + "#/collections/records/entries/anna-jensen/2026-03-12")
    page.get_by_label(re.compile(r"^Status")).first.wait_for()
    assert _blocking(Axe().run(page, context={"include": [["select"]]})) == []


def test_a_new_record_without_its_person_is_not_saved(page, handbooks):
    editor = handbooks["fs"]
    before = sorted(p.relative_to(editor.root).as_posix() for p in (editor.root / "content").rglob("*.md"))
    _new_record(page, editor, "2026-11-24")
    page.get_by_role("button", name="Publicer").first.click()
    page.get_by_text("Publicer nu").click()
    page.get_by_text("Vælg medarbejderen (mappen) først.").wait_for()
    after = sorted(p.relative_to(editor.root).as_posix() for p in (editor.root / "content").rglob("*.md"))
    assert after == before


def test_a_person_edited_in_the_form_keeps_the_text_as_written(page, handbooks):
    """A number written as text stays text, and a person's own text below the front
    matter stays as it was."""
    editor = handbooks["fs"]
    person = editor.root / "content/people/anna-jensen/index.md"
    text = person.read_text("utf-8").replace("started:", 'employee_number: "0042"\nstarted:')
    person.write_text(text + "\nAnna er også førstehjælper.\n", "utf-8")
    _open(page, editor.url, "people")
    page.goto(editor.url + "#/collections/people/entries/anna-jensen/index")
    page.get_by_label(re.compile(r"^Stilling")).fill("Senior bogholder")
    page.get_by_role("button", name="Publicer").first.click()
    page.get_by_text("Publicer nu").click()
    page.get_by_text("Dokumentet er gemt").wait_for()
    (old, old_body), (new, new_body) = (
        _front_and_body(text + "\nAnna er også førstehjælper.\n"),
        _front_and_body(person.read_text("utf-8")),
    )
    assert new.pop("title") == "Senior bogholder" and old.pop("title") == "Bogholder"
    assert new == old and new["employee_number"] == "0042" and new_body == old_body
    result = _check(editor.root)
    assert result.returncode == 0, result.stdout + result.stderr
