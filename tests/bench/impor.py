"""Benchmark: `iku impor` of one large sheet (the number quoted in issue 14's closing note).

    .venv/bin/python tests/bench/impor.py [ROWS]        (default 100000)

Writes an skm sheet of ROWS rows (13 columns, seed 14) with openpyxl's write-only mode into a
temporary folder next to a copy of data/, then times `iku impor` writing skm.csv after every
check. Prints wall-clock and CPU seconds (CPU is the stable figure on a shared machine).
"""

from __future__ import annotations

import random
import resource
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


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        book, data = Path(temp) / "besar.xlsx", Path(temp) / "data"
        big_sheet(book, rows)
        shutil.copytree(ROOT / "data", data)
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "iku", "impor", str(book), "--data", str(data), "--hapus-baris"],
                              capture_output=True, text=True, cwd=ROOT)
        wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr)
        print(f"iku impor, {rows} baris: {wall:.1f} s (jam dinding), {cpu:.1f} s CPU, {book.stat().st_size / 1e6:.1f} MB .xlsx")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
