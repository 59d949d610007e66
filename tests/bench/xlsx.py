"""Benchmark: the writers the site's register.xlsx could use, per cell and in peak memory.

    .venv/bin/python tests/bench/xlsx.py [ROWS]        (default 100000)

Writes ROWS rows of seven cells like a complaints register (text, dates, a number; a number
format on every cell, as the template has), each writer in its own child process so its peak
memory is its own:
  - openpyxl normal mode (the template until issue 24: every cell in memory);
  - openpyxl write-only mode (streaming), a style per cell;
  - XlsxWriter constant-memory mode (streaming), a format per cell (the template now);
  - the template itself (iku.excel.template.workbook_bytes: also header comments, validations,
    frozen header and Petunjuk, and the zip rewritten with fixed times).
Prints CPU seconds of the writing alone (imports and set-up excluded), µs per cell and the
child's peak MiB (the rows themselves included). The README's performance section quotes a run.
"""

from __future__ import annotations

import copy
import functools
import datetime as dt
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ["@", "yyyy-mm-dd", "@", "@", "@", "yyyy-mm-dd", "0"]


def records(count: int) -> list[list]:
    return [[f"TRANTIB/2025/{n:06d}", dt.date(2025, 1, 1 + n % 28), "Kebisingan", "Petung", "selesai",
             dt.date(2025, 2, 1 + n % 28), n % 100] for n in range(count)]


def openpyxl_normal(rows: list[list]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for number, record in enumerate(rows, start=2):
        for column, (value, number_format) in enumerate(zip(record, FORMATS), start=1):
            sheet.cell(row=number, column=column, value=value).number_format = number_format
    workbook.save(io.BytesIO())


def openpyxl_write_only(rows: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("register")
    styles = []
    for number_format in FORMATS:
        prototype = WriteOnlyCell(sheet)
        prototype.number_format = number_format
        styles.append(prototype._style)
    for record in rows:
        cells = []
        for value, style in zip(record, styles):
            cell = WriteOnlyCell(sheet, value=value)
            cell._style = copy.copy(style)
            cells.append(cell)
        sheet.append(cells)
    workbook.save(io.BytesIO())


def xlsxwriter_constant_memory(rows: list[list]) -> None:
    import xlsxwriter

    with tempfile.TemporaryDirectory() as temp:
        workbook = xlsxwriter.Workbook(os.path.join(temp, "b.xlsx"), {"constant_memory": True, "tmpdir": temp})
        sheet = workbook.add_worksheet("register")
        formats = [workbook.add_format({"num_format": f}) for f in FORMATS]
        for number, record in enumerate(rows, start=1):
            for column, (value, look) in enumerate(zip(record, formats)):
                if isinstance(value, str):
                    sheet.write_string(number, column, value, look)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(number, column, value, look)
                else:
                    sheet.write_number(number, column, value, look)
        workbook.close()


@functools.lru_cache(maxsize=1)
def _complaints() -> dict:
    from iku.excel.registers import register_resources

    return next(r for r in register_resources(ROOT / "data") if r["name"] == "aduan_trantib")


def template(rows: list[list]) -> None:
    from iku.excel.template import workbook_bytes

    resource = _complaints()
    names = [f["name"] for f in resource["schema"]["fields"]]
    lines = [",".join(names)] + [",".join([r[0], r[1].isoformat(), r[2], r[3], r[4], r[5].isoformat()]) for r in rows]
    workbook_bytes([resource], {resource["path"]: ("\n".join(lines) + "\n").encode()}, (2021, 2026), "Bench")


WRITERS = {
    "openpyxl, normal mode (the template before issue 24)": openpyxl_normal,
    "openpyxl, write-only (streaming), style per cell": openpyxl_write_only,
    "XlsxWriter, constant_memory (streaming), format per cell": xlsxwriter_constant_memory,
    "the template now (XlsxWriter + comments, validations, Petunjuk)": template,
}


def _peak_mib() -> float:
    """This process's own peak memory (VmHWM starts anew at exec; ru_maxrss keeps the parent's)."""
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def child(name: str, count: int) -> None:
    rows = records(count)
    import openpyxl  # noqa: F401 (imports are not the writer's cost)
    import xlsxwriter  # noqa: F401
    if WRITERS[name] is template:
        _complaints()
    start = time.process_time()
    WRITERS[name](rows)
    seconds = time.process_time() - start
    print(f"{seconds} {_peak_mib()}")


def main(count: int) -> list[tuple[str, str]]:
    cells = count * len(FORMATS)
    table = []
    for name in WRITERS:
        done = subprocess.run([sys.executable, __file__, "--child", name, str(count)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
        seconds, mib = map(float, done.stdout.split())
        table.append((name, f"{seconds:6.1f} s CPU = {seconds / cells * 1e6:5.1f} µs per cell, peak {mib:,.0f} MiB ({cells:,} cells)"))
    return table


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        for name, result in main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000):
            print(f"{name:<66} {result}")
