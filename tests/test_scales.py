"""Each scale boundary from ../shared/regulasi.md, checked against the scales the portal reads
from data/skala.yml. Expected classes are written from the regulation tables, not from code."""

import pytest
import yaml

from projectkit import DATA
from iku.scales import load_scales

SCALES = load_scales(yaml.safe_load((DATA / "skala.yml").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "ikm, mutu",
    [(100, "A"), (88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"), (65.00, "C"), (64.99, "D"), (25, "D"),
     (88.305, "A")],  # 88,305 rounds half up to 88,31 -> A
)
def test_mutu_ikm(ikm, mutu):
    assert SCALES["mutu_ikm"].classify(ikm).code == mutu


@pytest.mark.parametrize(
    "nilai, predikat",
    [(100, "AA"), (90.01, "AA"), (90.00, "A"), (80.01, "A"), (80, "BB"), (70.01, "BB"), (70, "B"), (60.01, "B"),
     (60, "CC"), (50.01, "CC"), (50, "C"), (30.01, "C"), (30, "D"), (0, "D")],
)
def test_predikat_sakip_lower_bounds_are_exclusive(nilai, predikat):
    assert SCALES["predikat_sakip"].classify(nilai).code == predikat


@pytest.mark.parametrize(
    "capaian, kategori",
    [(150, "Sangat Tinggi"), (100, "Sangat Tinggi"), (91, "Sangat Tinggi"), (90.995, "Sangat Tinggi"),
     (90.99, "Tinggi"), (76, "Tinggi"), (75.99, "Sedang"), (66, "Sedang"), (65.99, "Rendah"), (51, "Rendah"),
     (50.99, "Sangat Rendah"), (50, "Sangat Rendah"), (0, "Sangat Rendah")],
)
def test_kategori_capaian(capaian, kategori):
    # 90,995 is decided on its value rounded to two decimals: 91,00 -> Sangat Tinggi
    assert SCALES["kategori_capaian"].classify(capaian).label == kategori


def test_no_value_no_class():
    assert SCALES["kategori_capaian"].classify(None) is None
