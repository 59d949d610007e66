"""A third, made-up office of another kind (tests/fixtures/puskesmas-rekaan: UPTD Puskesmas
Sidomakmur, which does not exist), set up from README and CONTRIBUTING alone: five registers of its
own, six IKU, a lower-is-better prevalence, an IKM, a TB treatment success rate counting "one of"
two outcomes (issue 20) and a due-date column declared `boleh_masa_depan: true`. Its figures are
worked out by hand below from the rows of its CSV files (counted with grep); nothing here was copied
from a run."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest

from iku import bahasa, fmt, kata, validate
from iku.compute import compute
from iku.pages.data import data_dictionary
from iku.parameters import parameters_in_words
from iku.portal import check
from iku.problems import errors, format_report
from iku.table_checks import Context

OFFICE = Path(__file__).parent / "fixtures" / "puskesmas-rekaan"


@pytest.fixture(scope="module")
def portal():
    valid, problems = check(OFFICE)
    assert valid is not None, "\n".join(map(str, problems))
    return compute(valid)


def figures(portal, code):
    return [(r.year, r.value, r.achievement) for r in portal.results[code] if r.value is not None]


def test_k4_coverage(portal):
    # ibu_hamil.csv, k4 = ya: 2023 7 of 10 (70; 70 / 80 = 87,5), 2024 8 of 10 (80; 80 / 85 = 94,117… -> 94,12),
    # 2025 9 of 10 (90; 90 / 90 = 100)
    assert figures(portal, "IKU-1") == [(2023, 70.0, 87.5), (2024, 80.0, 94.12), (2025, 90.0, 100.0)]


def test_deliveries_in_a_facility_count_only_women_who_gave_birth(portal):
    # penyebut tempat_persalinan != belum; pembilang faskes among them.
    # 2023: 10 delivered, 8 faskes -> 80; 80 / 85 = 94,117… -> 94,12
    # 2024: 9 delivered (one belum), 8 faskes -> 88,888… -> 88,89; 88,89 / 90 = 98,77
    # 2025: 8 delivered (two belum), 8 faskes -> 100; 100 / 95 = 105,263… -> 105,26
    assert figures(portal, "IKU-2") == [(2023, 80.0, 94.12), (2024, 88.89, 98.77), (2025, 100.0, 105.26)]


def test_immunisation_sums_over_villages(portal):
    # Σ bayi_idl / Σ sasaran_bayi: 2023 (35 + 26 + 21 + 20) / (40 + 30 + 25 + 25) = 102 / 120 = 85 (85 / 90 = 94,44)
    # 2024 (38 + 28 + 22 + 20) / (42 + 31 + 24 + 23) = 108 / 120 = 90 (90 / 92 = 97,83)
    # 2025 (39 + 29 + 24 + 22) / (40 + 30 + 26 + 24) = 114 / 120 = 95 (95 / 95 = 100)
    assert figures(portal, "IKU-3") == [(2023, 85.0, 94.44), (2024, 90.0, 97.83), (2025, 95.0, 100.0)]


def test_tb_treatment_success_counts_either_outcome_and_leaves_out_cases_not_yet_evaluated(portal):
    # pembilang=hasil:sembuh|pengobatan_lengkap ("one of"); penyebut=hasil!=belum_dievaluasi. Counted with
    # grep -c "^TB/<year>/.*,<hasil>$" register/pengobatan_tb.csv:
    # 2023: 8 cases, 0 belum, 6 sembuh + 1 pengobatan_lengkap -> 7 / 8 = 87,5; target 85: 87,5 / 85 × 100 = 102,941… -> 102,94
    # 2024: 10 cases, 0 belum, 8 sembuh + 1 pengobatan_lengkap -> 9 / 10 = 90; target 88: 90 / 88 × 100 = 102,272… -> 102,27
    # 2025: 8 cases, 2 belum, 5 sembuh + 1 pengobatan_lengkap -> 6 / 6 = 100; target 90: 100 / 90 × 100 = 111,111… -> 111,11
    assert figures(portal, "IKU-4") == [(2023, 87.5, 102.94), (2024, 90.0, 102.27), (2025, 100.0, 111.11)]
    indicator = portal.indicator("IKU-4")
    assert parameters_in_words(indicator.formula, indicator.parameters)[0] == "pembilang: hasil = sembuh atau pengobatan_lengkap"


def test_severe_malnutrition_prevalence_lower_is_better(portal):
    # status = buruk: 2023 2 of 25 = 8, target 6: (2 × 6 − 8) / 6 × 100 = 66,67
    # 2024 1 of 25 = 4, target 5: (10 − 4) / 5 × 100 = 120; 2025 1 of 20 = 5, target 4: (8 − 5) / 4 × 100 = 75
    assert figures(portal, "IKU-5") == [(2023, 8.0, 66.67), (2024, 4.0, 120.0), (2025, 5.0, 75.0)]
    assert [r.category.label for r in portal.results["IKU-5"] if r.category] == ["Sedang", "Sangat Tinggi", "Sedang"]


def test_ikm_weights_the_surveys_by_respondents(portal):
    # 2023: every survey has the same unsur: Σ = 3,0 + 3,1 + 2,9 + 3,0 + 3,2 + 2,8 + 3,0 + 3,1 + 2,9 = 27 -> 27 / 9 × 25 = 75
    # 2024: each unsur 0,2 higher: 28,8 / 9 × 25 = 80
    # 2025: u1 = (3,4 × 100 + 3,4 × 100 + 3,5 × 150 + 3,3 × 50) / 400 = 1370 / 400 = 3,425; u2…u9 = 27,2
    #       (3,425 + 27,2) / 9 × 25 = 85,069… -> 85,07; 85,07 / 84 = 101,27
    assert figures(portal, "IKU-6") == [(2023, 75.0, 98.68), (2024, 80.0, 102.56), (2025, 85.07, 101.27)]


# ibu_hamil.csv's hpl (hari perkiraan lahir) is declared `boleh_masa_depan: true`; BUMIL/2025/010 (line 31,
# not yet delivered) has 2028-05-01, after the day this was written (1 December 2026). The checks below fix
# "today" on either side of that date, so they say the same thing before and after it has passed.
BEFORE_DUE, AFTER_DUE = dt.date(2026, 12, 1), dt.date(2028, 5, 2)
REFUSED = "puskesmas/register/ibu_hamil.csv:31:hpl: tanggal 2028-05-01 belum terjadi; periksa tahun, bulan dan tanggalnya"


def test_the_due_date_column_is_declared_and_shown_as_allowed_after_today(portal):
    assert portal.registers["ibu_hamil"].field("hpl").future_ok
    assert not portal.registers["ibu_hamil"].field("tanggal_k1").future_ok
    assert "BUMIL/2025/010,2025-10-01,Tegalrekaan,ya,belum,2028-05-01" in portal.files["register/ibu_hamil.csv"].decode()
    assert "<td>tanggal (tahun-bulan-tanggal); boleh sesudah hari ini</td>" in data_dictionary(portal)


def checked_on(today: dt.date, tmp_path: Path, monkeypatch, declared: bool = True):
    root = tmp_path / "puskesmas"
    shutil.copytree(OFFICE, root)
    if not declared:
        package = root / "datapackage.yaml"
        text = package.read_text(encoding="utf-8")
        assert text.count(" boleh_masa_depan: true,") == 1
        package.write_text(text.replace(" boleh_masa_depan: true,", ""), encoding="utf-8")
    monkeypatch.setattr(validate, "Context", functools.partial(Context, today=today))
    monkeypatch.chdir(tmp_path)
    return check(Path("puskesmas"))[1]


@pytest.mark.parametrize("today", [BEFORE_DUE, AFTER_DUE], ids=["before the due date", "after it"])
def test_the_office_checks_clean_before_and_after_the_due_date(tmp_path, monkeypatch, today):
    problems = checked_on(today, tmp_path, monkeypatch)
    assert not problems, format_report(problems)


@pytest.mark.parametrize("today, refused", [(BEFORE_DUE, [REFUSED]), (AFTER_DUE, [])], ids=["before the due date", "after it"])
def test_without_the_declaration_only_a_due_date_still_to_come_is_refused(tmp_path, monkeypatch, today, refused):
    assert [str(p) for p in errors(checked_on(today, tmp_path, monkeypatch, declared=False))] == refused


def test_the_office_words(portal):
    words = kata.words(portal)
    assert words["jabatan_kepala"] == "Kepala UPTD Puskesmas"
    assert words["keputusan"].startswith("Keputusan Kepala UPTD Puskesmas Sidomakmur tentang")
    assert words["keputusan_singkat"] == "Keputusan Kepala UPTD Puskesmas Nomor 440/27/PKM-REKAAN/2024"
    assert (words["jumlah_iku"], words["jumlah_register"]) == ("enam", "lima")
    assert words["isi_register"] == ("register ibu hamil, kunjungan K4 dan tempat persalinan, register imunisasi dasar lengkap per desa, "
                                     "register pengobatan tuberkulosis (TB), register penimbangan dan status gizi balita, dan "
                                     "register hasil Survei Kepuasan Masyarakat (SKM) Puskesmas")
    with bahasa.language("en", portal.translations):
        english = kata.words(portal)
    assert english["nama"] == "Sidomakmur Community Health Centre (made-up)" and english["jumlah_iku"] == "six"
    assert english["keputusan_singkat"] == "Decree of the Head of the Community Health Centre No. 440/27/PKM-REKAAN/2024"
    assert english["isi_register"].endswith("register of under-five weighing and nutritional status and "
                                            "register of the health centre's Public Satisfaction Survey (SKM) results")


def test_a_template_names_only_known_words(portal):
    assert kata.fill("{nama}, {kabupaten}: {jumlah_iku} IKU", portal) == "UPTD Puskesmas Sidomakmur (puskesmas rekaan), Kabupaten Antah (rekaan): enam IKU"
    with pytest.raises(kata.UnknownWord, match=r"\{camat\} tidak dikenal; yang tersedia: \{nama\}"):
        kata.fill("Keputusan {camat}", portal)


@pytest.mark.parametrize("count, indonesian, english", [
    (0, "nol", "zero"), (1, "satu", "one"), (6, "enam", "six"), (10, "sepuluh", "ten"), (11, "sebelas", "eleven"),
    (12, "dua belas", "twelve"), (19, "sembilan belas", "nineteen"), (20, "dua puluh", "twenty"),
    (21, "dua puluh satu", "twenty-one"), (99, "sembilan puluh sembilan", "ninety-nine"), (1234, "1.234", "1,234"),
])
def test_counts_in_words(count, indonesian, english):
    assert fmt.words(count) == indonesian
    with bahasa.language("en"):
        assert fmt.words(count) == english
