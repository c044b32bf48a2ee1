"""`mus remind --send` against a real SMTP server on 127.0.0.1: what arrives, and what a
person sees when the server refuses."""

from __future__ import annotations

import pytest

from .conftest import NOTES, PASSWORD, PRIVATE_BLOCK, PRIVATE_VALUE, USER, as_html, as_text, free_port
from .helpers import remind, send
from .test_dry_run import ANNA, mails

# The test server takes a login without TLS, which aiosmtpd rightly warns of; mus itself
# sends a password unencrypted only to this machine.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

RECIPIENTS = [
    "anna@lysfabrikken.dk",
    "kasper@lysfabrikken.dk",
    "lars@lysfabrikken.dk",
    "mette@lysfabrikken.dk",
    "it@lysfabrikken.dk",
]


def test_every_mail_arrives_once_as_the_dry_run_showed_it(handbook, smtp_server):
    result = send(handbook, smtp_server.address)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Sendt til Anna Jensen <anna@lysfabrikken.dk>",
        "Sendt til Kasper Holm <kasper@lysfabrikken.dk>",
        "Sendt til Lars Leder <lars@lysfabrikken.dk>",
        "Sendt til Mette Chef <mette@lysfabrikken.dk>",
        "Sendt til IT-support <it@lysfabrikken.dk>",
        "Sendte 5 påmindelser for 2026-11-26.",
    ]
    received = smtp_server.mailbox.by_recipient()
    assert list(received) == RECIPIENTS
    printed = {to.split("<")[1].rstrip(">"): block for to, block in mails(remind(handbook).output).items()}
    for address, mail in received.items():
        assert smtp_server.mailbox.received[0].sender == "mus@lysfabrikken.dk"
        assert mail["To"].addresses[0].addr_spec == address
        assert str(mail["From"]) == "Lysfabrikken MUS <mus@lysfabrikken.dk>"
        assert str(mail["Reply-To"]) == "hr@lysfabrikken.dk"
        assert mail["Auto-Submitted"] == "auto-generated"
        assert mail["Date"] and mail["Message-ID"].endswith("@lysfabrikken.dk>")
        # The same letter as the dry run printed, as plain text and HTML, both UTF-8.
        assert mail.get_content_type() == "multipart/alternative"
        parts = [part.get_content_type() for part in mail.iter_parts()]
        assert parts == ["text/plain", "text/html"]
        assert all(part.get_content_charset() == "utf-8" for part in mail.iter_parts())
        header, _, text = printed[address].partition("\n\n")
        assert f"Emne: {mail['Subject']}" == header.splitlines()[1]
        assert as_text(mail) == text
        assert mail.defects == [] and all(part.defects == [] for part in mail.walk())


def test_the_mail_has_danish_subject_dates_and_the_agreements_in_both_parts(handbook, smtp_server):
    send(handbook, smtp_server.address)
    anna = smtp_server.mailbox.by_recipient()["anna@lysfabrikken.dk"]
    assert anna["Subject"] == "Lysfabrikken MUS: 1 overskreden aftale, 1 aftale med snarlig frist"
    assert (
        "Til: Anna Jensen <anna@lysfabrikken.dk>\nEmne: " + anna["Subject"] + "\n\n" + as_text(anna) == ANNA
    )
    html = as_html(anna)
    assert '<html lang="da">' in html
    assert (
        '<li><strong><a href="https://mus.lysfabrikken.dk/people/anna-jensen/">Skriver en vejledning til '
        "kontoplanen</a></strong><br>Fra din MUS 12. marts 2026, frist 30. oktober 2026, 27 dage over.</li>"
    ) in html


def test_no_private_text_and_no_notes_in_any_mail(handbook, smtp_server):
    send(handbook, smtp_server.address)
    for received in smtp_server.mailbox.received:
        raw = received.message.as_string()
        for secret in (PRIVATE_VALUE, PRIVATE_BLOCK, NOTES):
            assert secret not in as_text(received.message)
            assert secret not in as_html(received.message)
            assert secret not in raw


def test_record_text_is_escaped_in_the_html(handbook, smtp_server):
    record = handbook / "content/people/anna-jensen/2026-03-12.md"
    record.write_text(
        record.read_text().replace(
            "Skriver en vejledning til kontoplanen", "Skriver <b>vejledning</b> & regler"
        )
    )
    send(handbook, smtp_server.address, "--to", "anna-jensen")
    anna = smtp_server.mailbox.by_recipient()["anna@lysfabrikken.dk"]
    assert "Skriver &lt;b&gt;vejledning&lt;/b&gt; &amp; regler</a>" in as_html(anna)
    assert "- Skriver <b>vejledning</b> & regler\n" in as_text(anna)


def test_a_refused_connection_is_one_line_and_exit_1(handbook):
    port = free_port()  # nothing listens there
    result = send(handbook, f"127.0.0.1:{port}")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Fejl: kunne ikke forbinde til SMTP-serveren 127.0.0.1:{port}: connection refused; tjek værten, "
        "porten og --security",
        "Sendte 0 af 5 påmindelser for 2026-11-26; 5 kunne ikke sendes (se ovenfor).",
    ]


def test_a_refused_recipient_costs_only_their_mail(handbook, smtp_server):
    smtp_server.mailbox.refuse.add("kasper@lysfabrikken.dk")
    result = send(handbook, smtp_server.address)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Sendt til Anna Jensen <anna@lysfabrikken.dk>",
        "Ikke sendt til Kasper Holm <kasper@lysfabrikken.dk>: serveren afviste adressen "
        "(550 5.1.1 No such mailbox here)",
        "Sendt til Lars Leder <lars@lysfabrikken.dk>",
        "Sendt til Mette Chef <mette@lysfabrikken.dk>",
        "Sendt til IT-support <it@lysfabrikken.dk>",
        "Sendte 4 af 5 påmindelser for 2026-11-26; 1 kunne ikke sendes (se ovenfor).",
    ]
    assert list(smtp_server.mailbox.by_recipient()) == [
        r for r in RECIPIENTS if r != "kasper@lysfabrikken.dk"
    ]


def test_the_login_comes_from_the_environment(handbook, smtp_server_with_login):
    server = smtp_server_with_login
    result = send(handbook, server.address, env={"MUS_SMTP_USER": USER, "MUS_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    assert list(server.mailbox.by_recipient()) == RECIPIENTS


def test_a_refused_login_is_one_line_and_nothing_is_sent(handbook, smtp_server_with_login):
    server = smtp_server_with_login
    result = send(handbook, server.address, env={"MUS_SMTP_USER": USER, "MUS_SMTP_PASSWORD": "forkert"})
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Fejl: SMTP-serveren {server.address} afviste login (535 5.7.8 Authentication credentials "
        "invalid); tjek MUS_SMTP_USER og MUS_SMTP_PASSWORD",
        "Sendte 0 af 5 påmindelser for 2026-11-26; 5 kunne ikke sendes (se ovenfor).",
    ]
    assert server.mailbox.received == []


def test_half_a_login_is_refused_before_connecting(handbook, smtp_server):
    result = send(handbook, smtp_server.address, env={"MUS_SMTP_USER": USER})
    assert result.exit_code == 1
    assert result.output == (
        "Fejl: MUS_SMTP_PASSWORD er ikke sat; sæt både MUS_SMTP_USER og MUS_SMTP_PASSWORD eller ingen af dem\n"
    )
    assert smtp_server.mailbox.received == []


def test_the_password_never_crosses_the_network_unencrypted(handbook):
    result = remind(
        handbook,
        "--send",
        "--smtp",
        "smtp.lysfabrikken.dk:25",
        "--security",
        "none",
        env={"MUS_SMTP_USER": USER, "MUS_SMTP_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "Fejl: sender ikke SMTP-adgangskoden ukrypteret til smtp.lysfabrikken.dk:25; brug --security "
        "starttls eller tls (security: under extra: mus: reminders:)"
    )


def test_sending_needs_a_server_and_a_sender(handbook):
    config = handbook / "mkdocs.yml"
    config.write_text(config.read_text().replace("      host: smtp.lysfabrikken.dk\n", ""))
    result = remind(handbook, "--send")
    assert result.exit_code == 1
    assert result.output == (
        "Fejl: der er ingen SMTP-server at sende gennem; skriv host: (og port:, security:) under extra: mus: "
        "reminders: i mkdocs.yml, eller angiv --smtp VÆRT:PORT\n"
    )
    config.write_text(config.read_text().replace("      sender: mus@lysfabrikken.dk\n", ""))
    result = remind(handbook, "--send", "--smtp", "127.0.0.1:25")
    assert result.output == (
        "Fejl: der er ingen afsenderadresse; skriv sender: under extra: mus: reminders: i mkdocs.yml, eller "
        "angiv --from ADRESSE\n"
    )


def test_a_second_run_sends_the_same_digests_again(handbook, smtp_server):
    send(handbook, smtp_server.address, "--to", "lars-leder")
    send(handbook, smtp_server.address, "--to", "lars-leder")
    first, second = smtp_server.mailbox.received
    assert as_text(first.message) == as_text(second.message)


def test_smtp_takes_host_and_port(handbook):
    result = remind(handbook, "--send", "--smtp", "127.0.0.1:http")
    assert result.exit_code == 2
    assert (
        "skal være VÆRT:PORT, f.eks. smtp.office365.com:587, men der står '127.0.0.1:http'" in result.output
    )
