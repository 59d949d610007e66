"""Excel cell -> CSV text, exactly: known answers and a property over every short decimal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from iku.excel.cells import cell_text, number_text

NUMBER = {"name": "nilai", "type": "number", "constraints": {}}
DATE = {"name": "tanggal", "type": "date", "constraints": {}}
TEXT = {"name": "nomor", "type": "string", "constraints": {}}
CHOICE = {"name": "difasilitasi", "type": "string", "constraints": {"enum": ["ya", "tidak"]}}


def test_known_answers():
    assert number_text(90.53000000000001) == "90.53"
    assert number_text(0.1 + 0.2) == "0.3"
    assert number_text(3.10) == "3.1"
    assert number_text(1e20) == "100000000000000000000"
    assert number_text(-0.0) == "0"
    assert number_text(90.0) == "90"
    assert number_text(7) == "7"
    assert number_text(3509120101800001.0) == "3509120101800000"  # what Excel keeps of a 16-digit NIK


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False, allow_infinity=False))
def test_every_decimal_excel_can_hold_comes_back_as_typed(value):
    # A number typed into Excel (at most 15 significant digits) is the same number in the CSV.
    assert Decimal(number_text(float(value))) == value
    assert "e" not in number_text(float(value)).lower()


def test_cells_that_need_a_person():
    assert cell_text("92%", "s", "General", NUMBER)[1] == "angka_bersatuan"
    assert cell_text("4 dokumen", "s", "General", NUMBER)[1] == "angka_bersatuan"
    assert cell_text("1.234.567", "s", "General", NUMBER)[1] == "angka_teks"
    assert cell_text(0.92, "n", "0%", NUMBER)[1:] == ("angka_persen", "92%")
    assert cell_text("29/02/2024", "s", "General", DATE)[1] == "tanggal_teks"
    assert cell_text(45351, "n", "0", DATE)[1] == "tanggal_angka"
    assert cell_text(dt.datetime(2024, 10, 3), "d", "yyyy-mm-dd", NUMBER)[1] == "angka_tanggal"
    assert cell_text("#N/A", "e", "General", NUMBER)[1] == "angka_galat"


def test_cells_that_convert():
    assert cell_text("96,5", "s", "General", NUMBER)[:2] == ("96.5", None)
    assert cell_text(" 2024-02-29 ", "s", "@", DATE)[:2] == ("2024-02-29", None)
    assert cell_text(dt.datetime(2024, 2, 29), "d", "yyyy-mm-dd", DATE)[:2] == ("2024-02-29", None)
    assert cell_text(7, "n", "General", TEXT)[:2] == ("7", None)
    assert cell_text(True, "b", "General", CHOICE)[:2] == ("ya", None)
    assert cell_text(None, "n", "General", NUMBER)[:2] == ("", None)
