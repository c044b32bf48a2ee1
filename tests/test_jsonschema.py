"""The JSON Schema follows the schema tables, and the example handbook's files satisfy it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from mus_build.check import schema
from mus_build.check.editor_schema import combined_schema, person_schema, record_schema

CONTENT = Path(__file__).resolve().parent.parent / "content" / "people"


def front_matter(text: str) -> dict:
    """The front matter as the YAML an editor sees: every scalar is text (as mus reads it)."""
    assert text.startswith("---\n")
    end = text.index("\n---", 4)
    return yaml.load(text[4:end], Loader=yaml.BaseLoader) or {}


def validator(schema_dict: dict):
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema_dict)
    return cls(schema_dict, format_checker=cls.FORMAT_CHECKER)


def errors(schema_dict: dict, document: dict) -> list[str]:
    return [e.message for e in validator(schema_dict).iter_errors(document)]


def assert_follows_table(json_schema: dict, table: dict[str, schema.Field]) -> None:
    assert json_schema["type"] == "object"
    assert json_schema["additionalProperties"] is False
    assert set(json_schema["properties"]) == set(table)
    assert json_schema.get("required", []) == [k for k, f in table.items() if f.required]
    for key, spec in table.items():
        prop = json_schema["properties"][key]
        assert prop["description"] == spec.help
        if spec.items is not None:
            assert prop["type"] == "array"
            assert_follows_table(prop["items"], spec.items)


def test_every_key_of_every_table_is_in_the_schemas():
    assert_follows_table(person_schema(), schema.PERSON)
    assert_follows_table(record_schema(), schema.RECORD)
    agreements = record_schema()["properties"]["agreements"]["items"]
    follow_up = record_schema()["properties"]["follow_up"]["items"]
    assert set(agreements["properties"]) == set(schema.AGREEMENT)
    assert set(follow_up["properties"]) == set(schema.FOLLOW_UP)


def test_schemas_are_valid_draft_2020_12_and_serialisable():
    for made in (person_schema(), record_schema(), combined_schema()):
        assert made["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(made)
        json.dumps(made)
    assert set(combined_schema()["$defs"]) == {"person", "record"}


def test_every_example_file_validates():
    people = sorted(CONTENT.glob("*/index.md"))
    records = sorted(CONTENT.glob("*/[0-9]*.md"))
    assert len(people) >= 10 and len(records) >= 20
    for path in people:
        assert errors(person_schema(), front_matter(path.read_text("utf-8"))) == [], path
    for path in records:
        assert errors(record_schema(), front_matter(path.read_text("utf-8"))) == [], path
    for path in people + records:
        assert errors(combined_schema(), front_matter(path.read_text("utf-8"))) == [], path


RECORD = """\
---
date: 2026-03-12
agreements:
  - id: excel-kursus
    what: "Tager kurset"
    owner: employee
    deadline: 2026-06-30
follow_up:
  - agreement: 2025-03-10/excel-kursus
    evaluation:
private: "kun til HR"
---
"""


def test_a_good_record_with_an_empty_evaluation_passes():
    assert errors(record_schema(), front_matter(RECORD)) == []


@pytest.mark.parametrize(
    ("before", "after", "complaint"),
    [
        ("deadline: 2026-06-30", "dealine: 2026-06-30", "Additional properties"),
        ("deadline: 2026-06-30", "deadline: 30-06-2026", "does not match"),
        ("deadline: 2026-06-30", "deadline: 2026-02-30", "is not a 'date'"),
        ("owner: employee", "owner: Anna Jensen", "does not match"),
        ("owner: employee\n", "owner: employee\n    status: maybe\n", "is not one of"),
        ("2025-03-10/excel-kursus", "excel-kursus", "does not match"),
        ("date: 2026-03-12\n", "", "'date' is a required property"),
        ('    what: "Tager kurset"\n', "", "'what' is a required property"),
    ],
)
def test_mistakes_mus_check_rejects_are_rejected(before, after, complaint):
    assert before in RECORD
    found = errors(record_schema(), front_matter(RECORD.replace(before, after, 1)))
    assert any(complaint in message for message in found), found


def test_a_person_with_a_bad_manager_id_or_unknown_key_is_rejected():
    person = {"name": "Søren Aabye", "manager": "Bo Hansen", "telefon": "12345678"}
    found = errors(person_schema(), person)
    assert any("does not match" in m for m in found)
    assert any("'telefon' was unexpected" in m for m in found)
    assert errors(person_schema(), {"title": "Bogholder"}) == ["'name' is a required property"]


def test_front_matter_cms_configuration_lists_the_same_keys():
    """frontmatter.json is written by hand; it must name every key mus reads, with the same requirements."""
    config = json.loads((CONTENT.parent.parent / "frontmatter.json").read_text("utf-8"))
    types = {t["name"]: t["fields"] for t in config["frontMatter.taxonomy.contentTypes"]}
    groups = {g["id"]: g["fields"] for g in config["frontMatter.taxonomy.fieldGroups"]}

    def keys(cms_fields: list[dict]) -> dict[str, bool]:
        return {f["name"]: bool(f.get("required")) for f in cms_fields}

    def table(fields_table: dict[str, schema.Field]) -> dict[str, bool]:
        return {key: spec.required for key, spec in fields_table.items()}

    assert keys(types["mus-person"]) == table(schema.PERSON)
    assert keys(types["mus-record"]) == table(schema.RECORD)
    assert keys(groups["mus-agreement"]) == table(schema.AGREEMENT)
    assert keys(groups["mus-follow-up"]) == table(schema.FOLLOW_UP)
    assert keys(groups["mus-sign-off"]) == table(schema.SIGN_OFF)
    status = next(f for f in groups["mus-agreement"] if f["name"] == "status")
    assert [c["id"] for c in status["choices"]] == ["open", "done", "dropped"]
