"""Read a workbook's sheets into register rows: CSV text per cell, with the Excel row and
column letter each came from, and every problem only a workbook can have.

python-calamine reads a workbook without formulas, error cells or percentage formats
(`iku.excel.calamine`: a 100,000-row sheet in about a second). Any other workbook is read by
openpyxl in read-only mode; its formula cells are read twice: the formula (to refuse links to
other workbooks) and Excel's cached value (a second, value-only pass).
"""

from __future__ import annotations

import itertools
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from iku.excel import calamine
from iku.excel.cells import NUMERIC, cell_text, number_text
from iku.excel.messages import SheetProblem, sheet_problem
from iku.excel.petunjuk import GUIDE_SHEET
from iku.excel.registers import fields
from iku.messages import problem as periksa_problem
from iku.pribadi import PERSONAL_DATA, mask

HEADER_SEARCH_ROWS = 10
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}\d+:[A-Z]{1,3}\d+)"')
_MERGE_OVERLAP = 64
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream Office puts a password-protected file in
# [1]Sheet1!A1 (a linked workbook by number) or 'C:\dir\[Book.xlsx]Sheet1'!A1 (by name).
_OTHER_WORKBOOK = re.compile(r"\[\d+\][^\[\]]*!|\[[^\[\]]+\.xl[a-z]*\]", re.I)


def header_key(text: object) -> str:
    """'Nomor Aduan ', 'nomor  aduan' and 'NOMOR_ADUAN' name the same column."""
    return re.sub(r"[\s_]+", "_", str(text or "").strip().lower())


@dataclass
class SheetRows:
    """One sheet read as one register."""

    sheet: str
    resource: dict
    letters: dict[str, str]  # column name -> Excel column letter
    header_row: int = 1
    excel_rows: list[int] = field(default_factory=list)
    records: list[list[str]] = field(default_factory=list)  # CSV text, in the declaration's column order
    kept: int = 0  # rows of other years kept from the register (the last ones of `records`, excel row None)


@dataclass
class _Formula:
    sheet: str
    row: int
    column: int
    record: list[str]
    position: int  # index in record
    text: str
    number_format: str


def refuse_unreadable(path: Path, book: str) -> list[SheetProblem]:
    """Files openpyxl cannot read, each with the reason a staff member can act on."""
    if not path.is_file():
        return [sheet_problem("buku_tidak_ada", book)]
    head = path.read_bytes()[:1 << 20] if path.stat().st_size < 64 << 20 else path.open("rb").read(1 << 20)
    if head.startswith(_OLE_SIGNATURE):
        return [sheet_problem("buku_berkata_sandi" if _ENCRYPTED in head else "buku_xls", book)]
    if path.suffix.lower() == ".xls":
        return [sheet_problem("buku_xls", book)]
    if path.suffix.lower() == ".csv":
        return [sheet_problem("buku_csv", book)]
    if not zipfile.is_zipfile(path):
        return [sheet_problem("buku_rusak", book, detail="isinya bukan arsip .xlsx")]
    return []


def _open(path: Path):
    """calamine when it reads everything the checks need, else openpyxl (read-only)."""
    if not calamine.needs_openpyxl(path):
        try:
            return calamine.Workbook(path)
        except Exception:  # noqa: BLE001 (a file calamine refuses: openpyxl names what is wrong)
            pass
    return load_workbook(path, read_only=True, data_only=False)


def read_sheets(path: Path, book: str, resources: list[dict]) -> tuple[list[SheetRows], list[SheetProblem]]:
    try:
        workbook = _open(path)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; the staff member needs one message
        return [], [sheet_problem("buku_rusak", book, detail=f"{type(exc).__name__}")]
    found, problems, formulas = [], [], []
    try:
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):  # a chart sheet
                continue
            if sheet.sheet_state != "visible":
                problems.append(sheet_problem("lembar_tersembunyi", book, sheet.title))
                continue
            if sheet.title == GUIDE_SHEET:
                continue
            rows, sheet_problems = _read_sheet(sheet, book, resources, formulas)
            problems += sheet_problems
            if rows is not None:
                found.append(rows)
    finally:
        workbook.close()
    if formulas:
        problems += _fill_cached_values(path, book, formulas, {r.sheet: r for r in found})
    return found, problems


def _match(title: str, headers: list[str], resources: list[dict], by_name: bool = True) -> dict | None:
    """The register a sheet holds: by its headers (any order), else by its name."""
    present = set(headers)
    for resource in resources:
        if {f["name"] for f in fields(resource)} <= present:
            return resource
    if not by_name:
        return None
    return next((r for r in resources if header_key(r["name"]) == header_key(title)), None)


def _read_sheet(sheet, book: str, resources: list[dict], formulas: list[_Formula]):
    # From A1 explicitly: read-only sheets otherwise start where the file says data starts.
    rows = enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1)
    header_row, headers, resource, looked_at = _find_header(rows, sheet.title, resources)
    rows = itertools.chain(((n, c) for n, c in looked_at if header_row and n > header_row), rows)
    if resource is None:
        return None, [sheet_problem("lembar_dilewati", book, sheet.title), *_scan_skipped(sheet, book)]
    problems = _header_problems(resource, headers, header_row, book, sheet.title)
    names = [f["name"] for f in fields(resource)]
    positions = {name: headers.index(name) for name in names if name in headers}
    letters = {name: get_column_letter(i + 1) for name, i in positions.items()}
    result = SheetRows(sheet.title, resource, letters, header_row)
    unnamed = [i for i, h in enumerate(headers) if not h]
    columns = [(f, positions.get(f["name"])) for f in fields(resource)]
    enums = {f["name"]: {str(c).lower(): str(c) for c in f.get("constraints", {}).get("enum", [])} for f in fields(resource)}
    for row_number, cells in rows:
        if not any(c.value is not None and str(c.value).strip() for c in cells):
            continue  # empty rows, also the trailing ones Excel keeps after a deletion
        record = []
        for spec, index in columns:
            cell = cells[index] if index is not None and index < len(cells) else None
            if cell is None or cell.value is None:
                record.append("")
                continue
            if cell.data_type == "f":
                record.append("")
                formula = str(cell.value)
                if _OTHER_WORKBOOK.search(formula):
                    problems.append(sheet_problem("rumus_buku_lain", book, sheet.title, row_number, letters[spec["name"]], spec["name"], value=formula))
                else:
                    formulas.append(_Formula(sheet.title, row_number, index + 1, record, len(record) - 1, formula, cell.number_format))
                continue
            # The two common cases as cell_text gives them: text in a text column, a plain number in a number column.
            if spec["type"] == "string" and type(cell.value) is str:
                record.append(enums[spec["name"]].get(cell.value.strip().lower(), cell.value.strip()))
                continue
            if (spec["type"] in NUMERIC and type(cell.value) is float and math.isfinite(cell.value) and cell.data_type == "n"
                    and "%" not in (cell.number_format or "")):
                text = number_text(cell.value)
                record.append(enums[spec["name"]].get(text.lower(), text))
                continue
            text, code, shown = cell_text(cell.value, cell.data_type, cell.number_format, spec)
            if code:
                problems.append(sheet_problem(code, book, sheet.title, row_number, letters[spec["name"]], spec["name"], value=shown))
            record.append(enums[spec["name"]].get(text.lower(), text))
        for i in unnamed:
            if i < len(cells) and cells[i].value is not None and str(cells[i].value).strip():
                problems.append(sheet_problem("data_tanpa_judul", book, sheet.title, row_number, get_column_letter(i + 1)))
        result.excel_rows.append(row_number)
        result.records.append(record)
    problems += _merged_problems(sheet, book)
    return result, problems


def _find_header(rows, title: str, resources: list[dict]) -> tuple[int | None, list[str], dict | None, list]:
    """The header row: the first of the top rows naming all of a register's columns (a title
    row above it is allowed), else the first non-empty row. Also returns the rows looked at."""
    first, looked_at = None, []
    for row_number, cells in rows:
        looked_at.append((row_number, cells))
        values = [c.value for c in cells]
        if not any(v is not None and str(v).strip() for v in values):
            continue
        headers = [header_key(v) for v in values]
        first = first or (row_number, headers)
        resource = _match(title, headers, resources, by_name=False)
        if resource or row_number >= HEADER_SEARCH_ROWS:
            break
    else:
        resource = None
    if resource:
        return row_number, headers, resource, looked_at
    if first is None:
        return None, [], None, looked_at
    return first[0], first[1], _match(title, first[1], resources), looked_at


def _header_problems(resource: dict, headers: list[str], row: int, book: str, title: str) -> list[SheetProblem]:
    names = [f["name"] for f in fields(resource)]
    problems = []
    seen = set()
    for i, name in enumerate(headers):
        letter = get_column_letter(i + 1)
        if name and name in seen:
            problems.append(sheet_problem("judul_ganda", book, title, row, letter, value=name))
        elif name and name not in names:
            problems.append(sheet_problem("judul_diubah", book, title, row, letter, value=name, expected=resource["name"], choices=", ".join(names)))
        seen.add(name)
    for name in names:
        if name not in headers:
            problems.append(sheet_problem("judul_hilang", book, title, row, None, value=name))
    return problems


def _merged_problems(sheet, book: str) -> list[SheetProblem]:
    """Merged ranges hold a value in one cell only. calamine names them; openpyxl's read-only
    mode does not, so the sheet's <mergeCell ref="A5:A7"/> entries are found in the file's bytes
    (a second XML parse of a 100,000-row sheet would cost seconds)."""
    if isinstance(sheet, calamine.Sheet):
        return [_merged_problem(ref, book, sheet.title) for ref in sheet.merged_ranges()]
    problems, buffer = [], b""
    with sheet._get_source() as source:  # noqa: SLF001 (read-only sheets expose no merged ranges)
        while True:
            chunk = source.read(1 << 20)
            buffer += chunk
            # A match starting in the last bytes may be cut off: it is looked for in the next round.
            limit = len(buffer) - _MERGE_OVERLAP if chunk else len(buffer)
            for match in _MERGE_CELL.finditer(buffer):
                if match.start() < limit:
                    problems.append(_merged_problem(match.group(1).decode(), book, sheet.title))
            if not chunk:
                break
            buffer = buffer[max(limit, 0):]
    return problems


def _merged_problem(ref: str, book: str, title: str) -> SheetProblem:
    min_col, min_row, _, _ = range_boundaries(ref)
    return sheet_problem("sel_gabungan", book, title, min_row, get_column_letter(min_col), value=ref)


def _scan_skipped(sheet, book: str) -> list[SheetProblem]:
    """Personal data is refused in any cell, also of sheets that are not imported."""
    problems = []
    for cells in sheet.iter_rows(min_row=1, min_col=1):
        for cell in cells:
            if cell.value is None:
                continue
            text = cell_text(cell.value, cell.data_type, cell.number_format, {})[0] or str(cell.value)
            for code, pattern in PERSONAL_DATA.items():
                found = pattern.search(text)
                if found:
                    problems.append(_personal(code, book, sheet.title, cell, mask(found.group(0))))
    return problems


def _personal(code: str, book: str, title: str, cell, shown: str) -> SheetProblem:
    """In the wording `iku periksa` uses for the same finding."""
    return SheetProblem(book, title, cell.row, cell.column_letter, None, code, periksa_problem(code, "", None, None, value=shown).message)


def _fill_cached_values(path: Path, book: str, formulas: list[_Formula], by_sheet: dict[str, SheetRows]) -> list[SheetProblem]:
    """Excel stores each formula's last result; a file written by another program may not."""
    wanted: dict[str, dict[tuple[int, int], _Formula]] = {}
    for f in formulas:
        wanted.setdefault(f.sheet, {})[(f.row, f.column)] = f
    workbook = load_workbook(path, read_only=True, data_only=True)
    problems = []
    try:
        for title, cells_wanted in wanted.items():
            last_row = max(r for r, _ in cells_wanted)
            values = {}
            for row_number, cells in enumerate(workbook[title].iter_rows(min_row=1, min_col=1, max_row=last_row), start=1):
                for column, cell in enumerate(cells, start=1):
                    if cell.value is not None and (row_number, column) in cells_wanted:
                        values[(row_number, column)] = (cell.value, cell.data_type)
            spec_by_name = {f["name"]: f for f in fields(by_sheet[title].resource)}
            names = list(spec_by_name)
            for place, formula in cells_wanted.items():
                name = names[formula.position]
                letter = get_column_letter(formula.column)
                if place not in values:
                    problems.append(sheet_problem("rumus_tanpa_nilai", book, title, formula.row, letter, name, value=formula.text))
                    continue
                text, code, shown = cell_text(*values[place], formula.number_format, spec_by_name[name])
                if code:
                    problems.append(sheet_problem(code, book, title, formula.row, letter, name, value=shown))
                formula.record[formula.position] = text
    finally:
        workbook.close()
    return problems
