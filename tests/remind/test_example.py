"""`mus remind --send` on the example handbook: the expectations are computed from the
handbook itself (its records change as the example grows), so the test holds whatever
the example's people and agreements are."""

from __future__ import annotations

from pathlib import Path

import pytest

from mus_build.access.policy import Policy
from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.model.derive import Derived
from mus_build.model.names import clean
from mus_build.model.settings import Access
from mus_build.pages.paths import department_slugs

from ..conftest import TODAY
from .conftest import as_html, as_text
from .helpers import send

EXAMPLE = Path(__file__).parent.parent.parent / "mkdocs.yml"


@pytest.fixture(scope="module")
def example():
    config, problems = load_config(EXAMPLE)
    sources = load_sources(config, TODAY)
    assert problems == [] and [p for p in sources.problems if p.severity == "error"] == []
    handbook = sources.handbook
    policy = Policy(handbook, config.settings.access or Access(), department_slugs(handbook, "afdeling"))
    return config, sources, Derived(handbook, config.settings, TODAY), policy


def test_every_mail_of_the_example_is_for_someone_who_may_read_it(example, smtp_server):
    config, sources, derived, policy = example
    handbook = sources.handbook
    result = send(EXAMPLE.parent, smtp_server.address, "--from", "mus@fjordlys.dk")
    assert result.exit_code == 0, result.output
    received = smtp_server.mailbox.by_recipient()  # one mail each
    assert result.output.splitlines()[-1] == f"Sendte {len(received)} påmindelser for {TODAY.isoformat()}."

    people_by_address = {p.email.lower(): p for p in handbook.people.values() if p.email}
    roles_by_address = {email.lower(): role for role, email in config.settings.role_emails.items()}
    reminded: set[str] = set()
    for address, mail in received.items():
        text, html = as_text(mail), as_html(mail)
        assert mail.defects == [] and mail.get_content_type() == "multipart/alternative"
        assert mail["Subject"].startswith(f"{config.site.name}: ")
        assert "pr. 26. november 2026" in text  # Danish dates, as the site writes them
        reader = people_by_address.get(address.lower())
        role = roles_by_address.get(address.lower())
        assert reader or role, f"{address} is no person's and no role's address"
        for agreement in handbook.agreements():
            if f"- {clean(agreement.what)}\n" not in text:
                continue
            reminded.add(agreement.full_ref)
            allowed = (reader is not None and agreement.owner == reader.id) or (
                role is not None and agreement.owner == role
            )
            if reader is not None:
                allowed |= reader.id in policy.readers_of[agreement.person]
            assert allowed, f"{address} was told of {agreement.full_ref}, which they may not read"
        for private in sources.private_texts:
            for line in private.text.splitlines():
                if len(line.strip()) > 12:  # a whole sentence, not a word any mail may hold
                    assert line.strip() not in text and line.strip() not in html, private.path
        for person in handbook.people.values():
            if person.body.strip() and len(person.body.strip()) > 20:
                assert person.body.strip()[:60] not in text  # no notes or free text either

    # Every overdue or due-soon agreement reached someone who must act on it.
    waiting = {v.agreement.full_ref for v in derived.overdue() + derived.due_soon()}
    assert waiting and sources.private_texts  # the example has both, or this test proves little
    assert waiting <= reminded
    # Every person due for MUS is named in their manager's mail.
    for status in derived.due_for_mus():
        manager = handbook.people.get(status.person.manager or "")
        if manager and manager.email and not derived.has_left(manager):
            assert f"- {clean(status.person.name)}\n" in as_text(received[manager.email])
