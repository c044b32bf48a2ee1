"""`mus remind`: the digests of one day, printed (a dry run) or sent, with a summary.

A failed send for one recipient does not stop the others; the caller exits 1 when
anything failed. Nothing is remembered between runs: the pipeline that runs this
decides how often people hear from it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from mus_build.access.policy import Policy
from mus_build.errors import MusError
from mus_build.messages import say
from mus_build.model.derive import Derived
from mus_build.model.handbook import Handbook
from mus_build.model.names import near_ids
from mus_build.model.settings import SMTP_PORTS, Access, Config
from mus_build.pages import paths
from mus_build.pages.texts import Texts
from mus_build.remind import chat, smtp
from mus_build.remind.digests import Digest, Kind, counts, digests_for
from mus_build.remind.letters import Writer
from mus_build.remind.message import address, message

Echo = Callable[[str, bool], None]  # a line, and whether it is an error
RULE = "=" * 72


@dataclass(frozen=True)
class Options:
    send: bool = False
    kinds: tuple[Kind, ...] = tuple(Kind)
    to: str | None = None  # one recipient: a person id or a role id
    smtp: tuple[str, int | None] | None = None  # --smtp HOST[:PORT]
    security: str | None = None  # --security
    sender: str | None = None  # --from


def plan(
    config: Config, handbook: Handbook, today: dt.date, options: Options
) -> tuple[Derived, list[Digest]]:
    """Every digest of the day, or the one recipient's of --to."""
    derived = Derived(handbook, config.settings, today)
    slugs = paths.department_slugs(handbook, Texts(config.settings.language)("department_slug"))
    # Without access rules the site has one audience; reminders still tell each person only
    # what the rules would let them read (no HR: nobody reads everyone's).
    policy = Policy(handbook, config.settings.access or Access(), slugs)
    found = digests_for(derived, policy, config.settings.role_emails, options.kinds)
    if options.to is not None:
        if options.to not in handbook.people and options.to not in config.settings.role_emails:
            known = [*handbook.people, *config.settings.role_emails]
            near = near_ids(options.to, known)
            if near:
                raise MusError(say("remind_unknown_to_near", to=options.to, near=say("or").join(near)))
            raise MusError(say("remind_unknown_to", to=options.to))
        found = [d for d in found if d.recipient.id == options.to]
    return derived, found


def remind(
    config: Config,
    handbook: Handbook,
    today: dt.date,
    options: Options,
    environment: Mapping[str, str],
    echo: Echo,
) -> bool:
    """Print or send the day's reminders; True when everything that should go went."""
    derived, digests = plan(config, handbook, today, options)
    writer = Writer(config, derived)
    day = today.isoformat()
    if not options.send:
        for digest in digests:
            letter = writer.letter(digest)
            echo(say("remind_to", to=to_line(digest)), False)
            echo(say("remind_subject", subject=letter.subject), False)
            echo("", False)
            echo(letter.text.rstrip("\n"), False)
            echo(RULE, False)
        without = [d for d in digests if d.recipient.email is None]
        for digest in without:
            echo(no_address(config, handbook, digest), True)
        if config.settings.reminders.chat and options.to is None:
            summary = chat_summary(config, derived, len(digests) - len(without), len(without))
            echo(say("remind_chat_preview", chat=config.settings.reminders.chat), False)
            echo(
                json.dumps(
                    chat.PAYLOADS[config.settings.reminders.chat](summary), ensure_ascii=False, indent=2
                ),
                False,
            )
        echo(say("remind_dry_run", reminders=reminders(len(digests)), day=day), False)
        return True

    server, sender = server_of(config, options, environment)
    sent, failed = send_all(config, handbook, writer, digests, server, sender, echo)
    if not digests:
        echo(say("remind_nothing", day=day), False)
    elif failed:
        echo(
            say("remind_sent_some", sent=sent, reminders=reminders(len(digests)), day=day, failed=failed),
            True,
        )
    else:
        echo(say("remind_sent_all", reminders=reminders(sent), day=day), False)
    posted = True
    if config.settings.reminders.chat and options.to is None:
        kind = config.settings.reminders.chat
        try:
            chat.post(
                chat.webhook_from(environment),
                chat.PAYLOADS[kind](chat_summary(config, derived, sent, failed)),
            )
        except MusError as exc:
            echo(say("remind_chat_not_posted", reason=exc), True)
            posted = False
        else:
            echo(say("remind_chat_posted", chat="Teams" if kind == "teams" else "Slack"), False)
    return failed == 0 and posted


def send_all(
    config: Config,
    handbook: Handbook,
    writer: Writer,
    digests: Iterable[Digest],
    server: smtp.Server,
    sender: str,
    echo: Echo,
) -> tuple[int, int]:
    """Send each digest; (sent, failed)."""
    sent = failed = 0
    from_address = address(config.site.name, sender)
    reply_to = config.settings.reminders.reply_to
    down: str | None = None  # why the server takes no mail at all
    with smtp.Connection(server) as connection:
        for digest in digests:
            if digest.recipient.email is None:
                echo(no_address(config, handbook, digest), True)
                failed += 1
                continue
            if down is not None:
                failed += 1
                continue
            try:
                connection.send(
                    message(writer.letter(digest), digest.recipient, from_address, reply_to), sender
                )
            except smtp.ServerFailed as exc:
                down = str(exc)
                echo(say("remind_error", reason=down), True)
                failed += 1
            except MusError as exc:
                echo(say("remind_not_sent", to=to_line(digest), reason=exc), True)
                failed += 1
            else:
                echo(say("remind_sent_to", to=to_line(digest)), False)
                sent += 1
    return sent, failed


def server_of(config: Config, options: Options, environment: Mapping[str, str]) -> tuple[smtp.Server, str]:
    settings = config.settings.reminders
    host, port = options.smtp if options.smtp else (settings.host, settings.port)
    if host is None:
        raise MusError(say("remind_no_server"))
    security = options.security or settings.security
    sender = options.sender or settings.sender
    if sender is None:
        raise MusError(say("remind_no_sender"))
    address(config.site.name, sender)  # a sender the server cannot take fails here, before any mail
    user, password = smtp.login_from(environment)
    return smtp.Server(host, port or SMTP_PORTS[security], security, user, password), sender


def chat_summary(config: Config, derived: Derived, sent: int, failed: int) -> chat.Summary:
    t = Texts(config.settings.language)
    figures = counts(derived)
    facts = [
        (t("remind_chat_overdue"), figures["overdue"]),
        (t("remind_chat_due_soon", days=config.settings.due_soon_days), figures["due_soon"]),
        (t("remind_chat_late_mus"), figures["late_mus"]),
        (t("remind_chat_no_mus"), figures["no_mus"]),
        (t("remind_chat_sent"), sent),
    ]
    if failed:
        facts.append((t("remind_chat_failed"), failed))
    links = []
    for label, page in ((t("overdue"), paths.OVERDUE), (t("due"), paths.DUE)):
        if url := paths.absolute_url(config.site.url, page, config.site.directory_urls):
            links.append((label, url))
    title = t("remind_chat_title", site=" ".join(config.site.name.split()), date=t.date(derived.today))
    return chat.Summary(title, facts, links)


def to_line(digest: Digest) -> str:
    recipient = digest.recipient
    return f"{' '.join(recipient.name.split())} <{recipient.email}>" if recipient.email else recipient.id


def no_address(config: Config, handbook: Handbook, digest: Digest) -> str:
    path = handbook.people[digest.recipient.id].path
    return say("remind_no_address", id=digest.recipient.id, path=path)


def reminders(count: int) -> str:
    return say("remind_count_one") if count == 1 else say("remind_count", count=count)
