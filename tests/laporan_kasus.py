"""Data roots with mistakes, and the report `iku periksa` prints for each: the fixture mistakes,
the accepted Excel variants, the made-up second office, and seeded random damage to the base
fixture (cells replaced, rows repeated, columns dropped or renamed).

    PYTHONPATH=<a checkout> python tests/laporan_kasus.py > reports.json

prints the reports as that checkout's validator writes them; tests/test_laporan_tetap.py
compares the current validator with reports written this way by an earlier commit.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import yaml

FIXTURES = Path(__file__).parent / "fixtures"
RANDOM_CASES = 150
SEED = 13
# Values a staff member's spreadsheet might put in a cell, right and wrong.
CELL_VALUES = ["", " ", "2024", "2024-02-29", "2024-13-01", "96,5", "1.234", "1.234,5", "-1", "1e9", "nan", "ya", "TIDAK",
               "selesai", "proses", "IKU-1", "IKU 1", "=1+1", "+62", "-", "<b>x</b>", "{{ config }}", "3509120101800003",
               "081234567890", "a@b.co", "2019", "2030", "2099-01-01", "0", "5", "4,5", "100", "101", "x", "Ya"]


def _fresh(root: Path, source: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(source, root)
    return root


def _damage(path: Path, rng: random.Random) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    choice = rng.random()
    if choice < 0.75 and len(rows) > 1:
        row = rng.randrange(1, len(rows))
        rows[row][rng.randrange(len(rows[row]))] = rng.choice(CELL_VALUES)
    elif choice < 0.85 and len(rows) > 1:
        rows.append(list(rows[rng.randrange(1, len(rows))]))
    elif choice < 0.93:
        column = rng.randrange(len(rows[0]))
        rows = [r[:column] + r[column + 1:] for r in rows]
    else:
        column = rng.randrange(len(rows[0]))
        rows[0][column] = rng.choice(["x", "Tahun", rows[0][column].upper()])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def cases(workdir: Path, random_cases: int = RANDOM_CASES) -> Iterator[tuple[str, Path]]:
    """(name, data root) pairs; each root lives at workdir/data until the next one is made."""
    root = workdir / "data"
    for kind in ("periksa", "diterima"):
        for fixture in sorted((FIXTURES / kind).iterdir()):
            _fresh(root, FIXTURES / "dasar")
            expected = yaml.safe_load((fixture / "harapan.yml").read_text(encoding="utf-8")) if (fixture / "harapan.yml").exists() else {}
            if (fixture / "data").is_dir():
                shutil.copytree(fixture / "data", root, dirs_exist_ok=True)
            for rel in expected.get("hapus", ()) or ():
                (root / rel).unlink()
            yield f"{kind}/{fixture.name}", root
    yield "kantor-lain", _fresh(root, FIXTURES / "kantor-lain")
    rng = random.Random(SEED)
    registers = sorted(p.relative_to(FIXTURES / "dasar").as_posix() for p in (FIXTURES / "dasar").rglob("*.csv"))
    for number in range(random_cases):
        _fresh(root, FIXTURES / "dasar")
        for _ in range(rng.choice([1, 1, 2, 3])):
            _damage(root / rng.choice(registers), rng)
        yield f"acak/{number}", root


def reports(random_cases: int = RANDOM_CASES) -> dict[str, str]:
    """What `iku periksa` reports for every case, with paths as seen from the case's folder."""
    from iku.portal import check
    from iku.problems import format_report

    found = {}
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            for name, root in cases(Path(tmp), random_cases):
                found[name] = format_report(check(root)[1])
        finally:
            os.chdir(here)
    return found


if __name__ == "__main__":
    json.dump(reports(), sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")
