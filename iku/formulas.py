"""The generic formula kinds an IKU can use. "iku.csv" names one per indicator ("jenis_rumus")
with its parameters; nothing here knows which IKU uses which formula.

Each formula takes the register rows of one year (typed, already validated) and returns the
realisation with the intermediate figures an auditor needs to redo the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from iku.fmt import round_half_up


@dataclass(frozen=True)
class Realisation:
    value: float
    # Intermediate figures, in order, as ((label template, its fields), value): shown under
    # "Cara menghitung"; the template is Indonesian and translated when rendered.
    steps: tuple[tuple[tuple[str, dict], float | str], ...] = ()


@dataclass(frozen=True)
class Formula:
    name: str
    title: str
    rule: str  # the rule in words, for Metodologi
    parameters: tuple[str, ...]
    compute: Callable[[pd.DataFrame, dict[str, str]], Realisation]


def parse_parameters(text: str) -> dict[str, str]:
    """"kolom=dokumen; wajib=LAKIP|RB" -> {"kolom": "dokumen", "wajib": "LAKIP|RB"}."""
    params: dict[str, str] = {}
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"bagian '{part.strip()}' tidak berbentuk nama=nilai")
        params[key.strip()] = value.strip()
    return params


def register_columns_named(params: dict[str, str]) -> list[str]:
    """The register columns a formula's parameters point at ("kolom=x", "pembilang=x:nilai")."""
    named = []
    if "kolom" in params:
        named.append(params["kolom"])
    if "pembilang" in params:
        named.append(params["pembilang"].partition(":")[0])
    return named


def count_required_items(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    required = [item.strip() for item in params["wajib"].split("|")]
    present = set(rows[params["kolom"]])
    found = [item for item in required if item in present]
    missing = [item for item in required if item not in present]
    return Realisation(
        value=float(len(found)),
        steps=(
            (("Item wajib", {}), ", ".join(required)),
            (("Tersedia", {}), ", ".join(found) or "tidak ada"),
            (("Belum tersedia", {}), ", ".join(missing) or "tidak ada"),
            (("Jumlah tersedia", {}), float(len(found))),
        ),
    )


def ratio_percent(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    column, _, wanted = params["pembilang"].partition(":")
    numerator = int((rows[column] == wanted).sum())
    denominator = len(rows)
    return Realisation(
        value=round_half_up(numerator / denominator * 100),
        steps=(
            (("Pembilang (baris dengan {column} = {value})", {"column": column, "value": wanted}), float(numerator)),
            (("Penyebut (semua baris tahun ini)", {}), float(denominator)),
            (("Pembilang / penyebut × 100", {}), round_half_up(numerator / denominator * 100)),
        ),
    )


SKM_ELEMENTS = tuple(f"u{i}" for i in range(1, 10))


def skm_index(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    """IKM per PermenPANRB 14/2017: NRR per unsur, each weighted 1/9, summed, times 25.

    The register holds each survey's per-unsur averages and its respondent count, so the
    year's NRR of an unsur is the respondent-weighted mean of those averages (the same as
    total score / total respondents over the year's surveys).
    """
    respondents = rows["responden"].astype(float)
    nrr = {u: float((rows[u].astype(float) * respondents).sum() / respondents.sum()) for u in SKM_ELEMENTS}
    ikm_unit = sum(value * (1 / 9) for value in nrr.values())
    ikm = round_half_up(ikm_unit * 25)
    return Realisation(
        value=ikm,
        steps=(
            (("Jumlah responden", {}), float(respondents.sum())),
            *(((f"NRR {u.upper()}", {}), round_half_up(v, 3)) for u, v in nrr.items()),
            (("IKM unit (Σ NRR × 1/9)", {}), round_half_up(ikm_unit, 4)),
            (("IKM konversi (IKM unit × 25)", {}), ikm),
        ),
    )


def direct_value(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    value = float(rows[params["kolom"]].iloc[0])
    return Realisation(value=round_half_up(value), steps=((("Nilai pada kolom {column}", {"column": params["kolom"]}), value),))


FORMULAS: dict[str, Formula] = {
    f.name: f
    for f in (
        Formula(
            "jumlah_item_wajib",
            "Jumlah item wajib yang tersedia",
            "Hitung berapa item dari daftar 'wajib' yang muncul minimal sekali di kolom 'kolom' register "
            "pada tahun itu. Item di luar daftar tidak dihitung; item yang tercatat dua kali dihitung sekali.",
            ("kolom", "wajib"),
            count_required_items,
        ),
        Formula(
            "rasio",
            "Persentase (pembilang / penyebut × 100)",
            "Penyebut = jumlah baris register pada tahun itu; pembilang = jumlah baris yang kolomnya "
            "bernilai sesuai parameter 'pembilang' (kolom:nilai). Hasil = pembilang / penyebut × 100, "
            "dibulatkan dua desimal.",
            ("pembilang",),
            ratio_percent,
        ),
        Formula(
            "indeks_skm",
            "Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)",
            "NRR tiap unsur = rata-rata nilai unsur itu dari semua survei tahun itu, ditimbang jumlah "
            "responden. IKM unit = Σ (NRR × 1/9) untuk 9 unsur. IKM = IKM unit × 25 (rentang 25–100), "
            "dibulatkan dua desimal. Mutu pelayanan dibaca dari skala 'skala'.",
            ("skala",),
            skm_index,
        ),
        Formula(
            "nilai_langsung",
            "Nilai langsung dari register",
            "Realisasi = nilai di kolom 'kolom' pada baris tahun itu (satu baris per tahun). "
            "Predikat dibaca dari skala 'skala'.",
            ("kolom",),
            direct_value,
        ),
    )
}
