"""The fast way to read a workbook: python-calamine (Rust) instead of openpyxl's XML parsing.

calamine gives a cell's value, with dates read in the workbook's own epoch (1900 or 1904) and
text such as "001" kept as text, but not its number format, error type or formula. So it is
used only for a workbook where none of these can matter: no formula (its cached value and a
link to another workbook are checked by the openpyxl path), no error cell (#DIV/0!), and no
cell styled as a percentage (92% must be refused, not read as 0.92). `needs_openpyxl` finds
these in the sheets' XML bytes; any of them sends the whole workbook to openpyxl, which keeps
every guarantee. Merged ranges and hidden sheets calamine reports itself.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

# A formula (<f>, <f t="shared" .../>, with or without a namespace prefix) or an error cell.
_FORMULA_OR_ERROR = re.compile(rb'<(?:\w+:)?f[\s>/]|\bt="e"')
_QUICK = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/", b't="e"')  # substrings each match contains
_STYLE = re.compile(rb'\bs="(\d+)"')
_NUMBER_FORMAT = re.compile(rb'<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)")
_NUMBER_FORMAT_ID = re.compile(rb'numFmtId="(\d+)"')
_PERCENT_BUILTIN = {9, 10}  # 0% and 0.00%


def _percent_styles(archive: zipfile.ZipFile) -> set[bytes]:
    """The style numbers (s="N" on a cell) whose number format shows a percentage."""
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        return set()
    percent_ids = set(_PERCENT_BUILTIN)
    for number, code in _NUMBER_FORMAT.findall(styles):
        if b"%" in re.sub(rb'"[^"]*"|\\.', b"", code.replace(b"&quot;", b'"')):  # a % inside quotes is literal text
            percent_ids.add(int(number))
    block = _CELL_XFS.search(styles)
    found = set()
    for index, attributes in enumerate(_XF.findall(block.group(0)) if block else []):
        number = _NUMBER_FORMAT_ID.search(attributes)
        if number and int(number.group(1)) in percent_ids:
            found.add(str(index).encode())
    return found


def needs_openpyxl(path: Path) -> bool:
    """True when a sheet has a formula, an error cell or a percentage-styled cell (or the file
    is not a plain .xlsx archive): then only openpyxl reads everything the checks need."""
    try:
        with zipfile.ZipFile(path) as archive:
            percent = _percent_styles(archive)
            for name in archive.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                xml = archive.read(name)
                if any(part in xml for part in _QUICK) and _FORMULA_OR_ERROR.search(xml):
                    return True
                if percent and any(style in percent for style in set(_STYLE.findall(xml))):
                    return True
    except (zipfile.BadZipFile, OSError, KeyError):
        return True
    return False


class Cell:
    """What the sheet reader asks of a cell (the subset of openpyxl's read-only cell)."""

    __slots__ = ("value", "row", "column")
    data_type = "n"  # never an error or a formula: those workbooks go to openpyxl
    number_format = "General"  # never a percentage, for the same reason

    def __init__(self, value, row: int, column: int) -> None:
        self.value, self.row, self.column = value, row, column

    @property
    def column_letter(self) -> str:
        return get_column_letter(self.column)


class Sheet:
    def __init__(self, book: CalamineWorkbook, metadata) -> None:
        self._sheet = book.get_sheet_by_name(metadata.name)
        self.title = metadata.name
        self.sheet_state = "visible" if metadata.visible == SheetVisibleEnum.Visible else "hidden"

    def iter_rows(self, min_row: int = 1, min_col: int = 1):
        """Every row from A1, as tuples of cells (empty cells are None, as openpyxl reads them).
        calamine yields rows from row 1 but columns from the first used one: those before are added."""
        before = (None,) * (self._sheet.start or (0, 0))[1]
        for number, values in enumerate(self._sheet.iter_rows(), start=1):
            if number >= min_row:
                yield tuple(Cell(v, number, column) for column, v in enumerate(before + tuple(None if v == "" else v for v in values), start=1))

    def merged_ranges(self) -> list[str]:
        """Merged ranges as Excel names them (A5:A7)."""
        return [f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
                for (r0, c0), (r1, c1) in self._sheet.merged_cell_ranges or []]


class Workbook:
    """The workbook's worksheets in order (chart sheets are left out, as the openpyxl path does)."""

    def __init__(self, path: Path) -> None:
        self._book = CalamineWorkbook.from_path(str(path))
        self.worksheets = [Sheet(self._book, m) for m in self._book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]

    def close(self) -> None:
        self._book.close()
