"""Known-answer tests for each formula kind and for capaian. Expected values are worked out by
hand from the rules (PermenPANRB 14/2017 for IKM; the capaian rules on Metodologi), with the
arithmetic written next to each."""

import pandas as pd
import pytest

from iku.compute import achievement
from iku import syarat
from iku.formulas import FORMULAS, parse_parameters


def rows(**columns):
    return pd.DataFrame(columns)


def test_count_required_items_counts_each_required_item_once_and_ignores_others():
    register = rows(dokumen=["LAKIP", "RB", "Lainnya", "LAKIP"])
    params = parse_parameters("kolom=dokumen; wajib=LAKIP|RB|ANJAB|Pelayanan Publik")
    # LAKIP and RB are present (LAKIP twice counts once); ANJAB, Pelayanan Publik missing -> 2
    assert FORMULAS["jumlah_item_wajib"].compute(register, params).value == 2


def test_ratio_is_numerator_rows_over_all_rows_times_100():
    register = rows(status=["selesai"] * 7 + ["proses"])
    # 7 / 8 × 100 = 87,5
    assert FORMULAS["rasio"].compute(register, {"pembilang": "status:selesai"}).value == 87.5


def test_ratio_rounds_half_up_to_two_decimals():
    register = rows(difasilitasi=["ya", "ya", "tidak"])
    # 2 / 3 × 100 = 66,666… -> 66,67
    assert FORMULAS["rasio"].compute(register, {"pembilang": "difasilitasi:ya"}).value == 66.67


def test_ratio_counts_only_the_exact_value():
    register = rows(status=["selesai", "Selesai", "proses", "selesai"])
    # only the two lowercase "selesai" rows: 2 / 4 × 100 = 50
    assert FORMULAS["rasio"].compute(register, {"pembilang": "status:selesai"}).value == 50.0


SKM = parse_parameters("skala=mutu_ikm; responden=responden; unsur=u1|u2|u3|u4|u5|u6|u7|u8|u9")


def skm_row(respondents, averages):
    return {"responden": respondents, **{f"u{i}": a for i, a in enumerate(averages, 1)}}


def test_skm_index_single_survey():
    register = pd.DataFrame([skm_row(50, [3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 3.9])])
    # Σ NRR = 31,5; × 1/9 = 3,5 (IKM unit); × 25 = 87,5
    assert FORMULAS["indeks_skm"].compute(register, SKM).value == 87.5


def test_skm_index_weights_surveys_by_respondents():
    register = pd.DataFrame([skm_row(100, [3.0] * 9), skm_row(300, [3.4] * 9)])
    # NRR per unsur = (100 × 3,0 + 300 × 3,4) / 400 = (300 + 1020) / 400 = 3,3
    # IKM unit = 9 × 3,3 × 1/9 = 3,3; IKM = 3,3 × 25 = 82,5
    # (an unweighted mean of the two surveys would give (3,0 + 3,4) / 2 × 25 = 80)
    assert FORMULAS["indeks_skm"].compute(register, SKM).value == 82.5


def test_skm_index_bounds():
    lowest = pd.DataFrame([skm_row(10, [1.0] * 9)])
    highest = pd.DataFrame([skm_row(10, [4.0] * 9)])
    # 1 × 25 = 25 and 4 × 25 = 100: the converted scale runs 25–100
    assert FORMULAS["indeks_skm"].compute(lowest, SKM).value == 25.0
    assert FORMULAS["indeks_skm"].compute(highest, SKM).value == 100.0


def test_share_meeting_target_reads_each_rows_direction():
    register = rows(arah=["naik", "naik", "turun", "turun", "naik"], target=[90.0, 90, 10, 10, 5],
                    realisasi=[90.0, 89.9, 10, 12, 7])
    # met: 90 ≥ 90 yes; 89,9 ≥ 90 no; 10 ≤ 10 yes; 12 ≤ 10 no; 7 ≥ 5 yes -> 3 / 5 × 100 = 60
    assert FORMULAS["persentase_tercapai"].compute(register, {}).value == 60.0


def test_ratio_with_a_denominator_condition():
    register = rows(status=["selesai", "selesai", "batal", "proses"], lama_hari=[3, 20, None, None])
    params = {"pembilang": "status:selesai dan lama_hari<=14", "penyebut": "status!=batal"}
    # penyebut: 3 rows not batal; pembilang among them: selesai and ≤ 14 days -> 1; 1 / 3 × 100 = 33,33
    assert FORMULAS["rasio"].compute(register, params).value == 33.33
    # a denominator with no rows has no value rather than a division by zero
    assert FORMULAS["rasio"].compute(register, {"pembilang": "status:selesai", "penyebut": "status:x"}) is None


def test_ratio_of_sums_average_count_and_sum():
    register = rows(jenis=["a", "a", "b"], pagu=[100.0, 50, 50], realisasi=[90.0, 45, 10])
    # Σ realisasi / Σ pagu = 145 / 200 × 100 = 72,5; with syarat jenis:a: 135 / 150 × 100 = 90
    assert FORMULAS["rasio_jumlah"].compute(register, {"pembilang": "realisasi", "penyebut": "pagu"}).value == 72.5
    assert FORMULAS["rasio_jumlah"].compute(register, {"pembilang": "realisasi", "penyebut": "pagu", "syarat": "jenis:a"}).value == 90.0
    # (90 + 45 + 10) / 3 = 48,333… -> 48,33; only pagu>=60: 90
    assert FORMULAS["rata_rata"].compute(register, {"kolom": "realisasi"}).value == 48.33
    assert FORMULAS["rata_rata"].compute(register, {"kolom": "realisasi", "syarat": "pagu>=60"}).value == 90.0
    # rows with pagu<60: 2; realisasi>10: 2
    assert FORMULAS["jumlah_baris"].compute(register, {"syarat": "pagu<60"}).value == 2
    assert FORMULAS["jumlah_baris"].compute(register, {"syarat": "realisasi>10"}).value == 2
    assert FORMULAS["jumlah_nilai"].compute(register, {"kolom": "realisasi"}).value == 145.0


@pytest.mark.parametrize("condition, expected", [
    ("status:selesai", [True, False, False]),
    ("status!=batal", [True, True, False]),
    ("hari<=14", [True, False, False]),  # 14 ≤ 14; 15 no; empty never compares true
    ("hari>=15", [False, True, False]),
    ("hari<15", [True, False, False]),
    ("hari>14", [False, True, False]),
    ("hari:14", [True, False, False]),  # a number column compares as a number
    ("hari:", [False, False, True]),  # empty
    ("hari!=", [True, True, False]),  # filled
    ("status!=batal dan hari>0", [True, True, False]),
    ("status:selesai DAN hari>=14", [True, False, False]),
    ("status:selesai|proses", [True, True, False]),  # one of several values
    ("status!=selesai|proses", [False, False, True]),  # none of them
    ("hari:14|15", [True, True, False]),
])
def test_condition_operators(condition, expected):
    register = pd.DataFrame({"status": ["selesai", "proses", "batal"], "hari": pd.array([14, 15, None], dtype="Int64")})
    assert syarat.parse(condition).holds(register).tolist() == expected


@pytest.mark.parametrize("text", ["status", "hari<=empat", "__import__('os').system('x')", "a:b dan c", "",
                                  "status:selesai atau status:proses", "status:selesai ATAU proses"])
def test_conditions_outside_the_grammar_are_refused(text):
    with pytest.raises(syarat.ConditionError):
        syarat.parse(text)


def test_direct_value_takes_the_column_named():
    register = rows(tahun=[2024], nilai=[71.05])
    assert FORMULAS["nilai_langsung"].compute(register, {"kolom": "nilai"}).value == 71.05


@pytest.mark.parametrize(
    "target, realisation, direction, expected",
    [
        (82, 84.72, "naik", 103.32),  # 84,72 / 82 × 100 = 103,317… -> 103,32
        (4, 3, "naik", 75.0),  # 3 / 4 × 100
        (92, 88.57, "naik", 96.27),  # 88,57 / 92 × 100 = 96,271… -> 96,27
        (7, 6.5, "turun", 107.14),  # (2 × 7 − 6,5) / 7 × 100 = 7,5 / 7 × 100 = 107,142… -> 107,14
        (8, 9, "turun", 87.5),  # (16 − 9) / 8 × 100 = 87,5
        (3, 3, "turun", 100.0),  # (6 − 3) / 3 × 100
    ],
)
def test_achievement(target, realisation, direction, expected):
    assert achievement(target, realisation, direction) == (expected, "")


@pytest.mark.parametrize(
    "target, realisation, reason",
    [(None, 80.0, "target belum ditetapkan"), (0, 80.0, "target 0"), (90, None, "belum ada realisasi")],
)
def test_no_achievement_without_a_usable_target_or_realisation(target, realisation, reason):
    value, note = achievement(target, realisation, "naik")
    assert value is None and reason in note


def test_parameters_must_be_name_value_pairs():
    assert parse_parameters("kolom=nilai; skala=predikat_sakip") == {"kolom": "nilai", "skala": "predikat_sakip"}
    with pytest.raises(ValueError):
        parse_parameters("kolom nilai")


def test_one_of_reads_as_words_and_or_is_answered_with_the_condition_meant():
    assert syarat.parse("status:sembuh|pengobatan_lengkap|pindah").text() == "status = sembuh, pengobatan_lengkap atau pindah"
    assert syarat.parse("status!=batal|ditolak").text() == "status bukan batal atau ditolak"
    with pytest.raises(syarat.ConditionError, match=r"tulis status:sembuh\|pengobatan_lengkap "):
        syarat.parse("status:sembuh atau status:pengobatan_lengkap")


def test_capaian_is_computed_from_the_exact_realisation():
    """Issue 20's case: severe malnutrition prevalence, lower is better, target 0,5 %.
    14 of 4.300 children: 14 / 4.300 × 100 = 0,325581…% (published 0,33).
    Capaian from the exact value: (2 × 0,5 − 0,325581…) / 0,5 × 100 = 0,674418… / 0,5 × 100 = 134,883… -> 134,88.
    From the rounded value it would be (1 − 0,33) / 0,5 × 100 = 134,00: not what is published."""
    register = rows(gizi_buruk=["ya"] * 14 + ["tidak"] * (4300 - 14))
    prevalence = FORMULAS["rasio"].compute(register, {"pembilang": "gizi_buruk:ya"})
    assert prevalence.value == 0.33
    assert prevalence.exact == pytest.approx(0.325581395, abs=1e-9)
    assert achievement(0.5, prevalence.exact, "turun") == (134.88, "")
    assert achievement(0.5, prevalence.value, "turun") == (134.0, "")  # the old, rounded-first answer


@pytest.mark.parametrize(
    "kind, register, params, published, exact",
    [
        ("rata_rata", {"hari": [5, 20, 10]}, {"kolom": "hari"}, 11.67, 35 / 3),  # 35 / 3 = 11,666…
        ("rasio_jumlah", {"r": [1.0], "p": [3.0]}, {"pembilang": "r", "penyebut": "p"}, 33.33, 100 / 3),  # 1 / 3 × 100
        ("jumlah_nilai", {"nilai": [0.125, 0.0]}, {"kolom": "nilai"}, 0.13, 0.125),  # 0,125 rounds half up to 0,13
        ("nilai_langsung", {"nilai": [71.055]}, {"kolom": "nilai"}, 71.06, 71.055),
        ("jumlah_baris", {"x": [1, 2, 3]}, {}, 3.0, 3.0),  # a count is exact already
    ],
)
def test_each_rounding_formula_keeps_its_exact_value(kind, register, params, published, exact):
    realisation = FORMULAS[kind].compute(rows(**register), params)
    assert realisation.value == published
    assert realisation.exact == pytest.approx(exact, rel=1e-12)


def test_skm_index_keeps_its_exact_value():
    # One survey, every unsur 3,1 -> NRR 3,1 each, IKM unit = 9 × 3,1 / 9 = 3,1, IKM = 77,5 exactly;
    # every unsur 3,0333 -> IKM = 3,0333 × 25 = 75,8325 (published 75,83).
    columns = {f"u{i}": [3.0333] for i in range(1, 10)}
    realisation = FORMULAS["indeks_skm"].compute(rows(responden=[10], **columns),
                                                {"skala": "mutu_ikm", "responden": "responden", "unsur": "|".join(columns)})
    assert realisation.value == 75.83
    assert realisation.exact == pytest.approx(75.8325, abs=1e-9)
