"""A small fixed handbook whose reminders are known line by line, and the real servers
`mus remind` talks to: an SMTP server (aiosmtpd) and an HTTP server for the chat webhook,
both on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from ..conftest import TODAY, write_tree

MKDOCS_YML = """\
site_name: Lysfabrikken MUS
site_url: https://mus.lysfabrikken.dk/
extra:
  mus:
    roles:
      it: {name: IT-support, email: it@lysfabrikken.dk}
    access:
      hr: [hanne-hr]
    reminders:
      host: smtp.lysfabrikken.dk
      sender: mus@lysfabrikken.dk
      reply_to: hr@lysfabrikken.dk
"""

# id: (name, manager, extra front matter). Mette heads it all; Lars manages Anna, Bo and Cecilie.
PEOPLE = {
    "mette-chef": ("Mette Chef", None, ""),
    "lars-leder": ("Lars Leder", "mette-chef", ""),
    "dorte-tidl": ("Dorte Tidligere", "mette-chef", ""),  # Anna's manager once, no longer
    "hanne-hr": ("Hanne Holm", "mette-chef", ""),
    "kasper-it": ("Kasper Holm", "mette-chef", ""),
    "anna-jensen": ("Anna Jensen", "lars-leder", ""),
    "bo-berg": ("Bo Berg", "lars-leder", "left: 2025-12-31\n"),
    "cecilie-dam": ("Cecilie Dam", "lars-leder", "started: 2026-09-01\n"),
}

PRIVATE_VALUE = "Anna overvejer at sige op"
PRIVATE_BLOCK = "Lønforhandlingen er hemmelig"
NOTES = "Anna trives i teamet"

RECORDS = {
    "anna-jensen/2025-03-10.md": """\
---
date: 2025-03-10
manager: dorte-tidl
agreements:
  - id: rykker
    what: "Strammer rykkerproceduren op"
    owner: manager
    deadline: 2025-09-01
---
""",
    "anna-jensen/2026-03-12.md": f"""\
---
date: 2026-03-12
agreements:
  - id: vejledning
    what: "Skriver en vejledning til kontoplanen"
    owner: employee
    deadline: 2026-10-30
  - id: excel
    what: "Tager kurset i avanceret Excel"
    owner: employee
    deadline: 2026-12-10
  - id: backup
    what: "Tester backup af økonomisystemet"
    owner: it
    deadline: 2026-11-25
  - id: mentor
    what: "Finder en mentor i en anden afdeling"
    owner: hr
    deadline: 2026-11-01
  - id: kursus
    what: "Tilmelder Anna et kursus i projektledelse"
    owner: manager
    deadline: 2026-11-20
  - id: budget
    what: "Viser Anna budgetmodellen i økonomisystemet"
    owner: kasper-it
    deadline: 2026-11-26
  - id: senere
    what: "Overtager lønkørslen i ferierne"
    owner: employee
    deadline: 2027-06-30
private: "{PRIVATE_VALUE}"
---
## Trivsel

{NOTES}.

<!-- private -->
{PRIVATE_BLOCK}.
<!-- /private -->
""",
    "bo-berg/2025-02-03.md": """\
---
date: 2025-02-03
agreements:
  - id: arkiv
    what: "Rydder op i arkivet"
    owner: employee
    deadline: 2025-05-01
---
""",
    "lars-leder/2025-06-01.md": """\
---
date: 2025-06-01
agreements:
  - id: budget
    what: "Laver budgettet for 2027"
    owner: employee
    deadline: 2027-05-01
---
""",
    "kasper-it/2026-02-01.md": "---\ndate: 2026-02-01\n---\n",
    "dorte-tidl/2026-05-01.md": "---\ndate: 2026-05-01\n---\n",
    "hanne-hr/2026-04-01.md": "---\ndate: 2026-04-01\n---\n",
}


def email_of(person_id: str) -> str:
    return f"{person_id.split('-')[0]}@lysfabrikken.dk"


def handbook_files() -> dict[str, str]:
    files = {"mkdocs.yml": MKDOCS_YML}
    for person_id, (name, manager, more) in PEOPLE.items():
        lines = f'name: "{name}"\nemail: {email_of(person_id)}\n'
        if manager:
            lines += f"manager: {manager}\n"
        files[f"content/people/{person_id}/index.md"] = f"---\n{lines}{more}---\n"
    files.update({f"content/people/{rel}": text for rel, text in RECORDS.items()})
    return files


@pytest.fixture
def handbook(tmp_path) -> Path:
    return write_tree(tmp_path / "handbook", handbook_files())


# --- a real SMTP server ------------------------------------------------------------------


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Mailbox:
    """What the server received, and the addresses it refuses."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def by_recipient(self) -> dict[str, EmailMessage]:
        found: dict[str, EmailMessage] = {}
        for mail in self.received:
            assert len(mail.recipients) == 1, mail.recipients
            assert mail.recipients[0] not in found, f"two mails to {mail.recipients[0]}"
            found[mail.recipients[0]] = mail.message
        return found


USER, PASSWORD = "mus-robot", "rigtigt-kodeord"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SmtpServer:
    mailbox: Mailbox
    port: int

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


def _authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def start_smtp(login: bool) -> tuple[Controller, SmtpServer]:
    mailbox = Mailbox()
    port = free_port()
    extra = (
        {"authenticator": _authenticate, "auth_required": True, "auth_require_tls": False} if login else {}
    )
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **extra)
    controller.start()
    return controller, SmtpServer(mailbox, port)


@pytest.fixture
def smtp_server():
    """An SMTP server on 127.0.0.1 that takes every mail without a login."""
    controller, server = start_smtp(login=False)
    yield server
    controller.stop()


@pytest.fixture
def smtp_server_with_login():
    """An SMTP server on 127.0.0.1 that takes mail only after the login USER, PASSWORD."""
    controller, server = start_smtp(login=True)
    yield server
    controller.stop()


# --- a real HTTP server for the chat webhook ------------------------------------------------


@dataclass
class Webhook:
    url: str
    posts: list[tuple[str, dict]]  # content type, JSON body
    status: list[int]  # the status it answers with (one item, changeable)


@pytest.fixture
def webhook():
    posts: list[tuple[str, dict]] = []
    status = [202]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            posts.append((self.headers["Content-Type"], json.loads(body)))
            self.send_response(status[0])
            self.end_headers()

        def log_message(self, *args):  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Webhook(f"http://127.0.0.1:{server.server_port}/workflows/secret-token", posts, status)
    server.shutdown()
    server.server_close()


def as_text(message: EmailMessage) -> str:
    """The plain-text part, with the line ends of a file rather than of SMTP."""
    part = message.get_body(("plain",))
    assert part is not None
    return part.get_content().replace("\r\n", "\n")


def as_html(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return part.get_content().replace("\r\n", "\n")


__all__ = ["TODAY"]
