"""Files for the built site besides the pages: the agreements as JSON and CSV, and calendar feeds.

Pure: a function of the handbook, its derived states, the texts and the site's address.
Nothing private is exported: the model holds no private text, and notes and bodies
are left out on purpose, so an export can be handed on without reading it first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import NamedTuple

import icalendar

from mus_build.model.derive import Derived
from mus_build.model.handbook import Agreement, Handbook, Person, Record
from mus_build.model.settings import Site
from mus_build.pages import paths
from mus_build.pages.joined import FileData, Joined
from mus_build.pages.reuse import NO_REUSE, Reuse
from mus_build.pages.texts import Texts

COLUMNS = (
    "ref",
    "person",
    "name",
    "record",
    "agreement",
    "what",
    "owner",
    "owner_name",
    "deadline",
    "status",
    "state",
    "done_on",
    "continues",
    "days_overdue",
    "manager",
)

PRODID = "-//mus//MUS-håndbog//DA"
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, str | int | None]
Readers = Mapping[str, Iterable[str]]  # each reader (HR aside) and the people they may read


def exports(
    handbook: Handbook,
    derived: Derived,
    texts: Texts,
    site: Site,
    readers: Readers | None = None,
    reuse: Reuse = NO_REUSE,
) -> Iterator[tuple[str, FileData]]:
    """Every export file as (path relative to the site root, bytes), one file at a time.
    With `readers` (access rules), also each reader's own agreements and calendar, holding
    only the people they may read, cut from the same rows and events as the whole files.
    `reuse`: the rows and events `mus serve` kept from its last round."""
    yield from agreement_files(handbook, derived, texts, readers or {}, reuse)
    # Each person's events are made and serialised once, then shared by the calendar of
    # everyone, their team's calendar and their readers': serialising is most of the time.
    stamp = dt.datetime.combine(derived.today, dt.time(0, 0), tzinfo=dt.UTC)
    events = {
        p.id: reuse.piece(p.id, "events", partial(person_events, p, derived, texts, site, stamp))
        for p in handbook.people.values()
    }
    everyone = list(handbook.people.values())
    make = partial(calendar, texts("calendar_all"), everyone, events)
    yield paths.CALENDAR, reuse.made_from("calendar", tuple(events.values()), make)
    for manager_id, team in teams(handbook).items():
        name = texts("calendar_team", name=handbook.people[manager_id].name)
        make = partial(calendar, name, team, events)
        members = tuple(p.id for p in team)
        yield paths.team_calendar(manager_id), reuse.group_piece(manager_id, "team_calendar", members, make)
    for reader, people in (readers or {}).items():
        chosen = [handbook.people[p] for p in people]
        yield paths.reader_export(reader, paths.CALENDAR), calendar(texts("calendar_all"), chosen, events)


# Rows: one per agreement, in the order people, records and agreements are listed.


def _agreements(person: Person) -> Iterator[tuple[Record, Agreement]]:
    for record in sorted(person.records, key=lambda r: r.date):
        for agreement in sorted(record.agreements, key=lambda a: a.id):
            yield record, agreement


def agreement_row(handbook: Handbook, derived: Derived, record: Record, agreement: Agreement) -> Row:
    view = derived.view(agreement)
    person = handbook.people[agreement.person]
    return {
        "ref": agreement.full_ref,
        "person": person.id,
        "name": person.name,
        "record": record.date.isoformat(),
        "agreement": agreement.id,
        "what": agreement.what,
        "owner": agreement.owner,
        "owner_name": owner_name(handbook, derived, record, agreement.owner),
        "deadline": _iso(agreement.deadline),
        "status": agreement.status,
        "state": view.state.value,
        "done_on": _iso(agreement.done_on),
        "continues": f"{person.id}/{agreement.continues}" if agreement.continues else None,
        "days_overdue": view.days_overdue,
        "manager": derived.held_by(record),
    }


def owner_name(handbook: Handbook, derived: Derived, record: Record, owner: str | None) -> str | None:
    """The owner as a reader knows them: a name, or a role's display name."""
    if owner is None:
        return None
    if owner == "employee":
        return handbook.people[record.person].name
    if owner == "manager":
        manager = derived.held_by(record)
        return _name_of(handbook, manager) if manager else None
    if owner in handbook.roles:
        return handbook.roles[owner]
    return _name_of(handbook, owner)


def _name_of(handbook: Handbook, person_id: str) -> str:
    person = handbook.people.get(person_id)
    return person.name if person else person_id


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# JSON and CSV.


def agreement_files(
    handbook: Handbook, derived: Derived, texts: Texts, readers: Readers, reuse: Reuse = NO_REUSE
) -> Iterator[tuple[str, FileData]]:
    """agreements.json and agreements.csv (as Danish Excel opens it by double-click: BOM,
    semicolons, CRLF), made person by person in one pass. At 10,000 people the JSON is
    100 MB: held as rows, or encoded by json as one list, it took more memory than the
    rest of the build, so each person's items are encoded on their own and the file is
    joined from them.

    A person's rows lie together in both files, so each reader's own files are the
    spans of their people, copied from the whole files: no row is made twice."""
    each = tuple(
        (person_id, reuse.piece(person_id, "export_rows", partial(_encoded_rows, handbook, derived, person)))
        for person_id, person in sorted(handbook.people.items())
    )
    as_json, as_csv, header_end, spans = reuse.made_from(
        "agreement_files", each, partial(_whole_files, texts, each)
    )
    yield paths.AGREEMENTS_JSON, as_json
    yield paths.AGREEMENTS_CSV, as_csv
    if not readers:
        return
    whole_json, whole_csv = memoryview(bytes(as_json)), memoryview(bytes(as_csv))
    for reader, people in readers.items():
        own = [spans[p] for p in sorted(people) if p in spans]
        items = [whole_json[s.json_start : s.json_end] for s in own]
        as_list = b"[\n  " + b",\n  ".join(items) + b"\n]\n" if items else b"[]\n"
        yield paths.reader_export(reader, paths.AGREEMENTS_JSON), as_list
        rows = [whole_csv[s.csv_start : s.csv_end] for s in own]
        yield paths.reader_export(reader, paths.AGREEMENTS_CSV), b"".join([whole_csv[:header_end], *rows])


def _whole_files(
    texts: Texts, each: tuple[tuple[str, tuple[bytes, bytes]], ...]
) -> tuple[Joined, Joined, int, dict[str, _Spans]]:
    """agreements.json and agreements.csv of everyone, as the parts they are joined from
    (at 10,000 people 106 MB and 51 MB); where the CSV's header ends, and where each
    person's rows lie in both."""
    # The BOM, so Excel reads UTF-8; the header is read by people in a spreadsheet, so it
    # speaks the site's language.
    header = io.StringIO()
    csv.writer(header, delimiter=";", lineterminator="\r\n").writerow(
        [texts(f"column_{column}") for column in COLUMNS]
    )
    csv_parts = [b"\xef\xbb\xbf" + header.getvalue().encode("utf-8")]
    json_parts: list[bytes] = []
    header_end = csv_at = len(csv_parts[0])
    json_at = 0
    spans: dict[str, _Spans] = {}
    for person_id, (json_items, csv_lines) in each:
        if not json_items:
            continue
        json_parts.append(b",\n  " if json_parts else b"[\n  ")
        json_at += len(json_parts[-1])
        spans[person_id] = _Spans(json_at, json_at + len(json_items), csv_at, csv_at + len(csv_lines))
        json_parts.append(json_items)
        csv_parts.append(csv_lines)
        json_at, csv_at = spans[person_id].json_end, spans[person_id].csv_end
    json_parts.append(b"\n]\n" if json_parts else b"[]\n")
    return Joined(json_parts), Joined(csv_parts), header_end, spans


def _encoded_rows(handbook: Handbook, derived: Derived, person: Person) -> tuple[bytes, bytes]:
    """The person's items in agreements.json (joined as the list joins them) and lines in
    agreements.csv, as bytes."""
    items, lines = [], io.StringIO()
    writer = csv.writer(lines, delimiter=";", lineterminator="\r\n")
    for record, agreement in _agreements(person):
        row = agreement_row(handbook, derived, record, agreement)
        # Each item as json.dumps(rows, indent=2) writes it: its strings hold no newline.
        items.append(json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        writer.writerow([safe_cell(row[c]) for c in COLUMNS])
    return ",\n  ".join(items).encode("utf-8"), lines.getvalue().encode("utf-8")


class _Spans(NamedTuple):
    """Where one person's rows lie in agreements.json and agreements.csv."""

    json_start: int
    json_end: int
    csv_start: int
    csv_end: int


def safe_cell(value: str | int | None) -> str:
    """The cell's text, with a leading ' where a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# Calendars.


def teams(handbook: Handbook) -> dict[str, list[Person]]:
    """Each manager's direct reports, by manager id, in id order."""
    found: dict[str, list[Person]] = {}
    for person in handbook.people.values():
        if person.manager in handbook.people:
            found.setdefault(person.manager, []).append(person)
    return {manager: sorted(found[manager], key=lambda p: p.id) for manager in sorted(found)}


def calendar(name: str, people: list[Person], events: dict[str, bytes]) -> bytes:
    """A calendar of these people's events (already serialised by `person_events`)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    frame = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    body = b"".join(events[p.id] for p in sorted(people, key=lambda p: p.id))
    return frame[: -len(end)] + body + end


def person_events(person: Person, derived: Derived, texts: Texts, site: Site, stamp: dt.datetime) -> bytes:
    """A person's open deadlines and next MUS as VEVENT blocks; none once they have left.
    Stamped with the build day, not the clock: the same input and day give the same bytes."""
    if derived.has_left(person):
        return b""
    found = [
        deadline_event(person, a, derived, texts, site, stamp) for a in _open_agreements(person, derived)
    ]
    next_mus = derived.next_mus(person)
    if next_mus is not None:
        found.append(mus_event(person, next_mus, texts, site, stamp))
    return b"".join(event.to_ical() for event in found)


def _open_agreements(person: Person, derived: Derived) -> list[Agreement]:
    found = [a for r in person.records for a in r.agreements if derived.is_open(derived.view(a))]
    return sorted(found, key=lambda a: (a.record, a.id))


def deadline_event(
    person: Person,
    agreement: Agreement,
    derived: Derived,
    texts: Texts,
    site: Site,
    stamp: dt.datetime,
) -> icalendar.Event:
    record = derived.record(agreement.person, agreement.record)
    owner = owner_name(derived.handbook, derived, record, agreement.owner)
    # The UID names the agreement, not its deadline, so a moved deadline updates the event.
    return _all_day_event(
        uid=f"agreement-{person.id}-{agreement.record.isoformat()}-{agreement.id}@mus",
        day=agreement.deadline,
        summary=texts("calendar_deadline", what=agreement.what, name=person.name),
        description=f"{texts('owner')}: {owner}\n{texts('column_ref')}: {agreement.full_ref}",
        url=person_url(person, site),
        stamp=stamp,
    )


def mus_event(person: Person, day: dt.date, texts: Texts, site: Site, stamp: dt.datetime) -> icalendar.Event:
    # One UID per person: when the next MUS moves, calendars move the event instead of adding one.
    return _all_day_event(
        uid=f"mus-{person.id}@mus",
        day=day,
        summary=texts("calendar_mus", name=person.name),
        description=None,
        url=person_url(person, site),
        stamp=stamp,
    )


def _all_day_event(
    uid: str, day: dt.date, summary: str, description: str | None, url: str | None, stamp: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))  # all-day events end the next day (RFC 5545)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def person_url(person: Person, site: Site) -> str | None:
    """The person's page on the site; None when the site's address is not known."""
    return paths.absolute_url(site.url, paths.person_page(person.id), site.directory_urls)
