"""Benchmark: what openpyxl needs per cell, the floor under the site's register.xlsx.

    .venv/bin/python tests/bench/xlsx.py [ROWS]        (default 100000)

Writes ROWS rows of seven cells like a complaints register, three ways, and prints the time
per cell: openpyxl's normal mode with a number format on every cell (as iku/excel/template.py
writes the workbook), and its write-only (streaming) mode with and without cell styles. A
register's workbook costs at least rows × columns × the fastest of these; a data change makes
it again (.cache/xlsx keeps it while the registers are unchanged).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import time

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMATS = ["@", "yyyy-mm-dd", "@", "@", "@", "yyyy-mm-dd", "0"]


def records(count: int) -> list[list]:
    return [[f"TRANTIB/2025/{n:06d}", dt.date(2025, 1, 1 + n % 28), "Kebisingan", "Petung", "selesai",
             dt.date(2025, 2, 1 + n % 28), n % 100] for n in range(count)]


def normal_mode(rows: list[list]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    for number, record in enumerate(rows, start=2):
        for column, (value, number_format) in enumerate(zip(record, FORMATS), start=1):
            sheet.cell(row=number, column=column, value=value).number_format = number_format
    workbook.save(io.BytesIO())


def write_only(rows: list[list], styled: bool) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("register")
    styles = []
    for number_format in FORMATS:
        prototype = WriteOnlyCell(sheet)
        prototype.number_format = number_format
        styles.append(prototype._style)
    for record in rows:
        if not styled:
            sheet.append(record)
            continue
        cells = []
        for value, style in zip(record, styles):
            cell = WriteOnlyCell(sheet, value=value)
            cell._style = copy.copy(style)
            cells.append(cell)
        sheet.append(cells)
    workbook.save(io.BytesIO())


def main(count: int) -> None:
    rows = records(count)
    cells = count * len(FORMATS)
    for name, write in (("normal mode, number format per cell (the template)", normal_mode),
                        ("write-only, style per cell", lambda r: write_only(r, styled=True)),
                        ("write-only, values only", lambda r: write_only(r, styled=False))):
        start = time.process_time()
        write(rows)
        seconds = time.process_time() - start
        print(f"{name:<55} {seconds:6.1f} s CPU = {seconds / cells * 1e6:5.1f} µs per cell ({cells:,} cells)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
