"""What the access settings ask of the people: the web server knows a reader only by the
address the signing-in proxy passes, so every person who may sign in needs one, no two
people may share one, and HR must be people."""

from __future__ import annotations

import datetime as dt

from mus_build.check.problems import Problem, quote
from mus_build.messages import say
from mus_build.model.handbook import Handbook
from mus_build.model.names import near_ids
from mus_build.model.settings import Config


def check_access(handbook: Handbook, config: Config, today: dt.date) -> list[Problem]:
    access = config.settings.access
    if access is None:
        return []
    problems = []
    first_with: dict[str, str] = {}
    for person in handbook.people.values():
        if person.email is None:
            written = "email" in person.lines  # but wrong, and reported as such
            if not written and (person.left is None or person.left >= today):  # who left signs in no more
                problems.append(Problem(person.path, person.lines.get("name", 1), say("access_no_email")))
            continue
        address = person.email.lower()
        if address in first_with:
            problems.append(
                Problem(
                    person.path,
                    person.lines.get("email", 1),
                    say("access_shared_email", email=quote(person.email), other=quote(first_with[address])),
                )
            )
        else:
            first_with[address] = person.id
    line = access.lines.get("hr", access.lines.get("access", 1))
    for person_id in access.hr:
        if person_id not in handbook.people:
            near = near_ids(person_id, handbook.people)
            message = (
                say(
                    "access_hr_unknown_near", id=quote(person_id), near=say("or").join(f"'{n}'" for n in near)
                )
                if near
                else say("access_hr_unknown", id=quote(person_id))
            )
            problems.append(Problem(config.path, line, message))
    return problems
