"""Stage 3, compute: realisasi, capaian and kategori for every IKU and year.

Which formula an IKU uses is read from its row in `iku.csv`; this module loops over
indicators and years and never branches on a particular IKU.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from iku.fmt import round_half_up
from iku.formulas import FORMULAS, Formula, Realisation, parse_parameters, register_columns_named
from iku.parameters import declared_parameters
from iku.load import Decree
from iku.scales import CAPAIAN_SCALE, Scale, ScaleClass, load_scales
from iku.schema import IKU, TARGET, TableSpec, all_tables
from iku.validate import ValidData


@dataclass(frozen=True)
class Indicator:
    code: str
    number: int
    performance: str  # kinerja utama
    name: str
    formulation: str  # as the decree writes it
    unit: str
    direction: str  # naik / turun
    formula: Formula
    parameters: dict[str, str]
    register: TableSpec
    responsible: str
    data_source: str
    plain_explanation: str
    # The range a value can take (iku.csv nilai_terendah / nilai_tertinggi, else the unit's or
    # the scale's); None: unbounded on that side. Projections stay inside it.
    lowest: float | None = None
    highest: float | None = None
    national_standard: float | None = None  # optional column of iku.csv (LKjIP comparison 4)
    standard_source: str = ""

    @property
    def value_scale(self) -> str | None:
        return self.parameters.get("skala")


@dataclass(frozen=True)
class YearResult:
    code: str
    year: int
    target: float | None
    realisation: Realisation | None
    achievement: float | None
    achievement_note: str  # why there is no capaian, when there is none
    category: ScaleClass | None
    value_class: ScaleClass | None  # mutu IKM or predikat SAKIP, when the IKU names a scale
    rows: pd.DataFrame  # the register rows (as written) this year's figure was computed from

    @property
    def value(self) -> float | None:
        return None if self.realisation is None else self.realisation.value


@dataclass(eq=False)  # identity: one computed portal per data state, usable as a cache key
class Portal:
    instansi: dict
    scales: dict[str, Scale]
    decrees: list[Decree]
    indicators: list[Indicator]
    results: dict[str, list[YearResult]]
    files: dict[str, bytes]
    fingerprint: str
    warnings: list
    translations: dict  # language -> {data text: translation}, from terjemahan.yml
    registers: dict[str, TableSpec]  # as declared in datapackage.yaml
    # The git trail (iku.history.Trail), attached by the site build; None outside a build.
    trail: object = None
    # The typed tables (iku, target, registers), for reports that read a register directly (LKjIP Bab III B).
    typed_tables: dict | None = None

    @property
    def sample_data(self) -> bool:
        return bool(self.instansi.get("data_contoh", True))

    @property
    def synthetic_data(self) -> bool:
        return bool(self.instansi.get("data_sintetis", False))

    @property
    def years(self) -> list[int]:
        return sorted({r.year for results in self.results.values() for r in results})

    @property
    def latest_year_with_data(self) -> int | None:
        years = [r.year for results in self.results.values() for r in results if r.realisation is not None]
        return max(years) if years else None

    @property
    def tables(self) -> list[TableSpec]:
        """Every CSV file of the data root with its declaration: iku.csv, target.csv, the registers."""
        return all_tables(self.registers)

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicators if i.code == code)

    def result(self, code: str, year: int) -> YearResult | None:
        return next((r for r in self.results[code] if r.year == year), None)


def achievement(target: float | None, realisation: float | None, direction: str) -> tuple[float | None, str]:
    """Capaian (%). Higher-is-better: r / t × 100. Lower-is-better: (2t − r) / t × 100.
    `realisation` is the exact value, not the published one rounded to two decimals; only the
    capaian is rounded, once, as published."""
    if realisation is None:
        return None, "belum ada realisasi"
    if target is None:
        return None, "target belum ditetapkan"
    if target == 0:
        return None, "target 0, capaian tidak dapat dihitung"
    ratio = realisation / target if direction == "naik" else (2 * target - realisation) / target
    return round_half_up(ratio * 100), ""


PERCENT_RANGE = (0.0, 100.0)


def value_range(row: dict, parameters: dict[str, str], scales: dict[str, Scale]) -> tuple[float | None, float | None]:
    """What iku.csv declares, side by side; an empty side falls back to 0–100 for a percentage,
    to the range of the scale the IKU names (skala.yml minimum/maksimum), else no bound."""
    scale = scales.get(parameters.get("skala", ""))
    default = PERCENT_RANGE if row["satuan"] == "%" else (scale.minimum, scale.maximum) if scale else (None, None)
    declared = [row.get(name) for name in ("nilai_terendah", "nilai_tertinggi")]
    return tuple((None if default[i] is None else float(default[i])) if value is None or pd.isna(value) else float(value) for i, value in enumerate(declared))


def indicators_from(iku: pd.DataFrame, registers: dict[str, TableSpec], scales: dict[str, Scale] | None = None) -> list[Indicator]:
    return [
        Indicator(
            code=row["kode"],
            number=int(row["nomor"]),
            performance=row["kinerja_utama"],
            name=row["indikator"],
            formulation=row["formulasi"],
            unit=row["satuan"],
            direction=row["arah"],
            formula=FORMULAS[row["jenis_rumus"]],
            parameters=declared_parameters(FORMULAS[row["jenis_rumus"]], parse_parameters(row["parameter"]),
                                           {f.name: f for f in registers[row["register"]].fields}),
            register=registers[row["register"]],
            responsible=row["penanggung_jawab"],
            data_source=row["sumber_data"],
            plain_explanation=row["penjelasan"],
            lowest=bounds[0],
            highest=bounds[1],
            national_standard=None if pd.isna(row["standar_nasional"]) else float(row["standar_nasional"]),
            standard_source="" if pd.isna(row["sumber_standar"]) else str(row["sumber_standar"]),
        )
        for _, row in iku.sort_values("nomor").iterrows()
        for bounds in [value_range(row, parse_parameters(row["parameter"]), scales or {})]
    ]


# A year's realisation depends only on the formula, its parameters and that year's rows: the
# columns its parameters name (a formula reads no other), and the rows' line numbers. The
# Riwayat recomputes an IKU whenever its register changed, but a commit mostly touches one
# year: the other years' realisations are taken from here.
_realisations: dict[tuple, Realisation | None] = {}
_REALISATIONS_SIZE = 4096


def _rows_digest(rows: pd.DataFrame) -> bytes:
    digest = hashlib.sha256(repr([(name, str(dtype)) for name, dtype in rows.dtypes.items()]).encode())
    digest.update(pd.util.hash_pandas_object(rows, index=True).to_numpy().tobytes())
    return digest.digest()


def _realisation(indicator: Indicator, rows: pd.DataFrame) -> Realisation | None:
    read = sorted({column for column, _ in register_columns_named(indicator.formula, indicator.parameters)})
    key = (indicator.formula.name, tuple(sorted(indicator.parameters.items())), _rows_digest(rows[read]))
    if key not in _realisations:
        if len(_realisations) >= _REALISATIONS_SIZE:
            _realisations.pop(next(iter(_realisations)))
        _realisations[key] = indicator.formula.compute(rows, indicator.parameters)
    return _realisations[key]


def indicator_results(indicator: Indicator, valid: ValidData, scales: dict[str, Scale]) -> list[YearResult]:
    """One IKU, every year with a target or register rows (it reads only its own register)."""
    register = valid.tables[indicator.register.name]
    written = valid.raw.tables[indicator.register.name]
    by_year = {int(year): rows for year, rows in register.groupby("tahun")}
    targets = valid.tables[TARGET.name]
    own_targets = targets[targets["kode"] == indicator.code].set_index("tahun")["target"]
    targets_by_year = {int(year): float(value) for year, value in own_targets.items()}
    value_scale = scales.get(indicator.value_scale) if indicator.value_scale else None
    results = []
    for year in sorted(set(targets_by_year) | set(by_year)):
        year_rows = by_year.get(year, register.iloc[0:0])
        target = targets_by_year.get(year)
        realisation = _realisation(indicator, year_rows) if len(year_rows) else None
        exact = None if realisation is None else realisation.exact
        capaian, note = achievement(target, exact, indicator.direction)
        results.append(
            YearResult(
                code=indicator.code,
                year=year,
                target=target,
                realisation=realisation,
                achievement=capaian,
                achievement_note=note,
                category=scales[CAPAIAN_SCALE].classify(capaian),
                value_class=value_scale.classify(exact) if value_scale else None,
                rows=written.loc[year_rows.index],
            )
        )
    return results


def compute(valid: ValidData) -> Portal:
    raw = valid.raw
    scales = load_scales(raw.skala)
    indicators = indicators_from(valid.tables[IKU.name], valid.registers, scales)
    results = {indicator.code: indicator_results(indicator, valid, scales) for indicator in indicators}
    return Portal(
        instansi=raw.instansi,
        scales=scales,
        decrees=raw.decrees,
        indicators=indicators,
        results=results,
        files=raw.files,
        fingerprint=raw.fingerprint,
        warnings=valid.problems,
        translations=raw.terjemahan,
        registers=valid.registers,
        typed_tables=valid.tables,
    )
