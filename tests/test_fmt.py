import datetime as dt

from iku import fmt


def test_indonesian_number_format():
    assert fmt.number(1234.5) == "1.234,5"
    assert fmt.number(1234.56) == "1.234,56"
    assert fmt.number(4.0) == "4"
    assert fmt.number(None) == "–"


def test_units():
    assert fmt.with_unit(88.57, "%") == "88,57%"
    assert fmt.with_unit(4, "dokumen") == "4 dokumen"
    assert fmt.with_unit(84.72, "indeks") == "84,72"


def test_indonesian_date():
    assert fmt.date(dt.date(2023, 4, 4)) == "4 April 2023"
    assert fmt.date(dt.date(2024, 8, 17)) == "17 Agustus 2024"


def test_round_half_up_not_bankers():
    assert fmt.round_half_up(2.345) == 2.35  # round() gives 2.35 or 2.34 depending on binary error
    assert fmt.round_half_up(0.125) == 0.13  # round(0.125, 2) == 0.12
    assert fmt.round_half_up(66.665) == 66.67
