"""No personal data in any message (issue 20, item 5): whichever rule speaks about a cell that
holds a NIK, a phone number or an e-mail address, every line shows the value masked, in the
report, the GitHub annotations, the build's error, and `iku impor`'s report.

A register declaring every column type and constraint gets each personal value in turn in each
column; the test asserts that another rule than the personal-data one also spoke about that
cell (so the masking is tested where it matters) and that the value appears nowhere in full."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml

import excelkit as kit
from iku import cli
from iku.excel.impor import impor
from iku.portal import check
from iku.problems import DataError, format_report
from projectkit import DATA

FIXTURES = Path(__file__).parent / "fixtures"
NIK, PHONE, EMAIL = "3509120101800003", "081234567890", "warga.contoh@surel.co.id"
# What must never be printed: the value, and what a number parser would make of it.
SECRETS = {NIK: [NIK], PHONE: [PHONE, "81234567890"], EMAIL: [EMAIL, "warga.contoh", "surel.co.id"]}

RESOURCE = {
    "name": "uji", "path": "register/uji.csv", "title": "Register uji", "tahun_dari": "tahun",
    "schema": {
        "primaryKey": ["kode"],
        "fields": [
            {"name": "kode", "type": "string"},
            {"name": "tahun", "type": "year"},
            {"name": "teks", "type": "string"},
            {"name": "pola", "type": "string", "constraints": {"pattern": "[A-Z]{2}-[0-9]{3}"}},
            {"name": "pilihan", "type": "string", "constraints": {"enum": ["a", "b"]}},
            {"name": "bulat", "type": "integer", "constraints": {"minimum": -5, "maximum": 100}},
            {"name": "angka", "type": "number", "constraints": {"minimum": -5, "maximum": 100}},
            {"name": "tanggal", "type": "date"},
            {"name": "benar", "type": "boolean"},
            {"name": "unik", "type": "string", "constraints": {"unique": True}},
            {"name": "wajib", "type": "string"},
        ],
    },
    "aturan_baris": [{"jenis": "wajib_bila", "kolom": "wajib", "syarat": "pilihan:a"}],
}
ROWS = [
    {"kode": "U-1", "tahun": "2024", "teks": "x", "pola": "AB-001", "pilihan": "a", "bulat": "1", "angka": "1,5",
     "tanggal": "2024-01-02", "benar": "ya", "unik": "u1", "wajib": "isi"},
    {"kode": "U-2", "tahun": "2024", "teks": "y", "pola": "AB-002", "pilihan": "b", "bulat": "2", "angka": "2",
     "tanggal": "2024-01-03", "benar": "tidak", "unik": "u2", "wajib": ""},
    {"kode": "U-3", "tahun": "2024", "teks": "z", "pola": "AB-003", "pilihan": "a", "bulat": "3", "angka": "3",
     "tanggal": "2024-01-04", "benar": "ya", "unik": "u3", "wajib": "isi"},
]
# (column, the rule that must speak about the cell besides the personal-data rule, per value;
# None: only the personal-data rule reads that column). Rows 3 and 4 get the value (CSV lines).
CASES = {
    "kode": {NIK: "kunci_ganda", PHONE: "kunci_ganda", EMAIL: "kunci_ganda"},  # primary key, repeated
    "unik": {NIK: "nilai_ganda", PHONE: "nilai_ganda", EMAIL: "nilai_ganda"},  # unique, repeated
    "teks": {NIK: None, PHONE: None, EMAIL: None},
    "pola": {NIK: "tidak_sesuai_pola", PHONE: "tidak_sesuai_pola", EMAIL: "tidak_sesuai_pola"},
    "pilihan": {NIK: "bukan_pilihan", PHONE: "bukan_pilihan", EMAIL: "bukan_pilihan"},
    "benar": {NIK: "bukan_pilihan", PHONE: "bukan_pilihan", EMAIL: "bukan_pilihan"},
    "bulat": {NIK: "di_atas_maksimum", PHONE: "di_atas_maksimum", EMAIL: "tipe_bilangan_bulat", "-" + NIK: "di_bawah_minimum"},
    "angka": {NIK: "di_atas_maksimum", PHONE: "di_atas_maksimum", EMAIL: "tipe_desimal", "-" + NIK: "di_bawah_minimum"},
    "tanggal": {NIK: "tipe_tanggal", PHONE: "tipe_tanggal", EMAIL: "tipe_tanggal"},
    "tahun": {NIK: "di_luar_renstra", PHONE: "di_luar_renstra", EMAIL: "tipe_tahun"},
}
PARAMS = [(column, value, code) for column, by_value in CASES.items() for value, code in by_value.items()]


def data_root(tmp_path: Path, column: str, value: str) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "dasar", root)
    package = yaml.safe_load((root / "datapackage.yaml").read_text(encoding="utf-8"))
    package["resources"].append(RESOURCE)
    (root / "datapackage.yaml").write_text(yaml.safe_dump(package, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = [dict(r) for r in ROWS]
    rows[1][column] = value
    rows[2][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(ROWS[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / "register/uji.csv").write_text(out.getvalue(), encoding="utf-8")
    return root


def assert_masked(text: str, value: str) -> None:
    for secret in SECRETS[value.lstrip("-")]:
        assert secret not in text, (secret, text)


def test_the_register_without_personal_data_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    valid, problems = check(data_root(tmp_path, "teks", "w"))
    assert valid is not None, format_report(problems)


@pytest.mark.parametrize("column, value, code", PARAMS, ids=[f"{c}-{v[:4]}" for c, v, _ in PARAMS])
def test_every_rule_about_a_personal_cell_masks_it(column, value, code, tmp_path, monkeypatch, capsys):
    root = data_root(tmp_path, column, value)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, problems = check(Path("data"))
    at_cell = {p.code for p in problems if p.file == "data/register/uji.csv" and p.row in (3, 4) and p.column == column}
    assert at_cell & {"data_pribadi_nik", "data_pribadi_telepon", "data_pribadi_email"}, format_report(problems)
    if code:
        assert code in at_cell, format_report(problems)
    assert cli.main(["periksa", "data"]) == 1
    printed = capsys.readouterr().out
    assert "::error file=data/register/uji.csv,line=3" in printed  # the annotations were printed too
    assert "••" in printed
    assert_masked(printed, value)
    assert_masked(str(DataError(problems)), value)  # what the build prints when it stops
    assert root.exists()


@pytest.mark.parametrize("value", [NIK, PHONE, EMAIL])
def test_iku_impor_masks_personal_data_in_every_message(value, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    book = kit.template(root, tmp_path / "register.xlsx")
    kit.put(book, "aduan_trantib", "tanggal_selesai", value, row=4)  # a date column: "tersimpan sebagai teks"
    kit.put(book, "reviu_sakip", "nilai", value, row=2)  # a number column
    outcome = impor(book, root, check_only=True)
    codes = {p.code for p in outcome.problems}
    assert codes - {"data_pribadi_nik", "data_pribadi_telepon", "data_pribadi_email"}, codes  # other rules spoke too
    text = "\n".join(str(p) for p in outcome.problems)
    assert "••" in text
    assert_masked(text, value)


@pytest.mark.parametrize("value", [NIK, PHONE, EMAIL])
def test_a_header_holding_personal_data_is_masked_in_the_location_too(value, tmp_path, monkeypatch, capsys):
    root = data_root(tmp_path, "teks", "w")
    path = root / "register/uji.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",wajib\n", f",{value}\n", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli.main(["periksa", "data"]) == 1
    printed = capsys.readouterr().out
    assert "data/register/uji.csv:1:" in printed and "tidak dikenal" in printed
    assert_masked(printed, value)
