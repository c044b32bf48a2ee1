"""The `reminders:` settings and roles with an address, read by their tables."""

from __future__ import annotations

from mus_build.check.config import load_config
from mus_build.model.settings import Reminders

from ..conftest import check, write_tree
from .conftest import MKDOCS_YML, handbook_files


def handbook(tmp_path, config: str):
    files = handbook_files()
    files["mkdocs.yml"] = config
    return write_tree(tmp_path / "handbook", files)


def problems(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("mkdocs.yml:")]


def test_the_settings_are_read_with_their_defaults(tmp_path):
    config, problems_found = load_config(handbook(tmp_path, MKDOCS_YML) / "mkdocs.yml")
    assert problems_found == []
    assert config.settings.reminders == Reminders(
        host="smtp.lysfabrikken.dk", sender="mus@lysfabrikken.dk", reply_to="hr@lysfabrikken.dk"
    )
    assert config.settings.reminders.security == "starttls"
    assert config.settings.roles == {"hr": "HR", "it": "IT-support"}
    assert config.settings.role_emails == {"it": "it@lysfabrikken.dk"}


def test_a_role_is_written_with_its_name_or_with_name_and_address(tmp_path):
    config_text = MKDOCS_YML.replace(
        "      it: {name: IT-support, email: it@lysfabrikken.dk}\n",
        "      it: IT-support\n      fac:\n        name: Facility\n        email: fac@lysfabrikken.dk\n",
    )
    config, problems_found = load_config(handbook(tmp_path, config_text) / "mkdocs.yml")
    assert problems_found == []
    assert config.settings.roles == {"hr": "HR", "it": "IT-support", "fac": "Facility"}
    assert config.settings.role_emails == {"fac": "fac@lysfabrikken.dk"}


def test_every_mistake_in_the_settings_is_named_at_its_line(tmp_path):
    config_text = MKDOCS_YML.replace(
        "    reminders:\n      host: smtp.lysfabrikken.dk\n      sender: mus@lysfabrikken.dk\n",
        '    reminders:\n      host: "smtp lysfabrikken"\n      port: 99999\n      security: ssl\n'
        "      sender: mus.lysfabrikken.dk\n      chat: discord\n      pasword: hemmeligt\n",
    )
    result = check(handbook(tmp_path, config_text))
    assert result.exit_code == 1
    assert problems(result) == [
        "mkdocs.yml:10: 'host' skal være navnet på en server, f.eks. smtp.office365.com, men der står "
        "'smtp lysfabrikken'",
        "mkdocs.yml:11: 'port' skal være et helt tal fra 1 til 65535, men der står '99999'",
        "mkdocs.yml:12: 'security' skal være none eller starttls eller tls, men der står 'ssl'",
        "mkdocs.yml:13: 'sender: mus.lysfabrikken.dk' er ikke en e-mailadresse; skriv den som navn@firma.dk",
        "mkdocs.yml:14: 'chat' skal være teams eller slack, men der står 'discord'",
        "mkdocs.yml:15: i 'reminders': ukendt mus-indstilling 'pasword'; de mus-indstillinger, der kan stå her, "
        "er: host, port, security, sender, reply_to, chat",
    ]


def test_a_role_with_an_address_takes_only_a_name_and_an_email(tmp_path):
    config_text = MKDOCS_YML.replace(
        "      it: {name: IT-support, email: it@lysfabrikken.dk}",
        "      it: {name: IT-support, mail: it@lysfabrikken.dk}",
    )
    result = check(handbook(tmp_path, config_text))
    assert problems(result) == [
        "mkdocs.yml:6: rollen 'it' kan kun have 'name' og 'email', men der står 'mail'; skriv f.eks. "
        "'it: {name: Navn, email: it@firma.dk}'",
    ]
    bad_address = MKDOCS_YML.replace("email: it@lysfabrikken.dk", "email: it")
    result = check(handbook(tmp_path, bad_address))
    assert problems(result) == [
        "mkdocs.yml:6: 'email: it' er ikke en e-mailadresse; skriv den som navn@firma.dk"
    ]
