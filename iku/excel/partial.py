"""The site's workbook of a register above 50,000 rows carries one reporting year only
(`iku.excel.commands.site_years`). The workbook says so in a custom document property per
register (`iku.hanya_tahun.<register>` = the year), which Excel and LibreOffice keep on save.
`iku impor` of such a sheet adds and changes rows, and keeps the register's rows of other years
that the sheet never held; a row of that year missing from the sheet is still a deletion
(refused without --hapus-baris)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from iku.excel.canonical import removed_rows
from iku.excel.registers import fields

PROPERTY = "iku.hanya_tahun."
_PROPERTY = re.compile(r'<property\b[^>]*\bname="' + re.escape(PROPERTY) + r'([^"]+)"[^>]*>\s*<vt:\w+>(\d{4})</vt:\w+>')


def properties(years: dict[str, int]) -> dict[str, int]:
    """The custom document properties that mark the workbook's one-year sheets."""
    return {PROPERTY + name: year for name, year in sorted(years.items())}


def years_in(path: Path) -> dict[str, int]:
    """Register name -> the one year its sheet holds, as the workbook says (empty if it says nothing)."""
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("docProps/custom.xml").decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    return {name: int(year) for name, year in _PROPERTY.findall(xml)}


def other_years(resource: dict, records: list[list[str]], year: int, before: bytes) -> list[list[str]]:
    """The register's rows (as on disk) of years other than `year` whose key no sheet row has."""
    column = resource.get("tahun_dari")
    names = [f["name"] for f in fields(resource)]
    if column not in names:
        return []
    position = names.index(column)
    return [r for r in removed_rows(resource, records, before) if r[position][:4] != str(year)]
