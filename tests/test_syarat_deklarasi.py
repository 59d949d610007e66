"""Conditions read against the register's declaration, on a Puskesmas-like office (issue 20):
"one of" (`status:sembuh|pengobatan_lengkap`), an enum value written in another case (`k4:Ya`
against enum ya, tidak, as the cells themselves may be written), and a date column declared
`boleh_masa_depan: true` (a due date after today). The figures are worked out by hand below."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from iku import syarat
from iku.compute import compute
from iku.messages import rule_problem
from iku.pages.data import data_dictionary
from iku.parameters import parameters_in_words
from iku.paket_kunci import meant
from iku.portal import check
from iku.problems import errors, format_report
from iku.schema import Field

FIXTURES = Path(__file__).parent / "fixtures"
DUE = (dt.date.today() + dt.timedelta(days=200)).isoformat()  # after today, whatever day the test runs

TB = {"name": "pengobatan_tb", "path": "register/pengobatan_tb.csv", "title": "Kohort pengobatan TB", "tahun_dari": "tanggal_mulai",
      "schema": {"primaryKey": ["nomor"], "fields": [
          {"name": "nomor", "type": "string", "constraints": {"required": True}},
          {"name": "tanggal_mulai", "type": "date", "constraints": {"required": True}},
          {"name": "status", "type": "string", "constraints": {"required": True, "enum": ["sembuh", "pengobatan_lengkap", "gagal", "meninggal", "putus_berobat"]}},
          {"name": "tanggal_selesai", "type": "date"}]},
      "aturan_baris": [{"jenis": "wajib_bila", "kolom": "tanggal_selesai", "syarat": "status:sembuh|pengobatan_lengkap"}]}
HAMIL = {"name": "ibu_hamil", "path": "register/ibu_hamil.csv", "title": "Register ibu hamil", "tahun_dari": "tanggal_daftar",
         "schema": {"primaryKey": ["nomor"], "fields": [
             {"name": "nomor", "type": "string", "constraints": {"required": True}},
             {"name": "tanggal_daftar", "type": "date", "constraints": {"required": True}},
             {"name": "k4", "type": "string", "constraints": {"required": True, "enum": ["ya", "tidak"]}},
             {"name": "hpl", "type": "date", "boleh_masa_depan": True, "description": "Hari perkiraan lahir"}]}}
TB_ROWS = """nomor,tanggal_mulai,status,tanggal_selesai
TB-01,2024-01-10,sembuh,2024-07-10
TB-02,2024-02-11,pengobatan_lengkap,2024-08-11
TB-03,2024-03-12,gagal,
TB-04,2024-04-13,sembuh,2024-10-13
TB-05,2024-05-14,putus_berobat,
TB-06,2025-01-15,sembuh,2025-07-15
TB-07,2025-02-16,meninggal,
TB-08,2025-03-17,pengobatan_lengkap,2025-09-17
TB-09,2025-04-18,Pengobatan_Lengkap,2025-10-18
"""
HAMIL_ROWS = f"""nomor,tanggal_daftar,k4,hpl
H-01,2024-01-05,ya,2024-08-01
H-02,2024-02-05,tidak,2024-09-01
H-03,2024-03-05,Ya,2024-10-01
H-04,2024-04-05,ya,2024-11-01
H-05,2025-01-05,tidak,2025-08-01
H-06,2025-02-05,ya,{DUE}
"""
IKU_ROWS = [
    "IKU-7,7,Meningkatnya keberhasilan pengobatan TB,Angka keberhasilan pengobatan TB,Sembuh + pengobatan lengkap / kasus × 100%,"
    "%,naik,rasio,pengobatan_tb,pembilang=status:sembuh|pengobatan_lengkap,Kepala Puskesmas,Kohort TB,Berapa persen pasien TB yang sembuh atau selesai berobat.",
    "IKU-8,8,Meningkatnya kesehatan ibu,Cakupan K4,Ibu hamil K4 / ibu hamil × 100%,"
    "%,naik,rasio,ibu_hamil,pembilang=k4:Ya,Kepala Puskesmas,Register kohort ibu,Berapa persen ibu hamil yang memeriksakan kehamilan empat kali.",
]
TARGETS = ["IKU-7,2024,80", "IKU-7,2025,90", "IKU-8,2024,100", "IKU-8,2025,100"]


def office(tmp_path: Path, future_ok: bool = True) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "dasar", root)
    package = yaml.safe_load((root / "datapackage.yaml").read_text(encoding="utf-8"))
    hamil = yaml.safe_load(yaml.safe_dump(HAMIL))
    if not future_ok:
        del hamil["schema"]["fields"][3]["boleh_masa_depan"]
    package["resources"] += [TB, hamil]
    (root / "datapackage.yaml").write_text(yaml.safe_dump(package, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "register/pengobatan_tb.csv").write_text(TB_ROWS, encoding="utf-8")
    (root / "register/ibu_hamil.csv").write_text(HAMIL_ROWS, encoding="utf-8")
    with open(root / "iku.csv", "a", encoding="utf-8") as iku:
        iku.write("\n".join(IKU_ROWS) + "\n")
    with open(root / "target.csv", "a", encoding="utf-8") as target:
        target.write("\n".join(TARGETS) + "\n")
    return root


@pytest.fixture
def portal(tmp_path):
    valid, problems = check(office(tmp_path))
    assert valid is not None, format_report(problems)
    assert not problems, format_report(problems)
    return compute(valid)


def test_one_of_counts_either_value(portal):
    # 2024: TB-01 sembuh, TB-02 pengobatan_lengkap, TB-04 sembuh of 5 cases -> 3 / 5 × 100 = 60; capaian 60 / 80 × 100 = 75
    # 2025: TB-06 sembuh, TB-08 and TB-09 pengobatan lengkap (one written Pengobatan_Lengkap) of 4 -> 75; 75 / 90 × 100 = 83,33
    assert (portal.result("IKU-7", 2024).value, portal.result("IKU-7", 2024).achievement) == (60.0, 75.0)
    assert (portal.result("IKU-7", 2025).value, portal.result("IKU-7", 2025).achievement) == (75.0, 83.33)


def test_an_enum_value_is_read_as_the_data_is(portal):
    # k4:Ya is k4:ya, as the cells 'Ya' and 'ya' both are: 2024 H-01, H-03, H-04 of 4 -> 75; 2025 H-06 of 2 -> 50
    assert portal.result("IKU-8", 2024).value == 75.0
    assert portal.result("IKU-8", 2025).value == 50.0


def test_one_of_is_shown_in_words(portal):
    indicator = portal.indicator("IKU-7")
    assert parameters_in_words(indicator.formula, indicator.parameters) == ["pembilang: status = sembuh atau pengobatan_lengkap"]
    steps = {template.format(**fields): value for (template, fields), value in portal.result("IKU-7", 2024).realisation.steps}
    assert steps["Pembilang (baris dengan status = sembuh atau pengobatan_lengkap)"] == 3.0
    rule = portal.registers["pengobatan_tb"].row_rules[0]
    assert rule_problem(rule, "x", 0, rule.column).message == "tanggal_selesai wajib diisi bila status = sembuh atau pengobatan_lengkap"


def test_a_due_date_after_today_is_accepted_when_declared(portal):
    assert portal.registers["ibu_hamil"].field("hpl").future_ok
    assert DUE in portal.files["register/ibu_hamil.csv"].decode()
    assert "<td>tanggal (tahun-bulan-tanggal); boleh sesudah hari ini</td>" in data_dictionary(portal)  # Data → Kamus data


def test_without_the_declaration_the_future_date_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    office(tmp_path, future_ok=False)
    _, problems = check(Path("data"))
    assert [str(p) for p in errors(problems)] == [f"data/register/ibu_hamil.csv:7:hpl: tanggal {DUE} belum terjadi; periksa tahun, bulan dan tanggalnya"]


@pytest.mark.parametrize("typed, known", [
    ("contraints", "constraints"), ("aturan_bari", "aturan_baris"), ("primarykey", "primaryKey"), ("requried", "required"),
    ("boleh_masa_depn", "boleh_masa_depan"), ("titel", "title"), ("tahun_dri", "tahun_dari"),
])
def test_a_mistyped_key_is_taken_for_the_key_meant(typed, known):
    keys = ("name", "title", "constraints", "aturan_baris", "primaryKey", "required", "boleh_masa_depan", "tahun_dari")
    assert meant(typed, keys) == known


@pytest.mark.parametrize("custom", ["penanggung_jawab_register", "catatan", "x_sumber"])
def test_a_custom_key_is_not_taken_for_a_known_one(custom):
    assert meant(custom, ("name", "title", "description", "path", "schema", "tahun_dari", "aturan_baris", "constraints")) is None


def test_the_budget_block_of_lkjip_is_a_known_key(tmp_path):
    """`anggaran` (LKjIP Bab III B, declared in the descriptor's JSON Schema) is the portal's own key,
    not an unknown one: an office declaring its budget register gets no warning about it."""
    from iku.paket_kunci import check_keys

    descriptor = yaml.safe_load((FIXTURES / "periksa" / "anggaran-kolom-tidak-ada" / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    assert "anggaran" in descriptor
    found = []
    check_keys(descriptor, lambda code, path, where, **details: found.append((code, path)))
    assert found == []


def _fields():
    return {f.name: f for f in (Field("status", "pilihan", "", choices=("sembuh", "gagal")), Field("hari", "bilangan_bulat", ""),
                                Field("tanggal", "tanggal", ""), Field("catatan", "teks", ""))}


@pytest.mark.parametrize("text, written", [
    ("status:SEMBUH", "status:sembuh"),  # as the cells are normalised
    ("status!=Sembuh|GAGAL", "status!=sembuh|gagal"),
    ("hari>=14 dan tanggal<2024-07-01", "hari>=14 dan tanggal<2024-07-01"),
    ("tanggal:2024-01-31", "tanggal:2024-01-31"),
    ("catatan:apa saja dan status:", "catatan:apa saja dan status:"),
])
def test_conditions_that_fit_the_declaration(text, written):
    condition, problems = syarat.declared(syarat.parse(text), _fields())
    assert (condition.written(), problems) == (written, [])


@pytest.mark.parametrize("text, problem", [
    ("status:sembuh|pindah", "'status:sembuh|pindah': 'pindah' bukan pilihan kolom 'status'; pilihannya: sembuh, gagal"),
    ("catatan>3", "'catatan>3': > hanya untuk kolom angka, tahun atau tanggal, padahal kolom 'catatan' berjenis teks"),
    ("status<=3", "'status<=3': <= hanya untuk kolom angka, tahun atau tanggal, padahal kolom 'status' berjenis pilihan"),
    ("tanggal>=2024", "'tanggal>=2024': kolom 'tanggal' berjenis tanggal (date), jadi setelah >= harus tanggal tahun-bulan-tanggal, misalnya 2024-07-01"),
    ("hari<2024-01-01", "'hari<2024-01-01': kolom 'hari' berjenis bilangan bulat (integer), jadi setelah < harus angka"),
    ("hari:empat", "'hari:empat': kolom 'hari' berjenis bilangan bulat (integer), jadi nilainya harus angka"),
    ("tanggal:31/01/2024", "'tanggal:31/01/2024': kolom 'tanggal' berjenis tanggal (date), jadi nilainya harus tanggal tahun-bulan-tanggal, misalnya 2024-07-01"),
])
def test_conditions_the_declaration_cannot_meet(text, problem):
    assert syarat.declared(syarat.parse(text), _fields())[1] == [problem]


def _with_condition(tmp_path: Path, condition: str) -> Path:
    """The made-up Kelurahan, whose permohonan_layanan.jenis_layanan refers to jenis_layanan.kode
    (KTP, KK, AKTA), with IKU-4 counting only some services."""
    root = tmp_path / "kelurahan"
    shutil.copytree(FIXTURES / "kantor-lain", root)
    iku_csv = root / "iku.csv"
    text = iku_csv.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("IKU-4,"))
    iku_csv.write_text(text.replace(line, line.replace("syarat=status:selesai,", f"syarat=status:selesai dan {condition},")), encoding="utf-8")
    return root


def test_a_value_the_referenced_register_does_not_hold_is_refused(tmp_path):
    valid, problems = check(_with_condition(tmp_path, "jenis_layanan:SKCK|KTP"))
    assert valid is None
    wrong = [p for p in errors(problems)]
    assert [(p.code, p.row, p.column) for p in wrong] == [("syarat_tidak_cocok", 5, "parameter")]
    assert wrong[0].message == ("syarat 'jenis_layanan:SKCK|KTP': 'SKCK' tidak ada di kolom 'kode' register jenis_layanan, "
                                "yang menjadi acuan kolom 'jenis_layanan'; nilainya: AKTA, KK, KTP")


def test_values_the_referenced_register_holds_count(tmp_path):
    root = _with_condition(tmp_path, "jenis_layanan:KK|KTP")
    valid, problems = check(root)
    assert valid is not None and not errors(problems)
    import csv

    with open(root / "register" / "permohonan_layanan.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["tanggal_masuk"].startswith("2024")]
    by_hand = sum(r["status"] == "selesai" and r["jenis_layanan"] in ("KK", "KTP") for r in rows)
    result = next(r for r in compute(valid).results["IKU-4"] if r.year == 2024)
    assert by_hand > 0 and result.value == by_hand
