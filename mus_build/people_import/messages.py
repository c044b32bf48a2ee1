"""What the import says, in the handbook's language (Danish first).

The people who run an import work in HR: each message names what is wrong and what
to write instead, never a Python term."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "da": {
        "unreadable": "filen kan ikke læses ({reason}); gem den som CSV (semikolonsepareret) eller .xlsx",
        "kind": "kun .csv og .xlsx kan importeres; gem filen i et af de to formater",
        "empty": "filen er tom; den første række skal være overskrifterne, fx Navn;E-mail;Stilling",
        "no_column": "der er ingen kolonne med {what}; giv den en overskrift som {examples}, "
        "eller angiv den med --column {field}=OVERSKRIFT",
        "no_key_column": "der er hverken en kolonne med e-mail eller med medarbejdernummer; "
        "personerne kan ikke genkendes uden en af dem",
        "column_missing": "--column {field}={header}: filen har ingen kolonne med overskriften {header!r}; "
        "overskrifterne er: {headers}",
        "two_columns": "både kolonnen {first!r} og {second!r} kan være {what}; vælg én med --column {field}=OVERSKRIFT",
        "no_name": "navnet mangler; skriv medarbejderens fulde navn i kolonnen {header!r}",
        "no_key": "{name} har hverken e-mail eller medarbejdernummer; skriv mindst ét af dem, "
        "så næste import kan genkende personen",
        "bad_email": "{value!r} er ikke en e-mailadresse; skriv den som navn@firma.dk",
        "bad_date": "{value!r} i kolonnen {header!r} er ikke en dato; skriv den som dd-mm-åååå, fx 30-06-2026",
        "no_such_date": "{value!r} i kolonnen {header!r} er en dato, der ikke findes; ret dag og måned",
        "date_range": "{value!r} i kolonnen {header!r} ligger uden for de datoer, mus tager imod ({range})",
        "left_before_started": "fratrædelsesdatoen {left} ligger før ansættelsesdatoen {started}; ret en af dem",
        "duplicate_email": "e-mailen {value!r} står også i række {row}; hver person må kun stå én gang",
        "duplicate_number": "medarbejdernummeret {value!r} står også i række {row}; hver person må kun stå én gang",
        "two_people": "e-mailen hører til {by_email}, men medarbejdernummeret til {by_number}; "
        "ret e-mailen eller nummeret i filen",
        "same_person": "rækken er den samme person ({id}) som række {row}; hver person må kun stå én gang",
        "no_id": "der kan ikke laves et id af navnet {name!r}; skriv navnet med latinske bogstaver",
        "unknown_manager": "lederen {value!r} findes hverken i filen eller i håndbogen; skriv lederens e-mail, "
        "medarbejdernummer eller fulde navn, som det står i filen",
        "ambiguous_manager": "lederen {value!r} passer på både {first} og {second}; skriv lederens e-mail "
        "eller medarbejdernummer i stedet",
        "own_manager": "personen står som sin egen leder; skriv den nærmeste leder",
        "cycle": "lederkæden går i ring: {chain}; ret lederen i en af rækkerne",
        "mark_left_before_started": "kan ikke få left: {left}, fordi started er {started}; "
        "giv en senere dato med --mark-left, eller ret personen i hånden",
        # The report of what would change or has changed.
        "new": "ny       {id} (række {row}): {name}",
        "changed": "ændret   {id} (række {row}):",
        "field": "           {key}: {old} → {new}",
        "field_new": "           {key}: {new}",
        "missing": "mangler  {id}: {name} står ikke i filen{hint}",
        "missing_hint": "; --mark-left DATO giver left: DATO",
        "marked_left": "fratrådt {id}: {name} står ikke i filen; left: {left}",
        "summary": "Nye: {new}, ændrede: {changed}, uændrede: {same}, mangler i filen: {missing}.",
        "dry_run": "Intet er skrevet; kør igen med --write for at gemme ændringerne.",
        "written": "Skrev {files} filer under content/people/.",
        "nothing_written": "Intet er skrevet: ret filen, og kør importen igen.",
        "problems": "{count} problemer i {file}.",
    },
    "en": {
        "unreadable": "the file cannot be read ({reason}); save it as CSV or .xlsx",
        "kind": "only .csv and .xlsx files can be imported; save the file in one of them",
        "empty": "the file is empty; its first row must be the headers, e.g. Name,Email,Title",
        "no_column": "there is no column with {what}; give it a header such as {examples}, "
        "or name it with --column {field}=HEADER",
        "no_key_column": "there is no column with an email or an employee number; "
        "people cannot be recognised without one of them",
        "column_missing": "--column {field}={header}: the file has no column headed {header!r}; "
        "its headers are: {headers}",
        "two_columns": "both the column {first!r} and {second!r} can be {what}; choose one with --column {field}=HEADER",
        "no_name": "the name is missing; write the person's full name in the column {header!r}",
        "no_key": "{name} has neither an email nor an employee number; write at least one, "
        "so the next import recognises the person",
        "bad_email": "{value!r} is not an email address; write it as name@company.com",
        "bad_date": "{value!r} in the column {header!r} is not a date; write it as dd-mm-yyyy, e.g. 30-06-2026",
        "no_such_date": "{value!r} in the column {header!r} is a date that does not exist; check day and month",
        "date_range": "{value!r} in the column {header!r} is outside the dates mus accepts ({range})",
        "left_before_started": "the leaving date {left} is before the start date {started}; correct one of them",
        "duplicate_email": "the email {value!r} is also on row {row}; each person may appear only once",
        "duplicate_number": "the employee number {value!r} is also on row {row}; each person may appear only once",
        "two_people": "the email belongs to {by_email} but the employee number to {by_number}; "
        "correct the email or the number in the file",
        "same_person": "this row is the same person ({id}) as row {row}; each person may appear only once",
        "no_id": "no id can be made from the name {name!r}; write the name in Latin letters",
        "unknown_manager": "the manager {value!r} is neither in the file nor in the handbook; write the "
        "manager's email, employee number or full name as it appears in the file",
        "ambiguous_manager": "the manager {value!r} fits both {first} and {second}; write the manager's "
        "email or employee number instead",
        "own_manager": "the person is their own manager; write the nearest manager",
        "cycle": "the manager chain goes round in a circle: {chain}; correct the manager on one of the rows",
        "mark_left_before_started": "cannot get left: {left} because started is {started}; "
        "give a later date with --mark-left, or edit the person by hand",
        "new": "new      {id} (row {row}): {name}",
        "changed": "changed  {id} (row {row}):",
        "field": "           {key}: {old} → {new}",
        "field_new": "           {key}: {new}",
        "missing": "missing  {id}: {name} is not in the file{hint}",
        "missing_hint": "; --mark-left DATE gives them left: DATE",
        "marked_left": "left     {id}: {name} is not in the file; left: {left}",
        "summary": "{new} new, {changed} changed, {same} unchanged, {missing} missing from the file.",
        "dry_run": "Nothing was written; run again with --write to save the changes.",
        "written": "Wrote {files} files under content/people/.",
        "nothing_written": "Nothing was written: correct the file and run the import again.",
        "problems": "{count} problems in {file}.",
    },
}


class Say:
    """The messages of one language, filled in."""

    def __init__(self, language: str) -> None:
        self._messages = MESSAGES.get(language, MESSAGES["en"])

    def __call__(self, message: str, /, **values: object) -> str:
        return self._messages[message].format(**values)
