"""The registers' declaration (the data root's `datapackage.yaml`) as Frictionless resources.

Everything in `iku.excel` reads the registers through `register_resources`, in the standard
Frictionless shape (name, path, title, description, schema.fields[name, type, title,
description, constraints], schema.primaryKey, and the custom `tahun_dari`). The descriptor is
read and checked by `iku.paket`, the same code `iku periksa` runs, so the workbook can never
know rules the checks do not.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from iku import paket
from iku.load import RawData
from iku.problems import format_report


class DescriptorInvalid(ValueError):
    """The data root's datapackage.yaml cannot be read as a declaration of registers."""


def register_resources(data_root: Path | None = None, files: dict[str, bytes] | None = None) -> list[dict]:
    """One Frictionless resource dict per register, in declaration order: from `files` when the
    data root is given in memory (the site build), else from `data_root` on disk (the commands)."""
    root = Path(data_root or ".")
    if files is None:
        descriptor = root / paket.DESCRIPTOR
        files = {paket.DESCRIPTOR: descriptor.read_bytes()} if descriptor.is_file() else {}
    try:
        declared = yaml.safe_load(files.get(paket.DESCRIPTOR, b"")) or {}
    except yaml.YAMLError:
        declared = {}
    specs, problems = paket.registers_from(RawData(root=root, files=files, paket=declared if isinstance(declared, dict) else {}))
    if specs is None:
        detail = format_report(problems) if problems else f"{root}/{paket.DESCRIPTOR} tidak dapat dibaca sebagai YAML."
        raise DescriptorInvalid(f"Deklarasi register belum benar; perbaiki dulu (iku periksa {root}):\n{detail}")
    return as_resources(specs.values())


def as_resources(specs) -> list[dict]:
    """Checked register declarations (`TableSpec`s, as the portal holds them) as resource dicts."""
    return [
        {"name": spec.name, "path": spec.path, "title": spec.title, "description": spec.description or spec.title,
         "schema": paket.table_schema(spec), "tahun_dari": spec.year_from}
        for spec in specs
    ]


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
