"""The fast row writer (`iku.excel.xlsxrows`) gives the very bytes of XlsxWriter's cell-by-cell
writes: the same workbook with it and without it, for the sample data and for cells that
XlsxWriter escapes, marks or refuses; and it steps aside where XlsxWriter must do the work."""

from __future__ import annotations

from pathlib import Path

import pytest

from iku.excel import template, xlsxrows
from iku.excel.registers import register_resources, renstra_years

DATA = Path(__file__).resolve().parents[1] / "data"
AWKWARD = [  # nomor_aduan, tanggal_masuk, kategori, desa, status, tanggal_selesai
    "TRANTIB/2025/901, 2025-01-02,Kebisingan,Petung,selesai,2025-01-03",
    ' lead and trail ,2025-13-40,Ke&bi<s>ing "an",Pe\x01tung,_x0000_,',
    "x_x0041_y,2025-02-30,\ufffe\uffff,Petung,proses,",
    "Ωμέγα · 九,2025-03-01,Kebisingan,Petung,selesai,bukan tanggal",
    "TRANTIB/2025/902,2025-03-02,Kebisingan,,,",
]


def _book(monkeypatch, csvs: dict[str, bytes], fast: bool) -> bytes:
    if not fast:
        monkeypatch.setattr(xlsxrows, "write_rows", lambda *args: False)
    try:
        return template.workbook_bytes(register_resources(DATA), csvs, renstra_years((DATA / "instansi.yml").read_bytes()), "Kantor contoh")
    finally:
        monkeypatch.undo()


def _csvs(**changes: bytes) -> dict[str, bytes]:
    files = {r["path"]: (DATA / r["path"]).read_bytes() for r in register_resources(DATA)}
    return {**files, **changes}


def _with_rows(path: str, lines: list[str]) -> bytes:
    return (DATA / path).read_bytes() + ("\n".join(lines) + "\n").encode()


def test_sample_data_same_bytes(monkeypatch):
    csvs = _csvs()
    assert _book(monkeypatch, csvs, fast=True) == _book(monkeypatch, csvs, fast=False)


def test_awkward_cells_same_bytes(monkeypatch):
    skm = ["2025,I,Unit  ,abc,1e5,0.1,-3,12345678901234567890,3.0,2.50,,x,4"]
    csvs = _csvs(**{"register/aduan_trantib.csv": _with_rows("register/aduan_trantib.csv", AWKWARD),
                    "register/skm.csv": _with_rows("register/skm.csv", skm)})
    assert _book(monkeypatch, csvs, fast=True) == _book(monkeypatch, csvs, fast=False)


def test_a_text_excel_would_cut_is_left_to_xlsxwriter(monkeypatch):
    calls = []
    real = xlsxrows.write_rows
    monkeypatch.setattr(xlsxrows, "write_rows", lambda *args: calls.append(real(*args)) or calls[-1])
    long_row = ["TRANTIB/2025/903,2025-01-02," + "k" * 20000 + ",Petung,selesai,"]
    csvs = _csvs(**{"register/aduan_trantib.csv": _with_rows("register/aduan_trantib.csv", long_row)})
    fast = template.workbook_bytes(register_resources(DATA), csvs, renstra_years((DATA / "instansi.yml").read_bytes()), "Kantor contoh")
    monkeypatch.undo()
    assert False in calls and True in calls  # that sheet cell by cell, the others fast
    assert fast == _book(monkeypatch, csvs, fast=False)


@pytest.mark.parametrize("number", ["nan", "inf"])
def test_nan_and_infinity_fail_as_before(monkeypatch, number):
    csvs = _csvs(**{"register/skm.csv": _with_rows("register/skm.csv", [f"2025,I,Unit,10,{number},1,1,1,1,1,1,1,1"])})
    raised = []
    for fast in (True, False):
        with pytest.raises((TypeError, OverflowError)) as error:
            _book(monkeypatch, csvs, fast=fast)
        raised.append(type(error.value))
    assert raised[0] is raised[1]
