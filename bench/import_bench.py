"""Make the files for timing `mus import-people` on 5,000 rows (timed as a whole
process, see README.md): a handbook with one person, and an HR export with 5,000 people in
teams of ten, managers given by e-mail, Danish dates and letters, `;` and a BOM."""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).parent / "out" / "import"
FIRST = ["Anna", "Søren", "Mette", "Bo", "Åse", "Jørgen", "Line", "Kasper", "Ida", "Emil"]
LAST = ["Jensen", "Ærøskøbing", "Nielsen", "Østergaard", "Hansen", "Dahl", "Brøndum", "Holm"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    rows = parser.parse_args().rows
    people = OUT / "content" / "people" / "direktoer"
    people.mkdir(parents=True, exist_ok=True)
    (OUT / "mkdocs.yml").write_text("site_name: Importbænk\n", encoding="utf-8")
    (people / "index.md").write_text('---\nname: "Direktør"\nemail: "direktoer@firma.dk"\n---\n', "utf-8")
    lines = ["Medarbejdernr.;Navn;E-mail;Stilling;Afdeling;Leder;Ansættelsesdato"]
    for n in range(1, rows + 1):
        name = f"{FIRST[n % len(FIRST)]} {LAST[n // len(FIRST) % len(LAST)]}"
        manager = "direktoer@firma.dk" if n <= 10 else f"p{(n - 1) // 10}@firma.dk"
        started = f"{n % 28 + 1:02d}-{n % 12 + 1:02d}-{2000 + n % 25}"
        lines.append(f'{n};"{name}";p{n}@firma.dk;Konsulent;Afdeling {n % 40};{manager};{started}')
    (OUT / "medarbejdere.csv").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    print(f"Wrote {OUT}/medarbejdere.csv ({rows} rows) and a handbook in {OUT}")


if __name__ == "__main__":
    main()
