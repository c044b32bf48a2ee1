"""A handbook with an organisation to read from, built once, and a real nginx serving it
with the rules `mus nginx` wrote, reached as the signing-in proxy would reach it."""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mus_build.access.policy import ANYONE, NOBODY, Policy
from mus_build.check.config import load_config
from mus_build.check.load import load_sources
from mus_build.cli import main
from mus_build.pages.paths import department_slugs

from ..conftest import TODAY, write_tree

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HEADER = "X-Forwarded-Email"

MKDOCS_YML = """\
site_name: Adgangshåndbog
theme:
  name: material
  language: da
plugins:
  - search:
      lang: da
extra:
  mus:
    access:
      hr: [hanne-hr]
"""

# id: (name, e-mail, department, manager). Dorte heads it all; Lars manages Anna and Bo.
PEOPLE = {
    "dorte-direktoer": ("Dorte Direktør", "dorte@firma.dk", "Ledelse", None),
    "lars-leder": ("Lars Leder", "Lars.Leder@Firma.dk", "Økonomi", "dorte-direktoer"),
    "anna-jensen": ("Anna Jensen", "anna@firma.dk", "Økonomi", "lars-leder"),
    "bo-berg": ("Bo Berg", "bo@firma.dk", "Økonomi", "lars-leder"),
    "hanne-hr": ("Hanne Holm", "hanne@firma.dk", "HR", "dorte-direktoer"),
    "carl-salg": ("Carl Salg", "carl@firma.dk", "Salg", "dorte-direktoer"),
}
# An agreement in Anna's conversation that Carl (sales, not her manager) is responsible for:
# he reads it on his page of what he owns, and nothing else of her conversation.
OWNED_BY_CARL = "Viser Anna salgsteamets kundekartotek"
# The signed-in address each kind of reader comes with (None: no header at all).
READERS = {
    "employee": "anna@firma.dk",
    "agreement owner": "carl@firma.dk",
    "manager": "lars.leder@firma.dk",
    "manager's manager": "DORTE@FIRMA.DK",
    "hr": "hanne@firma.dk",
    "unknown address": "ukendt@firma.dk",
    "no identity": None,
}


def token(person_id: str) -> str:
    """Text only this person's record holds: where it appears, their data is."""
    return f"MUSDATA{person_id.replace('-', '')}"


# The parts of Pagefind's search index, each compressed with gzip.
SEARCH_PARTS = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")


def as_text(path: str, body: bytes) -> str:
    """What a file holds as a reader could read it, lower-cased (the search index holds
    its words so): compressed files, the sitemap's and the search index's parts, unpacked."""
    if path.endswith((".gz", *SEARCH_PARTS)):
        try:
            body = gzip.decompress(body)
        except OSError:  # a refusal page instead of the file
            pass
    return body.decode("utf-8", "replace").lower()


def holds_data_of(text: str, person_id: str) -> bool:
    """Whether a text from `as_text` holds the person's data."""
    return token(person_id).lower() in text


def handbook_files(managers_see: str | None = None) -> dict[str, str]:
    """The handbook's files; `managers_see` set in its access rules when given."""
    mkdocs_yml = MKDOCS_YML
    if managers_see is not None:
        mkdocs_yml = mkdocs_yml.replace(
            "hr: [hanne-hr]", f"hr: [hanne-hr]\n      managers_see: {managers_see}"
        )
    files = {"mkdocs.yml": mkdocs_yml, "guides/index.md": "# Guiden\n\nOffentlig tekst om MUS.\n"}
    for person_id, (name, email, department, manager) in PEOPLE.items():
        manager_line = f"manager: {manager}\n" if manager else ""
        files[f"content/people/{person_id}/index.md"] = (
            f'---\nname: "{name}"\nemail: {email}\ndepartment: "{department}"\n{manager_line}---\n'
        )
        owned = ""
        if person_id == "anna-jensen":
            owned = (
                f'  - id: salg\n    what: "{OWNED_BY_CARL}"\n    owner: carl-salg\n    deadline: 2026-12-15\n'
            )
        files[f"content/people/{person_id}/2026-03-12.md"] = (
            f"---\ndate: 2026-03-12\nagreements:\n  - id: aftale\n"
            f'    what: "Aftale {token(person_id)}"\n    owner: employee\n    deadline: 2026-12-01\n'
            f"{owned}---\nNoter om {token(person_id)}.\n"
        )
    return files


@dataclass
class Served:
    root: Path  # the handbook
    site: Path
    url_host: str  # 127.0.0.1:PORT
    policy: Policy

    def get(self, path: str, email: str | None) -> tuple[int, bytes, str]:
        """GET the raw path as the proxy would pass it; status, body and Location."""
        connection = http.client.HTTPConnection(self.url_host, timeout=30)
        headers = {HEADER: email} if email is not None else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, body, response.getheader("Location") or ""

    def reader_id(self, email: str | None) -> str:
        if email is None:
            return NOBODY
        found = [p for p, address in self.policy.email_of().items() if address == email.lower()]
        return found[0] if found else ANYONE


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(work: Path, rules: Path, site: Path, port: int) -> Path:
    temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach a private temp folder
    config = work / "nginx.conf"
    config.write_text(
        f"{user}worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        "events {}\nhttp {\n    include /etc/nginx/mime.types;\n    access_log off;\n"
        + "".join(f"    {name}_temp_path {path};\n" for name, path in temp.items()).replace(
            "body_temp_path", "client_body_temp_path"
        )
        + f"    include {rules}/mus-http.conf;\n"
        f"    server {{\n        listen 127.0.0.1:{port};\n        root {site};\n"
        f"        include {rules}/mus-server.conf;\n    }}\n}}\n"
    )
    return config


@pytest.fixture(scope="package")
def served(tmp_path_factory) -> Served:
    base = tmp_path_factory.mktemp("access")
    root = write_tree(base / "handbook", handbook_files())
    site, rules = base / "site", base / "rules"
    runner = CliRunner()
    config_file = str(root / "mkdocs.yml")
    built = runner.invoke(
        main, ["build", "--today", TODAY.isoformat(), "-d", str(site), "-q", "-f", config_file]
    )
    assert built.exit_code == 0, built.output
    written = runner.invoke(main, ["nginx", str(rules), "-f", config_file])
    assert written.exit_code == 0, written.output
    config, _ = load_config(root / "mkdocs.yml")
    handbook = load_sources(config, TODAY).handbook
    assert config.settings.access is not None
    policy = Policy(handbook, config.settings.access, department_slugs(handbook, "afdeling"))

    port = _free_port()
    work = base / "nginx"
    work.mkdir()
    nginx_conf = nginx_config(work, rules, site, port)
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(work), "-c", str(nginx_conf)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([NGINX, "-p", str(work), "-c", str(nginx_conf), "-g", "daemon off;"])
    served = Served(root, site, f"127.0.0.1:{port}", policy)
    deadline = time.monotonic() + 30  # a guard against a server that never starts, not a speed limit
    while True:
        try:
            served.get("/", None)
            break
        except OSError:
            assert time.monotonic() < deadline, (work / "error.log").read_text()
            time.sleep(0.05)
    yield served
    server.terminate()
    server.wait(timeout=30)
