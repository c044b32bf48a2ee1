"""How many "did you mean" hints a check looks for, and among which ids: the first 100
problems of a file and the first 1,000 of a check get one; a large handbook looks only
among the ids one letter away. Every problem is still reported, with the plain message."""

from __future__ import annotations

import pytest

from .conftest import check


@pytest.fixture
def make_handbook(english_handbook):
    """The hints are pinned in English here; tests/test_messages.py pins the Danish."""
    return english_handbook


ANNA_DIR = "content/people/anna-jensen"
OWNER = "owner 'bo-hanse' is not a person, role, employee or manager; "
HINT = OWNER + "did you mean 'bo-hansen'?"
PLAIN = OWNER + "write employee, manager, a role (hr, it) or a person id"


def owners_record(date: str, count: int) -> str:
    """A record with `count` agreements owned by 'bo-hanse', the first on line 4, one a line."""
    items = "".join(f"- {{id: a{i}, what: x, owner: bo-hanse, deadline: 2026-06-30}}\n" for i in range(count))
    return f"---\ndate: {date}\nagreements:\n{items}---\n"


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ".md:" in line]


def test_the_first_100_problems_of_a_file_get_a_hint_the_rest_the_plain_message(make_handbook):
    result = check(make_handbook({f"{ANNA_DIR}/2026-03-12.md": owners_record("2026-03-12", 500)}))
    assert result.exit_code == 1
    path = f"{ANNA_DIR}/2026-03-12.md"
    assert problem_lines(result.output) == [
        f"{path}:{4 + i}: {HINT if i < 100 else PLAIN}" for i in range(500)
    ]
    assert "500 errors" in result.output


def test_a_check_looks_for_at_most_1000_hints(make_handbook):
    dates = [f"2026-01-{day:02d}" for day in range(1, 13)]  # 12 records of 100 problems each
    result = check(make_handbook({f"{ANNA_DIR}/{d}.md": owners_record(d, 100) for d in dates}))
    assert result.exit_code == 1
    expected = [
        f"{ANNA_DIR}/{d}.md:{4 + i}: {HINT if n * 100 + i < 1000 else PLAIN}"
        for n, d in enumerate(dates)
        for i in range(100)
    ]
    assert problem_lines(result.output) == expected


def _many_people(count: int) -> dict[str, str]:
    return {
        f"content/people/person-{i:03d}/index.md": f'---\nname: "Person {i}"\n---\n' for i in range(count)
    }


TYPOS = {
    "bo-hanse": "one letter left out",
    "bo-hannsen": "one letter added",
    "bo-hamsen": "one letter changed",
    "bo-hnasen": "two letters swapped",
}


def _typo_record() -> str:
    items = "".join(
        f"  - id: a{i}\n    what: x\n    owner: {typo}\n    deadline: 2026-06-30\n"
        for i, typo in enumerate([*TYPOS, "hansen"])
    )
    return f"---\ndate: 2026-03-12\nmanager: bo-hanse\nagreements:\n{items}---\n"


def test_in_a_large_handbook_hints_come_from_the_ids_one_letter_away(make_handbook):
    files = {**_many_people(150), f"{ANNA_DIR}/2026-03-12.md": _typo_record()}
    result = check(make_handbook(files))
    path = f"{ANNA_DIR}/2026-03-12.md"
    not_a_person = "is not a person, role, employee or manager"
    assert problem_lines(result.output) == [
        f"{path}:3: manager 'bo-hanse' is not a known person; did you mean 'bo-hansen'?",
        *(
            f"{path}:{7 + 4 * i}: owner '{typo}' {not_a_person}; did you mean 'bo-hansen'?"
            for i, typo in enumerate(TYPOS)
        ),
        # Close enough for a small handbook (below), but more than one letter away.
        f"{path}:23: owner 'hansen' {not_a_person}; write employee, manager, a role (hr, it) or a person id",
    ]


def test_in_a_small_handbook_every_id_is_compared(make_handbook):
    result = check(make_handbook({f"{ANNA_DIR}/2026-03-12.md": _typo_record()}))
    assert (
        f"{ANNA_DIR}/2026-03-12.md:23: owner 'hansen' is not a person, role, employee or manager; did you mean 'bo-hansen'?"
        in result.output
    )
