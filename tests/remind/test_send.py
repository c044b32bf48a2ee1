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
        "Sent to Anna Jensen <anna@lysfabrikken.dk>",
        "Sent to Kasper Holm <kasper@lysfabrikken.dk>",
        "Sent to Lars Leder <lars@lysfabrikken.dk>",
        "Sent to Mette Chef <mette@lysfabrikken.dk>",
        "Sent to IT-support <it@lysfabrikken.dk>",
        "Sent 5 reminders for 2026-11-26.",
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
        assert f"Subject: {mail['Subject']}" == header.splitlines()[1]
        assert as_text(mail) == text
        assert mail.defects == [] and all(part.defects == [] for part in mail.walk())


def test_the_mail_has_danish_subject_dates_and_the_agreements_in_both_parts(handbook, smtp_server):
    send(handbook, smtp_server.address)
    anna = smtp_server.mailbox.by_recipient()["anna@lysfabrikken.dk"]
    assert anna["Subject"] == "Lysfabrikken MUS: 1 overskreden aftale, 1 aftale med snarlig frist"
    assert (
        "To: Anna Jensen <anna@lysfabrikken.dk>\nSubject: " + anna["Subject"] + "\n\n" + as_text(anna) == ANNA
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
        f"Error: could not connect to the SMTP server 127.0.0.1:{port}: connection refused; check the host, "
        "the port and --security",
        "Sent 0 of 5 reminders for 2026-11-26; 5 could not be sent (above).",
    ]


def test_a_refused_recipient_costs_only_their_mail(handbook, smtp_server):
    smtp_server.mailbox.refuse.add("kasper@lysfabrikken.dk")
    result = send(handbook, smtp_server.address)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Sent to Anna Jensen <anna@lysfabrikken.dk>",
        "Not sent to Kasper Holm <kasper@lysfabrikken.dk>: the server refused the address "
        "(550 5.1.1 No such mailbox here)",
        "Sent to Lars Leder <lars@lysfabrikken.dk>",
        "Sent to Mette Chef <mette@lysfabrikken.dk>",
        "Sent to IT-support <it@lysfabrikken.dk>",
        "Sent 4 of 5 reminders for 2026-11-26; 1 could not be sent (above).",
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
        f"Error: the SMTP server {server.address} refused the login (535 5.7.8 Authentication credentials "
        "invalid); check MUS_SMTP_USER and MUS_SMTP_PASSWORD",
        "Sent 0 of 5 reminders for 2026-11-26; 5 could not be sent (above).",
    ]
    assert server.mailbox.received == []


def test_half_a_login_is_refused_before_connecting(handbook, smtp_server):
    result = send(handbook, smtp_server.address, env={"MUS_SMTP_USER": USER})
    assert result.exit_code == 1
    assert result.output == (
        "Fejl: MUS_SMTP_PASSWORD is not set; set both MUS_SMTP_USER and MUS_SMTP_PASSWORD, or neither\n"
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
        "Error: will not send the SMTP password to smtp.lysfabrikken.dk:25 unencrypted; use --security "
        "starttls or tls (security: in extra: mus: reminders:)"
    )


def test_sending_needs_a_server_and_a_sender(handbook):
    config = handbook / "mkdocs.yml"
    config.write_text(config.read_text().replace("      host: smtp.lysfabrikken.dk\n", ""))
    result = remind(handbook, "--send")
    assert result.exit_code == 1
    assert result.output == (
        "Fejl: no SMTP server to send through; set host: (and port:, security:) under extra: mus: reminders: "
        "in mkdocs.yml, or give --smtp HOST:PORT\n"
    )
    config.write_text(config.read_text().replace("      sender: mus@lysfabrikken.dk\n", ""))
    result = remind(handbook, "--send", "--smtp", "127.0.0.1:25")
    assert result.output == (
        "Fejl: no sender address; set sender: under extra: mus: reminders: in mkdocs.yml, or give --from ADDRESS\n"
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
