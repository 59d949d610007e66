"""Arah Renstra: known answers worked by hand from the stated method (least-squares line
through the last three realisations, read at the Renstra's final year, compared with that
year's target in the IKU's direction)."""

from __future__ import annotations

import csv

import pytest

from iku.outlook import NEEDS_ATTENTION, NOT_ASSESSABLE, ON_COURSE, assess, linear_trend

END = 2026


def test_linear_trend_by_hand():
    # (2023, 81.48), (2024, 82.46), (2025, 84.72): slope = (84.72 − 81.48) / 2 = 1.62,
    # mean 248.66 / 3 = 82.8867 at 2024.
    slope, mean_year, mean_value = linear_trend([(2023, 81.48), (2024, 82.46), (2025, 84.72)])
    assert slope == pytest.approx(1.62)
    assert (mean_year, mean_value) == (2024, pytest.approx(82.886667, abs=1e-6))


@pytest.mark.parametrize("values, target, status, projection", [
    # 60, 65, 70: +5 a year, 2026 → 75; target 75 reached exactly.
    ({2023: 60, 2024: 65, 2025: 70}, 75, ON_COURSE, 75.0),
    # 70, 70, 68: slope −1, mean 69,33 at 2024 → 67,33 in 2026 < 80.
    ({2023: 70, 2024: 70, 2025: 68}, 80, NEEDS_ATTENTION, 67.33),
    # The sample IKU 2 (IKM): 81,48 82,46 84,72 → 82,8867 + 2 × 1,62 = 86,13 ≥ 83.
    ({2021: 79.22, 2022: 80.78, 2023: 81.48, 2024: 82.46, 2025: 84.72}, 83, ON_COURSE, 86.13),
    # Only the last three years count: an old outlier does not pull the line.
    ({2020: 0, 2021: 100, 2023: 50, 2024: 55, 2025: 60}, 70, NEEDS_ATTENTION, 65.0),
    # Years with gaps: 2021 50, 2023 56, 2025 62 → +3 a year (6 per 2 years), 56 + 3 × 3 = 65 < 66.
    ({2021: 50, 2023: 56, 2025: 62}, 66, NEEDS_ATTENTION, 65.0),
])
def test_higher_is_better(values, target, status, projection):
    outlook = assess(values, {END: target}, "naik", END)
    assert (outlook.status, outlook.projection) == (status, projection)


@pytest.mark.parametrize("values, target, status, projection", [
    # Days to settle a complaint, lower is better: 10, 8, 6 → −2 a year, 2026 → 4 ≤ 5.
    ({2023: 10, 2024: 8, 2025: 6}, 5, ON_COURSE, 4.0),
    # 10, 8, 7 → −1,5 a year, mean 8,33 at 2024 → 5,33 > 5.
    ({2023: 10, 2024: 8, 2025: 7}, 5, NEEDS_ATTENTION, 5.33),
    # Rising where lower is better: 4, 5, 6 → 7 in 2026 > 6,5.
    ({2023: 4, 2024: 5, 2025: 6}, 6.5, NEEDS_ATTENTION, 7.0),
])
def test_lower_is_better(values, target, status, projection):
    outlook = assess(values, {END: target}, "turun", END)
    assert (outlook.status, outlook.projection) == (status, projection)


def test_fewer_than_three_years_cannot_be_assessed():
    outlook = assess({2024: 50, 2025: 99, 2026: None}, {END: 60}, "naik", END)
    assert outlook.status == NOT_ASSESSABLE and outlook.projection is None
    assert outlook.reason == "kurang dari tiga tahun realisasi"


def test_without_a_target_for_the_final_year_cannot_be_assessed():
    # Targets up to 2025 only: nothing to compare the 2026 projection with.
    outlook = assess({2023: 60, 2024: 65, 2025: 70}, {2023: 60, 2024: 65, 2025: 70, END: None}, "naik", END)
    assert outlook.status == NOT_ASSESSABLE and outlook.reason == "target tahun akhir Renstra belum ditetapkan"


def test_a_realised_final_year_is_judged_on_its_realisation():
    # 2026 realised 90 against 95: no projection, the figure itself decides.
    outlook = assess({2024: 80, 2025: 100, 2026: 90}, {END: 95}, "naik", END)
    assert (outlook.status, outlook.projection) == (NEEDS_ATTENTION, 90)


def test_hasil_csv_has_the_outlook_of_each_iku(project):
    from iku import portal as pipeline
    from iku.export import results_csv, results_json

    portal = pipeline.build(project / "data")
    rows = list(csv.DictReader(results_csv(portal).decode().splitlines()))
    by_code = {row["kode"]: row["arah_renstra"] for row in rows}
    assert set(by_code.values()) <= {ON_COURSE, NEEDS_ATTENTION, NOT_ASSESSABLE}
    # IKU 2 worked above from the sample realisations: 86,13 ≥ 83.
    assert by_code["IKU-2"] == ON_COURSE
    assert '"arah_renstra": "sesuai arah"' in results_json(portal).decode()


# A value range (issue 25): a projection never leaves what the IKU's values can take.

def test_a_percentage_projected_past_100_is_clipped_and_says_so():
    # The sample IKU 6 (programme indicators achieved, %): 83,33 83,33 100 → slope
    # ((−1)(83,33 − 88,8867) + (1)(100 − 88,8867)) / 2 = 8,335; 88,8867 + 2 × 8,335 = 105,56.
    free = assess({2023: 83.33, 2024: 83.33, 2025: 100}, {END: 90}, "naik", END)
    assert (free.projection, free.limit) == (105.56, None)
    clipped = assess({2023: 83.33, 2024: 83.33, 2025: 100}, {END: 90}, "naik", END, 0, 100)
    assert (clipped.status, clipped.projection, clipped.limit) == (ON_COURSE, 100, 100)


def test_clipping_at_the_lower_bound_can_change_nothing_but_the_number():
    # IKM 40, 32, 24 → −8 a year, 32 − 16 = 16 in 2026, below the IKM's floor of 25.
    clipped = assess({2023: 40, 2024: 32, 2025: 24}, {END: 80}, "naik", END, 25, 100)
    assert (clipped.status, clipped.projection, clipped.limit) == (NEEDS_ATTENTION, 25, 25)


def test_a_realised_final_year_is_never_clipped():
    outlook = assess({2024: 80, 2025: 100, 2026: 90}, {END: 95}, "naik", END, 0, 100)
    assert (outlook.projection, outlook.limit) == (90, None)


def test_the_range_comes_from_the_unit_the_scale_or_iku_csv(data_copy):
    from iku import cards, outlook
    from iku.portal import build

    portal = build(data_copy)
    ranges = {i.code: (i.lowest, i.highest) for i in portal.indicators}
    # %: 0–100; IKU 2 names skala mutu_ikm (25–100), IKU 5 predikat_sakip (0–100); IKU 1 counts documents: no range.
    assert ranges == {"IKU-1": (None, None), "IKU-2": (25, 100), "IKU-3": (0, 100), "IKU-4": (0, 100), "IKU-5": (0, 100), "IKU-6": (0, 100)}
    view = outlook.of_indicator(portal, portal.indicator("IKU-6"))
    assert (view.projection, view.limit) == (100, 100)
    paragraph = cards.outlook_paragraph(portal, portal.indicator("IKU-6"))
    assert "garis tren realisasi 2023–2025 mencapai batas 100% pada 2026, target 2026 adalah 90%" in paragraph
    assert "105,56" not in paragraph

    # An office whose percentage can pass 100 (say, PAD realisation) declares it in iku.csv.
    text = (data_copy / "iku.csv").read_text(encoding="utf-8").splitlines()
    text[0] += ",nilai_terendah,nilai_tertinggi"
    text[1:] = [line + (",0,150" if line.startswith("IKU-6,") else ",,") for line in text[1:]]
    (data_copy / "iku.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    declared = build(data_copy)
    assert (declared.indicator("IKU-6").lowest, declared.indicator("IKU-6").highest) == (0, 150)
    assert (declared.indicator("IKU-3").lowest, declared.indicator("IKU-3").highest) == (0, 100)
    view = outlook.of_indicator(declared, declared.indicator("IKU-6"))
    assert (view.projection, view.limit) == (105.56, None)
    with __import__("iku").bahasa.language("en", declared.translations):
        english = cards.outlook_paragraph(portal, portal.indicator("IKU-6"))
    assert "reaches the limit of 100% by 2026" in english


def test_a_reversed_range_is_refused_with_the_line_and_column(data_copy, monkeypatch):
    from iku.portal import check
    from iku.problems import errors

    monkeypatch.chdir(data_copy.parent)
    text = (data_copy / "iku.csv").read_text(encoding="utf-8").splitlines()
    text[0] += ",nilai_terendah,nilai_tertinggi"
    text[1:] = [line + (",100,0" if line.startswith("IKU-6,") else ",,") for line in text[1:]]
    (data_copy / "iku.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    _, problems = check(data_copy)
    assert [(p.file, p.row, p.column, p.code, p.message) for p in errors(problems)] == [
        ("data/iku.csv", 7, "nilai_terendah", "rentang_terbalik",
         "nilai_terendah lebih besar daripada nilai_tertinggi; tukar kedua angka itu")]


def test_an_unknown_range_column_names_the_optional_columns(data_copy, monkeypatch):
    from iku.portal import check

    monkeypatch.chdir(data_copy.parent)
    text = (data_copy / "iku.csv").read_text(encoding="utf-8").splitlines()
    text[0] += ",nilai_tertingi"
    text[1:] = [line + "," for line in text[1:]]
    (data_copy / "iku.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    _, problems = check(data_copy)
    unknown = [p for p in problems if p.code == "kolom_tak_dikenal"]
    assert len(unknown) == 1 and unknown[0].column == "nilai_tertingi"
    assert "penjelasan, nilai_terendah, nilai_tertinggi, standar_nasional, sumber_standar)" in unknown[0].message


def test_the_published_schema_describes_iku_csv_as_written():
    """datapackage.json must validate the file it describes: the optional range columns (and
    the rule on them) appear in the schema only when iku.csv has them."""
    from iku.paket import resource
    from iku.schema import IKU

    header = "kode,nomor,kinerja_utama,indikator,formulasi,satuan,arah,jenis_rumus,register,parameter,penanggung_jawab,sumber_data,penjelasan"
    without = resource(IKU, (header + "\n").encode())
    assert "nilai_tertinggi" not in [f["name"] for f in without["schema"]["fields"]] and "aturan_baris" not in without
    with_range = resource(IKU, (header + ",nilai_terendah,nilai_tertinggi\n").encode())
    assert [f["name"] for f in with_range["schema"]["fields"]][-2:] == ["nilai_terendah", "nilai_tertinggi"]
    assert [r["kode"] for r in with_range["aturan_baris"]] == ["rentang_terbalik"]
