"""A handbook's settings, read once from mkdocs.yml by `check.config`: plain data with
their defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

BUILT_IN_ROLES = {"hr": "HR"}
RESERVED_IDS = frozenset({"employee", "manager"})
LANGUAGES = ("da", "en")


MANAGERS_SEE = ("chain", "direct")
SECURITIES = ("none", "starttls", "tls")  # how `mus remind` talks to the SMTP server
EDITOR_BACKENDS = ("github", "gitlab")  # where the form in the browser opens its pull requests
CHATS = ("teams", "slack")  # where `mus remind` may post its summary
# The port each kind of SMTP connection uses when the settings name none.
SMTP_PORTS = {"none": 25, "starttls": 587, "tls": 465}


@dataclass(frozen=True)
class Role:
    """An owner besides a person (`extra: mus: roles:`): its name, and where reminders go."""

    name: str
    email: str | None = None


@dataclass(frozen=True)
class Access:
    """Who may read what on the served site (`extra: mus: access:`); see mus_build/access/."""

    hr: tuple[str, ...] = ()  # person ids who read everything
    managers_see: str = "chain"  # chain: everyone below them; direct: their direct reports only
    header: str = "X-Forwarded-Email"  # where the signing-in proxy passes the reader's e-mail
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> line, for messages


@dataclass(frozen=True)
class Reminders:
    """How `mus remind` sends its mail (`extra: mus: reminders:`). The SMTP user name and
    password never live here: they come from the environment (MUS_SMTP_USER, MUS_SMTP_PASSWORD)."""

    host: str | None = None  # the SMTP server; None: `mus remind --send` needs --smtp
    port: int | None = None  # None: the usual port for the security (SMTP_PORTS)
    security: str = "starttls"  # none, starttls or tls (SMTP over TLS from the first byte)
    sender: str | None = None  # the From address
    reply_to: str | None = None  # where replies go, e.g. HR's mailbox
    chat: str | None = None  # teams or slack: post a summary to the webhook in MUS_CHAT_WEBHOOK
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> line, for messages


@dataclass(frozen=True)
class Editor:
    """The form in the browser at admin/ (`extra: mus: editor:`): where it reads and writes
    records. The repository itself is mkdocs.yml's `repo_url`."""

    backend: str | None = None  # github or gitlab; None: told by repo_url's host
    branch: str = "main"  # the branch records are merged into
    auth_url: str | None = None  # GitHub: the OAuth endpoint that signs editors in
    app_id: str | None = None  # GitLab: the OAuth application's id (PKCE, no secret)
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> line, for messages


@dataclass(frozen=True)
class Settings:
    """What `extra: mus:` may set (the table `check.schema.SETTINGS` reads it)."""

    language: str = "da"  # da or en: the language of every label on the site
    interval_months: int = 12  # months from one MUS to the next when next_mus is not given
    due_soon_days: int = 30  # how far ahead an open agreement counts as due soon
    timezone: str = "Europe/Copenhagen"  # the zone in which "today" is read from the clock
    roles: dict[str, str] = field(default_factory=lambda: dict(BUILT_IN_ROLES))  # owner roles
    role_emails: dict[str, str] = field(default_factory=dict)  # role id -> address for reminders
    retention_years: int = 5  # warn about records of people who left longer ago than this
    allow_unsafe_config: bool = False  # mkdocs.yml may go beyond the allowlists: it is then code
    noindex: bool = True  # an internal site: robots.txt disallows all, pages carry noindex
    access: Access | None = None  # None: no access rules; the site is for one audience
    reminders: Reminders = Reminders()  # how `mus remind` sends its mail
    editor: Editor = Editor()  # the form in the browser at admin/


@dataclass(frozen=True)
class Site:
    """What mus takes from mkdocs' own keys, read by the YAML rules mkdocs reads them by."""

    name: str = "MUS"  # site_name
    url: str | None = None  # site_url: the site's address, for links from calendars
    edit_base: str | None = None  # repo_url + edit_uri: where edit links point; None for none
    repo_url: str | None = None  # the repository's web address, e.g. https://github.com/org/repo
    directory_urls: bool = True  # use_directory_urls: people/anna/ rather than people/anna/index.html
    has_nav: bool = False  # nav: the handbook's own navigation instead of mus's


@dataclass(frozen=True)
class Config:
    """A handbook: where it is, and everything its mkdocs.yml sets."""

    root: Path  # the folder that holds mkdocs.yml
    path: str  # the config file, relative to root
    settings: Settings = Settings()
    site: Site = Site()

    @property
    def file(self) -> Path:
        return self.root / self.path
