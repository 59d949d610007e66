"""`iku impor`: a workbook back into the canonical register CSVs, or nothing at all.

1. `sheets.read_sheets` turns each register sheet into CSV text, with the Excel place of
   every cell, and reports what only a workbook can get wrong.
2. Every check of `iku periksa` runs on the result: the converted registers are written into
   a temporary copy of the data root and that copy is checked exactly as `iku periksa` checks
   the real one. Each problem's CSV line and column are mapped back to sheet, row and letter.
   A sheet that holds one reporting year only (the site's workbook of a large register,
   `iku.excel.partial`) is first completed with the register's rows of the other years.
3. Rows of a register that are missing from its sheet would be deleted: that is refused, naming
   how many and the first keys, unless asked for (`--hapus-baris`). A workbook of another office,
   or a sheet filtered in Excel, then never empties a register in silence.
4. Only when nothing is wrong, the canonical CSV is written (`canonical.register_csv`), and
   only for registers whose content really changed.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from iku.excel.canonical import key_text, register_csv, removed_rows
from iku.excel.messages import SheetProblem, report, sheet_problem
from iku.excel.partial import other_years, years_in
from iku.excel.registers import fields, register_resources
from iku.excel.sheets import SheetRows, read_sheets, refuse_unreadable
from iku.load import display_path
from iku.portal import check, forget
from iku.problems import Problem, Severity


# Mistakes after which the sheet's cells cannot be placed or checked meaningfully.
STRUCTURAL = {"buku_tidak_ada", "buku_xls", "buku_berkata_sandi", "buku_rusak", "buku_csv", "lembar_tidak_cocok",
              "lembar_tidak_ada", "lembar_ganda", "judul_diubah", "judul_hilang", "judul_ganda"}


@dataclass
class Outcome:
    problems: list[SheetProblem]
    written: list[str]  # what changed on disk, one line per register, in Indonesian

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)

    def report(self) -> str:
        return report(self.problems, self.written)


def impor(path: Path, data_root: Path, register: str | None = None, check_only: bool = False,
          delete_rows: bool = False) -> Outcome:
    path, data_root = Path(path), Path(data_root)
    book = path.name
    problems = refuse_unreadable(path, book)
    if problems:
        return Outcome(problems, [])
    resources = [r for r in register_resources(data_root) if register in (None, r["name"])]
    sheets, problems = read_sheets(path, book, resources)
    sheets, doubled = _one_sheet_per_register(sheets, book)
    problems += doubled
    if register and not sheets:
        problems.append(sheet_problem("lembar_tidak_ada", book, value=register))
    elif not sheets:
        problems.append(sheet_problem("lembar_tidak_cocok", book))
    if any(p.code in STRUCTURAL for p in problems):
        return Outcome(problems, [])
    _complete_one_year_sheets(sheets, path, data_root)
    # Cell mistakes do not stop the checks: every mistake is reported at once. A cell already
    # reported (say, a date typed as text) is left out of the checks' findings about it.
    reported = {(p.sheet, p.row, p.letter) for p in problems if p.letter}
    problems += [p for p in _periksa(sheets, data_root, book) if (p.sheet, p.row, p.letter) not in reported]
    if any(p.severity is Severity.ERROR for p in problems):
        return Outcome(problems, [])
    if not delete_rows:
        problems += _removals(sheets, data_root, book)
        if any(p.severity is Severity.ERROR for p in problems):
            return Outcome(problems, [])
    written = [] if check_only else _write(sheets, data_root)
    if check_only:
        written = [f"Pemeriksaan selesai: {len(s.records) - s.kept} baris di lembar '{s.sheet}' lolos semua pemeriksaan ({display_path(data_root, s.resource['path'])}); tidak ada berkas yang ditulis." for s in sheets]
    return Outcome(problems, written)


def _complete_one_year_sheets(sheets: list[SheetRows], path: Path, data_root: Path) -> None:
    years = years_in(path)
    for rows in sheets:
        year = years.get(rows.resource["name"])
        target = data_root / rows.resource["path"]
        if year is None or not target.is_file():
            continue
        kept = other_years(rows.resource, rows.records, year, target.read_bytes())
        rows.records += kept
        rows.excel_rows += [None] * len(kept)
        rows.kept = len(kept)


def _one_sheet_per_register(sheets: list[SheetRows], book: str) -> tuple[list[SheetRows], list[SheetProblem]]:
    """A register in two sheets is refused: which rows count would be a guess."""
    first: dict[str, SheetRows] = {}
    problems = []
    for s in sheets:
        name = s.resource["name"]
        if name in first:
            problems.append(sheet_problem("lembar_ganda", book, s.sheet, value=name, expected=first[name].sheet))
        else:
            first[name] = s
    return list(first.values()), problems


def sheet_csv(rows: SheetRows) -> bytes:
    """The sheet as a CSV in the sheet's own row order: what `iku periksa` is run on."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f["name"] for f in fields(rows.resource)])
    writer.writerows(rows.records)
    return buffer.getvalue().encode("utf-8")


def _csv_lines(content: bytes) -> list[int]:
    """The line on which each record ends, as `iku.load` numbers it (a cell may span lines)."""
    reader = csv.reader(io.StringIO(content.decode("utf-8"), newline=""))
    next(reader)
    lines = []
    for _ in reader:
        lines.append(reader.line_num)
    return lines


def _periksa(sheets: list[SheetRows], data_root: Path, book: str) -> list[SheetProblem]:
    with tempfile.TemporaryDirectory(prefix="iku-impor-") as temp:
        # Same folder name as the real root, so messages about other files name them as usual.
        copy = Path(temp) / data_root.resolve().name
        shutil.copytree(data_root, copy, ignore=shutil.ignore_patterns(".*"))
        places: dict[str, tuple[SheetRows, dict[int, int]]] = {}
        for rows in sheets:
            content = sheet_csv(rows)
            target = copy / rows.resource["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            places[rows.resource["path"]] = (rows, dict(zip(_csv_lines(content), rows.excel_rows)))
        _, problems = check(copy)
    forget()  # the tables just checked are not needed again: writing the CSV needs the memory
    return [_placed(p, places, book, data_root) for p in problems]


def _placed(problem: Problem, places: dict, book: str, data_root: Path) -> SheetProblem:
    path = next((rel for rel in places if problem.file == rel or problem.file.endswith("/" + rel)), None)
    if path is None:  # a file the workbook did not touch: named as `iku periksa` names it
        return SheetProblem(problem.file, None, problem.row, None, problem.column, problem.code, problem.message, problem.severity)
    rows, excel_row = places[path]
    row = excel_row.get(problem.row, rows.header_row) if problem.row is not None else None
    if problem.row is not None and row is None:  # a row of another year, kept from the register: named in its file
        return SheetProblem(display_path(data_root, rows.resource["path"]), None, None, None, problem.column, problem.code,
                            problem.message, problem.severity)
    letter = rows.letters.get(problem.column or "")
    return SheetProblem(book, rows.sheet, row, letter, problem.column, problem.code, problem.message, problem.severity)


# How many keys a refused deletion names: enough to recognise the rows, short enough to read.
KEYS_SHOWN = 3


def _removals(sheets: list[SheetRows], data_root: Path, book: str) -> list[SheetProblem]:
    """One refusal per sheet whose import would delete rows of its register."""
    problems = []
    for rows in sheets:
        target = data_root / rows.resource["path"]
        gone = removed_rows(rows.resource, rows.records, target.read_bytes() if target.is_file() else b"")
        if gone:
            keys = "; ".join(key_text(rows.resource, r) for r in gone[:KEYS_SHOWN])
            more = f" dan {len(gone) - KEYS_SHOWN} lainnya" if len(gone) > KEYS_SHOWN else ""
            problems.append(sheet_problem("baris_dihapus", book, rows.sheet, value=len(gone),
                                          expected=display_path(data_root, rows.resource["path"]), choices=keys + more))
    return problems


def _write(sheets: list[SheetRows], data_root: Path) -> list[str]:
    lines = []
    for rows in sheets:
        target = data_root / rows.resource["path"]
        before = target.read_bytes() if target.is_file() else b""
        after, changed, gone = register_csv(rows.resource, rows.records, before)
        label = display_path(data_root, rows.resource["path"])
        if after == before:
            lines.append(f"{label}: tidak berubah.")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(after)
        lines.append(f"{label}: ditulis dari lembar '{rows.sheet}' ({changed - gone} baris baru atau berubah, {gone} baris dihapus).")
    return lines
