"""What access rules ask of the handbook, checked by `mus check`."""

from __future__ import annotations

from ..conftest import check, run, write_tree
from .conftest import MKDOCS_YML, handbook_files


def handbook(tmp_path, **changes: str):
    files = handbook_files()
    files.update(changes)
    return write_tree(tmp_path / "handbook", files)


def problems(result) -> list[str]:
    return [line for line in result.output.splitlines() if ":" in line and not line.endswith(".")]


def test_a_valid_handbook_with_access_rules_passes(tmp_path):
    result = check(handbook(tmp_path))
    assert result.exit_code == 0, result.output


def test_each_person_who_can_sign_in_needs_their_own_address(tmp_path):
    root = handbook(
        tmp_path,
        **{
            "content/people/bo-berg/index.md": '---\nname: "Bo Berg"\nmanager: lars-leder\n---\n',
            "content/people/carl-salg/index.md": '---\nname: "Carl Salg"\nemail: ANNA@firma.dk\n---\n',
            "content/people/emil-ex/index.md": '---\nname: "Emil Ex"\nleft: 2025-01-31\n---\n',
        },
    )
    result = check(root)
    assert result.exit_code == 1
    assert problems(result) == [
        "content/people/bo-berg/index.md:2: har ingen 'email:'; med adgangsregler kender sitet en læser "
        "på vedkommendes arbejdsmail, så skriv den, f.eks. email: navn@firma.dk",
        "content/people/carl-salg/index.md:3: e-mailen 'ANNA@firma.dk' er også 'anna-jensen's; hver "
        "medarbejder skal have sin egen, ellers kan den ene læse den andens samtaler",
    ]


def test_hr_must_be_people(tmp_path):
    config = MKDOCS_YML.replace("hr: [hanne-hr]", "hr: [hanne-hr, hanne-h, bente-bogholder]")
    result = check(handbook(tmp_path, **{"mkdocs.yml": config}))
    assert result.exit_code == 1
    assert problems(result) == [
        "mkdocs.yml:11: access: hr nævner 'bente-bogholder', som ikke er en medarbejder; skriv navnet på "
        "en medarbejders mappe under content/people/",
        "mkdocs.yml:11: access: hr nævner 'hanne-h', som ikke er en medarbejder; mente du 'hanne-hr'?",
    ]


def test_access_settings_are_read_by_their_table(tmp_path):
    config = MKDOCS_YML.replace(
        "hr: [hanne-hr]",
        'hr: [hanne-hr]\n      managers_see: all\n      header: "X Email"\n      manager_see: x',
    )
    result = check(handbook(tmp_path, **{"mkdocs.yml": config}))
    assert result.exit_code == 1
    assert problems(result) == [
        "mkdocs.yml:12: 'managers_see' skal være chain eller direct, men der står 'all'",
        "mkdocs.yml:13: 'header' skal være navnet på en header, f.eks. X-Forwarded-Email, men der står 'X Email'",
        "mkdocs.yml:14: i 'access': ukendt mus-indstilling 'manager_see'; mente du 'managers_see'?",
    ]


def test_an_email_that_is_no_address_is_refused(tmp_path):
    person = '---\nname: "Bo Berg"\nemail: "bo@firma.dk; }"\nmanager: lars-leder\n---\n'
    result = check(handbook(tmp_path, **{"content/people/bo-berg/index.md": person}))
    assert result.exit_code == 1
    assert problems(result) == [
        "content/people/bo-berg/index.md:3: 'email: bo@firma.dk; }' er ikke en e-mailadresse; "
        "skriv den som navn@firma.dk"
    ]


def test_mus_nginx_needs_access_rules(tmp_path):
    config = MKDOCS_YML.replace("    access:\n      hr: [hanne-hr]\n", "    language: da\n")
    root = handbook(tmp_path, **{"mkdocs.yml": config})
    result = run(root, "nginx", str(tmp_path / "rules"))
    assert result.exit_code == 1
    assert "Fejl: mkdocs.yml har ingen adgangsregler; skriv dem under 'extra: mus: access:'" in result.output
    assert not (tmp_path / "rules").exists()
