"""The generic formula kinds an IKU can use. "iku.csv" names one per indicator ("jenis_rumus")
with its parameters; nothing here knows which IKU uses which formula, nor any register.

Each formula takes the register rows of one year (typed, already validated) and returns the
realisation with the intermediate figures an auditor needs to redo the arithmetic, or None
when the year has no rows the formula can count (a ratio over nothing has no value).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from iku import syarat
from iku.fmt import round_half_up


@dataclass(frozen=True)
class Realisation:
    value: float  # as published: rounded half up to two decimals
    # Intermediate figures, in order, as ((label template, its fields), value): shown under
    # "Cara menghitung"; the template is Indonesian and translated when rendered.
    steps: tuple[tuple[tuple[str, dict], float | str], ...] = ()
    # The value before rounding, when rounding changed it: capaian is computed from this one, as a
    # spreadsheet or a statistics office would (Metodologi, "Pembulatan").
    unrounded: float | None = None

    @property
    def exact(self) -> float:
        return self.value if self.unrounded is None else self.unrounded


def rounded(value: float, steps: tuple = ()) -> Realisation:
    """A realisation published to two decimals that keeps its exact value."""
    shown = round_half_up(value)
    return Realisation(value=shown, steps=steps, unrounded=None if shown == value else value)


# What a parameter holds, so the checks know what to look up in the register's declaration.
COLUMN, COLUMNS, CONDITION, NUMBER_COLUMN, NUMBER_COLUMNS, TEXT, SCALE = (
    "kolom", "daftar_kolom", "syarat", "kolom_angka", "daftar_kolom_angka", "teks", "skala")


@dataclass(frozen=True)
class Formula:
    name: str
    title: str
    rule: str  # the rule in words, for Metodologi
    parameters: tuple[str, ...]  # required
    compute: Callable[[pd.DataFrame, dict[str, str]], Realisation | None]
    roles: dict[str, str] = field(default_factory=dict)  # parameter -> COLUMN, CONDITION, ...
    optional: tuple[str, ...] = ()


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


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split("|") if item.strip()]


def register_columns_named(formula: Formula, params: dict[str, str]) -> list[tuple[str, bool]]:
    """The register columns a formula's parameters point at, each with whether it must be a number.
    Raises syarat.ConditionError when a condition does not follow the grammar."""
    named: list[tuple[str, bool]] = []
    for name, role in formula.roles.items():
        value = params.get(name) or TRACKED_DEFAULTS.get((formula.name, name))
        if not value:
            continue
        if role in (COLUMN, NUMBER_COLUMN):
            named.append((value, role == NUMBER_COLUMN))
        elif role in (COLUMNS, NUMBER_COLUMNS):
            named += [(column, role == NUMBER_COLUMNS) for column in split_list(value)]
        elif role == CONDITION:
            condition = syarat.parse(value)  # its clauses' columns are checked against their kinds by syarat.declared
            named += [(c.column, False) for c in condition.clauses]
    return named


def _selected(rows: pd.DataFrame, params: dict[str, str], name: str = "syarat") -> tuple[pd.DataFrame, tuple]:
    """The rows meeting the optional condition `name`, and the step that says so."""
    if not params.get(name):
        return rows, ()
    condition = syarat.parse(params[name])
    chosen = rows[condition.holds(rows)]
    return chosen, ((("Baris yang memenuhi syarat {condition}", {"condition": condition.text()}), float(len(chosen))),)


def count_required_items(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    required = split_list(params["wajib"])
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


def _percentage(numerator: float, denominator: float, steps: tuple) -> Realisation | None:
    if denominator == 0:
        return None
    exact = numerator / denominator * 100
    return rounded(exact, (*steps, (("Pembilang / penyebut × 100", {}), round_half_up(exact))))


def ratio_percent(rows: pd.DataFrame, params: dict[str, str]) -> Realisation | None:
    if params.get("penyebut"):
        denominator_condition = syarat.parse(params["penyebut"])
        rows = rows[denominator_condition.holds(rows)]
        denominator_step = (("Penyebut (baris dengan {condition})", {"condition": denominator_condition.text()}), float(len(rows)))
    else:
        denominator_step = (("Penyebut (semua baris tahun ini)", {}), float(len(rows)))
    condition = syarat.parse(params["pembilang"])
    numerator = int(condition.holds(rows).sum())
    return _percentage(numerator, len(rows), (
        (("Pembilang (baris dengan {condition})", {"condition": condition.text()}), float(numerator)),
        denominator_step,
    ))


def ratio_of_sums(rows: pd.DataFrame, params: dict[str, str]) -> Realisation | None:
    rows, selection = _selected(rows, params)
    numerator = float(rows[params["pembilang"]].astype(float).sum())
    denominator = float(rows[params["penyebut"]].astype(float).sum())
    return _percentage(numerator, denominator, (
        *selection,
        (("Pembilang (jumlah kolom {column})", {"column": params["pembilang"]}), numerator),
        (("Penyebut (jumlah kolom {column})", {"column": params["penyebut"]}), denominator),
    ))


def average(rows: pd.DataFrame, params: dict[str, str]) -> Realisation | None:
    rows, selection = _selected(rows, params)
    values = rows[params["kolom"]].astype(float).dropna()
    if values.empty:
        return None
    exact = float(values.sum()) / len(values)
    return rounded(exact, (
        *selection,
        (("Jumlah nilai kolom {column}", {"column": params["kolom"]}), float(values.sum())),
        (("Banyak baris berisi nilai", {}), float(len(values))),
        (("Rata-rata (jumlah / banyak baris)", {}), round_half_up(exact)),
    ))


def count_rows(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    rows, selection = _selected(rows, params)
    return Realisation(value=float(len(rows)), steps=(*selection, (("Jumlah baris", {}), float(len(rows)))))


def sum_values(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    rows, selection = _selected(rows, params)
    exact = float(rows[params["kolom"]].astype(float).sum())
    return rounded(exact, (*selection, (("Jumlah nilai kolom {column}", {"column": params["kolom"]}), round_half_up(exact))))


# Columns persentase_tercapai reads unless the parameters name others: the portal's own words
# for a target row (the same names as in target.csv and iku.csv).
TRACKED_DEFAULTS = {("persentase_tercapai", "realisasi"): "realisasi", ("persentase_tercapai", "target"): "target",
                    ("persentase_tercapai", "arah"): "arah"}


def share_meeting_target(rows: pd.DataFrame, params: dict[str, str]) -> Realisation | None:
    rows, selection = _selected(rows, params)
    column = {name: params.get(name) or TRACKED_DEFAULTS[("persentase_tercapai", name)] for name in ("realisasi", "target", "arah")}
    realised, target = rows[column["realisasi"]].astype(float), rows[column["target"]].astype(float)
    higher_is_better = rows[column["arah"]] == "naik"
    met = (higher_is_better & (realised >= target)) | (~higher_is_better & (realised <= target))
    numerator = int(met.fillna(False).astype(bool).sum())
    return _percentage(numerator, len(rows), (
        *selection,
        (("Pembilang (baris yang mencapai target menurut arahnya)", {}), float(numerator)),
        (("Penyebut (semua baris tahun ini)", {}), float(len(rows))),
    ))


def skm_index(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    """IKM per PermenPANRB 14/2017: NRR per unsur, each weighted 1/n (n = 9 unsur), summed, times 25.

    The register holds each survey's per-unsur averages and its respondent count, so the
    year's NRR of an unsur is the respondent-weighted mean of those averages (the same as
    total score / total respondents over the year's surveys).
    """
    elements = split_list(params["unsur"])
    respondents = rows[params["responden"]].astype(float)
    nrr = {u: float((rows[u].astype(float) * respondents).sum() / respondents.sum()) for u in elements}
    ikm_unit = sum(value * (1 / len(elements)) for value in nrr.values())
    return rounded(
        ikm_unit * 25,
        (
            (("Jumlah responden", {}), float(respondents.sum())),
            *(((f"NRR {u.upper()}", {}), round_half_up(v, 3)) for u, v in nrr.items()),
            (("IKM unit (Σ NRR × 1/9)", {}), round_half_up(ikm_unit, 4)),
            (("IKM konversi (IKM unit × 25)", {}), round_half_up(ikm_unit * 25)),
        ),
    )


def direct_value(rows: pd.DataFrame, params: dict[str, str]) -> Realisation:
    value = float(rows[params["kolom"]].iloc[0])
    return rounded(value, ((("Nilai pada kolom {column}", {"column": params["kolom"]}), value),))


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
            roles={"kolom": COLUMN, "wajib": TEXT},
        ),
        Formula(
            "rasio",
            "Persentase (pembilang / penyebut × 100)",
            "Penyebut = jumlah baris register pada tahun itu yang memenuhi syarat 'penyebut' (tanpa 'penyebut': "
            "semua baris tahun itu); pembilang = jumlah baris penyebut yang juga memenuhi syarat 'pembilang'. "
            "Syarat ditulis kolom:nilai, kolom:nilai1|nilai2 (salah satu dari beberapa nilai), kolom!=nilai, kolom<=angka, "
            "kolom>=angka, kolom<angka atau kolom>angka, digabung dengan 'dan'. Hasil = pembilang / penyebut × 100, dibulatkan dua desimal.",
            ("pembilang",),
            ratio_percent,
            roles={"pembilang": CONDITION, "penyebut": CONDITION},
            optional=("penyebut",),
        ),
        Formula(
            "rasio_jumlah",
            "Persentase dari dua jumlah (Σ pembilang / Σ penyebut × 100)",
            "Jumlahkan kolom 'pembilang' dan kolom 'penyebut' pada baris tahun itu (hanya baris yang memenuhi "
            "'syarat', bila ada). Hasil = jumlah pembilang / jumlah penyebut × 100, dibulatkan dua desimal; "
            "misalnya serapan anggaran (realisasi / pagu) atau cakupan layanan.",
            ("pembilang", "penyebut"),
            ratio_of_sums,
            roles={"pembilang": NUMBER_COLUMN, "penyebut": NUMBER_COLUMN, "syarat": CONDITION},
            optional=("syarat",),
        ),
        Formula(
            "rata_rata",
            "Rata-rata nilai kolom",
            "Rata-rata kolom 'kolom' pada baris tahun itu yang berisi nilai (hanya baris yang memenuhi 'syarat', "
            "bila ada): jumlah nilai / banyak baris, dibulatkan dua desimal; misalnya rata-rata lama layanan.",
            ("kolom",),
            average,
            roles={"kolom": NUMBER_COLUMN, "syarat": CONDITION},
            optional=("syarat",),
        ),
        Formula(
            "jumlah_baris",
            "Jumlah baris register",
            "Hitung baris register pada tahun itu (hanya baris yang memenuhi 'syarat', bila ada).",
            (),
            count_rows,
            roles={"syarat": CONDITION},
            optional=("syarat",),
        ),
        Formula(
            "jumlah_nilai",
            "Jumlah nilai kolom",
            "Jumlahkan kolom 'kolom' pada baris tahun itu (hanya baris yang memenuhi 'syarat', bila ada), "
            "dibulatkan dua desimal.",
            ("kolom",),
            sum_values,
            roles={"kolom": NUMBER_COLUMN, "syarat": CONDITION},
            optional=("syarat",),
        ),
        Formula(
            "persentase_tercapai",
            "Persentase baris yang mencapai target",
            "Sebuah baris mencapai target bila realisasinya ≥ target (arah naik) atau ≤ target (arah turun), "
            "menurut kolom realisasi, target dan arah baris itu (nama lain dapat diberikan lewat parameter "
            "'realisasi', 'target', 'arah'). Hasil = baris yang mencapai target / semua baris tahun itu × 100, "
            "dibulatkan dua desimal.",
            (),
            share_meeting_target,
            roles={"realisasi": NUMBER_COLUMN, "target": NUMBER_COLUMN, "arah": COLUMN, "syarat": CONDITION},
            optional=("realisasi", "target", "arah", "syarat"),
        ),
        Formula(
            "indeks_skm",
            "Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)",
            "NRR tiap unsur (kolom-kolom 'unsur') = rata-rata nilai unsur itu dari semua survei tahun itu, ditimbang "
            "jumlah responden (kolom 'responden'). IKM unit = Σ (NRR × 1/9) untuk 9 unsur. IKM = IKM unit × 25 "
            "(rentang 25–100), dibulatkan dua desimal. Mutu pelayanan dibaca dari skala 'skala'.",
            ("skala", "responden", "unsur"),
            skm_index,
            roles={"skala": SCALE, "responden": NUMBER_COLUMN, "unsur": NUMBER_COLUMNS},
        ),
        Formula(
            "nilai_langsung",
            "Nilai langsung dari register",
            "Realisasi = nilai di kolom 'kolom' pada baris tahun itu (satu baris per tahun). "
            "Predikat dibaca dari skala 'skala'.",
            ("kolom",),
            direct_value,
            roles={"kolom": NUMBER_COLUMN, "skala": SCALE},
            optional=("skala",),
        ),
    )
}
