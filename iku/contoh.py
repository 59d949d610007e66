"""`iku contoh`: a plausible synthetic dataset for many offices, clearly marked as synthetic.

For each of the 31 kecamatan of Kabupaten Jember it writes a data root (instansi/<slug>/)
with the same layout as data/: the profile, decree, IKU definitions, targets and scales are
taken from a template root (by default this repository's data/) and the registers are the
template's rows drawn at random (declared in its datapackage.yaml: nothing here knows a register),
about `rows` lines in all per office.
Every page fed by these roots says "Data sintetis".
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from iku.portal import check
from iku.schema import TableSpec
from iku.validate import ValidData

JEMBER_KECAMATAN = (
    "Ajung", "Ambulu", "Arjasa", "Balung", "Bangsalsari", "Gumukmas", "Jelbuk", "Jenggawah", "Jombang",
    "Kalisat", "Kaliwates", "Kencong", "Ledokombo", "Mayang", "Mumbulsari", "Pakusari", "Panti", "Patrang",
    "Puger", "Rambipuji", "Semboro", "Silo", "Sukorambi", "Sukowono", "Sumberbaru", "Sumberjambe",
    "Sumbersari", "Tanggul", "Tempurejo", "Umbulsari", "Wuluhan",
)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _write(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


def _resampled(frame: pd.DataFrame, spec: TableSpec, size: int, rng: np.random.Generator) -> pd.DataFrame:
    """About `size` rows drawn from the template's rows. Keys stay unique: the last text column of
    the key gets a running suffix; a key of years only (one row per year) cannot grow, so it keeps
    the template's rows. Numbers move a little (within their declared limits) so offices differ."""
    text_keys = [k for k in spec.key if spec.field(k).kind in ("teks", "kode")]
    if not text_keys or frame.empty:
        rows = frame.copy()
    else:
        rows = frame.iloc[rng.integers(0, len(frame), max(size, 1))].reset_index(drop=True)
        rows[text_keys[-1]] = rows[text_keys[-1]] + "-" + pd.Series(range(1, len(rows) + 1)).astype(str)
    in_rules = {c for rule in spec.row_rules for c in (*rule.columns, rule.reference, rule.limit) if isinstance(c, str)}
    for f in spec.fields:
        if f.kind == "desimal" and f.name not in spec.key and f.name not in in_rules:
            values = pd.to_numeric(rows[f.name], errors="coerce") * rng.normal(1, 0.03, len(rows))
            values = values.clip(lower=f.minimum, upper=f.maximum).round(2)
            rows[f.name] = values.map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
    return rows


def registers(valid: ValidData, rows: int, rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """The template's registers resampled to about `rows` lines in all (shares as in the template)."""
    tables = {name: valid.raw.tables[name] for name in valid.registers if name in valid.raw.tables}
    total = sum(len(frame) for frame in tables.values()) or 1
    return {name: _resampled(frame, valid.registers[name], round(rows * len(frame) / total), rng) for name, frame in tables.items()}


def generate(target: Path, template: Path, rows: int = 1000, names: tuple[str, ...] = JEMBER_KECAMATAN, seed: int = 35_09) -> list[Path]:
    """Write one synthetic data root per office under `target`; returns their folders."""
    valid, problems = check(Path(template))
    if valid is None:
        raise ValueError("data root contoh belum valid:\n" + "\n".join(map(str, problems)))
    roots = []
    for index, name in enumerate(names):
        rng = np.random.default_rng(seed + index)
        root = Path(target) / slug(name)
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(template, root, ignore=shutil.ignore_patterns("register"))
        profile = yaml.safe_load((root / "instansi.yml").read_text(encoding="utf-8"))
        source = profile["nama"]
        profile.update(nama=f"Kecamatan {name}", singkatan=name, data_contoh=True, data_sintetis=True)
        profile["catatan_redaksi"] = [
            f"Data sintetis dibuat oleh program (iku contoh) dari baris register {source} yang diambil acak. "
            f"Profil dan keputusan disalin dari {source} sebagai contoh; bukan dokumen kecamatan ini."
        ]
        (root / "instansi.yml").write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for register, frame in registers(valid, rows, rng).items():
            _write(frame, root / valid.registers[register].path)
        roots.append(root)
    return roots
