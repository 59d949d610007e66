"""Keys of datapackage.yaml nobody knows. A descriptor may carry custom properties (the Data
Package standard allows them), so an unknown key is only a warning; but a key a small edit away
from one the standard or the portal knows is a typo that would silently drop a rule
(`contraints:` loses `required` and `minimum`, `aturan_bari:` the row rules): an error at its
line, naming the key meant. Closeness is difflib's ratio (case-insensitive)."""

from __future__ import annotations

import difflib
from typing import Callable, Iterator

from iku.validate_yaml import yaml_schema

# Keys of the Data Package and Table Schema standards (datapackage.org, v2); the portal's own keys
# (tahun_dari, aturan_baris, boleh_masa_depan, anggaran, ...) are those its JSON Schema declares.
_DECLARED = yaml_schema("datapackage").schema
_RESOURCE_DECLARED = _DECLARED["properties"]["resources"]["items"]["properties"]
_FIELD_DECLARED = _RESOURCE_DECLARED["schema"]["properties"]["fields"]["items"]["properties"]


def _with_declared(standard: tuple[str, ...], declared: dict) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*standard, *declared)))


PACKAGE = _with_declared(("name", "id", "title", "description", "homepage", "version", "created", "keywords", "contributors",
                          "licenses", "sources", "image", "profile", "$schema", "resources"), _DECLARED["properties"])
RESOURCE = _with_declared(("name", "path", "data", "type", "title", "description", "homepage", "sources", "licenses", "format",
                           "mediatype", "encoding", "bytes", "hash", "schema", "dialect", "profile", "$schema"), _RESOURCE_DECLARED)
SCHEMA = _with_declared(("fields", "primaryKey", "foreignKeys", "missingValues", "uniqueKeys", "fieldsMatch", "$schema"),
                        _RESOURCE_DECLARED["schema"]["properties"])
FIELD = _with_declared(("name", "title", "type", "format", "description", "example", "constraints", "rdfType", "missingValues",
                        "trueValues", "falseValues", "bareNumber", "groupChar", "decimalChar", "categories", "categoriesOrdered"),
                       _FIELD_DECLARED)
CONSTRAINTS = tuple(_FIELD_DECLARED["constraints"]["properties"])  # the ones the portal checks
# Constraints of the standard the portal does not check: refused, for a rule that does not hold
# must not look declared.
CONSTRAINTS_NOT_CHECKED = ("minLength", "maxLength", "exclusiveMinimum", "exclusiveMaximum", "jsonSchema")
RULE = tuple(_RESOURCE_DECLARED["aturan_baris"]["items"]["properties"])
CLOSE = 0.8  # difflib ratio from which an unknown key is taken for a known one mistyped


def meant(key: str, known: tuple[str, ...]) -> str | None:
    """The known key `key` is a typo of, if any ('contraints' -> 'constraints')."""
    lowered = {k.lower(): k for k in known}
    found = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=CLOSE)
    return lowered[found[0]] if found else None


def _entries(package: dict) -> Iterator[tuple[dict, tuple[str, ...], tuple, str | None]]:
    """(mapping, the keys known there, its path in the document, where to say it is)."""
    yield package, PACKAGE, (), None
    for index, resource in enumerate(package.get("resources") or []):
        if not isinstance(resource, dict):
            continue
        name = str(resource.get("name", index))
        path = ("resources", index)
        yield resource, RESOURCE, path, name
        schema = resource.get("schema")
        if isinstance(schema, dict):
            yield schema, SCHEMA, (*path, "schema"), f"{name}.schema"
            for n, field in enumerate(schema.get("fields") or []):
                if isinstance(field, dict):
                    where = f"{name}.{field.get('name', n)}"
                    yield field, FIELD, (*path, "schema", "fields", n), where
                    if isinstance(field.get("constraints"), dict):
                        yield field["constraints"], CONSTRAINTS, (*path, "schema", "fields", n, "constraints"), where
        for n, rule in enumerate(resource.get("aturan_baris") or []):
            if isinstance(rule, dict):
                yield rule, RULE, (*path, "aturan_baris", n), f"{name}.aturan_baris"


def check_keys(package: dict, add: Callable[..., None]) -> None:
    """Every unknown key of the descriptor, reported through `add(code, path, where, **details)`."""
    if not isinstance(package, dict):
        return
    for mapping, known, path, where in _entries(package):
        for key in mapping:
            key = str(key)
            if key in known:
                continue
            if known is CONSTRAINTS and key in CONSTRAINTS_NOT_CHECKED:
                add("paket_batasan", (*path, key), where, value=key, expected=", ".join(CONSTRAINTS))
            elif guess := meant(key, known + (CONSTRAINTS_NOT_CHECKED if known is CONSTRAINTS else ())):
                add("paket_salah_ketik", (*path, key), where, value=key, expected=guess)
            else:
                add("paket_isian_lain", (*path, key), where, value=key)
