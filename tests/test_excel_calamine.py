"""`iku impor` reads through python-calamine only where it keeps every guarantee of openpyxl:
which workbooks go which way, and that both readers give the same cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

import excelkit as kit
from iku.excel import calamine
from iku.excel.cells import number_text
from iku.excel.impor import impor
from projectkit import DATA


def _book(path, change=None, epoch=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "lembar"
    sheet["B3"], sheet["C3"], sheet["D3"], sheet["E3"], sheet["F3"] = "001", dt.date(2024, 2, 29), 5, 90.53, True
    sheet["C3"].number_format = "yyyy-mm-dd"
    sheet["B5"] = "  spasi "
    if change:
        change(sheet)
    if epoch:
        workbook.epoch = epoch
    workbook.save(path)
    return path


@pytest.mark.parametrize("change, expected", [
    (None, False),
    (lambda s: s.__setitem__("G3", "=1+1"), True),  # a formula: its cached value and links need openpyxl
    (lambda s: setattr(s["G3"], "number_format", "0%") or s.__setitem__("G3", 0.92), True),  # 92% must be refused
    (lambda s: setattr(s["G3"], "number_format", '0"%"') or s.__setitem__("G3", 92), False),  # a quoted % is text
    (lambda s: setattr(s["G3"], "number_format", "0.0%") or s.__setitem__("G3", 0.925), True),  # custom percent format
], ids=["plain", "formula", "percent", "quoted-percent", "custom-percent"])
def test_which_reader(tmp_path, change, expected):
    assert calamine.needs_openpyxl(_book(tmp_path / "b.xlsx", change)) is expected


def test_an_error_cell_goes_to_openpyxl(tmp_path):
    def error(sheet):
        sheet["G3"] = "#DIV/0!"
        sheet["G3"].data_type = "e"
    assert calamine.needs_openpyxl(_book(tmp_path / "b.xlsx", error))


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904], ids=["1900", "1904"])
def test_calamine_cells_are_openpyxl_cells(tmp_path, epoch):
    """Same values in the same places from A1 (data starting at B3), dates in the file's epoch."""
    path = _book(tmp_path / "b.xlsx", epoch=epoch)
    ours = [[c.value for c in row] for row in calamine.Workbook(path).worksheets[0].iter_rows()]
    theirs = [[c.value for c in row] for row in load_workbook(path, read_only=True).worksheets[0].iter_rows(min_row=1, min_col=1)]
    assert len(ours) == len(theirs) == 5
    assert ours[2] == [None, "001", dt.date(2024, 2, 29), 5.0, 90.53, True]  # "001" stays text
    assert theirs[2] == [None, "001", dt.datetime(2024, 2, 29), 5, 90.53, True]
    assert ours[4][:2] == theirs[4][:2] == [None, "  spasi "]
    cell = calamine.Workbook(path).worksheets[0].iter_rows().__next__()[0]
    assert (cell.row, cell.column_letter) == (1, "A")


def test_hidden_sheet_and_merged_range_are_named(tmp_path):
    def change(sheet):
        sheet.merge_cells("B6:B8")
        hidden = sheet.parent.create_sheet("rahasia")
        hidden.sheet_state = "hidden"
    book = calamine.Workbook(_book(tmp_path / "b.xlsx", change))
    assert [(s.title, s.sheet_state) for s in book.worksheets] == [("lembar", "visible"), ("rahasia", "hidden")]
    assert book.worksheets[0].merged_ranges() == ["B6:B8"]


def test_the_site_template_is_read_by_calamine_and_round_trips(tmp_path):
    book = kit.template(DATA, tmp_path / "register.xlsx")
    assert not calamine.needs_openpyxl(book)
    outcome = impor(book, DATA, check_only=True)
    assert outcome.ok, outcome.report()


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_the_quick_number_text_is_the_rounded_one(value):
    """number_text's short path gives exactly the 15-significant-digit text of before."""
    exact = Decimal(format(value, ".15g"))
    assert number_text(value) == ("0" if exact == 0 else format(exact.normalize(), "f"))
