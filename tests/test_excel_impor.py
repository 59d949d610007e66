"""`iku impor` on workbooks staff really produce. Every workbook is made here (tests/excelkit.py).

Each bad workbook must give its message at the right sheet, Excel row and column letter, and
leave every data file untouched."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

import excelkit as kit
from iku import cli
from iku.excel.impor import impor
from iku.excel.messages import WORKBOOK_MESSAGES
from iku.problems import Severity
from projectkit import DATA


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def book(root: Path, tmp_path: Path) -> Path:
    return kit.template(root, tmp_path / "register.xlsx")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _append_row(sheet_name: str, values: dict):
    def change(workbook):
        sheet = workbook[sheet_name]
        row = kit.last_row(sheet) + 1
        for name, value in values.items():
            sheet[f"{kit.column(sheet, name)}{row}"] = value
    return change


def _external_formula(workbook):
    workbook["reviu_sakip"]["B2"] = "='C:\\Data\\[rekap SAKIP.xlsx]Lembar1'!B2"


def _merge(workbook):
    workbook["skm"].merge_cells("A2:A4")


def _hide_and_break(workbook):
    workbook["skm"].sheet_state = "hidden"


def _skipped_sheet_with_nik(workbook):
    workbook.create_sheet("Catatan")["C7"] = "pelapor 3509120101800001"


def _renamed_header(workbook):
    workbook["aduan_trantib"]["A1"] = "no_aduan"


def _no_register_sheet(workbook):
    for sheet in list(workbook.worksheets)[1:]:
        workbook.remove(sheet)
    workbook.create_sheet("Lembar1")["A1"] = "apa saja"


def _second_nilai_header(workbook):
    workbook["reviu_sakip"]["E1"] = "NILAI"


def _register_twice(workbook):
    copy = workbook.copy_worksheet(workbook["reviu_sakip"])
    copy.title = "reviu_sakip (2)"


def _rows_removed(workbook):
    workbook["reviu_sakip"].delete_rows(3, 2)  # the rows of 2022 and 2023


def _data_without_header(workbook):
    workbook["reviu_sakip"]["F3"] = "catatan"


# name -> (how the workbook is made, code, sheet, cell or None, words the staff member must read)
def _bad(tmp_path: Path, book: Path, name: str) -> Path:
    makers = {
        "berkata_sandi": lambda: kit.ole_file(tmp_path / "terkunci.xlsx", encrypted=True),
        "xls_lama": lambda: kit.ole_file(tmp_path / "register.xls", encrypted=False),
        "terpotong": lambda: (tmp_path / "rusak.xlsx").write_bytes(book.read_bytes()[:2000]) and tmp_path / "rusak.xlsx",
        "bukan_xlsx": lambda: (tmp_path / "kosong.xlsx").write_bytes(b"ini bukan excel") and tmp_path / "kosong.xlsx",
        "csv": lambda: shutil.copy(DATA / "register/skm.csv", tmp_path / "skm.csv") and tmp_path / "skm.csv",
        "judul_diubah": lambda: kit.edit(book, _renamed_header),
        "tanggal_teks": lambda: kit.put(book, "reviu_sakip", "tanggal_lhe", "18-04-2022"),
        "persen_teks": lambda: kit.put(book, "reviu_sakip", "nilai", "92%"),
        "satuan_teks": lambda: kit.put(book, "skm", "responden", "4 dokumen"),
        "format_persen": lambda: kit.put(book, "reviu_sakip", "nilai", 0.92, number_format="0%"),
        "nik_teks": lambda: kit.put(book, "aduan_trantib", "kategori", "NIK 3509120101800001", row=5),
        "nik_angka": lambda: kit.put(book, "kegiatan_pemberdayaan", "nomor_laporan", 3509120101800001, row=3),
        "nik_lembar_lain": lambda: kit.edit(book, _skipped_sheet_with_nik),
        "rumus_buku_lain": lambda: kit.edit(book, _external_formula),
        "rumus_tanpa_nilai": lambda: kit.put(book, "skm", "u1", "=3+0.1", row=4),
        "sel_gabungan": lambda: kit.edit(book, _merge),
        "tanggal_angka": lambda: kit.put(book, "aduan_trantib", "tanggal_masuk", 45351, row=6, number_format="0"),
        "angka_tanggal": lambda: kit.put(book, "skm", "u2", dt.date(2024, 10, 3), row=3, number_format="yyyy-mm-dd"),
        "galat_excel": lambda: kit.put(book, "skm", "u3", "#DIV/0!", row=2),
        "di_atas_maksimum": lambda: kit.put(book, "skm", "u9", 5, row=7),
        "bukan_pilihan": lambda: kit.put(book, "kegiatan_pemberdayaan", "difasilitasi", "mungkin", row=4),
        "kunci_ganda": lambda: kit.edit(book, _append_row("reviu_sakip", {"tahun": 2021, "nilai": 60, "nomor_lhe": "X/1", "tanggal_lhe": dt.date(2022, 1, 3)})),
        "tanpa_lembar_register": lambda: kit.edit(book, _no_register_sheet),
        "data_tanpa_judul": lambda: kit.edit(book, _data_without_header),
        "lembar_ganda": lambda: kit.edit(book, _register_twice),
        "judul_ganda": lambda: kit.put(book, "reviu_sakip", "nilai", "Nilai", row=1) and kit.edit(book, _second_nilai_header),
        "wajib_isi": lambda: kit.put(book, "dokumen_ortala", "nomor", None, row=9),
        "baris_dihapus": lambda: kit.edit(book, _rows_removed),
    }
    return makers[name]()


BAD = {
    "berkata_sandi": ("buku_berkata_sandi", None, None, ["kata sandi", "Enkripsi"]),
    "xls_lama": ("buku_xls", None, None, [".xls", "Simpan Sebagai", "Excel Workbook (*.xlsx)"]),
    "terpotong": ("buku_rusak", None, None, ["rusak", "simpan ulang"]),
    "bukan_xlsx": ("buku_rusak", None, None, ["bukan arsip .xlsx"]),
    "csv": ("buku_csv", None, None, ["CSV", "iku periksa"]),
    "judul_diubah": ("judul_diubah", "aduan_trantib", "A1", ["no_aduan", "nomor_aduan"]),
    "tanggal_teks": ("tanggal_teks", "reviu_sakip", "D2", ["18-04-2022", "teks", "2024-02-29"]),
    "persen_teks": ("angka_bersatuan", "reviu_sakip", "B2", ["92%", "angkanya saja"]),
    "satuan_teks": ("angka_bersatuan", "skm", "D2", ["4 dokumen", "angkanya saja"]),
    "format_persen": ("angka_persen", "skm" if False else "reviu_sakip", "B2", ["92%", "tanpa tanda %"]),
    "nik_teks": ("data_pribadi_nik", "aduan_trantib", "C5", ["NIK", "data pribadi"]),
    "nik_angka": ("data_pribadi_nik", "kegiatan_pemberdayaan", "F3", ["NIK"]),
    "nik_lembar_lain": ("data_pribadi_nik", "Catatan", "C7", ["NIK"]),
    "rumus_buku_lain": ("rumus_buku_lain", "reviu_sakip", "B2", ["buku kerja lain", "Nilai"]),
    "rumus_tanpa_nilai": ("rumus_tanpa_nilai", "skm", "E4", ["=3+0.1", "Simpan"]),
    "sel_gabungan": ("sel_gabungan", "skm", "A2", ["A2:A4", "Unmerge"]),
    "tanggal_angka": ("tanggal_angka", "aduan_trantib", "B6", ["45351", "Tanggal"]),
    "angka_tanggal": ("angka_tanggal", "skm", "F3", ["2024-10-03", "Angka"]),
    "galat_excel": ("angka_galat", "skm", "G2", ["#DIV/0!"]),
    "di_atas_maksimum": ("di_atas_maksimum", "skm", "M7", ["5", "4"]),
    "bukan_pilihan": ("bukan_pilihan", "kegiatan_pemberdayaan", "E4", ["mungkin", "ya, tidak"]),
    "kunci_ganda": ("kunci_ganda", "reviu_sakip", "A2", ["tahun=2021"]),
    "tanpa_lembar_register": ("lembar_tidak_cocok", None, None, ["iku templat"]),
    "data_tanpa_judul": ("data_tanpa_judul", "reviu_sakip", "F3", ["judul"]),
    "judul_ganda": ("judul_ganda", "reviu_sakip", "E1", ["NILAI".lower(), "lebih dari sekali"]),
    "lembar_ganda": ("lembar_ganda", "reviu_sakip (2)", None, ["reviu_sakip", "satu lembar"]),
    "wajib_isi": ("wajib_isi", "dokumen_ortala", "C9", ["wajib diisi"]),
    "baris_dihapus": ("baris_dihapus", "reviu_sakip", None, ["2 baris di data/register/reviu_sakip.csv", "tahun=2022; tahun=2023", "--hapus-baris"]),
}


def test_there_are_at_least_20_bad_workbooks():
    assert len(BAD) >= 20


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_workbook_is_refused_at_the_right_cell_and_nothing_is_written(name, root, book, tmp_path):
    code, sheet, cell, words = BAD[name]
    before = snapshot(root)
    outcome = impor(_bad(tmp_path, book, name), root)
    assert not outcome.ok
    found = [p for p in outcome.problems if p.code == code]
    assert found, outcome.report()
    where = [(p.sheet, f"{p.letter}{p.row}" if p.letter else None) for p in found]
    assert (sheet, cell) in where, (where, outcome.report())
    text = outcome.report()
    for word in words:
        assert word in text, (word, text)
    assert "Tidak ada berkas yang diubah" in text
    assert snapshot(root) == before


def test_every_workbook_message_is_shown_by_a_fixture():
    shown = {code for code, *_ in BAD.values()}
    # shown by the tests below, and angka_teks by tests/test_excel_cells.py
    elsewhere = {"buku_tidak_ada", "lembar_tidak_ada", "judul_hilang", "lembar_dilewati", "lembar_tersembunyi", "angka_teks"}
    untested = set(WORKBOOK_MESSAGES) - shown - elsewhere
    assert not untested


def test_missing_file_and_unknown_register(root, tmp_path, capsys):
    assert cli.main(["impor", str(tmp_path / "tidak-ada.xlsx"), "--data", str(root)]) == 1
    assert "tidak ditemukan" in capsys.readouterr().out
    assert cli.main(["impor", str(tmp_path / "x.xlsx"), "--register", "pegawai", "--data", str(root)]) == 2
    assert "Register 'pegawai' tidak dikenal" in capsys.readouterr().err


def test_register_asked_for_but_not_in_the_workbook(root, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["tahun", "nilai", "nomor_lhe", "tanggal_lhe"])
    workbook.save(tmp_path / "sakip.xlsx")
    outcome = impor(tmp_path / "sakip.xlsx", root, register="skm")
    assert [p.code for p in outcome.problems if p.severity is Severity.ERROR] == ["lembar_tidak_ada"]
    assert "register 'skm'" in outcome.report()


def test_renamed_header_names_the_missing_column_too(root, book):
    kit.edit(book, _renamed_header)
    report = impor(book, root).report()
    assert "kolom 'nomor_aduan' tidak ada di lembar ini" in report


def test_hidden_sheet_is_named_and_not_imported(root, book):
    kit.put(book, "skm", "u1", 3.99, row=2)
    kit.edit(book, _hide_and_break)
    before = snapshot(root)
    outcome = impor(book, root)
    assert outcome.ok, outcome.report()
    assert any(p.code == "lembar_tersembunyi" and p.sheet == "skm" and p.severity is Severity.WARNING for p in outcome.problems)
    assert "lembar 'skm': peringatan: lembar ini tersembunyi" in outcome.report()
    assert snapshot(root) == before  # skm was hidden, the other sheets are unchanged


def test_headers_forgive_case_spacing_order_and_a_title_row_above(root, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rekap SAKIP 2024"
    sheet.append(["Rekap hasil evaluasi"])
    sheet.append([])
    sheet.append(["Nomor LHE", " Tahun", "TANGGAL_LHE", "Nilai "])
    for line in (DATA / "register/reviu_sakip.csv").read_text().splitlines()[1:]:
        tahun, nilai, nomor, tanggal = line.split(",")
        sheet.append([nomor, int(tahun), dt.date.fromisoformat(tanggal), float(nilai)])
    sheet.append([])
    sheet.append([None, None, None, None])
    workbook.save(tmp_path / "rekap.xlsx")
    outcome = impor(tmp_path / "rekap.xlsx", root)
    assert outcome.ok, outcome.report()
    assert (root / "register/reviu_sakip.csv").read_bytes() == (DATA / "register/reviu_sakip.csv").read_bytes()


def test_formula_cached_value_is_read_without_float_noise(root, book):
    workbook = load_workbook(book)
    index = workbook.sheetnames.index("indikator_program") + 1
    kit.put(book, "indikator_program", "realisasi", "=9053/100", row=2)
    # What Excel stores for 9053/100 when it writes 17 significant digits.
    kit.set_cached_value(book, index, "H2", "90.530000000000001")
    outcome = impor(book, root)
    assert outcome.ok, outcome.report()
    assert (root / "register/indikator_program.csv").read_bytes() == (DATA / "register/indikator_program.csv").read_bytes()


def test_float_noise_from_arithmetic_is_rounded_as_excel_shows_it(root, book):
    kit.put(book, "indikator_program", "realisasi", 0.1 + 0.2 + 92.45, row=3)  # 92.75000000000001 in binary
    assert impor(book, root).ok
    line = (root / "register/indikator_program.csv").read_text().splitlines()[2]
    assert line.endswith(",90,92.75")


@pytest.mark.parametrize(("serial", "day", "epoch"), [
    (45351, "2024-02-29", None),  # Excel: =DATE(2024,2,29) is serial 45351 in the 1900 system
    (43889, "2024-02-29", CALENDAR_MAC_1904),  # and 45351 - 1462 in the 1904 system
])
def test_dates_are_the_same_calendar_day(root, tmp_path, serial, day, epoch):
    from openpyxl import Workbook

    workbook = Workbook()
    if epoch:
        workbook.epoch = epoch
    sheet = workbook.active
    sheet.append(["tahun", "nilai", "nomor_lhe", "tanggal_lhe"])
    sheet.append([2023, 70, "LHE/1", serial])
    sheet["D2"].number_format = "dd/mm/yyyy"
    workbook.save(tmp_path / "tanggal.xlsx")
    assert impor(tmp_path / "tanggal.xlsx", root, register="reviu_sakip", delete_rows=True).ok
    assert (root / "register/reviu_sakip.csv").read_text() == f"tahun,nilai,nomor_lhe,tanggal_lhe\n2023,70,LHE/1,{day}\n"


def test_periksa_option_checks_without_writing(root, book, capsys):
    kit.put(book, "skm", "u1", 3.5, row=2)
    before = snapshot(root)
    assert cli.main(["impor", str(book), "--periksa", "--data", str(root)]) == 0
    assert "lolos semua pemeriksaan" in capsys.readouterr().out
    assert snapshot(root) == before


def test_one_register_only(root, book):
    kit.put(book, "skm", "u1", 3.5, row=2)
    kit.put(book, "reviu_sakip", "nilai", 99, row=2)
    assert impor(book, root, register="reviu_sakip").ok
    assert (root / "register/skm.csv").read_bytes() == (DATA / "register/skm.csv").read_bytes()
    assert (root / "register/reviu_sakip.csv").read_text().splitlines()[1].startswith("2021,99,")


def test_all_mistakes_at_once_also_below_a_renamed_header(root, book):
    kit.edit(book, _renamed_header)
    kit.put(book, "aduan_trantib", "tanggal_selesai", "kemarin", row=4)
    outcome = impor(book, root)
    codes = {(p.code, p.sheet, f"{p.letter}{p.row}") for p in outcome.problems}
    assert ("judul_diubah", "aduan_trantib", "A1") in codes
    assert ("tanggal_teks", "aduan_trantib", "F4") in codes


def test_deleting_rows_is_refused_with_the_count_and_first_keys(root, book, tmp_path, capsys, monkeypatch):
    """A sheet that lost rows (filtered in Excel, or another office's register of the same name)
    would empty the register in silence: refused, naming how many rows and the first keys."""
    monkeypatch.chdir(tmp_path)

    def other_office_survey(workbook):
        sheet = workbook["skm"]
        sheet.delete_rows(2, kit.last_row(sheet))
        sheet.append([2024, "I", "Poli Umum", 80, 3, 3, 3, 3, 3, 3, 3, 3, 3])
    kit.edit(book, other_office_survey)
    before = snapshot(root)
    assert cli.main(["impor", str(book), "--data", "data"]) == 1
    out = capsys.readouterr().out
    rows = (DATA / "register/skm.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert (f"register.xlsx, lembar 'skm': {len(rows)} baris di data/register/skm.csv tidak ada di lembar ini, "
            "sehingga impor akan menghapusnya dari register (tahun=2021, semester=I, unit_layanan=Seksi Pemerintahan; "
            "tahun=2021, semester=I, unit_layanan=Seksi Pelayanan Umum; tahun=2021, semester=I, unit_layanan=Seksi PMKS "
            f"dan {len(rows) - 3} lainnya); bila baris itu memang harus dihapus, jalankan lagi dengan --hapus-baris, "
            "bila tidak, salin baris itu kembali ke lembar") in out, out
    assert "Tidak ada berkas yang diubah" in out
    assert snapshot(root) == before
    # --periksa says the same; with --hapus-baris the rows go, and the summary counts them.
    assert cli.main(["impor", str(book), "--data", "data", "--periksa"]) == 1
    assert cli.main(["impor", str(book), "--data", "data", "--hapus-baris"]) == 0
    assert f"data/register/skm.csv: ditulis dari lembar 'skm' (1 baris baru atau berubah, {len(rows)} baris dihapus)." in capsys.readouterr().out
    assert (root / "register/skm.csv").read_text(encoding="utf-8").splitlines()[1:] == ["2024,I,Poli Umum,80,3,3,3,3,3,3,3,3,3"]


def test_new_and_changed_rows_need_no_permission(root, book):
    kit.put(book, "reviu_sakip", "nilai", 59, row=2)
    kit.edit(book, _append_row("reviu_sakip", {"tahun": 2026, "nilai": 75, "nomor_lhe": "X/9", "tanggal_lhe": dt.date(2026, 3, 1)}))
    outcome = impor(book, root)
    assert outcome.ok, outcome.report()
    assert "reviu_sakip.csv: ditulis dari lembar 'reviu_sakip' (2 baris baru atau berubah, 0 baris dihapus)." in outcome.report()
