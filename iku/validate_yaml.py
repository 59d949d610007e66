"""Checks of the YAML files of a data root (profile, scales, translations, decree metadata):
each against its JSON Schema in iku/schemas/, with messages naming the entry."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from iku import messages
from iku.load import RawData
from iku.problems import Problem

YAML_SCHEMAS = Path(__file__).parent / "schemas"
YAML_TYPES = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "true atau false",
              "array": "daftar (baris diawali tanda -)", "object": "kelompok isian nama: nilai", "null": "kosong"}


@cache
def yaml_schema(name: str) -> Draft202012Validator:
    return Draft202012Validator(yaml.safe_load((YAML_SCHEMAS / f"{name}.schema.yml").read_text(encoding="utf-8")))


def _plain(value):
    """YAML reads 2023-04-04 as a date; JSON Schema speaks of strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def check_yaml(label: str, document: dict, schema: str) -> list[Problem]:
    """Every way a YAML document departs from its JSON Schema, as problems naming the entry."""
    problems = []
    for error in sorted(yaml_schema(schema).iter_errors(_plain(document)), key=lambda e: [str(p) for p in e.absolute_path]):
        where = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required":
            for name in error.validator_value:
                if isinstance(error.instance, dict) and name not in error.instance:
                    problems.append(messages.problem("yaml_isian_hilang", label, None, f"{where}.{name}".lstrip(".")))
        elif error.validator == "type":
            wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
            problems.append(messages.problem("yaml_tipe", label, None, where, expected=" atau ".join(YAML_TYPES.get(w, w) for w in wanted)))
        else:
            problems.append(messages.problem("yaml_aturan", label, None, where, value=error.validator))
    return problems


def check_scales(raw: RawData) -> list[Problem]:
    label = raw.label("skala.yml")
    problems = check_yaml(label, raw.skala, "skala")
    if problems:
        return problems
    for key, scale in raw.skala.items():
        bounds = [c.get("batas_bawah_inklusif", c.get("batas_bawah_eksklusif")) for c in scale["kelas"]]
        given = [b for b in bounds if b is not None]
        if bounds[-1] is not None or None in bounds[:-1] or given != sorted(given, reverse=True):
            problems.append(messages.problem("skala_urutan", label, None, f"{key}.kelas"))
    return problems


def check_decrees(raw: RawData) -> list[Problem]:
    return [p for d in raw.decrees for p in check_yaml(d.path, d.meta, "keputusan")]
