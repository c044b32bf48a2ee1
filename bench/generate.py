"""Write a synthetic MUS handbook of realistic Danish size and shape, for benchmarks.

    python bench/generate.py OUT_DIR --people N --records R [--seed S] [--access]

The same arguments always give the same files. Every file follows the record
format, so `mus check -f OUT_DIR/mkdocs.yml --today 2026-11-26` reports no
problems. The data is anchored to that day: no record, done_on or
left date that would need a later `--today`. Every person has an e-mail; `--access` adds
access rules (`extra: mus: access:`) with one HR person, as `mus nginx` needs them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 26)
# A folder holding this file was written by this script and may be overwritten.
MARKER = ".bench-handbook"

FEMALE = "Anna Mette Camilla Line Ida Birgitte Sofie Maria Karen Louise Charlotte Julie Emma Laura Hanne Lene Susanne Tina Pia Rikke Signe Maja Freja Astrid Cecilie Helle Dorte Kirsten Trine Nanna Mathilde Josefine Stine Marianne Gitte Bodil Inge Lone Heidi Malene".split()
MALE = "Anders Henrik Jens Kasper Emil Mads Rasmus Søren Lars Peter Michael Thomas Martin Jesper Morten Niels Christian Jakob Frederik Mikkel Jonas Oliver Magnus William Lasse Kim Steen Bo Torben Ole Bent Poul Claus Jan Carsten René Nikolaj Simon Anton Villads".split()
LAST = "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen Mikkelsen Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm Clausen Simonsen Svendsen Andreasen Iversen Jeppesen Mogensen Vestergaard Nissen Lauridsen Kjær Jepsen Skov Østergaard Dahl Bach Brøndum Friis Kofoed Aabye".split()
MIDDLE = "Høj Bruun Kjærgaard Dalgaard Juul Krogh Brandt Lykke Bech Gade Ærø Winther".split()

# Department base names with job titles; beyond these, bases are combined with towns.
BASES: list[tuple[str, list[str]]] = [
    ("Økonomi og administration", ["Bogholder", "Controller", "Lønadministrator", "Regnskabsassistent"]),
    ("Salg og marked", ["Salgskonsulent", "Key account manager", "Marketingkoordinator"]),
    ("Udvikling", ["Elektronikingeniør", "Firmwareudvikler", "Produktdesigner", "Testtekniker"]),
    ("Kundeservice", ["Kundeservicemedarbejder", "Supporter", "Reklamationsmedarbejder"]),
    ("Lager og logistik", ["Lagermedarbejder", "Logistikkoordinator", "Chauffør", "Disponent"]),
    ("Produktion", ["Operatør", "Montør", "Procestekniker", "Værkfører"]),
    ("Indkøb", ["Indkøber", "Indkøbsassistent", "Leverandørkoordinator"]),
    ("Kvalitet og miljø", ["Kvalitetsingeniør", "Miljøkoordinator", "Kvalitetstekniker"]),
    ("IT og digitalisering", ["IT-supporter", "Systemadministrator", "Dataanalytiker"]),
    ("HR og personale", ["HR-konsulent", "HR-partner", "Rekrutteringskonsulent"]),
    ("Kommunikation", ["Kommunikationskonsulent", "Grafiker", "Webredaktør"]),
    ("Projektkontoret", ["Projektleder", "Projektkoordinator", "Planlægger"]),
]
TOWNS = "Aarhus Odense Aalborg Esbjerg Vejle Kolding Horsens Randers Viborg Silkeborg Herning Roskilde Næstved Køge Holbæk Slagelse Svendborg Sønderborg Hillerød Helsingør Frederikshavn Hjørring Fredericia Holstebro Skive Thisted Haderslev Aabenraa Ringsted Nyborg Middelfart Grenaa Ebeltoft Ribe Tønder Varde Ikast Brande Hobro Nakskov".split()

SLOTS: dict[str, list[str]] = {
    "opgave": [
        "kundehenvendelserne",
        "månedsafslutningen",
        "tilbudsgivningen",
        "planlægningen af leverancerne",
        "kvalitetskontrollen",
        "indkøbsaftalerne",
        "dokumentationen",
        "rapporteringen til ledelsen",
        "introduktionen af nye kolleger",
        "opfølgningen på reklamationer",
        "budgetopfølgningen",
    ],
    "system": [
        "økonomisystemet",
        "lagersystemet",
        "CRM-systemet",
        "planlægningsværktøjet",
        "intranettet",
        "sagsbehandlingssystemet",
    ],
    "emne": [
        "projektledelse",
        "avanceret Excel",
        "kommunikation og formidling",
        "LEAN og forbedringsarbejde",
        "arbejdsmiljø",
        "forhandlingsteknik",
        "informationssikkerhed",
        "Power BI og datavisualisering",
        "faglig ledelse",
        "engelsk på forretningsniveau",
        "konflikthåndtering",
    ],
    "udbyder": [
        "Teknologisk Institut",
        "Erhvervsakademiet",
        "AOF",
        "Niels Brock",
        "DI",
        "en lokal AMU-skole",
    ],
}

# Clauses in subordinate word order, to follow an opener ending in "at".
TOPICS: dict[str, list[str]] = {
    "Kompetencer og brugen af dem": [
        "{p} bruger sine faglige kompetencer fuldt ud i det daglige arbejde med {opgave}",
        "kollegerne ofte spørger {obj} til råds, når der opstår problemer med {system}",
        "{p} har en solid erfaring fra tidligere job, som vi ikke udnytter godt nok i dag",
        "{p} er blevet meget sikker i {opgave} i løbet af det seneste år",
        "{p} gerne vil bruge sin erfaring med {opgave} i flere af afdelingens projekter",
        "{p} har overblik og ro, også når der er travlt op til de store deadlines",
        "{p} kunne løfte flere af de tunge opgaver, hvis der blev tid til lidt mere fordybelse",
        "{p} har et godt blik for, hvor vores arbejdsgange kan gøres enklere",
        "{p} mestrer {system} bedre end de fleste og gerne deler ud af sin viden",
        "{p} er god til at forklare svære ting for kunder og nye kolleger",
    ],
    "Læring og udvikling": [
        "{p} gerne vil lære mere om {emne} og allerede har fundet et relevant kursus",
        "sidemandsoplæring med en erfaren kollega har virket bedre end de kurser, {p} har været på",
        "{p} på længere sigt gerne vil tage en efteruddannelse på akademiniveau",
        "der er afsat budget til et kursus i {emne} i det kommende år",
        "{p} lærer bedst ved at prøve tingene af i praksis sammen med andre",
        "{p} gerne vil være med i arbejdsgruppen om {emne} for at lære nye arbejdsgange",
        "et par dage med en kollega i en anden afdeling ville give {obj} et bedre overblik",
        "{p} har fået meget ud af at deltage i netværksmøderne om {emne}",
        "de nye opgaver med {opgave} har været en god måde at lære på",
    ],
    "Motivation og arbejdsopgaver": [
        "{p} bliver motiveret af at få ansvar for egne opgaver fra start til slut",
        "de mange små afbrydelser i løbet af dagen tager energi fra de større opgaver",
        "{p} gerne vil have mere kontakt med kunderne og lidt mindre administration",
        "{p} synes, at opgaverne med {opgave} er de mest meningsfulde",
        "fordelingen af opgaver i teamet kan blive mere retfærdig, hvis vi planlægger ugen sammen",
        "{p} savner at se resultatet af sit arbejde, når projekterne bliver afsluttet",
        "det giver energi, når {p} kan se, at arbejdet gør en forskel for kunderne",
        "{p} gerne vil prøve kræfter med en mere koordinerende rolle i teamet",
        "de gentagne opgaver med {opgave} fylder for meget i kalenderen",
    ],
    "Trivsel og balance": [
        "{p} trives i teamet og har en god balance mellem arbejde og fritid",
        "perioderne med travlhed omkring månedsskiftet er hårde, men til at holde ud",
        "{p} sætter stor pris på at kunne arbejde hjemme en dag om ugen",
        "støjen i det åbne kontorlandskab gør det svært at koncentrere sig om de svære opgaver",
        "{p} har haft en travl periode, men at det er blevet bedre efter sommerferien",
        "den fleksible arbejdstid gør det lettere at få hverdagen med familien til at hænge sammen",
        "{p} er blevet bedre til at sige fra, når der kommer for mange opgaver på én gang",
        "det sociale fællesskab i afdelingen betyder meget for {obj}",
        "de lange køreture til kunderne tager hårdt på kræfterne i de travle måneder",
    ],
    "Samarbejde": [
        "samarbejdet med kollegerne i {afdeling} fungerer godt, og at tonen er god",
        "overleveringen af opgaver mellem teamene kan blive bedre, især når nogen er på ferie",
        "{p} gerne vil have mere sparring med mig om prioriteringen af opgaverne",
        "de faste tavlemøder om mandagen giver et godt overblik over ugens opgaver",
        "{p} ofte hjælper nye kolleger godt i gang og gerne vil gøre det mere formelt",
        "informationen fra ledelsen kommer for sent ud til medarbejderne på gulvet",
        "{p} gerne vil lære kollegerne i de andre afdelinger bedre at kende",
        "samarbejdet med leverandørerne er blevet bedre, siden vi fik faste kontaktpersoner",
        "uenighederne i teamet bliver taget op og løst på en ordentlig måde",
    ],
    "Egen vurdering af indsatsen": [
        "{p} er tilfreds med sin indsats, men gerne ville have nået mere med {opgave}",
        "året har budt på mange nye opgaver, som {p} har løst godt og selvstændigt",
        "{navns} indsats og engagement har gjort en tydelig forskel i afdelingen",
        "{p} har nået de mål, vi satte sidste år, og i flere tilfælde mere end det",
        "{p} har vist stort ansvar i en periode med mange udskiftninger i teamet",
        "{p} selv peger på planlægningen af egne opgaver som det, der kan blive bedre",
    ],
}
FOLLOW_UP_TOPIC = (
    "Opfølgning på sidste MUS",
    [
        "de fleste af aftalerne fra sidste år er gennemført som planlagt",
        "en enkelt aftale ikke blev til noget, fordi der kom andre opgaver i vejen",
        "kurset har givet {obj} nye redskaber, som {p} allerede bruger i hverdagen",
        "vi skal være bedre til at følge op på aftalerne løbende i løbet af året",
        "aftalerne fra sidste samtale har været et godt udgangspunkt for årets arbejde",
        "vi burde have justeret et par af aftalerne undervejs, da opgaverne ændrede sig",
    ],
)
OPENERS = [
    "{Navn} fortæller, at",
    "Vi talte om, at",
    "Det kom frem under samtalen, at",
    "Jeg har lagt mærke til, at",
    "{P} siger selv, at",
    "Vi er enige om, at",
    "Det er tydeligt, at",
    "{P} nævner, at",
    "Vi kom ind på, at",
    "Jeg oplever, at",
]
CLOSERS = [
    "",
    "",
    "",
    ", og det vil vi bygge videre på",
    ", og det tager vi op på de månedlige møder",
    ", men det kræver, at der bliver ryddet op i de faste opgaver",
    ", så det følger vi op på i foråret",
    ", hvilket også kan ses i resultaterne",
    ", og det kan hele afdelingen lære af",
]

# Agreements by owner kind: (id, what). {navn} is the employee's first name.
AGREEMENTS: dict[str, list[tuple[str, str]]] = {
    "employee": [
        ("kursus", "Tager kurset i {emne} hos {udbyder} og deler det vigtigste med teamet"),
        ("vejledning", "Skriver en kort vejledning til {opgave}, så andre kan tage over ved fravær"),
        ("sidemandsoplaering", "Følger en erfaren kollega i to uger for at lære arbejdsgangene i {opgave}"),
        ("forbedringer", "Kommer med tre konkrete forslag til, hvordan vi kan forenkle {opgave}"),
        ("mentor", "Er mentor for den nye kollega i teamet i de første tre måneder efter ansættelsen"),
        ("oplaeg", "Fortæller om erfaringerne med {opgave} på et af de kommende afdelingsmøder"),
    ],
    "manager": [
        ("budget", "Finder budget til et kursus i {emne} inden for afdelingens uddannelsespulje"),
        ("opgavefordeling", "Flytter en del af de faste opgaver med {opgave} til en anden i teamet"),
        ("sparring", "Holder en kort sparringssamtale med {navn} hver måned om prioriteringen"),
        ("loensamtale", "Holder lønsamtale med {navn} om de nye opgaver og det større ansvar"),
        ("arbejdsgruppe", "Sørger for, at {navn} kommer med i arbejdsgruppen om {emne} fra næste kvartal"),
    ],
    "hr": [
        ("tilskud", "Undersøger tilskud til efteruddannelse i {emne} fra kompetencefonden"),
        ("seniorsamtale", "Holder en samtale med {navn} om mulighederne for nedsat tid og seniorordning"),
        ("arbejdsmiljoe", "Gennemgår arbejdspladsen med arbejdsmiljørepræsentanten og følger op på støjen"),
    ],
    "it": [
        ("skaerm", "Sætter en ekstra skærm og et hæve-sænkebord op på {navns} arbejdsplads"),
        ("fjernadgang", "Giver {navn} adgang til {system} hjemmefra via den sikre VPN-forbindelse"),
        ("licens", "Bestiller en licens til Power BI og hjælper {navn} i gang med de første rapporter"),
    ],
    "person": [
        ("oplaering", "Oplærer {navn} i {opgave}, så der altid er to, der kan klare opgaven"),
        ("overlevering", "Laver en plan for overlevering af {opgave} til {navn} inden sommerferien"),
    ],
}
OWNER_WEIGHTS = {"employee": 55, "manager": 25, "hr": 7, "it": 7, "person": 6}
EVALUATIONS = {
    "done": [
        "Aftalen er gennemført som planlagt, og {p} har allerede fået god gavn af den i hverdagen.",
        "Det gik godt. Opgaven blev løst før tid, og kollegerne har taget godt imod resultatet.",
        "Gennemført. Det tog længere tid end ventet, men resultatet er blevet bedre, end vi havde håbet.",
    ],
    "dropped": [
        "Vi droppede aftalen i løbet af året, fordi afdelingens prioriteringer ændrede sig.",
        "Aftalen blev opgivet, da kurset blev aflyst, og der ikke var et andet hold, der passede.",
    ],
    "open": [
        "Det blev ikke til noget endnu, fordi der kom for mange andre opgaver i vejen.",
        "Aftalen er kun delvist gennemført; den sidste del mangler stadig at blive gjort færdig.",
    ],
}
EVALUATION_TAILS = [
    "{P} vil gerne bruge erfaringerne i det videre arbejde i teamet.",
    "Det har gjort hverdagen lettere for hele teamet, især i de travle perioder.",
    "Vi tager det op igen, hvis behovet viser sig i løbet af det kommende år.",
    "Erfaringerne deler vi med resten af afdelingen på næste personalemøde.",
]
# Private notes use words the public text never does, so a leak would be found.
PRIVATE = [
    "{Navn} fortalte i fortrolighed om sygdom i den nærmeste familie.",
    "Fortroligt: {navn} overvejer at søge stilling i en anden virksomhed.",
    "{Navn} har nævnt søvnproblemer og er henvist til bedriftssundhedstjenesten.",
]
NOTES = [
    "Aftalt efter samtalen med HR",
    "Afhænger af budgettet for næste år",
    "Skal ses i sammenhæng med projektet",
]


@dataclass
class Person:
    id: str
    first: str
    name: str
    female: bool
    department: str
    title: str
    manager: str | None = None
    kind: str = "employee"  # director, head, lead or employee
    started: dt.date | None = None
    left: dt.date | None = None
    record_dates: list[dt.date] = field(default_factory=list)


def slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "é": "e"})
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def possessive(name: str) -> str:
    return name + ("'" if name[-1] in "sxz" else "s")


def days(rng: random.Random, lo: int, hi: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(lo, hi))


def departments(count: int) -> list[tuple[str, list[str]]]:
    if count <= len(BASES):
        return BASES[:count]
    return [(f"{base} {town}", titles) for town in TOWNS for base, titles in BASES][:count]


def make_people(rng: random.Random, n: int, records: int) -> list[Person]:
    used: set[str] = set()

    def new_person(department: str, title: str) -> Person:
        female = rng.random() < 0.5
        first = rng.choice(FEMALE if female else MALE)
        middle = [rng.choice(MIDDLE)] if rng.random() < 0.25 else []
        name = " ".join([first, *middle, rng.choice(LAST)])
        pid, k = slug(name), 2
        while pid in used:
            pid, k = f"{slug(name)}-{k}", k + 1
        used.add(pid)
        return Person(pid, first, name, female, department, title)

    director = new_person("Direktion", "Administrerende direktør")
    director.kind = "director"
    people = [director]
    depts = departments(max(1, round(n / 25)))
    for i in range(n - 1):  # spread everyone else evenly over the departments
        name, titles = depts[i % len(depts)]
        people.append(new_person(name, rng.choice(titles)))
    # Within a department: the first is its head, then one team lead per eight employees.
    for name, _ in depts:
        members = [p for p in people[1:] if p.department == name]
        if not members:
            continue
        head, rest = members[0], members[1:]
        head.kind, head.title, head.manager = "head", "Afdelingsleder", director.id
        leads = rest[::9] if len(rest) >= 6 else []
        for lead in leads:
            lead.kind, lead.title, lead.manager = "lead", "Teamleder", head.id
        staff = [p for p in rest if p.kind == "employee"]
        for i, person in enumerate(staff):
            person.manager = leads[i % len(leads)].id if leads else head.id
    for person in people:
        plan_dates(rng, person, records)
    return people


def plan_dates(rng: random.Random, person: Person, records: int) -> None:
    roll = rng.random()
    if records == 0 or person.kind == "employee" and roll < 0.01:  # a newcomer, no MUS yet
        person.started = TODAY - days(rng, 20, 170)
        return
    last = dt.date(2025, 9, 1) + days(rng, 0, (dt.date(2026, 11, 20) - dt.date(2025, 9, 1)).days)
    person.record_dates = [
        last - dt.timedelta(days=365 * k) + days(rng, -20, 0) if k else last for k in reversed(range(records))
    ]
    person.started = person.record_dates[0] - days(rng, 120, 365 * 15)
    if person.kind == "employee" and roll > 0.98:  # has left, or is leaving soon
        person.left = last + days(rng, 20, 240)


def sentence(rng: random.Random, clause: str, ctx: dict[str, str]) -> str:
    text = f"{rng.choice(OPENERS)} {clause}{rng.choice(CLOSERS)}."
    return fill(rng, text, ctx)


def fill(rng: random.Random, text: str, ctx: dict[str, str]) -> str:
    values = dict(ctx, **{k: rng.choice(v) for k, v in SLOTS.items()})
    return text.format(**values)


def agreement_text(rng: random.Random, kind: str, ctx: dict[str, str]) -> tuple[str, str]:
    key, template = rng.choice(AGREEMENTS[kind])
    return key, fill(rng, template, ctx)


def write_record(
    rng: random.Random,
    folder: Path,
    person: Person,
    people: dict[str, Person],
    teammates: list[str],
    index: int,
    previous: list[dict] | None,
) -> list[dict]:
    """Write one record; return its agreements for the next record's follow-ups."""
    date = person.record_dates[index]
    last_record = index == len(person.record_dates) - 1
    p = "hun" if person.female else "han"
    ctx = {
        "p": p,
        "P": p.capitalize(),
        "obj": "hende" if person.female else "ham",
        "navn": person.first,
        "Navn": person.first,
        "navns": possessive(person.first),
        "afdeling": person.department,
    }
    held_by = person.manager
    lines = ["---", f"date: {date}"]
    boss = people[person.manager] if person.manager else None
    if boss and boss.manager and rng.random() < 0.05:  # held by the manager's manager this year
        held_by = boss.manager
        lines.append(f"manager: {held_by}")
    colleagues = teammates or [pid for pid in (held_by, boss.manager if boss else None) if pid]

    agreements: list[dict] = []
    carried = [a for a in previous or [] if a["status"] == "open" and rng.random() < 0.6]
    for old in carried[:3]:
        agreements.append(
            {
                "id": old["id"],
                "what": old["what"],
                "owner": old["owner"],
                "continues": f"{old['date']}/{old['id']}",
            }
        )
    wanted = rng.randint(3, 5)
    while len(agreements) < wanted:
        kind = rng.choices(list(OWNER_WEIGHTS), weights=list(OWNER_WEIGHTS.values()))[0]
        if kind == "manager" and not held_by or kind == "person" and not colleagues:
            kind = "employee"
        key, what = agreement_text(rng, kind, ctx)
        owner = rng.choice(colleagues) if kind == "person" else kind
        agreements.append({"id": key, "what": what, "owner": owner})
    seen: set[str] = set()
    for a in agreements:
        base, k = a["id"], 2
        while a["id"] in seen:
            a["id"], k = f"{base}-{k}", k + 1
        seen.add(a["id"])
        a["date"] = date
        a["deadline"] = date + days(rng, 60, 300)
        earliest, latest = date + dt.timedelta(days=14), min(a["deadline"] + dt.timedelta(days=45), TODAY)
        roll = rng.random()
        if earliest <= latest and roll < (0.35 if last_record else 0.75):
            a["status"], a["done_on"] = "done", earliest + days(rng, 0, (latest - earliest).days)
        elif roll > 0.9:
            a["status"] = "dropped"
        else:
            a["status"] = "open"

    lines.append("agreements:")
    for a in agreements:
        lines += [
            f"  - id: {a['id']}",
            f"    what: {q(a['what'])}",
            f"    owner: {a['owner']}",
            f"    deadline: {a['deadline']}",
            f"    status: {a['status']}",
        ]
        if "done_on" in a:
            lines.append(f"    done_on: {a['done_on']}")
        if "continues" in a:
            lines.append(f"    continues: {a['continues']}")
        if rng.random() < 0.05:
            lines.append(f"    note: {q(rng.choice(NOTES))}")
    if previous:
        lines.append("follow_up:")
        for old in previous:
            text = fill(rng, rng.choice(EVALUATIONS[old["status"]]) + " " + rng.choice(EVALUATION_TAILS), ctx)
            lines += [f"  - agreement: {old['date']}/{old['id']}", f"    evaluation: {q(text)}"]
    if rng.random() < 0.1:
        lines.append(f"next_mus: {date + days(rng, 170, 400)}")
    if rng.random() < 0.02:
        lines.append(f"private: {q(fill(rng, rng.choice(PRIVATE), ctx))}")
    lines.append("---")
    lines += body(rng, person, people, ctx, agreements, bool(previous))
    (folder / f"{date}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return agreements


def body(
    rng: random.Random,
    person: Person,
    people: dict[str, Person],
    ctx: dict[str, str],
    agreements: list[dict],
    follows: bool,
) -> list[str]:
    """3-5 sections of one paragraph each, about 300-500 words in all."""
    topics = rng.sample(list(TOPICS.items()), rng.randint(2, 4) - follows)
    if follows:
        topics.insert(0, FOLLOW_UP_TOPIC)
    subjects = {"employee": person.first, "manager": "Jeg", "hr": "HR", "it": "IT-support"}
    closing = [
        f"{subjects.get(a['owner']) or people[a['owner']].first} {a['what'][0].lower()}{a['what'][1:]}."
        for a in agreements
    ]
    paragraphs: list[list[str]] = [[] for _ in topics]
    unused = [rng.sample(clauses, len(clauses)) for _, clauses in topics]  # no clause twice
    target = rng.randint(280, 470) - sum(len(s.split()) for s in closing)
    words, i = 0, 0
    while words < target and any(unused):  # fill the sections in turn until long enough
        if unused[i % len(topics)]:
            text = sentence(rng, unused[i % len(topics)].pop(), ctx)
            paragraphs[i % len(topics)].append(text)
            words += len(text.split())
        i += 1
    out: list[str] = []
    for (heading, _), sentences in zip(topics, paragraphs, strict=True):
        out += ["", f"## {heading}", "", " ".join(sentences)]
    out += ["", "## Nye aftaler", "", " ".join(closing)]
    if rng.random() < 0.02:
        out += ["", "<!-- private -->", fill(rng, rng.choice(PRIVATE), ctx), "<!-- /private -->"]
    return out


def write_person(rng: random.Random, folder: Path, person: Person) -> None:
    lines = [
        "---",
        f"name: {q(person.name)}",
        f"title: {q(person.title)}",
        f"department: {q(person.department)}",
    ]
    if person.manager:
        lines.append(f"manager: {person.manager}")
    lines += [f"email: {q(person.id.replace('-', '.') + '@fjordlys.dk')}", f"started: {person.started}"]
    if person.left:
        lines.append(f"left: {person.left}")
    lines.append("---")
    if rng.random() < 0.4:
        lines += ["", f"{person.first} arbejder med {rng.choice(SLOTS['opgave'])} i {person.department}."]
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_config(out: Path, n: int, hr: str | None = None) -> None:
    """mkdocs.yml from the repository's, without a nav, with the role `it` the owners use,
    and with `hr`, access rules naming that person as HR."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if hr is not None:
        text, found = re.subn(r"(?m)^  mus:\n", f"  mus:\n    access:\n      hr: [{hr}]\n", text)
        if found != 1:
            sys.exit("mkdocs.yml no longer has 'extra: mus:' indented by two spaces; adapt generate.py")
    text = re.sub(r"(?ms)^nav:.*?(?=^\S|\Z)", "", text)
    text = re.sub(r"(?m)^site_name:.*$", f"site_name: Syntetisk MUS-håndbog ({n} personer)", text)
    if not re.search(r"(?m)^\s+it: IT-support\s*$", text):
        sys.exit(
            "mkdocs.yml no longer has the role 'it: IT-support' under extra: mus: roles:; adapt generate.py"
        )
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")


def generate(out: Path, n: int, records: int, seed: int, access: bool = False) -> int:
    """Write the handbook into `out`; return the number of records written."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            sys.exit(f"{out} is not empty and was not written by generate.py; choose another folder")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    people = make_people(rng, n, records)
    by_id = {p.id: p for p in people}
    teams: dict[str | None, list[str]] = {}
    for person in people:
        teams.setdefault(person.manager, []).append(person.id)
    count = 0
    for person in people:
        folder = out / "content" / "people" / person.id
        write_person(rng, folder, person)
        # A few teammates, for agreements owned by a colleague (oplæring, overlevering).
        teammates = [pid for pid in teams[person.manager] if pid != person.id][:6]
        previous = None
        for index in range(len(person.record_dates)):
            previous = write_record(rng, folder, person, by_id, teammates, index, previous)
            count += 1
    # HR: the first person of the HR department, or the director in a handbook too small for one.
    hr = next((p.id for p in people if p.department.startswith("HR og personale")), people[0].id)
    write_config(out, n, hr if access else None)
    shutil.copytree(REPO / "guides", out / "guides")
    (out / MARKER).write_text(f"people={n} records={records} seed={seed} access={access}\n", encoding="utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the handbook into")
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--records", type=int, required=True, help="records per person")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--access", action="store_true", help="add access rules with one HR person")
    args = parser.parse_args()
    if args.people < 1 or args.records < 0:
        parser.error("--people must be at least 1 and --records at least 0")
    count = generate(args.out, args.people, args.records, args.seed, args.access)
    print(f"{args.out}: {args.people} people, {count} records")


if __name__ == "__main__":
    main()
