"""The configuration of the form in the browser (Decap CMS, `admin/config.yml`), made from
the one schema in the code: the same tables `mus check` reads records by.

Every key of the person and record tables becomes a field, in the table's order, with a
widget chosen by the key's kind (its JSON Schema, `check.editor_schema`), so a key added
to a table appears in the form without a change here. Left out on purpose are the keys
the form must not change (`HIDDEN`): they stay in the file as they are.

The records of a person lie in the person's folder and name no person themselves, and a
person's `index.md` lies beside them. The form tells them apart, and finds the folder of
a new file, with the small script `admin/mus-admin.js` (publish/theme/admin/): it reads
and writes the files (format `mus-frontmatter`), marks each as a person or a record
(`_kind`, never written), and keeps the folder chosen for a new file in `_folder`
(never written either). The file holds no personal data: people are read from the
repository by whoever signs in, never listed here.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import yaml

from mus_build.check import editor_schema
from mus_build.check.schema import PERSON, RECORD, Field
from mus_build.messages import Message, say
from mus_build.model.layout import CONTENT_DIR, PEOPLE_DIR
from mus_build.model.names import ID_PATTERN
from mus_build.model.settings import Config

FORMAT = "mus-frontmatter"  # registered by admin/mus-admin.js
KIND = "_kind"  # person or record, set when a file is read; never written
FOLDER = "_folder"  # the person's folder of a new file; never written
PEOPLE_FOLDER = PEOPLE_DIR

# Keys the form does not show: they pass through an edit unchanged. `private` may hold
# anything, and a sign-off is given in Git, not typed into a form by someone else.
HIDDEN = frozenset({"private", "signed_off"})
# Keys whose value names a person: chosen among the people in the repository (and, for
# an owner, `employee`, `manager` and the roles too).
PERSON_KEYS = frozenset({"manager"})
OWNER_KEYS = frozenset({"owner"})
# What names an item of a list when it is folded.
LIST_SUMMARY = {"agreements": "what", "follow_up": "agreement"}
# Text that may run to several lines.
LONG_TEXT = frozenset({"what", "evaluation"})

STATUS_LABELS = {
    "da": {"open": "åben", "done": "gennemført", "dropped": "opgivet"},
    "en": {"open": "open", "done": "done", "dropped": "dropped"},
}

# The form's words, by key; a key missing here is labelled with its own name and the
# table's help text (so a new key still appears, in English until it is given words).
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "da": {
        "name": ("Navn", "Fulde navn, som det vises, fx Søren Aabye"),
        "title": ("Stilling", ""),
        "department": ("Afdeling", "Afdeling eller team; siden grupperer efter den"),
        "manager": ("Leder", "Nærmeste leder"),
        "email": ("E-mail", "Arbejds-e-mail; sådan kender sitets adgangsregler personen"),
        "employee_number": ("Medarbejdernr.", "Nummeret i HR- eller lønsystemet"),
        "git_emails": ("Flere Git-e-mails", "Adresser, personen også laver commits med"),
        "ssh_signing_key": ("SSH-signeringsnøgle", "Den offentlige nøgle, fx ssh-ed25519 AAAA..."),
        "started": ("Ansat", "Første arbejdsdag"),
        "left": ("Fratrådt", "Sidste arbejdsdag; må ligge i fremtiden"),
        "date": ("Dato for samtalen", "Bliver filens navn (ÅÅÅÅ-MM-DD.md)"),
        "record_manager": ("Holdt af (leder)", "Tomt betyder medarbejderens nærmeste leder"),
        "agreements": ("Aftaler", "De skriftlige aftaler fra samtalen"),
        "follow_up": ("Opfølgning på tidligere aftaler", ""),
        "agreements_item": ("aftale", ""),
        "follow_up_item": ("opfølgning", ""),
        "next_mus": ("Næste MUS", "Planlagt dato; tomt betyder samtalens dato + interval"),
        "id": ("Id", "Entydigt i samtalen: små bogstaver, tal og bindestreg, fx excel-kursus"),
        "what": ("Aftale", "Hvad der blev aftalt"),
        "owner": ("Ansvarlig", "Medarbejderen, lederen, en rolle eller en person"),
        "deadline": ("Deadline", ""),
        "status": ("Status", ""),
        "done_on": ("Gennemført den", "Kun med status gennemført; ikke efter i dag"),
        "continues": ("Viderefører", "En tidligere aftale, som denne fører videre: ÅÅÅÅ-MM-DD/id"),
        "note": ("Bemærkning", "En kort kommentar"),
        "agreement": ("Aftale", "Den tidligere aftale: ÅÅÅÅ-MM-DD/id, fx 2025-03-10/excel-kursus"),
        "evaluation": ("Evaluering", "Hvordan det gik; må stå tomt, mens samtalen skrives"),
        "body": (
            "Noter",
            "Referatet i Markdown; det mellem <!-- private --> og <!-- /private --> vises aldrig på sitet",
        ),
        "person_body": ("Fri tekst", "Vises på personens side"),
        "record_folder": ("Medarbejder", "Den medarbejder, samtalen er med; bestemmer mappen"),
        "person_folder": ("Id", "Mappens navn: små bogstaver, tal og bindestreg, fx soeren-aabye"),
        "employee": ("Medarbejderen", ""),
        "manager_owner": ("Lederen", ""),
        "people": ("Medarbejdere", ""),
        "person": ("Medarbejder", ""),
        "records": ("Samtaler", ""),
        "record": ("Samtale", ""),
        "people_description": ("Hver medarbejders oplysninger (content/people/ID/index.md).", ""),
        "records_description": ("MUS-samtalerne, én fil pr. samtale (content/people/ID/ÅÅÅÅ-MM-DD.md).", ""),
    },
    "en": {
        "name": ("Name", "Full name as shown, e.g. Søren Aabye"),
        "title": ("Job title", ""),
        "department": ("Department", "Department or team; the site groups by it"),
        "manager": ("Manager", "Nearest manager"),
        "email": ("E-mail", "Work e-mail; how the site's access rules know the person"),
        "employee_number": ("Employee number", "The number in the HR or payroll system"),
        "git_emails": ("More Git e-mails", "Addresses the person also commits with"),
        "ssh_signing_key": ("SSH signing key", "The public key, e.g. ssh-ed25519 AAAA..."),
        "started": ("Started", "First working day"),
        "left": ("Left", "Last working day; may lie in the future"),
        "date": ("Date of the conversation", "Becomes the file's name (YYYY-MM-DD.md)"),
        "record_manager": ("Held by (manager)", "Empty means the person's nearest manager"),
        "agreements": ("Agreements", "The written agreements made in the conversation"),
        "follow_up": ("Follow-up of earlier agreements", ""),
        "agreements_item": ("agreement", ""),
        "follow_up_item": ("follow-up", ""),
        "next_mus": ("Next MUS", "Planned date; empty means the conversation's date + interval"),
        "id": ("Id", "Unique in the conversation: lower-case letters, digits and hyphens, e.g. excel-course"),
        "what": ("Agreement", "What was agreed"),
        "owner": ("Owner", "The employee, the manager, a role or a person"),
        "deadline": ("Deadline", ""),
        "status": ("Status", ""),
        "done_on": ("Done on", "Only with status done; not after today"),
        "continues": ("Continues", "An earlier agreement this one carries on: YYYY-MM-DD/id"),
        "note": ("Note", "A short comment"),
        "agreement": ("Agreement", "The earlier agreement: YYYY-MM-DD/id, e.g. 2025-03-10/excel-course"),
        "evaluation": ("Evaluation", "How it went; may stay empty while the record is written"),
        "body": ("Notes", "The notes in Markdown; <!-- private --> ... <!-- /private --> is never published"),
        "person_body": ("Free text", "Shown on the person's page"),
        "record_folder": ("Person", "Whose conversation it is; decides the folder"),
        "person_folder": (
            "Id",
            "The folder's name: lower-case letters, digits and hyphens, e.g. soeren-aabye",
        ),
        "employee": ("The employee", ""),
        "manager_owner": ("The manager", ""),
        "people": ("People", ""),
        "person": ("Person", ""),
        "records": ("Conversations", ""),
        "record": ("Conversation", ""),
        "people_description": ("Each person's details (content/people/ID/index.md).", ""),
        "records_description": (
            "The MUS conversations, one file each (content/people/ID/YYYY-MM-DD.md).",
            "",
        ),
    },
}

GITHUB_API = "https://api.github.com"


class NotConfigured(Exception):
    """The form cannot be set up from these settings; the message says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


def backend(config: Config) -> dict[str, Any]:
    """Decap's `backend:` from mkdocs.yml's `repo_url` and `extra: mus: editor:`: GitHub or
    GitLab, with the editorial workflow's branch and pull request per record."""
    editor = config.settings.editor
    url = urlsplit(config.site.repo_url or "")
    path = url.path.strip("/").removesuffix(".git")
    if url.scheme not in ("https", "http") or not url.hostname or path.count("/") < 1:
        raise NotConfigured(say("editor_no_repo"))
    host = url.hostname.lower()
    name = editor.backend or ("github" if host == "github.com" else "gitlab" if "gitlab" in host else None)
    if name is None:
        raise NotConfigured(say("editor_no_repo"))
    origin = f"https://{url.netloc}"
    found: dict[str, Any] = {"name": name, "repo": path, "branch": editor.branch}
    if name == "github":
        if path.count("/") != 1:
            raise NotConfigured(say("editor_no_repo"))
        if host != "github.com":  # GitHub Enterprise Server
            found["api_root"] = f"{origin}/api/v3"
        if editor.auth_url is None:  # Decap would otherwise sign in through Netlify's servers
            raise NotConfigured(say("editor_no_auth"))
        auth = urlsplit(editor.auth_url)
        found["base_url"] = f"https://{auth.netloc}"
        found["auth_endpoint"] = auth.path.strip("/") or "auth"
    else:
        if editor.app_id is None:
            raise NotConfigured(say("editor_no_app_id"))
        found["auth_type"] = "pkce"
        found["app_id"] = editor.app_id
        if host != "gitlab.com":
            found["api_root"] = f"{origin}/api/v4"
            found["base_url"] = origin
        found["auth_endpoint"] = "oauth/authorize"
    return found


def api_origins(found: dict[str, Any]) -> list[str]:
    """The origins besides the site's own that the form talks to: the Git host's API, and
    GitLab's sign-in (PKCE fetches its token from the host)."""
    if found["name"] == "github":
        origins = [_origin(found.get("api_root", GITHUB_API))]
    else:
        origins = [_origin(found.get("api_root", "https://gitlab.com"))]
    return sorted(set(origins))


def _origin(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


def decap_config(config: Config, found_backend: dict[str, Any]) -> dict[str, Any]:
    """The whole of admin/config.yml, as data."""
    language = config.settings.language
    words = LABELS[language]
    site: dict[str, Any] = {
        "locale": language,
        "backend": found_backend,
        "publish_mode": "editorial_workflow",
        # Records hold no pictures; uploads would land here, outside the records.
        "media_folder": f"{CONTENT_DIR}/media",
        "editor": {"preview": False},  # the site renders the notes; the form shows them as written
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    if config.site.url:
        site["site_url"] = config.site.url
        site["display_url"] = config.site.url
    roles = config.settings.roles
    common = {
        "folder": PEOPLE_FOLDER,
        "extension": "md",
        "format": FORMAT,
        "create": True,
        "delete": False,  # a person's or record's removal is a decision for Git, with review
    }
    people = {
        "name": "people",
        "label": words["people"][0],
        "label_singular": words["person"][0],
        "description": words["people_description"][0],
        **common,
        "path": _path_part(FOLDER) + "/index",
        "identifier_field": "name",
        "summary": "{{name}}",
        "filter": {"field": KIND, "value": "person"},
        "sortable_fields": ["name", "department"],
        "fields": [
            _folder_field(words["person_folder"], choose_person=False),
            *_fields(PERSON, language, roles, record=False),
            _body(words["person_body"]),
        ],
    }
    records = {
        "name": "records",
        "label": words["records"][0],
        "label_singular": words["record"][0],
        "description": words["records_description"][0],
        **common,
        "path": _path_part(FOLDER) + "/" + _path_part("date"),
        "identifier_field": "date",
        "summary": "{{dirname}} · {{date}}",
        "filter": {"field": KIND, "value": "record"},
        "sortable_fields": ["date"],
        "fields": [
            _folder_field(words["record_folder"], choose_person=True),
            *_fields(RECORD, language, roles, record=True),
            _body(words["body"]),
        ],
    }
    site["collections"] = [records, people]
    return site


def _template(key: str) -> str:
    """Decap's placeholder for a field's value, e.g. {{fields.date}}."""
    return "{{fields." + key + "}}"


def _path_part(key: str) -> str:
    """A field's value in a collection's `path`, e.g. {{date}}. Not {{fields.date}}: Decap
    turns the dots of `path` into hyphens before it reads the placeholders."""
    return "{{" + key + "}}"


def _folder_field(words: tuple[str, str], choose_person: bool) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": FOLDER,
        "label": words[0],
        "hint": words[1],
        "widget": "mus-folder",
        "required": False,  # an existing file keeps its folder; mus-admin.js asks for it when new
        "choose_person": choose_person,
        "pattern": [f"^{ID_PATTERN.pattern}$", words[1]],
    }
    return field


def _body(words: tuple[str, str]) -> dict[str, Any]:
    # Raw mode only: the rich-text mode would rewrite the Markdown and its HTML comments,
    # the <!-- private --> markers among them.
    return {
        "name": "body",
        "label": words[0],
        "hint": words[1],
        "widget": "markdown",
        "modes": ["raw"],
        "required": False,
    }


def _fields(
    table: dict[str, Field], language: str, roles: dict[str, str], record: bool
) -> list[dict[str, Any]]:
    return [_field(key, spec, language, roles, record) for key, spec in table.items() if key not in HIDDEN]


def _field(key: str, spec: Field, language: str, roles: dict[str, str], record: bool) -> dict[str, Any]:
    words = LABELS[language]
    label, hint = words.get(f"record_{key}" if record else key) or words.get(key) or (key, spec.help)
    field: dict[str, Any] = {"name": key, "label": label}
    if hint:
        field["hint"] = hint
    field["required"] = spec.required
    if spec.items is not None:
        field.update(
            {
                "widget": "list",
                "label_singular": words.get(f"{key}_item", (label, ""))[0],
                "default": [],
                "collapsed": False,
                "summary": _template(LIST_SUMMARY.get(key, next(iter(spec.items)))),
                "fields": [
                    _field(k, s, language, roles, False) for k, s in spec.items.items() if k not in HIDDEN
                ],
            }
        )
        return field
    if key in OWNER_KEYS:
        choices = [
            {"value": "employee", "label": words["employee"][0]},
            {"value": "manager", "label": words["manager_owner"][0]},
            *({"value": role_id, "label": name} for role_id, name in roles.items()),
        ]
        field.update({"widget": "mus-choice", "options": choices, "people": True})
        return field
    if key in PERSON_KEYS:
        field.update({"widget": "mus-choice", "options": [], "people": True})
        return field
    field.update(_widget(key, editor_schema.converter_schema(spec.convert), language))
    return field


def _widget(key: str, schema: dict[str, Any], language: str) -> dict[str, Any]:
    """The widget for a key's kind, read from its JSON Schema."""
    if "enum" in schema:
        labels = STATUS_LABELS[language] if key == "status" else {}
        options = [{"value": value, "label": labels.get(value, value)} for value in schema["enum"]]
        default = {"default": options[0]["value"]} if key == "status" else {}
        # A plain select of the browser (mus-admin.js), as for owners: Decap's own is a
        # search box that a keyboard and a screen reader get along with less well.
        return {"widget": "mus-choice", "options": options, **default}
    if schema.get("format") == "date":
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
            "picker_utc": True,
            "default": "",
        }
    if schema.get("type") == "array":
        return {"widget": "list", "allow_add": True}
    widget: dict[str, Any] = {"widget": "text" if key in LONG_TEXT else "string"}
    if "pattern" in schema:
        widget["pattern"] = [schema["pattern"], LABELS[language].get(key, ("", ""))[1] or schema["pattern"]]
    return widget


def render(data: dict[str, Any]) -> bytes:
    """config.yml as bytes: the same settings give the same bytes."""
    head = "# Written by mus build from the record format and mkdocs.yml; edit those, not this file.\n"
    return (head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)).encode("utf-8")
