"""The two staff commands, called by `iku.cli`: `iku templat` and `iku impor`."""

from __future__ import annotations

import importlib.metadata
import json
import os
import sys
from pathlib import Path

import yaml

from iku.excel.registers import as_resources, register_resources, renstra_years
from iku.fscache import BytesCache

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
# openpyxl writes about 20 µs per cell: a register of 10^5 rows costs half a minute. A build
# whose registers did not change takes the workbook it made before.
workbook_cache = BytesCache(".xlsx", code=tuple(Path(__file__).parent.glob("*.py")),
                            versions=(importlib.metadata.version("openpyxl"),))


def register_workbook(data_root: Path, files: dict[str, bytes] | None = None, register: str | None = None,
                      registers: dict | None = None) -> bytes:
    """The template as bytes, for a data root on disk or (the site build) its files in memory with
    the registers the build has already checked, so the descriptor is not read a second time."""
    data_root = Path(data_root)
    declared = as_resources(registers.values()) if registers is not None else register_resources(data_root, files)
    resources = [r for r in declared if register in (None, r["name"])]
    if files is None:
        wanted = [r["path"] for r in resources] + ["instansi.yml"]
        files = {rel: (data_root / rel).read_bytes() for rel in wanted if (data_root / rel).is_file()}
    instansi = files.get("instansi.yml", b"")
    # SOURCE_DATE_EPOCH is the time template.source_date stamps into the file (read here without importing openpyxl).
    inputs = [json.dumps(resources, sort_keys=True, default=str), instansi, os.environ.get("SOURCE_DATE_EPOCH", "0"),
              *(part for r in resources for part in (r["path"], files.get(r["path"], b"")))]

    def make() -> bytes:
        from iku.excel.template import build_workbook, workbook_bytes  # openpyxl: only when a workbook is made

        return workbook_bytes(build_workbook(resources, files, renstra_years(instansi), _office_name(instansi)))
    return workbook_cache.get(inputs, make)


def _office_name(instansi: bytes) -> str:
    try:
        return str((yaml.safe_load(instansi) or {}).get("nama", ""))
    except (yaml.YAMLError, AttributeError):
        return ""


def unknown_register(data_root: Path, register: str | None) -> bool:
    names = [r["name"] for r in register_resources(data_root)]
    if register and register not in names:
        print(f"Register '{register}' tidak dikenal. Register yang ada: {', '.join(names)}.", file=sys.stderr)
        return True
    return False


def templat(data_root: Path, target: Path, register: str | None) -> int:
    if not data_root.is_dir():
        print(f"Folder data '{data_root}' tidak ditemukan.", file=sys.stderr)
        return EXIT_USAGE
    if unknown_register(data_root, register):
        return EXIT_USAGE
    target.write_bytes(register_workbook(data_root, register=register))
    what = f"register {register}" if register else "semua register"
    print(f"Templat Excel ({what}) ditulis ke {target}. Isi di Excel, simpan, lalu jalankan: iku impor {target}")
    return EXIT_OK


def impor_command(workbook: Path, data_root: Path, register: str | None, check_only: bool, delete_rows: bool = False) -> int:
    if not data_root.is_dir():
        print(f"Folder data '{data_root}' tidak ditemukan.", file=sys.stderr)
        return EXIT_USAGE
    if unknown_register(data_root, register):
        return EXIT_USAGE
    from iku.excel.impor import impor  # openpyxl

    outcome = impor(workbook, data_root, register, check_only, delete_rows)
    print(outcome.report())
    return EXIT_OK if outcome.ok else EXIT_ERRORS
