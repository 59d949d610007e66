"""`iku templat`: the workbook knows the registers' rules, holds their rows, is byte-identical
for the same data, and `iku impor` of it unchanged gives back every register byte for byte."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

import excelkit as kit
import templat_openpyxl
import xlsx_compare
from iku import cli
from iku.excel.commands import register_workbook
from iku.excel.impor import impor
from iku.excel.registers import register_resources, renstra_years
from iku.excel.template import text_length
from projectkit import DATA, ROOT

REGISTER_FILES = sorted((DATA / "register").glob("*.csv"))


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("templat") / "register.xlsx"
    assert cli.main(["templat", "--ke", str(path), "--data", str(DATA)]) == 0
    return load_workbook(path)


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_guide_sheet_comes_first_and_says_what_staff_must_know(workbook):
    assert workbook.sheetnames[0] == "Petunjuk"
    text = "\n".join(str(c.value) for row in workbook["Petunjuk"].iter_rows() for c in row if c.value)
    for words in ("NIK", "nomor telepon", "nama orang", "iku impor", "pull request", "2024-02-29", "92%"):
        assert words in text
    for path in REGISTER_FILES:
        assert f"• {path.stem}:" in text


@pytest.mark.parametrize("path", REGISTER_FILES, ids=lambda p: p.stem)
def test_register_sheet_has_the_csv_header_and_rows(workbook, path):
    rows = csv_rows(path)
    sheet = workbook[path.stem]
    assert [c.value for c in sheet[1]] == rows[0]  # header cells are the column names exactly
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == len(rows)
    for cell in sheet[1]:
        assert cell.comment is not None and len(cell.comment.text) > len(cell.value) + 5
        assert sheet.column_dimensions[cell.column_letter].width >= len(cell.value)
    prompts = {str(r).split(":")[0]: v for v in sheet.data_validations.dataValidation for r in v.sqref.ranges}
    assert sorted(prompts) == sorted(c.column_letter + "2" for c in sheet[1])
    assert all(v.showInputMessage and v.prompt for v in prompts.values())


def _validation(workbook, sheet: str, letter: str):
    return next(v for v in workbook[sheet].data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2:"))


def test_validations_come_from_the_declaration(workbook):
    semester = _validation(workbook, "skm", "B")
    assert (semester.type, semester.formula1) == ("list", '"I,II,Tahunan"')
    u1 = _validation(workbook, "skm", "E")
    # "between" is the default operator of an Excel validation: XlsxWriter leaves it out of the file, as Excel does.
    assert (u1.type, u1.operator or "between", u1.formula1, u1.formula2) == ("decimal", "between", "1", "4")
    respondents = _validation(workbook, "skm", "D")
    assert (respondents.type, respondents.operator, respondents.formula1) == ("whole", "greaterThanOrEqual", "1")
    year = _validation(workbook, "skm", "A")
    assert (year.type, year.formula1, year.formula2) == ("whole", "2021", "2026")  # instansi.yml periode_renstra
    received = _validation(workbook, "aduan_trantib", "B")
    assert received.type == "date" and received.allow_blank is False
    settled = _validation(workbook, "aduan_trantib", "F")
    assert settled.allow_blank is True
    assert "Boleh kosong" in settled.prompt and "2024-02-29" in settled.prompt
    assert "Wajib diisi" in received.prompt


def test_key_columns_are_marked(workbook):
    sheet = workbook["skm"]
    fills = {c.value: c.fill.fgColor.rgb for c in sheet[1]}
    assert fills["tahun"] == fills["semester"] == fills["unit_layanan"] != fills["u1"]
    assert "Kolom kunci" in sheet["C1"].comment.text and "Kolom kunci" not in sheet["E1"].comment.text


def test_cells_are_typed_dates_and_numbers(workbook):
    sheet = workbook["reviu_sakip"]
    assert sheet["A2"].value == 2021
    assert sheet["B4"].value == pytest.approx(64.8)
    assert sheet["D2"].value == dt.datetime(2022, 4, 18) and sheet["D2"].number_format == "yyyy-mm-dd"
    assert workbook["dokumen_ortala"]["C2"].number_format == "@"  # 050/... stays text


def test_text_length_from_a_pattern():
    assert text_length({"type": "string", "constraints": {"pattern": r"[A-Za-z0-9][A-Za-z0-9._-]{0,30}"}}) == (1, 31)
    assert text_length({"type": "string", "constraints": {"pattern": r"\d{16}"}}) == (16, 16)
    assert text_length({"type": "string", "constraints": {"pattern": r"[a-z]+"}}) is None


# Bangsalsari and the made-up second and third offices: the workbook follows whatever datapackage.yaml declares.
@pytest.mark.parametrize("source", [DATA, ROOT / "tests" / "fixtures" / "kantor-lain", ROOT / "tests" / "fixtures" / "puskesmas-rekaan"],
                         ids=["bangsalsari", "kantor-lain", "puskesmas-rekaan"])
def test_round_trip_is_byte_identical_for_every_register(tmp_path, source):
    root = tmp_path / "data"
    shutil.copytree(source, root)
    registers = sorted((source / "register").glob("*.csv"))
    book = kit.template(root, tmp_path / "register.xlsx")
    outcome = impor(book, root)
    assert outcome.ok, outcome.report()
    assert len(outcome.written) == len(registers)
    for path in registers:
        assert (root / "register" / path.name).read_bytes() == path.read_bytes(), path.name


def test_same_data_gives_the_same_bytes_whatever_the_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = register_workbook(DATA)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3 * 86_400 + 7)
    second = register_workbook(DATA)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert "2023-11-14T22:13:20Z" in core
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert register_workbook(DATA) != first  # the test can fail: the date is really in the file


def _reference_and_new(tmp_path: Path, source: Path) -> tuple[Path, Path]:
    """Today's workbook as openpyxl wrote it (tests/templat_openpyxl.py) and the streaming one."""
    resources = register_resources(source)
    instansi = (source / "instansi.yml").read_bytes()
    files = {r["path"]: (source / r["path"]).read_bytes() for r in resources if (source / r["path"]).is_file()}
    office = str(yaml.safe_load(instansi)["nama"])
    old, new = tmp_path / f"{source.name}-openpyxl.xlsx", tmp_path / f"{source.name}-xlsxwriter.xlsx"
    old.write_bytes(templat_openpyxl.workbook(resources, files, renstra_years(instansi), office))
    new.write_bytes(register_workbook(source))
    return old, new


@pytest.mark.parametrize("source", [DATA, ROOT / "tests" / "fixtures" / "kantor-lain"], ids=["bangsalsari", "kantor-lain"])
def test_streaming_workbook_is_cell_by_cell_the_workbook_of_before(tmp_path, source):
    """Sheets, values, types, number formats, fonts, fills, validations, comments, frozen header,
    column widths and formats: the same to Excel as the workbook openpyxl wrote."""
    old, new = _reference_and_new(tmp_path, source)
    assert xlsx_compare.differences(old, new) == []


def test_the_cell_by_cell_comparison_sees_a_difference(tmp_path):
    old, _ = _reference_and_new(tmp_path, DATA)
    _, other = _reference_and_new(tmp_path, ROOT / "tests" / "fixtures" / "kantor-lain")
    found = xlsx_compare.differences(old, other)
    assert any(line.startswith("sheets ") for line in found)
    assert any(line.startswith("Petunjuk!A1: ") for line in found)  # the office's name in the title


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def test_hand_edited_template_gives_a_two_line_diff(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "awal")
    book = kit.template(repo / "data", tmp_path / "register.xlsx")

    def new_row_and_changed_cell(workbook):
        sheet = workbook["kegiatan_pemberdayaan"]
        sheet["C3"] = "Posyandu remaja putri"  # one changed cell (row 3 of the sheet = line 3 of the CSV)
        row = kit.last_row(sheet) + 1
        for letter, value in zip("ABCDEF", ["PMKS/2024/099", dt.date(2024, 3, 5), "Rembuk stunting", "Tugusari", "Ya", None]):
            sheet[f"{letter}{row}"] = value
    kit.edit(book, new_row_and_changed_cell)
    assert cli.main(["impor", str(book), "--data", str(repo / "data")]) == 0
    diff = _git(repo, "diff", "-U0", "--", "data")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-PMKS/2021/002,2021-02-24,Posyandu remaja,Tugusari,ya,400/359/35.09.09/2021",
        "+PMKS/2021/002,2021-02-24,Posyandu remaja putri,Tugusari,ya,400/359/35.09.09/2021",
        "+PMKS/2024/099,2024-03-05,Rembuk stunting,Tugusari,ya,",
    ]
    assert _git(repo, "diff", "--stat").count("|") == 1
