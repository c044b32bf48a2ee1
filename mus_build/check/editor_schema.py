"""JSON Schema (draft 2020-12) for the front matter of person and record files.

Generated from the tables in `schema`, so editors that read JSON Schema see the same
keys, requirements and help texts as `mus check`. The schema describes the YAML as
written: every value is text, so dates, ids and references are strings with a pattern.
"""

from __future__ import annotations

import re
from typing import Any

from mus_build.check import fields
from mus_build.check.schema import PERSON, RECORD, Field
from mus_build.model.names import ID_PATTERN

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def person_schema() -> dict[str, Any]:
    return {"$schema": DIALECT, **_person()}


def record_schema() -> dict[str, Any]:
    return {"$schema": DIALECT, **_record()}


def combined_schema() -> dict[str, Any]:
    """Both kinds under $defs; a document is valid when it is a valid person or a valid record."""
    return {
        "$schema": DIALECT,
        "title": "MUS front matter",
        "$defs": {"person": _person(), "record": _record()},
        "anyOf": [{"$ref": "#/$defs/person"}, {"$ref": "#/$defs/record"}],
    }


def _person() -> dict[str, Any]:
    return {"title": "MUS person (content/people/<id>/index.md)", **object_schema(PERSON)}


def _record() -> dict[str, Any]:
    return {"title": "MUS record (content/people/<id>/YYYY-MM-DD.md)", **object_schema(RECORD)}


def object_schema(table: dict[str, Field]) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {key: field_schema(spec) for key, spec in table.items()},
        "additionalProperties": False,  # unknown keys are errors in mus check too
    }
    required = [key for key, spec in table.items() if spec.required]
    if required:
        schema["required"] = required
    return schema


def field_schema(spec: Field) -> dict[str, Any]:
    if spec.items is not None:
        value: dict[str, Any] = {"type": "array", "items": object_schema(spec.items)}
    else:
        value = converter_schema(spec.convert)
    return {"description": spec.help, **value} if spec.help else value


def converter_schema(convert: fields.Converter | None) -> dict[str, Any]:
    """The JSON Schema of one field kind; a new kind must be added here, or this fails loudly."""
    if convert is fields.text:
        return {"type": "string", "minLength": 1}
    if convert is fields.email:
        return {"type": "string", "pattern": f"^{fields.EMAIL.pattern}$"}
    if convert is fields.optional_text:
        return {"type": ["string", "null"]}  # `evaluation:` may be left empty while writing
    if convert is fields.date:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if convert is fields.identifier:
        return {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
    if convert is fields.status:
        return {"enum": list(fields.STATUSES)}
    if convert is fields.reference:
        return {"type": "string", "pattern": f"^{fields.REFERENCE.pattern}$"}
    if convert is fields.emails:
        return {"type": "array", "items": {"type": "string", "pattern": f"^{fields.EMAIL.pattern}$"}}
    if convert is fields.ssh_public_key:
        types = "|".join(re.escape(kind) for kind in fields.SSH_KEY_TYPES)
        return {"type": "string", "pattern": f"^({types}) [A-Za-z0-9+/]+={{0,3}}( .*)?$"}
    if convert is fields.anything:
        return {}
    raise ValueError(f"no JSON Schema for the field kind {convert!r}; add it to converter_schema")
