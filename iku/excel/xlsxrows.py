"""A register sheet's data rows written as XlsxWriter itself writes them, several times faster.

In constant-memory mode XlsxWriter spends about 7 µs a cell, nearly all of it Python around the
XML: bounds checks, a tuple per cell, a one-row buffer, escaping. A register repeats its texts
(dates, numbers, choices), and a cell's XML is `<c r="B7"` followed by a part that depends only
on the cell's value and format. So each distinct text of a column is written once, by
XlsxWriter's own `_write_cell` into a buffer, and every cell holding that text reuses the part
after its reference. The rows then go straight to the sheet's row file, and the sheet's own
bookkeeping (last row written, dimensions) is left as XlsxWriter's writes would leave it: the
workbook is byte for byte the one the cell-by-cell writes make (tests/test_excel_xlsxrows.py).
Anything unusual (a text Excel would cut, NaN or infinity, a row with attributes, rows beyond
Excel's last) is left to XlsxWriter: `write_rows` then writes nothing and returns False.
"""

from __future__ import annotations

import io
import math
from typing import Callable

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import CellBlankTuple, CellDatetimeTuple, CellNumberTuple, CellStringTuple


def _captured(sheet, write: Callable[[], None]) -> str:
    """What one of the sheet's XML writers writes, as text."""
    real, sheet.fh = sheet.fh, io.StringIO()
    try:
        write()
        return sheet.fh.getvalue()
    finally:
        sheet.fh = real


def _cell(sheet, value, is_date: bool, cell_format):
    """The cell XlsxWriter's write_blank/_string/_datetime/_number would store, or None when
    that write would do anything but store it."""
    if value is None:
        return CellBlankTuple(cell_format)
    if isinstance(value, str):
        return None if len(value) > sheet.xls_strmax // 2 else CellStringTuple(value, cell_format)
    if is_date:
        return CellDatetimeTuple(sheet._convert_date_time(value), cell_format)
    if not isinstance(value, (int, float)) or math.isnan(value) or math.isinf(value):
        return None
    return CellNumberTuple(value, cell_format)


def write_rows(sheet, records: list[list[str]], typed: Callable[[str, int], object], is_date: list[bool],
               cell_formats: list) -> bool:
    """Rows 2, 3, ... of a constant-memory sheet whose row 1 (the header) is written and not yet
    flushed; `typed(text, column)` is the value a cell gets. False when XlsxWriter must write
    them cell by cell (the header row may then be flushed already, as the first cell would)."""
    last = len(records)
    if not records or not sheet.constant_memory or sheet.previous_row != 0 or last >= sheet.xls_rowmax \
            or sheet.dim_colmin != 0 or sheet.dim_colmax != len(cell_formats) - 1 or sheet.row_info \
            or _captured(sheet, lambda: sheet._write_row(1, None)) != '<row r="2">':
        return False
    # The header row first, as the first cell of row 2 would flush it: XlsxWriter numbers the
    # formats in the order cells are written, so the header's come before the data's.
    sheet._write_single_row(1)
    letters = [xl_col_to_name(column) for column in range(len(cell_formats))]
    tails: list[dict[str, str]] = [{} for _ in cell_formats]
    for record in records:
        for column, text in enumerate(record):
            if text not in tails[column]:
                cell = _cell(sheet, typed(text, column), is_date[column], cell_formats[column])
                if cell is None:
                    return False
                xml = _captured(sheet, lambda: sheet._write_cell(1, column, cell))
                head = f'<c r="{letters[column]}2"'
                if not xml.startswith(head):
                    return False
                tails[column][text] = xml[len(head):]
    write = sheet.fh.write
    for row, record in enumerate(records, start=2):
        number = str(row)
        write(f'<row r="{number}">' + "".join(f'<c r="{letters[column]}{number}"{tails[column][text]}'
                                             for column, text in enumerate(record)) + "</row>")
    sheet.previous_row = last  # as after the last cell of the last row; its row is written already
    sheet.dim_rowmax = max(sheet.dim_rowmax, last)
    return True
