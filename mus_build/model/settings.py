"""The settings a handbook can make, with their defaults: plain data, read from
mkdocs.yml by `check.config`."""

from __future__ import annotations

from dataclasses import dataclass, field

BUILT_IN_ROLES = {"hr": "HR"}
RESERVED_IDS = {"employee", "manager"}
LANGUAGES = ("da", "en")


@dataclass
class Settings:
    """What `extra: mus:` may set. Each field's comment is its documentation."""

    language: str = "da"  # da or en: the language of every label on the site
    interval_months: int = 12  # months from one MUS to the next when next_mus is not given
    due_soon_days: int = 30  # how far ahead an open agreement counts as due soon
    timezone: str = "Europe/Copenhagen"  # the zone in which "today" is read from the clock
    roles: dict[str, str] = field(default_factory=lambda: dict(BUILT_IN_ROLES))  # owner roles
    retention_years: int = 5  # warn about records of people who left longer ago than this
    allow_unsafe_config: bool = False  # permit !!python tags, hooks: and INHERIT: in mkdocs.yml
    noindex: bool = True  # an internal site: robots.txt disallows all, pages carry noindex
