"""Sign-offs proven from Git: temporary repositories with commits by different authors,
and SSH-signed commits made with keys of ssh-keygen."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.history.run import for_site
from mus_build.publish.build import staged_files

from .conftest import TODAY, run, write_tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

REC = "content/people/anna-jensen/2026-03-12.md"

BO = ("Bo Hansen", "bo@firma.dk")
ANNA = ("Anna Jensen", "anna@firma.dk")
EVE = ("Eve Ondsen", "eve@example.com")

HANDBOOK = {
    "mkdocs.yml": "site_name: Testhåndbog\n",
    "content/people/bo-hansen/index.md": '---\nname: "Bo Hansen"\nemail: bo@firma.dk\n---\n',
    "content/people/anna-jensen/index.md": (
        '---\nname: "Anna Jensen"\nmanager: bo-hansen\nemail: anna@firma.dk\n'
        "git_emails: [anna.privat@example.com]\n---\n"
    ),
}

RECORD = """\
---
date: 2026-03-12
agreements:
  - id: excel-kursus
    what: "Tager kurset i avanceret Excel"
    owner: employee
    deadline: 2026-06-30
signed_off: []
---
## Kompetencer

Anna vil gerne lære mere Excel.
"""


def git(root: Path, *args: str, who: tuple[str, str] = BO, key: Path | None = None) -> str:
    name, email = who
    config = ["-c", f"user.name={name}", "-c", f"user.email={email}", "-c", "commit.gpgsign=false"]
    if key is not None:
        config += ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "-c", "commit.gpgsign=true"]
    done = subprocess.run(["git", *config, *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def commit(root: Path, message: str, who: tuple[str, str] = BO, key: Path | None = None) -> None:
    git(root, "add", "-A", who=who)
    git(root, "commit", "-q", "-m", message, who=who, key=key)


def sign(root: Path, by: str, on: str, who: tuple[str, str], key: Path | None = None) -> None:
    """Add `by`'s entry to the record and commit it as `who`."""
    path = root / REC
    text = path.read_text(encoding="utf-8")
    text = text.replace("signed_off: []\n", "signed_off:\n")
    front, _, body = text.partition("\n---\n")
    front += f"\n  - by: {by}\n    on: {on}"
    path.write_text(f"{front}\n---\n{body}", encoding="utf-8")
    commit(root, f"{by} approves the record", who=who, key=key)


def edit(root: Path, old: str, new: str) -> None:
    path = root / REC
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A handbook in a Git repository: the manager wrote the record and committed it."""
    root = write_tree(tmp_path / "handbook", {**HANDBOOK, REC: RECORD})
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    commit(root, "The people")
    return root


def verify(root: Path, *args: str):
    return run(root, "verify-signoffs", "--today", TODAY.isoformat(), *args)


def line_of(root: Path, text: str, nth: int = 1) -> int:
    lines = (root / REC).read_text(encoding="utf-8").splitlines()
    found = [i + 1 for i, line in enumerate(lines) if text in line]
    return found[nth - 1]


def person_page(root: Path) -> str:
    config, problems = load_config(root / "mkdocs.yml")
    sources = load_sources(config, TODAY)
    assert problems + sources.problems == []
    voided = for_site(root, sources.handbook).voided
    files = dict(staged_files(config, sources, TODAY, voided=voided))
    return files["people/anna-jensen/index.md"].decode()


# --- the authors ------------------------------------------------------------------------


def test_a_genuine_sign_off_by_both_passes(repo):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    sign(repo, "bo-hansen", "2026-03-21", BO)
    result = verify(repo)
    assert result.exit_code == 0, result.output
    assert result.output == "2 godkendelser i 1 referat bevist af Git-historikken (3 commits læst).\n"
    page = person_page(repo)
    assert 'class="mus-approved"><strong>Godkendt</strong> af' in page
    assert "Ikke godkendt" not in page


def test_an_address_from_git_emails_counts_and_case_does_not_matter(repo):
    sign(repo, "anna-jensen", "2026-03-20", ("Anna", "Anna.Privat@Example.com"))
    assert verify(repo).exit_code == 0


def test_the_employees_entry_committed_by_the_manager_fails_at_its_line(repo):
    sign(repo, "anna-jensen", "2026-03-20", BO)
    result = verify(repo)
    assert result.exit_code == 1
    sha = git(repo, "rev-parse", "--short=10", "HEAD").strip()
    line = line_of(repo, "by: anna-jensen")
    assert result.stdout == (
        f"{REC}:{line}: godkendelsen fra anna-jensen (2026-03-20) blev tilføjet i commit {sha} af "
        "Bo Hansen <bo@firma.dk>, ikke af anna-jensen (anna.privat@example.com, anna@firma.dk); "
        "kun anna-jensen må tilføje den: fjern linjerne og lad anna-jensen tilføje dem, eller skriv "
        "adressen under 'git_emails' i index.md for anna-jensen, hvis adressen tilhører anna-jensen\n"
    )
    assert "1 af godkendelserne kunne ikke bevises." in result.stderr


def test_an_entry_not_committed_is_not_proven(repo):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    edit(repo, "  - by: anna-jensen\n", "  - by: bo-hansen\n    on: 2026-03-22\n  - by: anna-jensen\n")
    result = verify(repo)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{REC}:{line_of(repo, 'by: bo-hansen')}: godkendelsen fra bo-hansen (2026-03-22) er ikke committet; "
        "den tæller, når bo-hansen selv committer den\n"
    )


# --- changed after signing ----------------------------------------------------------------


def test_a_change_after_both_signed_voids_both_until_they_sign_again(repo):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    sign(repo, "bo-hansen", "2026-03-21", BO)
    edit(repo, "deadline: 2026-06-30", "deadline: 2026-09-30")
    commit(repo, "A later deadline", who=BO)
    sha = git(repo, "rev-parse", "--short=10", "HEAD").strip()
    day = git(repo, "log", "-1", "--format=%as").strip()
    result = verify(repo)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{REC}:{line_of(repo, f'by: {who}')}: godkendelsen fra {who} ({on}) er bortfaldet: referatet er "
        f"ændret efter godkendelsen ('agreements') i commit {sha} af Bo Hansen <bo@firma.dk> den {day}; "
        "anna-jensen og bo-hansen skal læse det igen og hver godkende ved at tilføje en ny linje"
        for who, on in (("anna-jensen", "2026-03-20"), ("bo-hansen", "2026-03-21"))
    ]
    page = person_page(repo)
    assert (
        '<p class="mus-draft"><strong>Ikke godkendt</strong>: et udkast, som mangler godkendelse fra' in page
    )
    assert page.count("(ændret efter godkendelse)") == 2

    # Both read the new version and sign it again: the old entries stay, as history.
    sign(repo, "anna-jensen", "2026-04-02", ANNA)
    assert verify(repo).exit_code == 1  # the manager has not signed the new version yet
    assert "Ikke godkendt" in person_page(repo)
    sign(repo, "bo-hansen", "2026-04-03", BO)
    result = verify(repo)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 godkendelser i 1 referat bevist")
    page = person_page(repo)
    assert "Ikke godkendt" not in page
    assert "2. april 2026" in page and "20. marts 2026" not in page


def test_the_built_site_shows_a_voided_record_as_not_approved(repo, tmp_path):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    sign(repo, "bo-hansen", "2026-03-21", BO)
    edit(repo, "owner: employee", "owner: manager")
    commit(repo, "The manager takes the agreement", who=BO)
    result = run(repo, "build", "--today", TODAY.isoformat(), "-q", "-d", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert result.output == ""
    html = (tmp_path / "site/people/anna-jensen/index.html").read_text(encoding="utf-8")
    assert "<strong>Ikke godkendt</strong>" in html
    assert html.count("(ændret efter godkendelse)") == 2


def test_a_change_to_the_notes_voids_and_is_named(repo):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    edit(repo, "lære mere Excel", "lære mere Excel og Power BI")
    commit(repo, "Notes", who=BO)
    result = verify(repo)
    assert "ændret efter godkendelsen (noterne)" in result.stdout


def test_an_uncommitted_change_voids_in_the_working_tree(repo):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    edit(repo, "owner: employee", "owner: manager")
    result = verify(repo)
    assert result.exit_code == 1
    assert "('agreements'), endnu ikke committet" in result.stdout
    assert "(ændret efter godkendelse)" in person_page(repo)


def test_rewriting_quotes_and_comments_is_no_change(repo):
    """An editor such as Decap CMS rewrites quotes when it saves; the values stay the same."""
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    edit(repo, 'what: "Tager kurset i avanceret Excel"', "what: Tager kurset i avanceret Excel  # kurset")
    commit(repo, "Quotes", who=BO)
    assert verify(repo).exit_code == 0


def test_a_change_reverted_before_anyone_noticed_voids_nothing(repo):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    edit(repo, "2026-06-30", "2026-07-31")
    commit(repo, "Oops", who=BO)
    edit(repo, "2026-07-31", "2026-06-30")
    commit(repo, "Back", who=BO)
    assert verify(repo).exit_code == 0


def test_an_entry_merged_from_a_branch_is_its_authors(repo):
    git(repo, "switch", "-q", "-c", "anna")
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    git(repo, "switch", "-q", "main")
    (repo / "content/people/bo-hansen/index.md").write_text(
        '---\nname: "Bo Hansen"\ntitle: Direktør\nemail: bo@firma.dk\n---\n', encoding="utf-8"
    )
    commit(repo, "Bo's title", who=BO)
    git(repo, "merge", "-q", "--no-ff", "--no-edit", "anna", who=BO)
    result = verify(repo)
    assert result.exit_code == 0, result.output


def test_a_squash_merge_makes_the_merger_the_author(repo):
    git(repo, "switch", "-q", "-c", "anna")
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--squash", "anna", who=BO)
    git(repo, "commit", "-q", "-m", "Squashed", who=BO)
    git(repo, "branch", "-q", "-D", "anna")
    result = verify(repo)
    assert result.exit_code == 1
    assert "af Bo Hansen <bo@firma.dk>, ikke af anna-jensen" in result.stdout


def test_a_renamed_folder_keeps_its_history(repo):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    root = repo
    git(root, "mv", "content/people/anna-jensen", "content/people/anna-holm")
    for path in (root / "content/people/anna-holm").iterdir():
        path.write_text(
            path.read_text(encoding="utf-8").replace("anna-jensen", "anna-holm"), encoding="utf-8"
        )
    commit(root, "Anna's new name", who=BO)
    result = verify(root)
    assert result.exit_code == 1  # her id in the entry changed: that is a change of the entry
    assert "anna-holm (2026-03-20)" in result.stdout


# --- the history itself ------------------------------------------------------------------


def test_a_shallow_clone_is_one_clear_error(repo, tmp_path):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    sign(repo, "bo-hansen", "2026-03-21", BO)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True
    )
    result = verify(clone)
    assert result.exit_code == 1
    assert result.output.startswith("Fejl: Git-historikken er afkortet")
    assert len(result.output.splitlines()) == 1
    proof = for_site(clone, load_sources(load_config(clone / "mkdocs.yml")[0], TODAY).handbook)
    assert proof.voided == frozenset()
    assert proof.notice is not None and proof.notice.startswith(
        "Godkendelserne vises, som filerne angiver dem, uden Git-historikken: Git-historikken er afkortet"
    )


def test_without_a_repository_verify_says_so_and_the_build_uses_the_files(tmp_path):
    record = RECORD.replace("signed_off: []\n", "signed_off:\n  - by: anna-jensen\n    on: 2026-03-20\n")
    root = write_tree(tmp_path / "handbook", {**HANDBOOK, REC: record})
    result = verify(root)
    assert result.exit_code == 1
    assert (
        result.output
        == f"Fejl: {root} ligger ikke i et Git-repository, så der er ingen historik at bevise godkendelser med\n"
    )
    result = run(root, "build", "--today", TODAY.isoformat(), "-q")
    assert result.exit_code == 0, result.output
    assert "Godkendelserne vises, som filerne angiver dem, uden Git-historikken" in result.stderr


def test_without_git_verify_says_so(repo, monkeypatch):
    monkeypatch.setenv("PATH", str(repo / "no-programs-here"))
    result = verify(repo)
    assert result.exit_code == 1
    assert result.output.startswith("Fejl: git er ikke installeret")


def test_english_messages(repo):
    (repo / "mkdocs.yml").write_text("site_name: Handbook\nextra:\n  mus:\n    language: en\n")
    commit(repo, "English")
    sign(repo, "anna-jensen", "2026-03-20", BO)
    result = verify(repo)
    assert "the sign-off of anna-jensen (2026-03-20) was added in commit" in result.stdout
    assert "1 of the sign-offs could not be proven." in result.stderr


# --- signatures ---------------------------------------------------------------------------


def keygen(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


@pytest.fixture
def keys(repo, tmp_path):
    if shutil.which("ssh-keygen") is None:
        pytest.skip("needs ssh-keygen")
    folder = tmp_path / "keys"
    folder.mkdir()
    made = {who: keygen(folder, who) for who in ("anna", "bo")}
    for who, person in (("anna", "anna-jensen"), ("bo", "bo-hansen")):
        index = repo / f"content/people/{person}/index.md"
        public = (folder / f"{who}.pub").read_text().strip()
        front = index.read_text().removesuffix("---\n")
        index.write_text(f"{front}ssh_signing_key: {public}\n---\n")
    commit(repo, "Signing keys")
    return made


def test_the_keys_are_in_the_people_files(repo, keys):
    result = run(repo, "allowed-signers", str(repo / "allowed_signers"))
    assert result.exit_code == 0, result.output
    lines = (repo / "allowed_signers").read_text().splitlines()
    assert lines[1].startswith('anna@firma.dk,anna.privat@example.com namespaces="git" ssh-ed25519 ')
    assert lines[2].startswith('bo@firma.dk namespaces="git" ssh-ed25519 ')
    assert result.output == f"Skrev {repo / 'allowed_signers'}: nøglerne for 2 personer.\n"


def test_a_signed_commit_passes_require_signatures(repo, keys):
    sign(repo, "anna-jensen", "2026-03-20", ANNA, key=keys["anna"])
    sign(repo, "bo-hansen", "2026-03-21", BO, key=keys["bo"])
    result = verify(repo, "--require-signatures")
    assert result.exit_code == 0, result.output


def test_an_unsigned_commit_fails_require_signatures(repo, keys):
    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    assert verify(repo).exit_code == 0
    result = verify(repo, "--require-signatures")
    assert result.exit_code == 1
    assert "som ikke er signeret" in result.stdout
    assert result.stdout.startswith(f"{REC}:{line_of(repo, 'by: anna-jensen')}: ")


def test_a_commit_signed_with_another_persons_key_fails(repo, keys):
    sign(repo, "anna-jensen", "2026-03-20", ANNA, key=keys["bo"])
    result = verify(repo, "--require-signatures")
    assert result.exit_code == 1
    assert "som er signeret med nøglen for bo-hansen, ikke for anna-jensen" in result.stdout


def test_a_key_nobody_has_fails(repo, keys, tmp_path):
    sign(repo, "anna-jensen", "2026-03-20", ANNA, key=keygen(tmp_path, "stranger"))
    result = verify(repo, "--require-signatures")
    assert result.exit_code == 1
    assert (
        "hvis signatur ikke er god: den er lavet med en nøgle, som ikke er 'ssh_signing_key' for nogen"
        in (result.stdout)
    )


def test_a_change_below_the_sign_offs_voids_them_too(repo):
    """The sign-offs may stand anywhere among the keys, in any YAML style."""
    text = (repo / REC).read_text(encoding="utf-8").replace("signed_off: []\n", "")
    text = text.replace(
        "date: 2026-03-12\n", "date: 2026-03-12\nsigned_off: [{by: anna-jensen, on: 2026-03-20}]\n# signed\n"
    )
    (repo / REC).write_text(text, encoding="utf-8")
    commit(repo, "Anna approves", who=ANNA)
    assert verify(repo).exit_code == 0
    edit(repo, "    deadline: 2026-06-30\n", "    deadline: 2026-06-30\n    note: Ny note\n")
    commit(repo, "A note", who=BO)
    result = verify(repo)
    assert result.exit_code == 1
    assert "('agreements') i commit" in result.stdout


def test_the_preview_asks_again_each_round_and_reads_the_history_again_when_head_moves(repo):
    """`mus serve` keeps one Prover, and reads with one FolderCache, which gives the same
    record again while its file is unchanged: a save voids at once, a new commit is read."""
    from mus_build.check.load import FolderCache
    from mus_build.history.signoffs import Prover

    folders = FolderCache()

    def voided(prover: Prover) -> frozenset:
        config, _ = load_config(repo / "mkdocs.yml")
        return for_site(repo, load_sources(config, TODAY, folders=folders).handbook, prover).voided

    sign(repo, "anna-jensen", "2026-03-20", ANNA)
    prover = Prover()
    assert voided(prover) == frozenset()
    edit(repo, "lære mere Excel", "lære mere Excel og Power BI")  # saved, not committed
    assert voided(prover) == {(REC, "anna-jensen", "2026-03-20")}
    commit(repo, "Power BI too")
    sign(repo, "anna-jensen", "2026-03-22", ANNA)  # she signs the new version
    assert voided(prover) == {(REC, "anna-jensen", "2026-03-20")}
    assert voided(prover) == voided(Prover())
