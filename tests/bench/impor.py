"""Benchmark: `iku impor` of one large sheet (the number quoted in issue 14's closing note).

    .venv/bin/python tests/bench/impor.py [ROWS]        (default 100000)

Writes an skm sheet of ROWS rows (13 columns, seed 14) with openpyxl's write-only mode into a
temporary folder next to a copy of data/, then times `iku impor` writing skm.csv after every
check. Prints wall-clock and CPU seconds (CPU is the stable figure on a shared machine) and the
peak memory of the `iku impor` process.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[2]


def big_sheet(path: Path, rows: int) -> None:
    rng = random.Random(14)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("skm")
    sheet.append(["tahun", "semester", "unit_layanan", "responden"] + [f"u{i}" for i in range(1, 10)])
    for i in range(rows):  # (tahun, semester, unit) unique: i%5, i%2 and i//10 tell rows apart
        sheet.append([2021 + i % 5, ["I", "II"][i % 2], f"Unit layanan {i // 10}", 100 + i % 50]
                     + [round(rng.uniform(1, 4), 2) for _ in range(9)])
    workbook.save(path)


def measure(rows: int) -> str:
    """One line: wall and CPU seconds and peak memory of `iku impor` of a ROWS-row sheet."""
    with tempfile.TemporaryDirectory() as temp:
        book, data = Path(temp) / "besar.xlsx", Path(temp) / "data"
        big_sheet(book, rows)
        shutil.copytree(ROOT / "data", data)
        output = Path(temp) / "keluaran.txt"
        start = time.perf_counter()
        with output.open("w") as sink:
            process = subprocess.Popen([sys.executable, "-m", "iku", "impor", str(book), "--data", str(data), "--hapus-baris"],
                                       stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
            _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU time and peak memory
        wall, said = time.perf_counter() - start, output.read_text().strip()
        if os.waitstatus_to_exitcode(status) != 0 or "ditulis dari lembar" not in said:
            raise SystemExit(f"iku impor gagal:\n{said}")
        return (f"iku impor, {rows:,} baris: {wall:.1f} s, {usage.ru_utime + usage.ru_stime:.1f} s CPU, peak "
                f"{usage.ru_maxrss / 1024:,.0f} MiB ({book.stat().st_size / 1e6:.1f} MB .xlsx)")


def main(rows: int) -> None:
    print(measure(rows))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
