"""A second, made-up office (tests/fixtures/kantor-lain: Kelurahan Sukamaju, which does not exist)
with registers Bangsalsari does not have, declared only in its datapackage.yaml. Its figures are
worked out by hand below from the rows in its CSV files; nothing here was copied from a run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iku.compute import compute
from iku.portal import check
from iku.problems import Severity, errors
from projectkit import copy_project
from sitebuild import build_site

OFFICE = Path(__file__).parent / "fixtures" / "kantor-lain"


@pytest.fixture(scope="module")
def portal():
    valid, problems = check(OFFICE)
    assert valid is not None, "\n".join(map(str, problems))
    return compute(valid)


def figure(portal, code, year):
    result = portal.result(code, year)
    return result.value, result.achievement


def test_rasio_with_conditions(portal):
    # penyebut status!=batal; pembilang status:selesai dan lama_hari<=14 among them.
    # 2024: not batal = 001, 002, 004, 005 (4); selesai and ≤ 14 days = 001 (5), 004 (10) -> 2 / 4 × 100 = 50
    #       capaian 50 / 80 × 100 = 62,5
    # 2025: not batal = 3 rows; all selesai, 3, 14 (≤ 14 counts), 7 -> 3 / 3 × 100 = 100; 100 / 85 × 100 = 117,647… -> 117,65
    assert figure(portal, "IKU-1", 2024) == (50.0, 62.5)
    assert figure(portal, "IKU-1", 2025) == (100.0, 117.65)


def test_rata_rata_lower_is_better(portal):
    # 2024 selesai: 5, 20, 10 days -> 35 / 3 = 11,666… -> 11,67; target 12, arah turun, capaian
    #   from the exact average: (2 × 12 − 35/3) / 12 × 100 = (37/3) / 12 × 100 = 102,777… -> 102,78
    #   (from the published 11,67 it would be 12,33 / 12 × 100 = 102,75)
    # 2025 selesai: 3, 14, 7 -> 24 / 3 = 8; (2 × 10 − 8) / 10 × 100 = 120
    assert figure(portal, "IKU-2", 2024) == (11.67, 102.78)
    assert figure(portal, "IKU-2", 2025) == (8.0, 120.0)


def test_rasio_jumlah(portal):
    # 2024: Σ realisasi 110,5 + 60 + 50 = 220,5; Σ pagu 120 + 80 + 50 = 250 -> 88,2 %; 88,2 / 90 × 100 = 98
    # 2025: 125 + 63,3 = 188,3; 130 + 70 = 200 -> 94,15 %; 94,15 / 92 × 100 = 102,336… -> 102,34
    assert figure(portal, "IKU-3", 2024) == (88.2, 98.0)
    assert figure(portal, "IKU-3", 2025) == (94.15, 102.34)


def test_jumlah_baris_and_jumlah_nilai(portal):
    # selesai rows: 2024 -> 001, 002, 004 = 3 (target 3: 100); 2025 -> 3 (target 4: 75)
    assert figure(portal, "IKU-4", 2024) == (3.0, 100.0)
    assert figure(portal, "IKU-4", 2025) == (3.0, 75.0)
    # Σ realisasi: 220,5 (target 250: 88,2) and 188,3 (target 200: 94,15)
    assert figure(portal, "IKU-5", 2024) == (220.5, 88.2)
    assert figure(portal, "IKU-5", 2025) == (188.3, 94.15)


def mistake(tmp_path: Path, rel: str, old: str, new: str):
    root = tmp_path / "kantor"
    shutil.copytree(OFFICE, root)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, problems = check(root)
    return problems


@pytest.mark.parametrize("rel, old, new, where, words", [
    # terisi_hanya_bila without its own wording: the kind's message names the column and the condition
    ("register/permohonan_layanan.csv", "PL/2024/005,2024-05-02,KK,proses,,", "PL/2024/005,2024-05-02,KK,proses,2024-05-09,",
     (6, "tanggal_selesai", "aturan_terisi_hanya_bila"), ["tanggal_selesai harus diisi bila status = selesai", "dikosongkan"]),
    ("register/permohonan_layanan.csv", "2024-04-20,10", "2024-04-20,",
     (5, "lama_hari", "aturan_wajib_bila"), ["lama_hari wajib diisi bila status = selesai"]),
    ("register/permohonan_layanan.csv", "2024-01-10,KTP,selesai,2024-01-15", "2024-01-10,KTP,selesai,2024-01-05",
     (2, "tanggal_selesai", "aturan_tidak_sebelum"), ["tanggal_selesai lebih awal", "tanggal_masuk"]),
    ("register/anggaran.csv", "2024,K03,Pemberdayaan masyarakat,50,50", "2024,K03,Pemberdayaan masyarakat,50,55",
     (4, "realisasi", "aturan_paling_besar"), ["realisasi lebih dari pagu"]),
    ("register/permohonan_layanan.csv", "PL/2025/003", "PL-2025-003",
     (9, "nomor", "tidak_sesuai_pola"), ["PL-2025-003", "tidak sesuai pola"]),
    ("register/jenis_layanan.csv", "2024,KK,Kartu Keluarga", "2024,KK,Akta Kelahiran",
     (3, "nama", "nilai_ganda"), ["Akta Kelahiran", "sudah ada di baris 4;", "harus unik"]),
    # foreignKeys: a code jenis_layanan.csv does not have
    ("register/permohonan_layanan.csv", "PL/2025/002,2025-02-03,AKTA", "PL/2025/002,2025-02-03,SIM",
     (8, "jenis_layanan", "bukan_pilihan"), ["SIM", "KTP, KK, AKTA"]),
])
def test_row_rules_patterns_and_references_are_reported(tmp_path, monkeypatch, rel, old, new, where, words):
    monkeypatch.chdir(tmp_path)
    problems = mistake(tmp_path, rel, old, new)
    row, column, code = where
    found = [p for p in problems if (p.file, p.row, p.column, p.code) == (f"kantor/{rel}", row, column, code)]
    assert found, "\n".join(map(str, problems))
    for word in words:
        assert word in found[0].message, found[0].message
    both_rows = code == "nilai_ganda"  # a duplicated value is reported on each row that has it
    assert len(errors(problems)) == (2 if both_rows else 1) and found[0].severity is Severity.ERROR


def test_a_condition_cannot_run_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    problems = mistake(tmp_path, "iku.csv", "syarat=status:selesai,", "syarat=__import__('os').system('touch x'),")
    assert [(p.code, p.row) for p in errors(problems)] == [("parameter_syarat", 3)]  # IKU-2, the first syarat=status:selesai
    assert "bukan syarat" in errors(problems)[0].message
    assert not (tmp_path / "x").exists()


def test_the_portal_of_the_made_up_office_builds(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("IKU_DATA", str(OFFICE))
    site = build_site(project, tmp_path / "site")
    page = (site / "iku" / "iku-3" / "index.html").read_text(encoding="utf-8")
    assert "Kelurahan Sukamaju (kantor rekaan)" in page and "Data contoh" in page and "88,2" in page
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "register/permohonan_layanan.csv" in data_page and "lama_hari" in data_page
    assert (site / "data" / "register" / "anggaran.csv").exists()
