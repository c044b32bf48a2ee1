"""Derived states at their boundaries, computed for a fixed today."""

from __future__ import annotations

import datetime as dt

import pytest

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.model.dates import add_months
from mus_build.model.derive import Derived, State

from .conftest import TODAY

REC = "content/people/anna-jensen/2026-03-12.md"


def agreement(id_: str, deadline: str, extra: str = "") -> str:
    return f'  - id: {id_}\n    what: "Noget"\n    owner: employee\n    deadline: {deadline}\n{extra}'


def derive(root, today=TODAY) -> Derived:
    config, problems = load_config(root / "mkdocs.yml")
    sources = load_sources(config, today)
    assert not [p for p in problems + sources.problems if p.severity == "error"], sources.problems
    return Derived(sources.handbook, config.settings, today)


def states(derived: Derived) -> dict[str, State]:
    return {ref.split("/", 1)[1]: view.state for ref, view in derived.views.items()}


def test_deadline_boundaries(make_handbook):
    body = "---\ndate: 2026-03-12\nagreements:\n"
    body += agreement("yesterday", "2026-11-25") + agreement("today", "2026-11-26")
    body += agreement("window-end", "2026-12-26") + agreement("after-window", "2026-12-27")
    body += agreement("done-late", "2026-01-01", "    status: done\n    done_on: 2026-02-01\n")
    body += agreement("dropped", "2026-01-01", "    status: dropped\n") + "---\n"
    derived = derive(make_handbook({REC: body}))
    got = states(derived)
    assert got["2026-03-12/yesterday"] is State.OVERDUE
    assert got["2026-03-12/today"] is State.DUE_SOON
    assert got["2026-03-12/window-end"] is State.DUE_SOON
    assert got["2026-03-12/after-window"] is State.OPEN
    assert got["2026-03-12/done-late"] is State.DONE
    assert got["2026-03-12/dropped"] is State.DROPPED
    assert [(v.agreement.full_ref, v.days_overdue) for v in derived.overdue()] == [
        ("anna-jensen/2025-03-10/excel-kursus", (TODAY - dt.date(2025, 6, 30)).days),
        ("anna-jensen/2026-03-12/yesterday", 1),
    ]
    assert [v.agreement.id for v in derived.due_soon()] == ["today", "window-end"]


def test_overdue_is_oldest_deadline_first(make_handbook):
    derived = derive(make_handbook())
    # The fixture's 2025-03-10/excel-kursus (deadline 2025-06-30) is open and not continued.
    assert [(v.agreement.full_ref, v.days_overdue) for v in derived.overdue()] == [
        ("anna-jensen/2025-03-10/excel-kursus", (TODAY - dt.date(2025, 6, 30)).days)
    ]


def test_continued_agreement_is_not_overdue(make_handbook):
    body = (
        "---\ndate: 2026-03-12\nagreements:\n"
        + agreement("excel-igen", "2027-01-31", "    continues: 2025-03-10/excel-kursus\n")
        + "---\n"
    )
    derived = derive(make_handbook({REC: body}))
    got = states(derived)
    assert got["2025-03-10/excel-kursus"] is State.CONTINUED
    assert derived.overdue() == []
    view = derived.views["anna-jensen/2025-03-10/excel-kursus"]
    assert view.continued_by.id == "excel-igen"


@pytest.mark.parametrize(
    ("left", "counted"),
    [("2026-11-25", False), ("2026-11-26", True), ("2027-01-31", True)],
    ids=["left-yesterday", "leaves-today", "leaves-later"],
)
def test_people_who_left(make_handbook, left, counted):
    anna = f'---\nname: "Anna Jensen"\nmanager: bo-hansen\nleft: {left}\n---\n'
    derived = derive(make_handbook({"content/people/anna-jensen/index.md": anna}))
    assert bool(derived.overdue()) is counted
    due_ids = [s.person.id for s in derived.due_for_mus()]
    assert ("anna-jensen" in due_ids) is counted


def test_due_for_mus_boundaries(make_handbook):
    files = {
        "content/people/cille/index.md": '---\nname: "Cille"\n---\n',
        "content/people/cille/2025-11-26.md": "---\ndate: 2025-11-26\n---\n",  # next MUS is today
        "content/people/dorte/index.md": '---\nname: "Dorte"\n---\n',
        "content/people/dorte/2025-11-25.md": "---\ndate: 2025-11-25\n---\n",  # due yesterday
        "content/people/erik/index.md": '---\nname: "Erik"\n---\n',
        "content/people/erik/2025-01-10.md": "---\ndate: 2025-01-10\nnext_mus: 2027-01-10\n---\n",
        "content/people/frida/index.md": '---\nname: "Frida"\n---\n',  # no record yet
    }
    derived = derive(make_handbook(files))
    rows = [(s.person.id, s.days_late) for s in derived.due_for_mus()]
    assert rows == [
        ("anna-jensen", (TODAY - dt.date(2026, 3, 10)).days),
        ("dorte", 1),
        ("bo-hansen", None),
        ("frida", None),
    ]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 3, 10), 12, dt.date(2026, 3, 10)),
        (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last(start, months, expected):
    assert add_months(start, months) == expected


def test_leap_day_record_is_due_on_the_28th(make_handbook):
    files = {"content/people/anna-jensen/2024-02-29.md": "---\ndate: 2024-02-29\n---\n"}
    root = make_handbook(files)
    (root / "content/people/anna-jensen/2025-03-10.md").unlink()
    derived = derive(root, today=dt.date(2025, 3, 1))
    anna = derived.handbook.people["anna-jensen"]
    assert derived.next_mus(anna) == dt.date(2025, 2, 28)
    assert derived.mus_status(anna).days_late == 1


@pytest.mark.parametrize(
    "signed_off,held_by,missing",
    [
        ("", "", ("anna-jensen", "bo-hansen")),
        ("  - by: bo-hansen\n    on: 2026-03-13\n", "", ("anna-jensen",)),
        ("  - by: anna-jensen\n    on: 2026-03-13\n", "", ("bo-hansen",)),
        ("  - by: anna-jensen\n    on: 2026-03-13\n  - by: bo-hansen\n    on: 2026-03-14\n", "", ()),
        # The conversation's own manager signs, not the person's manager of today.
        ("  - by: anna-jensen\n    on: 2026-03-13\n", "manager: cecilie-dam\n", ("cecilie-dam",)),
    ],
)
def test_a_record_is_signed_when_the_employee_and_the_conversations_manager_have_signed(
    make_handbook, signed_off, held_by, missing
):
    listed = f"signed_off:\n{signed_off}" if signed_off else "signed_off: []\n"
    front = f"---\ndate: 2026-03-12\n{held_by}{listed}---\n"
    cecilie = "---\nname: Cecilie Dam\n---\n"
    derived = derive(make_handbook({REC: front, "content/people/cecilie-dam/index.md": cecilie}))
    record = derived.record("anna-jensen", dt.date(2026, 3, 12))
    assert derived.missing_signers(record) == missing


def test_a_sign_off_voided_by_a_later_change_counts_no_more_until_its_signer_signs_again(make_handbook):
    """Which entries a change voided is the build's to find in the Git history; the model
    takes them as given."""
    entries = (
        "  - by: anna-jensen\n    on: 2026-03-13\n  - by: bo-hansen\n    on: 2026-03-14\n"
        "  - by: anna-jensen\n    on: 2026-04-02\n"
    )
    root = make_handbook({REC: f"---\ndate: 2026-03-12\nsigned_off:\n{entries}---\n"})
    config, _ = load_config(root / "mkdocs.yml")
    handbook = load_sources(config, TODAY).handbook
    record = handbook.people["anna-jensen"].records[-1]
    voided = {(REC, "anna-jensen", "2026-03-13"), (REC, "bo-hansen", "2026-03-14")}
    derived = Derived(handbook, config.settings, TODAY, voided)
    assert derived.missing_signers(record) == ("bo-hansen",)
    assert derived.voided_signers(record) == ("bo-hansen",)
    assert [(s.by, s.on.isoformat()) for s in derived.sign_offs(record)] == [("anna-jensen", "2026-04-02")]
    unvoided = Derived(handbook, config.settings, TODAY)
    assert unvoided.missing_signers(record) == ()
    assert [(s.by, s.on.isoformat()) for s in unvoided.sign_offs(record)] == [
        ("anna-jensen", "2026-04-02"),
        ("bo-hansen", "2026-03-14"),
    ]
