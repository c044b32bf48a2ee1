"""`mus remind` without --send: every mail printed, exactly, and nothing sent."""

from __future__ import annotations

from .helpers import remind

ANNA = """\
Til: Anna Jensen <anna@lysfabrikken.dk>
Emne: Lysfabrikken MUS: 1 overskreden aftale, 1 aftale med snarlig frist

Hej Anna Jensen

Her er, hvad der venter i Lysfabrikken MUS pr. 26. november 2026.

Aftaler, du er ansvarlig for, hvis frist er overskredet

- Skriver en vejledning til kontoplanen
  Fra din MUS 12. marts 2026, frist 30. oktober 2026, 27 dage over.
  https://mus.lysfabrikken.dk/people/anna-jensen/

Aftaler, du er ansvarlig for, med frist inden for 30 dage

- Tager kurset i avanceret Excel
  Fra din MUS 12. marts 2026, frist 10. december 2026, om 14 dage.
  https://mus.lysfabrikken.dk/people/anna-jensen/

--\x20
Mailen er sendt automatisk fra Lysfabrikken MUS. Den kommer igen, så længe der er noget, der venter. Når en aftale er gennemført, skrives det i samtalen (status: done).
Åbn håndbogen: https://mus.lysfabrikken.dk/
"""

LARS_SECTIONS = """\
Aftaler, du er ansvarlig for, hvis frist er overskredet

- Strammer rykkerproceduren op
  Fra MUS med Anna Jensen 10. marts 2025, frist 1. september 2025, 451 dage over.
  https://mus.lysfabrikken.dk/people/anna-jensen/
- Finder en mentor i en anden afdeling
  Fra MUS med Anna Jensen 12. marts 2026, frist 1. november 2026, 25 dage over.
  Du får den for HR.
  https://mus.lysfabrikken.dk/people/anna-jensen/
- Tilmelder Anna et kursus i projektledelse
  Fra MUS med Anna Jensen 12. marts 2026, frist 20. november 2026, 6 dage over.
  https://mus.lysfabrikken.dk/people/anna-jensen/

Dine medarbejderes overskredne aftaler

- Skriver en vejledning til kontoplanen
  Fra MUS med Anna Jensen 12. marts 2026, frist 30. oktober 2026, 27 dage over.
  Ansvarlig: Anna Jensen.
  https://mus.lysfabrikken.dk/people/anna-jensen/
- Tester backup af økonomisystemet
  Fra MUS med Anna Jensen 12. marts 2026, frist 25. november 2026, 1 dag over.
  Ansvarlig: IT-support.
  https://mus.lysfabrikken.dk/people/anna-jensen/

Dine medarbejdere, der mangler MUS

- Cecilie Dam
  Har ikke haft MUS endnu.
  https://mus.lysfabrikken.dk/people/cecilie-dam/
"""


def mails(output: str) -> dict[str, str]:
    """The printed mails by their To: line."""
    found = {}
    for block in output.split("=" * 72 + "\n")[:-1]:
        to = block.splitlines()[0]
        found[to.split(": ", 1)[1]] = block  # after "Til: " or, in English, "To: "
    return found


def test_a_dry_run_prints_each_mail_and_sends_nothing(handbook):
    result = remind(handbook)
    assert result.exit_code == 0, result.output
    printed = mails(result.output)
    assert list(printed) == [
        "Anna Jensen <anna@lysfabrikken.dk>",
        "Kasper Holm <kasper@lysfabrikken.dk>",
        "Lars Leder <lars@lysfabrikken.dk>",
        "Mette Chef <mette@lysfabrikken.dk>",
        "IT-support <it@lysfabrikken.dk>",
    ]
    assert printed["Anna Jensen <anna@lysfabrikken.dk>"] == ANNA
    assert result.output.endswith(
        "5 påmindelser for 2026-11-26: en prøvekørsel, intet blev sendt; send dem med --send.\n"
    )


def test_a_manager_who_owns_agreements_gets_one_mail_with_both(handbook):
    lars = mails(remind(handbook).output)["Lars Leder <lars@lysfabrikken.dk>"]
    assert lars.splitlines()[1] == "Emne: Lysfabrikken MUS: 5 overskredne aftaler, 1 medarbejder mangler MUS"
    assert LARS_SECTIONS in lars


def test_an_owner_outside_the_team_gets_the_agreement_and_the_page_they_may_read(handbook):
    # Kasper may not read Anna's page; he reads what he owns on his own page.
    kasper = mails(remind(handbook).output)["Kasper Holm <kasper@lysfabrikken.dk>"]
    assert (
        "- Viser Anna budgetmodellen i økonomisystemet\n"
        "  Fra MUS med Anna Jensen 12. marts 2026, frist i dag, 26. november 2026.\n"
        "  https://mus.lysfabrikken.dk/owned/kasper-it/\n"
    ) in kasper
    assert "people/anna-jensen" not in kasper


def test_a_role_with_an_address_gets_its_agreements_without_links_to_pages(handbook):
    it = mails(remind(handbook).output)["IT-support <it@lysfabrikken.dk>"]
    assert (
        "- Tester backup af økonomisystemet\n"
        "  Fra MUS med Anna Jensen 12. marts 2026, frist 25. november 2026, 1 dag over.\n\n"
    ) in it
    assert "people/" not in it


def test_a_former_manager_hears_nothing_of_their_former_people(handbook):
    # Dorte held Anna's MUS in 2025 and owns its agreement as `manager`, but she no longer
    # manages Anna: Lars gets it (above), Dorte gets no mail.
    assert not any("dorte" in to for to in mails(remind(handbook).output))


def test_only_chooses_the_kinds_of_reminder(handbook):
    result = remind(handbook, "--only", "mus")
    assert list(mails(result.output)) == [
        "Lars Leder <lars@lysfabrikken.dk>",
        "Mette Chef <mette@lysfabrikken.dk>",
    ]
    assert "Emne: Lysfabrikken MUS: 1 medarbejder mangler MUS" in result.output
    result = remind(handbook, "--only", "due-soon")
    assert list(mails(result.output)) == [
        "Anna Jensen <anna@lysfabrikken.dk>",
        "Kasper Holm <kasper@lysfabrikken.dk>",
    ]


def test_to_prints_one_recipients_mail(handbook):
    result = remind(handbook, "--to", "it")
    assert list(mails(result.output)) == ["IT-support <it@lysfabrikken.dk>"]
    result = remind(handbook, "--to", "hanne-hr")
    assert result.exit_code == 0
    assert (
        result.output
        == "0 påmindelser for 2026-11-26: en prøvekørsel, intet blev sendt; send dem med --send.\n"
    )


def test_to_names_no_one_is_one_clear_line(handbook):
    result = remind(handbook, "--to", "anna")
    assert result.exit_code == 1
    assert result.output == (
        "Fejl: --to anna: ingen medarbejder eller rolle har det id; mente du anna-jensen?\n"
    )
    result = remind(handbook, "--to", "xyz")
    assert result.exit_code == 1
    assert result.output == (
        "Fejl: --to xyz: ingen medarbejder har det id; skriv navnet på en medarbejders mappe under "
        "content/people/ eller id'et på en rolle med en e-mailadresse under extra: mus: roles:\n"
    )


def test_nothing_to_say_no_mail(handbook):
    result = remind(handbook, "--only", "overdue", "--to", "mette-chef")
    assert (
        result.output
        == "0 påmindelser for 2026-11-26: en prøvekørsel, intet blev sendt; send dem med --send.\n"
    )


def test_english_handbooks_get_english_mail(handbook):
    config = handbook / "mkdocs.yml"
    config.write_text(config.read_text().replace("  mus:\n", "  mus:\n    language: en\n"))
    anna = mails(remind(handbook).output)["Anna Jensen <anna@lysfabrikken.dk>"]
    assert anna.splitlines()[:9] == [
        "To: Anna Jensen <anna@lysfabrikken.dk>",
        "Subject: Lysfabrikken MUS: 1 overdue agreement, 1 agreement due soon",
        "",
        "Dear Anna Jensen",
        "",
        "This is what is waiting in Lysfabrikken MUS as of November 26, 2026.",
        "",
        "Agreements you are responsible for, past their deadline",
        "",
    ]
    assert "  From your MUS of March 12, 2026, deadline October 30, 2026, 27 days overdue.\n" in anna


def test_a_person_without_an_address_is_named_with_the_fix(handbook):
    # Only without access rules may a person lack an address: with them, mus check refuses it.
    config = handbook / "mkdocs.yml"
    config.write_text(config.read_text().replace("    access:\n      hr: [hanne-hr]\n", ""))
    person = handbook / "content/people/anna-jensen/index.md"
    person.write_text(person.read_text().replace("email: anna@lysfabrikken.dk\n", ""))
    result = remind(handbook, "--to", "anna-jensen")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "Til: anna-jensen"
    assert (
        "Ikke sendt til anna-jensen: content/people/anna-jensen/index.md har ingen 'email:'; skriv "
        "medarbejderens arbejdsadresse dér for at sende påmindelser\n"
    ) in result.output
