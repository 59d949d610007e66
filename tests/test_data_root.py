"""The staff commands work on the data root the site build uses: the folder named in the command,
else IKU_DATA, else data/; each says on stderr which one (and whose office it is).

The office here is kantor-lain (Kelurahan Sukamaju), beside a copy of Bangsalsari's data/ in the
same working folder: before, `iku templat` gave Bangsalsari's workbook under IKU_DATA and
`iku impor` wrote into data/."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import excelkit as kit
from iku import cli
from projectkit import DATA, ROOT

KANTOR_LAIN = ROOT / "tests" / "fixtures" / "kantor-lain"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A portal folder holding Bangsalsari's data/ and another office's root, kantor/."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(KANTOR_LAIN, tmp_path / "kantor")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_periksa_checks_the_root_of_iku_data(workdir, monkeypatch, capsys):
    with (workdir / "kantor/target.csv").open("a", encoding="utf-8") as targets:
        targets.write("IKU-1,dua ribu,5\n")
    monkeypatch.setenv("IKU_DATA", "kantor")
    assert cli.main(["periksa"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == "Folder data: kantor (dari IKU_DATA), kantor: Kelurahan Sukamaju (kantor rekaan)"
    assert "kantor/target.csv" in captured.out

    monkeypatch.delenv("IKU_DATA")
    assert cli.main(["periksa"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == "Folder data: data (bawaan; IKU_DATA tidak diisi), kantor: Kecamatan Bangsalsari"
    assert captured.out.strip() == "Semua data valid."


def test_a_folder_named_in_the_command_wins_over_iku_data(workdir, monkeypatch, capsys):
    monkeypatch.setenv("IKU_DATA", "kantor")
    assert cli.main(["periksa", "data"]) == 0
    assert capsys.readouterr().err.splitlines()[0] == "Folder data: data (disebut di perintah), kantor: Kecamatan Bangsalsari"


def test_templat_gives_the_workbook_of_the_office_in_iku_data(workdir, monkeypatch, capsys):
    monkeypatch.setenv("IKU_DATA", "kantor")
    assert cli.main(["templat", "--ke", "register.xlsx"]) == 0
    assert "Folder data: kantor (dari IKU_DATA)" in capsys.readouterr().err
    sheets = load_workbook(workdir / "register.xlsx").sheetnames
    assert sheets == ["Petunjuk", "jenis_layanan", "permohonan_layanan", "anggaran"]


def test_impor_writes_into_the_root_of_iku_data_only(workdir, monkeypatch, capsys):
    monkeypatch.setenv("IKU_DATA", "kantor")
    assert cli.main(["templat", "--ke", "register.xlsx"]) == 0
    kit.put(workdir / "register.xlsx", "anggaran", "realisasi", 111.5, row=2)
    bangsalsari = snapshot(workdir / "data")
    assert cli.main(["impor", "register.xlsx"]) == 0
    captured = capsys.readouterr()
    assert "Folder data: kantor (dari IKU_DATA)" in captured.err
    assert "kantor/register/anggaran.csv: ditulis dari lembar 'anggaran' (1 baris baru atau berubah, 0 baris dihapus)." in captured.out
    assert (workdir / "kantor/register/anggaran.csv").read_text(encoding="utf-8").splitlines()[1] == \
        "2024,K01,Pelayanan administrasi kependudukan,120,111.5"
    assert snapshot(workdir / "data") == bangsalsari


def test_another_offices_workbook_cannot_overwrite_a_register_of_the_same_name(workdir, monkeypatch, capsys):
    """The issue's case: a workbook made for another office, imported without IKU_DATA, into
    data/. Its sheet has the register's name and columns, but none of its rows: refused."""
    assert cli.main(["templat", "--register", "reviu_sakip", "--ke", "lain.xlsx"]) == 0

    def other_office(workbook):
        sheet = workbook["reviu_sakip"]
        sheet.delete_rows(2, kit.last_row(sheet))
        sheet.append([2025, 80, "LHE/PKM/2026", dt.date(2026, 2, 1)])
    kit.edit(workdir / "lain.xlsx", other_office)
    before = snapshot(workdir / "data")
    assert cli.main(["impor", "lain.xlsx"]) == 1
    out = capsys.readouterr().out
    assert "lain.xlsx, lembar 'reviu_sakip': 4 baris di data/register/reviu_sakip.csv tidak ada di lembar ini" in out
    assert "(tahun=2021; tahun=2022; tahun=2023 dan 1 lainnya)" in out
    assert snapshot(workdir / "data") == before


def test_a_missing_root_is_named(workdir, monkeypatch, capsys):
    monkeypatch.setenv("IKU_DATA", "tidak-ada")
    assert cli.main(["templat"]) == 2
    assert cli.main(["impor", "x.xlsx"]) == 2
    assert cli.main(["periksa"]) == 2
    err = capsys.readouterr().err
    assert err.count("Folder data: tidak-ada (dari IKU_DATA)") == 3
    assert "Folder data 'tidak-ada' tidak ditemukan." in err
