"""The registers' declaration as Frictionless Data Package resources.

SINGLE SWITCH POINT: everything in `iku.excel` reads the registers through
`register_resources`, in the standard Frictionless shape (name, path, title, description,
schema.fields[name, type, title, description, constraints], schema.primaryKey, and the custom
`tahun_dari`). Today the declarations are Python (`iku.schema.REGISTERS`) and are converted
here; once `data/datapackage.yaml` exists (issue 10), replace the body of
`register_resources` by reading that file's `resources` whose path starts with `register/`,
and nothing else in `iku.excel` changes.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from iku.schema import REGISTERS, Field, TableSpec

# iku.schema's cell kinds -> Frictionless Table Schema types.
_TYPES = {"teks": "string", "kode": "string", "pilihan": "string", "bilangan_bulat": "integer",
          "tahun": "year", "desimal": "number", "tanggal": "date"}
_CODE_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,30}"  # what iku.schema accepts for a `kode`


def register_resources(data_root: Path | None = None, files: dict[str, bytes] | None = None) -> list[dict]:
    """One Frictionless resource dict per register, in declaration order. Once issue 10 lands:
    read `files["datapackage.yaml"]` when the data root is given in memory (the site build),
    else `data_root / "datapackage.yaml"` (the commands)."""
    del data_root, files
    return [_resource(spec) for spec in REGISTERS.values()]


def _resource(spec: TableSpec) -> dict:
    return {
        "name": spec.name,
        "path": spec.path,
        "title": spec.title,
        "description": spec.title,
        "schema": {"fields": [_field(f) for f in spec.fields], "primaryKey": list(spec.key)},
        "tahun_dari": spec.year_from,
    }


def _field(f: Field) -> dict:
    constraints: dict = {"required": f.required}
    if f.choices:
        constraints["enum"] = list(f.choices)
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if f.maximum is not None:
        constraints["maximum"] = f.maximum
    if f.kind == "kode":
        constraints["pattern"] = _CODE_PATTERN
    return {"name": f.name, "type": _TYPES[f.kind], "title": f.name.replace("_", " ").capitalize(),
            "description": f.description, "constraints": constraints}


def renstra_years(instansi_yml: bytes) -> tuple[int, int] | None:
    """The Renstra period from instansi.yml: the allowed range of every `year` field."""
    try:
        period = yaml.safe_load(instansi_yml)["periode_renstra"]
        return int(period["awal"]), int(period["akhir"])
    except (KeyError, TypeError, ValueError, yaml.YAMLError):
        return None


def fields(resource: dict) -> list[dict]:
    return resource["schema"]["fields"]


def key(resource: dict) -> list[str]:
    return list(resource["schema"].get("primaryKey") or [])
