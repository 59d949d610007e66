"""The two staff commands, called by `iku.cli`: `iku templat` and `iku impor`."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import os
import sys
from pathlib import Path

import yaml

from iku.excel.registers import as_resources, register_resources, renstra_years
from iku.fscache import BytesCache

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
# A build whose registers did not change takes the workbook it made before.
workbook_cache = BytesCache(".xlsx", code=tuple(Path(__file__).parent.glob("*.py")),
                            versions=(importlib.metadata.version("xlsxwriter"),))
# Above this many rows, the site's workbook carries only the latest reporting year of a register
# (the CSV download is the archive; `iku templat --register NAME` gives the whole register).
SITE_ROWS_LIMIT = 50_000


def site_years(resources: list[dict], files: dict[str, bytes]) -> dict[str, int]:
    """Register name -> the one reporting year its sheet carries in the site's workbook: for each
    register of more than SITE_ROWS_LIMIT rows that says which column gives the year."""
    years = {}
    for resource in resources:
        content = files.get(resource["path"], b"")
        column = resource.get("tahun_dari")
        if not column or content.count(b"\n") <= SITE_ROWS_LIMIT:  # a row holds at least one line end
            continue
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig", errors="replace"), newline=""))
        header = [h.strip() for h in next(rows, [])]
        if column not in header:
            continue
        where, count, latest = header.index(column), 0, None
        for row in rows:
            if any(c.strip() for c in row):
                count += 1
                year = row[where].strip()[:4] if where < len(row) else ""
                if year.isdigit() and (latest is None or int(year) > latest):
                    latest = int(year)
        if count > SITE_ROWS_LIMIT and latest is not None:
            years[resource["name"]] = latest
    return years


def register_workbook(data_root: Path, files: dict[str, bytes] | None = None, register: str | None = None,
                      registers: dict | None = None, partial: dict[str, int] | None = None) -> bytes:
    """The template as bytes, for a data root on disk or (the site build) its files in memory with
    the registers the build has already checked, so the descriptor is not read a second time.
    `partial` (the site build: `site_years`) names the registers whose sheet holds one year only."""
    data_root = Path(data_root)
    declared = as_resources(registers.values()) if registers is not None else register_resources(data_root, files)
    resources = [r for r in declared if register in (None, r["name"])]
    if files is None:
        wanted = [r["path"] for r in resources] + ["instansi.yml"]
        files = {rel: (data_root / rel).read_bytes() for rel in wanted if (data_root / rel).is_file()}
    instansi = files.get("instansi.yml", b"")
    # SOURCE_DATE_EPOCH is the time reproducible.source_date stamps into the file (read here without importing XlsxWriter).
    inputs = [json.dumps(resources, sort_keys=True, default=str), instansi, os.environ.get("SOURCE_DATE_EPOCH", "0"),
              json.dumps(partial or {}, sort_keys=True),
              *(part for r in resources for part in (r["path"], files.get(r["path"], b"")))]

    def make() -> bytes:
        from iku.excel.template import workbook_bytes  # XlsxWriter: only when a workbook is made

        return workbook_bytes(resources, files, renstra_years(instansi), _office_name(instansi), partial)
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
    from iku.excel.impor import impor  # calamine and openpyxl

    outcome = impor(workbook, data_root, register, check_only, delete_rows)
    print(outcome.report())
    return EXIT_OK if outcome.ok else EXIT_ERRORS
