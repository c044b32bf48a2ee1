"""Sending by SMTP with the standard library: one connection for the run, one message
per recipient. A recipient the server refuses costs that recipient's mail only; a server
that cannot be reached, or refuses the login, stops the run with one line that says so.

The user name and password come only from the environment (MUS_SMTP_USER,
MUS_SMTP_PASSWORD), never from a file in the repository, and never cross the network
unencrypted: without STARTTLS or TLS they are sent only to this machine.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from mus_build.errors import MusError
from mus_build.messages import say

USER_VARIABLE = "MUS_SMTP_USER"
PASSWORD_VARIABLE = "MUS_SMTP_PASSWORD"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
TIMEOUT = 30  # seconds to wait for the server at each step


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str  # none, starttls or tls
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # never printed

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def login_from(environment: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The SMTP login from the environment; both or neither."""
    user = environment.get(USER_VARIABLE) or None
    password = environment.get(PASSWORD_VARIABLE) or None
    if (user is None) != (password is None):
        missing = PASSWORD_VARIABLE if password is None else USER_VARIABLE
        raise MusError(
            say("smtp_login_half", missing=missing, user=USER_VARIABLE, password=PASSWORD_VARIABLE)
        )
    return user, password


class ServerFailed(Exception):
    """The server cannot take any mail: not reached, or the login refused."""


class Connection:
    """One SMTP session for the run, opened on the first message and again after the server
    hangs up."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass  # the mail is sent; a server that hangs up first changes nothing

    def open(self) -> smtplib.SMTP:
        server = self.server
        if server.user and server.security == "none" and server.host not in LOCAL_HOSTS:
            raise ServerFailed(say("smtp_unencrypted", server=server))
        context = ssl.create_default_context()
        try:
            if server.security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    server.host, server.port, timeout=TIMEOUT, context=context
                )
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
            if server.security == "starttls":
                smtp.starttls(context=context)
            if server.user and server.password:
                smtp.login(server.user, server.password)
        except smtplib.SMTPAuthenticationError as exc:
            raise ServerFailed(
                say(
                    "smtp_login_refused",
                    server=server,
                    reply=reply(exc),
                    user=USER_VARIABLE,
                    password=PASSWORD_VARIABLE,
                )
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            code = "smtp_no_starttls" if "STARTTLS" in str(exc) else "smtp_no_login"
            raise ServerFailed(say(code, server=server)) from None
        except ssl.SSLCertVerificationError as exc:
            raise ServerFailed(say("smtp_untrusted", server=server, reason=exc.verify_message)) from None
        except ssl.SSLError as exc:
            raise ServerFailed(say("smtp_no_tls", server=server, reason=exc.reason or exc)) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise ServerFailed(say("smtp_unreachable", server=server, reason=describe(exc))) from None
        return smtp

    def send(self, mail: EmailMessage, sender: str) -> None:
        """Send one message; raises ServerFailed when no mail can go, MusError when this one cannot."""
        if "Date" not in mail:
            mail["Date"] = formatdate(localtime=True)
            mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
        for attempt in (1, 2):
            if self.smtp is None:
                self.smtp = self.open()
            try:
                self.smtp.send_message(mail, from_addr=sender)
                return
            except smtplib.SMTPServerDisconnected:
                self.smtp = None  # the server hung up between two messages: connect again, once
                if attempt == 2:
                    raise ServerFailed(say("smtp_hung_up", server=self.server)) from None
            except smtplib.SMTPRecipientsRefused as exc:
                refused = next(iter(exc.recipients.values()), None)
                raise MusError(say("smtp_refused_address", reply=reply(refused))) from None
            except smtplib.SMTPSenderRefused as exc:
                raise ServerFailed(
                    say("smtp_refused_sender", server=self.server, sender=sender, reply=reply(exc))
                ) from None
            except smtplib.SMTPResponseException as exc:
                raise MusError(say("smtp_refused_message", reply=reply(exc))) from None
            except (smtplib.SMTPException, OSError) as exc:
                self.smtp = None
                raise MusError(say("smtp_failed", reason=describe(exc))) from None


def reply(exc: object) -> str:
    """The server's own answer, as one short line: '550 5.1.1 No such user'."""
    if isinstance(exc, smtplib.SMTPResponseException):
        code, message = exc.smtp_code, exc.smtp_error
    elif isinstance(exc, tuple) and len(exc) == 2:
        code, message = exc
    else:
        return "no reason given"
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return " ".join(f"{code} {text}".split())[:200]


def describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return " ".join(str(exc).split())[:200] or type(exc).__name__
