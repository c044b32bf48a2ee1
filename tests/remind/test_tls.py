"""`mus remind --send` over STARTTLS and TLS, to a real SMTP server on 127.0.0.1 whose
certificate comes from a certificate authority of the test's own."""

from __future__ import annotations

import ssl

import pytest
import trustme
from aiosmtpd.controller import Controller

from .conftest import PASSWORD, USER, Mailbox, SmtpServer, _authenticate, free_port
from .helpers import remind

# Over TLS from the start aiosmtpd must be told a login needs no STARTTLS, and warns.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


class EncryptedMailbox(Mailbox):
    """A mailbox that also notes whether each mail came over an encrypted connection."""

    def __init__(self) -> None:
        super().__init__()
        self.encrypted: list[bool] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.encrypted.append(server.transport.get_extra_info("ssl_object") is not None)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture(scope="module")
def authority():
    return trustme.CA()


def _server_context(authority) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    return context


@pytest.fixture(params=["starttls", "tls"])
def encrypted_server(request, authority):
    """A server that takes mail only after a login, over STARTTLS or over TLS from the start."""
    mailbox, port = EncryptedMailbox(), free_port()
    context = _server_context(authority)
    if request.param == "starttls":
        encryption = {"tls_context": context, "require_starttls": True}
    else:  # aiosmtpd offers a login over TLS from the start only when told that plain is fine
        encryption = {"ssl_context": context, "auth_require_tls": False}
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_required=True,
        **encryption,
    )
    controller.start()
    yield request.param, SmtpServer(mailbox, port)
    controller.stop()


def _send(handbook, server: SmtpServer, security: str, env: dict[str, str]):
    login = {"MUS_SMTP_USER": USER, "MUS_SMTP_PASSWORD": PASSWORD}
    return remind(handbook, "--send", "--smtp", server.address, "--security", security, env={**login, **env})


def test_mail_and_password_go_over_an_encrypted_connection(handbook, encrypted_server, authority, tmp_path):
    security, server = encrypted_server
    trusted = tmp_path / "company-ca.pem"
    authority.cert_pem.write_to_path(str(trusted))
    result = _send(handbook, server, security, {"SSL_CERT_FILE": str(trusted)})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Sendte 5 påmindelser for 2026-11-26."
    assert len(server.mailbox.received) == 5
    assert server.mailbox.encrypted == [True] * 5


def test_a_certificate_nobody_trusts_is_one_line_and_nothing_is_sent(handbook, encrypted_server, tmp_path):
    security, server = encrypted_server
    stranger = tmp_path / "another-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    result = _send(handbook, server, security, {"SSL_CERT_FILE": str(stranger)})
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Fejl: SMTP-serveren {server.address} viste et certifikat, som denne maskine ikke stoler på "
        "(unable to get local issuer certificate); tjek værtsnavnet, eller lad SSL_CERT_FILE pege på "
        "certifikatet fra virksomhedens egen certifikatudsteder",
        "Sendte 0 af 5 påmindelser for 2026-11-26; 5 kunne ikke sendes (se ovenfor).",
    ]
    assert server.mailbox.received == []
