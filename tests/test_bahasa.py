"""The English edition: every interface text has a translation, numbers and dates follow
English conventions, and the English build shows the same figures."""

from __future__ import annotations

import ast
import datetime as dt

import pytest

from projectkit import ROOT
from iku import bahasa, fmt
from iku.formulas import FORMULAS
from iku.history import read_trail
from sitebuild import build_site


def literal_t_calls() -> set[str]:
    """Every string literal passed to t(...) anywhere in iku/ and its subpackages (pages/, lkjip/, ...)."""
    found = set()
    for path in (ROOT / "iku").rglob("*.py"):  # iku/pages/ and iku/excel/ too
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    return found


def test_every_interface_text_has_an_english_translation():
    texts = literal_t_calls()
    assert len(texts) > 100
    texts |= {f.title for f in FORMULAS.values()} | {f.rule for f in FORMULAS.values()}
    missing = sorted(texts - set(bahasa.ENGLISH))
    assert missing == []


def test_formula_steps_have_translations():
    import pandas as pd

    rows = pd.DataFrame({"status": ["selesai", "proses"], "dokumen": ["LAKIP", "RB"], "nilai": [70.0, 70.0],
                         "responden": [10, 10], **{f"u{i}": [3.0, 3.0] for i in range(1, 10)},
                         "arah": ["naik", "turun"], "target": [1.0, 1.0], "realisasi": [1.0, 2.0]})
    params = {"pembilang": "status:selesai", "penyebut": "status!=batal", "kolom": "dokumen", "wajib": "LAKIP|ANJAB",
              "syarat": "nilai>=0", "responden": "responden", "unsur": "u1|u2|u3|u4|u5|u6|u7|u8|u9"}
    for formula in FORMULAS.values():
        numeric = {"nilai_langsung", "rata_rata", "jumlah_nilai"}
        chosen = dict(params, kolom="nilai") if formula.name in numeric else params
        if formula.name == "rasio_jumlah":
            chosen = dict(params, pembilang="nilai", penyebut="nilai")
        for (label, _), _value in formula.compute(rows, chosen).steps:
            assert label.startswith("NRR ") or label in bahasa.ENGLISH, label


def test_trail_notices_are_translated(tmp_path):
    trail = read_trail(tmp_path, None)  # not a git repository
    assert trail.notice in bahasa.ENGLISH


def test_numbers_and_dates_follow_the_language():
    assert fmt.number(1234.5) == "1.234,5"
    with bahasa.language("en"):
        assert fmt.number(1234.5) == "1,234.5"
        assert fmt.date(dt.date(2023, 4, 4)) == "4 April 2023"
        assert bahasa.t("Apa artinya?") == "What does it mean?"
    assert bahasa.t("Apa artinya?") == "Apa artinya?"


def test_data_labels_come_from_the_office_translation_table():
    table = {"en": {"Sangat Tinggi": "Very high"}}
    with bahasa.language("en", table):
        assert bahasa.d("Sangat Tinggi") == "Very high"
        assert bahasa.d("Tidak ada di tabel") == "Tidak ada di tabel"  # shown in Indonesian, never blank
    with pytest.raises(ValueError):
        bahasa.use("fr")


def test_english_build_shows_the_same_figures_in_english_format(project, tmp_path):
    site = build_site(project, tmp_path / "en", "mkdocs.en.yml")
    page = (site / "iku" / "iku-4" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page
    assert "Sample data" in page and "What does it mean?" in page and "Data origin" in page
    assert "88.57%" in page and "Very high" in page  # 31 / 35 × 100, in English number format
    assert "Apa artinya?" not in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Table of results" in home and "KPIs at a glance" in home and "Performance of Bangsalsari District" in home
