"""A letter as an e-mail: plain text and HTML alternatives, UTF-8, one recipient."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.model.names import clean
from mus_build.remind.digests import Recipient
from mus_build.remind.letters import Letter


def address(name: str, email: str) -> Address:
    """A display name and an address, refused with a clear message when the address is
    not one a mail server takes (the handbook's check is looser: it knows no mail)."""
    try:
        return Address(clean(name), addr_spec=email)
    except (ValueError, IndexError) as exc:
        raise MusError(say("mail_bad_address", email=repr(email), reason=exc)) from None


def message(letter: Letter, recipient: Recipient, sender: Address, reply_to: str | None) -> EmailMessage:
    if recipient.email is None:
        raise MusError(say("mail_no_address", id=recipient.id))
    mail = EmailMessage(policy=SMTP)
    mail["Subject"] = letter.subject
    mail["From"] = sender
    mail["To"] = address(recipient.name, recipient.email)
    if reply_to:
        mail["Reply-To"] = address("", reply_to)
    # RFC 3834: an automatic mail; out-of-office replies should not answer it.
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(letter.text, charset="utf-8")
    mail.add_alternative(letter.html, subtype="html", charset="utf-8")
    return mail
