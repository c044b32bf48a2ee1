"""The MUS round: the figures of the example handbook on a fixed day, exactly, as data and
as `mus round` prints them; and each figure's rule at its edges."""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.cli import main
from mus_build.model.derive import Derived
from mus_build.model.round import FIGURES, Figures, Round, managed, round_figures

from .conftest import TODAY, run, set_language

REPO = Path(__file__).parent.parent

# The example handbook on 26 November 2026, row by row: people, MUS held within the
# interval, held in 2026, due or never held, awaiting sign-off, open agreements, overdue
# agreements, with a current development agreement, and that share in per cent.
# Rasmus Kofoed (Salg og marked, Camilla's) left in 2025 and is counted nowhere; Ida
# Skov started in September and has had no MUS yet; Mette Kjærgaard has no manager and
# no MUS. Two records of the example await a sign-off.
DEPARTMENTS = {
    "Direktion": (1, 0, 0, 1, 0, 0, 0, 0, 0),
    "Salg og marked": (4, 2, 2, 2, 0, 6, 1, 2, 50),
    "Udvikling": (5, 4, 4, 1, 2, 10, 2, 4, 80),
    "Økonomi og administration": (4, 3, 3, 1, 0, 4, 2, 3, 75),
}
MANAGERS = {
    "camilla-broendum": (3, 1, 1, 2, 0, 4, 1, 1, 33),
    "henrik-friis": (3, 2, 2, 1, 0, 2, 1, 2, 67),
    "jens-oestergaard": (4, 3, 3, 1, 2, 8, 2, 3, 75),
    "mette-kjaergaard": (3, 3, 3, 0, 0, 6, 1, 3, 100),
    None: (1, 0, 0, 1, 0, 0, 0, 0, 0),
}
TOTAL = (14, 9, 9, 5, 2, 20, 5, 9, 64)
NAMES = {
    "camilla-broendum": "Camilla Brøndum",
    "henrik-friis": "Henrik Friis",
    "jens-oestergaard": "Jens Østergaard",
    "mette-kjaergaard": "Mette Kjærgaard",
}
KEYS = [*FIGURES, "current_agreement_percent"]


def example_round(today=TODAY) -> Round:
    config, problems = load_config(REPO / "mkdocs.yml")
    sources = load_sources(config, today)
    assert problems + [p for p in sources.problems if p.severity == "error"] == []
    return round_figures(Derived(sources.handbook, config.settings, today))


def figures_of(figures) -> tuple:
    return (*(figures.count(f) for f in FIGURES), figures.current_percent)


def test_the_example_round_exactly():
    found = example_round()
    assert {row.key: figures_of(row.figures) for row in found.departments} == DEPARTMENTS
    assert [row.key for row in found.departments] == list(DEPARTMENTS)
    assert {row.key: figures_of(row.figures) for row in found.managers} == MANAGERS
    assert [row.key for row in found.managers] == list(MANAGERS)
    assert figures_of(found.total) == TOTAL


def test_the_example_round_people_behind_the_figures():
    found = example_round()
    sales = next(row.figures for row in found.departments if row.key == "Salg og marked")
    behind = {f: [p.person.id for p in sales.behind(f)] for f in FIGURES}
    assert behind == {
        "people": ["anders-vestergaard", "camilla-broendum", "ida-skov", "sofie-lund"],
        "held_within_interval": ["anders-vestergaard", "camilla-broendum"],
        "held_this_year": ["anders-vestergaard", "camilla-broendum"],
        "due_or_never": ["ida-skov", "sofie-lund"],
        "awaiting_sign_off": [],
        "open_agreements": ["anders-vestergaard", "camilla-broendum", "sofie-lund"],
        "overdue_agreements": ["anders-vestergaard"],
        "current_agreement": ["anders-vestergaard", "camilla-broendum"],
    }


def mus_round(*args: str):
    return CliRunner().invoke(
        main, ["round", "-f", str(REPO / "mkdocs.yml"), "--today", TODAY.isoformat(), *args]
    )


def test_mus_round_json_exactly():
    result = mus_round("--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["today", "year", "interval_months", "departments", "managers", "total"]
    assert (data["today"], data["year"], data["interval_months"]) == ("2026-11-26", 2026, 12)
    assert data["departments"] == [
        {"department": name, **dict(zip(KEYS, values, strict=True))} for name, values in DEPARTMENTS.items()
    ]
    assert data["managers"] == [
        {"manager": key, "name": NAMES.get(key or ""), **dict(zip(KEYS, values, strict=True))}
        for key, values in MANAGERS.items()
    ]
    assert data["total"] == dict(zip(KEYS, TOTAL, strict=True))


CSV_HEADER = [
    "Opdeling",
    "Navn",
    "Medarbejdere",
    "MUS inden for intervallet",
    "Holdt i 2026",
    "Mangler MUS",
    "Afventer godkendelse",
    "Åbne aftaler",
    "Overskredne aftaler",
    "Aktuel udviklingsaftale",
    "Andel med aktuel udviklingsaftale (%)",
]


def test_mus_round_csv_opens_in_danish_excel_exactly():
    result = mus_round("--format", "csv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert (
        data.startswith(b"\xef\xbb\xbf")
        and data.endswith(b"\r\n")
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    expected = [CSV_HEADER]
    expected += [["Afdeling", name, *map(str, values)] for name, values in DEPARTMENTS.items()]
    expected += [
        ["Leder", NAMES.get(key or "", "Uden leder"), *map(str, values)] for key, values in MANAGERS.items()
    ]
    expected += [["I alt", "", *map(str, TOTAL)]]
    assert [[cell.replace("\r", "") for cell in row] for row in rows] == expected


def table_rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("| ")
    ]


def test_mus_round_table_exactly():
    result = mus_round()
    assert result.exit_code == 0, result.output
    assert result.output.startswith("## Pr. afdeling\n\n| Afdeling ")
    assert "\n\n## Pr. leder\n\n| Leder " in result.output
    percent = lambda values: [*map(str, values[:-1]), f"{values[-1]} %"]  # noqa: E731
    headers = CSV_HEADER[2:-1] + ["Andel med aktuel udviklingsaftale"]
    assert table_rows(result.output) == [
        ["Afdeling", *headers],
        *([name, *percent(values)] for name, values in DEPARTMENTS.items()),
        ["I alt", *percent(TOTAL)],
        ["Leder", *headers],
        *([NAMES.get(key or "", "Uden leder"), *percent(values)] for key, values in MANAGERS.items()),
        ["I alt", *percent(TOTAL)],
    ]


def test_mus_round_speaks_english_in_an_english_handbook(small):
    set_language(small, "en")
    result = run(small, "round", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "## By department\n\n| Department | People | MUS within the interval | Held in 2026 |"
    )
    assert "| Total " in result.stdout and "| No manager " in result.stdout and "| 33% " in result.stdout
    # A handbook outside Git: awaiting sign-off is counted from the files, and mus says so aside.
    assert result.stderr.startswith("Sign-offs are shown as the files state them, without the Git history")
    data = run(small, "round", "--today", TODAY.isoformat(), "--format", "csv").stdout_bytes.decode(
        "utf-8-sig"
    )
    assert data.splitlines()[0].startswith("Grouped by;Name;People;")


# --- each rule at its edges, in a small handbook of its own -----------------------------

MKDOCS = "site_name: Runden\nextra:\n  mus:\n    interval_months: 12\n"


def person(
    name: str, department: str | None = None, manager: str | None = None, left: str | None = None
) -> str:
    lines = [f'name: "{name}"']
    lines += [f'department: "{department}"'] if department else []
    lines += [f"manager: {manager}"] if manager else []
    lines += [f"left: {left}"] if left else []
    return "---\n" + "\n".join(lines) + "\n---\n"


def record(day: str, *agreements: str, signed: tuple[str, ...] = (), next_mus: str | None = None) -> str:
    text = f"---\ndate: {day}\n"
    if next_mus:
        text += f"next_mus: {next_mus}\n"
    if agreements:
        text += "agreements:\n" + "".join(agreements)
    if signed:
        text += "signed_off:\n" + "".join(f"  - by: {who}\n    on: {day}\n" for who in signed)
    return text + "---\n"


def agreement(id_: str, deadline: str, status: str = "open", done_on: str | None = None) -> str:
    text = f'  - id: {id_}\n    what: "Noget"\n    owner: employee\n    deadline: {deadline}\n    status: {status}\n'
    return text + (f"    done_on: {done_on}\n" if done_on else "")


@pytest.fixture
def edge_round(tmp_path):
    made = iter(range(1000))

    def make(files: dict[str, str], today=TODAY) -> Round:
        root = tmp_path / f"runden-{next(made)}"  # a new handbook each time
        for rel, text in {"mkdocs.yml": MKDOCS, **files}.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        config, problems = load_config(root / "mkdocs.yml")
        sources = load_sources(config, today)
        assert problems + [p for p in sources.problems if p.severity == "error"] == []
        return round_figures(Derived(sources.handbook, config.settings, today))

    return make


def people(files: dict[str, str]) -> dict[str, str]:
    return {f"content/people/{key}": text for key, text in files.items()}


def test_who_has_left_is_not_counted_anywhere(edge_round):
    found = edge_round(
        people(
            {
                "boss/index.md": person("Boss", "Salg"),
                "gone/index.md": person("Gone", "Salg", "boss", left="2026-06-30"),
                "gone/2026-03-01.md": record("2026-03-01", agreement("a", "2026-01-02")),
                "leaving/index.md": person("Leaving", "Salg", "boss", left="2026-12-31"),
            }
        )
    )
    assert [p.person.id for p in found.total.people] == ["boss", "leaving"]  # leaving: not yet gone
    assert [row.key for row in found.managers] == ["boss", None]
    assert figures_of(found.total)[:1] == (2,)
    assert found.total.count("open_agreements") == 0


def test_a_person_with_no_mus_is_due_and_has_no_current_agreement(edge_round):
    found = edge_round(people({"new/index.md": person("New", "Salg")}))
    assert figures_of(found.total) == (1, 0, 0, 1, 0, 0, 0, 0, 0)


def test_a_record_awaits_sign_off_until_both_have_signed_the_latest(edge_round):
    found = edge_round(
        people(
            {
                "boss/index.md": person("Boss"),
                "both/index.md": person("Both", manager="boss"),
                "both/2026-02-01.md": record("2026-02-01", signed=("both", "boss")),
                "one/index.md": person("One", manager="boss"),
                "one/2026-02-01.md": record("2026-02-01", signed=("one",)),
                # An older record unsigned, the latest signed: the latest is what counts.
                "old/index.md": person("Old", manager="boss"),
                "old/2025-02-01.md": record("2025-02-01"),
                "old/2026-02-01.md": record("2026-02-01", signed=("old", "boss")),
                # Signed last year and not yet after New Year: still awaiting.
                "late/index.md": person("Late", manager="boss"),
                "late/2025-12-20.md": record("2025-12-20", signed=("boss",)),
            }
        )
    )
    awaiting = found.total.behind("awaiting_sign_off")
    assert [(p.person.id, p.missing_signers) for p in awaiting] == [("late", ("late",)), ("one", ("boss",))]


def test_groups_without_a_department_or_a_manager_have_rows_of_their_own(edge_round):
    found = edge_round(
        people(
            {
                "alone/index.md": person("Alone"),
                "alone/2026-02-01.md": record("2026-02-01"),
                "boss/index.md": person("Boss", "Salg"),
                "seller/index.md": person("Seller", "Salg", "boss"),
                "helper/index.md": person("Helper", None, "boss"),
            }
        )
    )
    assert [(row.key, row.figures.count("people")) for row in found.departments] == [("Salg", 2), (None, 2)]
    assert [(row.key, row.figures.count("people")) for row in found.managers] == [("boss", 2), (None, 2)]
    assert sum(row.figures.count("people") for row in found.departments) == found.total.count("people") == 4


def test_held_within_the_interval_and_this_year_at_their_edges(edge_round):
    found = edge_round(
        people(
            {
                "exactly/index.md": person("Exactly"),  # next MUS today: not due yet
                "exactly/2025-11-26.md": record("2025-11-26"),
                "day-late/index.md": person("Day late"),
                "day-late/2025-11-25.md": record("2025-11-25"),
                "planned/index.md": person("Planned"),  # next_mus planned beyond the interval
                "planned/2025-01-10.md": record("2025-01-10", next_mus="2026-12-01"),
                "january/index.md": person("January"),
                "january/2026-01-01.md": record("2026-01-01"),
            }
        )
    )
    ids = lambda figure: [p.person.id for p in found.total.behind(figure)]  # noqa: E731
    assert ids("held_within_interval") == ["exactly", "january", "planned"]
    assert ids("due_or_never") == ["day-late"]
    assert ids("held_this_year") == ["january"]


def test_a_current_development_agreement_is_done_or_running_from_a_mus_within_the_interval(edge_round):
    def one(*agreements: str, day: str = "2026-03-01") -> int:
        found = edge_round(people({"p/index.md": person("P"), f"p/{day}.md": record(day, *agreements)}))
        return found.total.count("current_agreement")

    assert one(agreement("running", "2027-01-01")) == 1
    assert one(agreement("due-soon", "2026-12-01")) == 1
    assert one(agreement("done", "2026-05-01", "done", "2026-04-01")) == 1
    assert one(agreement("overdue", "2026-11-25")) == 0
    assert one(agreement("dropped", "2027-01-01", "dropped")) == 0
    assert one() == 0  # a MUS without agreements
    assert one(agreement("old", "2027-01-01"), day="2025-11-25") == 0  # a MUS older than the interval
    assert one(agreement("edge", "2027-01-01"), day="2025-11-26") == 1  # exactly the interval ago


def test_the_share_is_rounded_half_up_in_whole_per_cent(edge_round):
    files = {"a/index.md": person("A"), "a/2026-03-01.md": record("2026-03-01", agreement("x", "2027-01-01"))}
    files |= {f"{n}/index.md": person(n.upper()) for n in ("b", "c", "d", "e", "f", "g", "h")}
    found = edge_round(people(files))  # 1 of 8: 12.5 %
    assert found.total.current_percent == 13
    assert Figures(()).current_percent is None  # nobody at all


def test_a_managers_round_covers_the_chain_or_the_direct_reports(edge_round):
    from mus_build.model.handbook import Handbook, Person

    tree = {"top": None, "mid": "top", "low": "mid", "side": "top"}
    handbook = Handbook({p: Person(p, p, "x", manager=m) for p, m in sorted(tree.items())}, {})
    assert managed(handbook) == {"mid": ["low"], "top": ["low", "mid", "side"]}
    assert managed(handbook, "direct") == {"mid": ["low"], "top": ["mid", "side"]}


# --- the pages -----------------------------------------------------------------------


@functools.cache
def example_pages(language: str = "da") -> dict[str, str]:
    import shutil
    import tempfile

    from mus_build.publish.build import staged_files

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "content", root / "content")
        settings = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(settings.replace("language: da ", f"language: {language} "), "utf-8")
        config, problems = load_config(root / "mkdocs.yml")
        assert problems == [] and config.settings.language == language
        sources = load_sources(config, TODAY)
        return {p: d.decode() for p, d in staged_files(config, sources, TODAY) if p.startswith("round/")}


def test_every_figure_leads_to_the_people_behind_it():
    import re

    pages = example_pages()
    assert sorted(pages) == [
        "round/camilla-broendum/index.md",
        "round/henrik-friis/index.md",
        "round/index.md",
        "round/jens-oestergaard/index.md",
        "round/mette-kjaergaard/index.md",
    ]
    for path, page in pages.items():
        links = re.findall(r'<a href="#([^"]+)">(\d+)</a>', page)
        lists = dict(re.findall(r'<p id="([^"]+)"><strong>[^<]*\((\d+)\):</strong>', page))
        assert links and {anchor for anchor, _ in links} == set(lists), path
        assert all(lists[anchor] == count for anchor, count in links), path
    everyone = pages["round/index.md"]
    line = next(line for line in everyone.splitlines() if 'id="d-salg-og-marked--due-or-never"' in line)
    assert (
        "Ida Skov</a> (ingen MUS endnu)" in line
        and "Sofie Lund</a> (skulle have været holdt 5. november 2026)" in line
    )
    assert "Rasmus Kofoed" not in everyone  # he has left


def test_a_managers_round_holds_only_their_people():
    pages = example_pages()
    henrik = pages["round/henrik-friis/index.md"]
    assert "# MUS-runden: Henrik Friis" in henrik
    for name in ("Anna Jensen", "Birgitte Sørensen", "Kasper Holm"):
        assert name in henrik
    for name in ("Camilla Brøndum", "Emil Dahl", "Mette Kjærgaard"):
        assert name not in henrik
    mette = pages["round/mette-kjaergaard/index.md"]  # the chain below her: all but herself
    assert 'href="../camilla-broendum/"' in mette and "Rasmus Kofoed" not in mette


def test_the_round_page_speaks_english():
    page = example_pages("en")["round/index.md"]
    for text in ("# The MUS round", "## By department", "## By manager", "## How the figures are counted"):
        assert f"\n{text}\n" in page
    assert "<th>Held in 2026</th>" in page and "<td>64%</td>" not in page and "<strong>64%</strong>" in page


def test_the_round_is_in_the_navigation_and_on_the_home_page():
    from mus_build.pages.generate import navigation

    config, _ = load_config(REPO / "mkdocs.yml")
    sources = load_sources(config, TODAY)
    assert {"MUS-runden": "round/index.md"} in (navigation(config, sources.guides, sources.topics) or [])
    from mus_build.publish.build import staged_files

    home = dict(staged_files(config, sources, TODAY))["index.md"].decode()
    assert '<a class="mus-figure" href="round/"><span class="mus-figure__count">9</span>' in home
