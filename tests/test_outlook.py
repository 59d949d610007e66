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
