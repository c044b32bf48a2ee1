"""The rules nginx enforces for the built site, written by `mus nginx DIR`.

`mus-http.conf` goes inside nginx's `http {}`: maps from the signed-in address to a
reader, from the requested address to its subject (`access.subjects`), and from the
pair to a verdict. `mus-server.conf` goes inside the `server {}` whose root is the built
site: it refuses what the verdict refuses, sends each reader to their own start page,
and serves each reader the search index and the exports they may read. A request is
checked again after every internal redirect (an index file, an error page), and an
address no rule names is refused.

Every value written here is an id, a department page name or an address that `mus
check` has held to a pattern with no quote, brace, semicolon, backslash or space, and
each is written quoted.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mus_build.access import subjects
from mus_build.access.policy import ANYONE, NOBODY, Policy
from mus_build.access.subjects import Subject
from mus_build.model.settings import Config
from mus_build.pages import paths

HTTP_FILE = "mus-http.conf"
SERVER_FILE = "mus-server.conf"
_HEADER = "# Written by `mus nginx` from the handbook; write it again after every change to the people.\n"


def write_rules(folder: Path, config: Config, policy: Policy) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ((HTTP_FILE, http_rules(config, policy)), (SERVER_FILE, server_rules())):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _q(value: str) -> str:
    return f'"{value}"'


def header_variable(header: str) -> str:
    """The nginx variable of a request header: X-Forwarded-Email is $http_x_forwarded_email."""
    return "$http_" + header.lower().replace("-", "_")


def http_rules(config: Config, policy: Policy) -> str:
    maps = [
        _readers(config, policy),
        _subjects(),
        _verdicts(policy),
        _start_pages(config, policy),
        # Each reader's search index of the people they may read; HR's of everyone.
        _reader_folders(
            "$mus_search", f"/{paths.reader_search('$mus_reader')}/", f"/{paths.EVERYONE_SEARCH}/", policy
        ),
        # Each reader's agreements and calendar of the people they may read; HR's whole files.
        _reader_folders(
            "$mus_exports",
            "/" + paths.reader_export("$mus_reader", ""),
            "/" + posixpath.dirname(paths.AGREEMENTS_CSV) + "/",
            policy,
        ),
    ]
    text = "\n\n".join("\n".join(lines) for lines in maps) + "\n"
    # The http { } must not set these two itself: nginx refuses a directive given twice.
    lines = [_HEADER, "# Include inside http { }.", "", *_hash_sizes(text), ""]
    return "\n".join(lines) + "\n" + text


def _readers(config: Config, policy: Policy) -> list[str]:
    """The signed-in address to a person id; map compares strings without regard to case."""
    header = header_variable(policy.access.header)
    lines = [f"map {header} $mus_reader {{", f"    default {_q(ANYONE)};", f'    "" {_q(NOBODY)};']
    lines += [f"    {_q(email)} {_q(person)};" for person, email in sorted(policy.email_of().items())]
    return lines + ["}"]


def _subjects() -> list[str]:
    """The requested address to its subject: exact addresses, then the regular expressions
    in the order `subjects.subject_of` tries them."""
    # volatile: worked out again after each internal redirect (an index file, an error page).
    lines = ["map $uri $mus_subject {", "    volatile;", f"    default {_q(subjects.REFUSED)};"]
    lines += [
        f"    {_q(uri)} {_q(str(subject))};" for uri, subject in sorted(subjects.exact_subjects().items())
    ]
    lines.append(f"    ~^{subjects.REFUSAL_PAGES} {_q(subjects.REFUSAL)};")
    lines += [f"    ~^{prefix} {_q(str(subject))};" for prefix, subject in subjects.PREFIXES]
    for pattern in subjects.PATTERNS:
        regex = pattern.regex(f"(?<mus_key>{subjects._ID})")
        lines.append(f"    {_q('~' + regex)} {_q(pattern.kind + ':$mus_key')};")
    return lines + ["}"]


def _verdicts(policy: Policy) -> list[str]:
    """Reader and subject to 1 (serve), 0 (refuse) or `login` (no identity at all)."""
    lines = [
        'map "$mus_reader|$mus_subject" $mus_verdict {',
        "    volatile;",
        "    default 0;",
        f"    ~^[^|]*\\|{subjects.REFUSAL}$ 1;",
        "    ~^\\| login;",
        f"    ~^[^|]*\\|{subjects.PUBLIC}$ 1;",
    ]
    if policy.hr:
        hr = "|".join(sorted(policy.hr))
        lines.append(f'    "~^(?:{hr})\\|(?!{subjects.REFUSED}$)" 1;')
    for person, readers in sorted(policy.readers_of.items()):
        subject = Subject(subjects.PERSON, person)
        lines += [f"    {_q(f'{reader}|{subject}')} 1;" for reader in sorted(readers)]
    for person in sorted(policy.handbook.people):  # what is theirs alone, and their own exports
        lines.append(f"    {_q(f'{person}|{Subject(subjects.OWN, person)}')} 1;")
        lines.append(f"    {_q(f'{person}|{Subject(subjects.EACH_READER)}')} 1;")
    for subject, readers in policy.groups_readable_by().items():
        lines += [f"    {_q(f'{reader}|{subject}')} 1;" for reader in sorted(readers)]
    return lines + ["}"]


def _start_pages(config: Config, policy: Policy) -> list[str]:
    """Where `/` sends a reader: HR gets the overview, a person their own page, anyone else
    the guide. Empty: serve the overview."""
    directory_urls = config.site.directory_urls
    guide = "/" + paths.page_url(paths.GUIDE_HOME, directory_urls)
    lines = ["map $mus_reader $mus_start {", f"    default {_q(guide)};"]
    for person in sorted(policy.handbook.people):
        start = "" if person in policy.hr else "/" + paths.page_url(paths.person_page(person), directory_urls)
        lines.append(f"    {_q(person)} {_q(start)};")
    return lines + ["}"]


def _reader_folders(variable: str, own: str, whole: str, policy: Policy) -> list[str]:
    """Where a reader's own files of one kind are, as a map into `variable`: for HR and
    whoever may read every person the whole ones (`whole`); for every other person their
    own folder (`own`, naming $mus_reader), which `mus build` wrote. (A reader who is no
    person is refused them before this is asked.)"""
    lines = [f"map $mus_reader {variable} {{", f"    default {_q(own)};"]
    lines += [f"    {_q(person)} {_q(whole)};" for person in policy.whole_readers()]
    return lines + ["}"]


def _hash_sizes(maps: str) -> list[str]:
    """nginx's map tables sized for the handbook: with the defaults, nginx refuses a map of
    a few thousand entries (hundreds of people) and stops."""
    entries = max(len(block.splitlines()) for block in maps.split("\n}\n"))
    longest = max((len(line) for line in maps.splitlines()), default=0)
    return [
        f"map_hash_max_size {_power_of_two(max(2048, 4 * entries))};",
        f"map_hash_bucket_size {_power_of_two(max(256, longest + 64))};",
    ]


def _power_of_two(at_least: int) -> int:
    return 1 << (at_least - 1).bit_length()


def server_rules() -> str:
    refusal = subjects.REFUSAL_PAGES
    exports = _export_locations()
    return f"""{_HEADER}# Include inside the server {{ }} whose root is the folder `mus build` wrote.

# No identity: the signing-in proxy is missing or was passed by. Then a refused address.
if ($mus_verdict = login) {{
    return 401;
}}
if ($mus_verdict = 0) {{
    return 403;
}}
error_page 401 {refusal}401.html;
error_page 403 {refusal}403.html;
error_page 404 /404.html;

# Each reader starts on their own page; HR on the overview.
location = / {{
    if ($mus_start) {{
        return 302 $mus_start;
    }}
    try_files /index.html =404;
}}

# Each reader searches the guide's index and, beside it, their own. Their own has no
# script or WebAssembly of its own: those are the guide index's, which everyone may read.
location ~ ^{subjects.READER_SEARCH}(.+)$ {{
    try_files $mus_search$1 /{paths.SEARCH_BUNDLE}/$1 =404;
}}
{exports}"""


def _export_locations() -> str:
    """Each reader's own agreements and calendar at the exports' addresses: HR the whole
    files, every other person only the people they may read."""
    lines = ["", "# Each reader gets the agreements and calendar of the people they may read."]
    for export in subjects.EXPORTS:
        name = posixpath.basename(export)
        lines += [f"location = /{export} {{", f"    try_files ${{mus_exports}}{name} =404;", "}"]
    return "\n".join(lines) + "\n"
