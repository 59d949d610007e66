"""`iku contoh`: a plausible synthetic dataset for many offices, clearly marked as synthetic.

For each of the 31 kecamatan of Kabupaten Jember it writes a data root (instansi/<slug>/)
with the same layout as data/: the profile, decree, IKU definitions, targets and scales are
taken from a template root (by default this repository's data/, Bangsalsari's decree) and the
registers are generated with numpy, about `rows` lines in all per office, for 2021–2025.
Every page fed by these roots says "Data sintetis".
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

JEMBER_KECAMATAN = (
    "Ajung", "Ambulu", "Arjasa", "Balung", "Bangsalsari", "Gumukmas", "Jelbuk", "Jenggawah", "Jombang",
    "Kalisat", "Kaliwates", "Kencong", "Ledokombo", "Mayang", "Mumbulsari", "Pakusari", "Panti", "Patrang",
    "Puger", "Rambipuji", "Semboro", "Silo", "Sukorambi", "Sukowono", "Sumberbaru", "Sumberjambe",
    "Sumbersari", "Tanggul", "Tempurejo", "Umbulsari", "Wuluhan",
)
YEARS = np.arange(2021, 2026)
DOCUMENTS = ("LAKIP", "RB", "ANJAB", "Pelayanan Publik")
CATEGORIES = ("Gangguan ketertiban umum", "Keributan/perkelahian", "Pedagang kaki lima", "Minuman keras",
              "Bangunan tanpa izin", "Kebisingan", "Sengketa batas lahan")
ACTIVITIES = ("Pelatihan kader PKK", "Musyawarah perencanaan pembangunan desa", "Pelatihan usaha mikro",
              "Posyandu remaja", "Bimbingan teknis BUMDes", "Penyuluhan gizi balita")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _write(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


def _dates(rng: np.random.Generator, years: np.ndarray) -> pd.Series:
    start = pd.to_datetime(years.astype(str) + "-01-01")
    return pd.Series(start + pd.to_timedelta(rng.integers(0, 330, len(years)), unit="D"))


def registers(rng: np.random.Generator, rows: int, quality: float) -> dict[str, pd.DataFrame]:
    """Registers of about `rows` lines in all; `quality` (0.6–1.0) shifts how well the office does."""
    n_complaints, n_activities = max(10, int(rows * 0.6)), max(10, int(rows * 0.3))
    units = max(1, int(rows * 0.1) // (len(YEARS) * 2))

    years = rng.choice(YEARS, n_complaints)
    received = _dates(rng, years)
    settled = rng.random(n_complaints) < np.clip(quality + rng.normal(0, 0.03, n_complaints), 0, 1)
    settled_on = (received + pd.to_timedelta(rng.integers(1, 30, n_complaints), unit="D")).dt.strftime("%Y-%m-%d")
    order = np.argsort(received.to_numpy(), kind="stable")
    complaints = pd.DataFrame({
        "nomor_aduan": [f"TRANTIB/{i + 1:07d}" for i in range(n_complaints)],
        "tanggal_masuk": received.dt.strftime("%Y-%m-%d").to_numpy()[order],
        "kategori": rng.choice(CATEGORIES, n_complaints),
        "desa": rng.choice([f"Desa {k}" for k in range(1, 13)], n_complaints),
        "status": np.where(settled[order], "selesai", "proses"),
        "tanggal_selesai": np.where(settled[order], settled_on.to_numpy()[order], ""),
    })

    years = rng.choice(YEARS, n_activities)
    facilitated = rng.random(n_activities) < quality
    activities = pd.DataFrame({
        "nomor_kegiatan": [f"PMKS/{i + 1:07d}" for i in range(n_activities)],
        "tanggal": _dates(rng, years).dt.strftime("%Y-%m-%d"),
        "kegiatan": rng.choice(ACTIVITIES, n_activities),
        "desa": rng.choice([f"Desa {k}" for k in range(1, 13)], n_activities),
        "difasilitasi": np.where(facilitated, "ya", "tidak"),
        "nomor_laporan": np.where(facilitated, "400/1/35.09/2024", ""),
    })

    grid = pd.MultiIndex.from_product([YEARS, ("I", "II"), [f"Unit layanan {u + 1}" for u in range(units)]],
                                      names=["tahun", "semester", "unit_layanan"]).to_frame(index=False)
    base = 2.6 + 1.1 * quality + (grid["tahun"] - 2021) * 0.03
    survey = grid.assign(responden=rng.integers(30, 250, len(grid)))
    for i in range(1, 10):
        survey[f"u{i}"] = np.clip(base + rng.normal(0, 0.12, len(grid)), 1, 4).round(2).map("{:.2f}".format)

    documents = pd.DataFrame(
        [(y, d, f"{y}/{j}/{d[:3]}", f"{y}-0{j + 3}-15", "")
         for y in YEARS for j, d in enumerate(DOCUMENTS) if rng.random() < quality + 0.15],
        columns=["tahun", "dokumen", "nomor", "tanggal", "keterangan"],
    )
    sakip = pd.DataFrame({"tahun": YEARS, "nilai": (50 + 30 * quality + (YEARS - 2021) * 1.5 + rng.normal(0, 2, len(YEARS))).round(2),
                          "nomor_lhe": [f"700/{y}/LHE" for y in YEARS], "tanggal_lhe": [f"{y + 1}-04-01" for y in YEARS]})
    programs = pd.DataFrame(
        [(y, f"P0{p}", f"Program {p}", f"Indikator program {p}", "%", "naik", 90, round(float(90 + rng.normal(5 * (quality - 0.75) * 4, 4)), 2))
         for y in YEARS for p in range(1, 7)],
        columns=["tahun", "kode_program", "program", "indikator", "satuan", "arah", "target", "realisasi"],
    )
    programs["realisasi"] = programs["realisasi"].clip(upper=100)
    return {"aduan_trantib": complaints, "kegiatan_pemberdayaan": activities, "skm": survey,
            "dokumen_ortala": documents, "reviu_sakip": sakip, "indikator_program": programs}


def generate(target: Path, template: Path, rows: int = 1000, names: tuple[str, ...] = JEMBER_KECAMATAN, seed: int = 35_09) -> list[Path]:
    """Write one synthetic data root per office under `target`; returns their folders."""
    roots = []
    for index, name in enumerate(names):
        rng = np.random.default_rng(seed + index)
        root = Path(target) / slug(name)
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(template, root, ignore=shutil.ignore_patterns("register"))
        profile = yaml.safe_load((root / "instansi.yml").read_text(encoding="utf-8"))
        profile.update(nama=f"Kecamatan {name}", singkatan=name, data_contoh=True, data_sintetis=True)
        profile["catatan_redaksi"] = [
            "Data sintetis dibuat oleh program (iku contoh). Profil dan keputusan disalin dari Kecamatan Bangsalsari "
            "sebagai contoh; bukan dokumen kecamatan ini."
        ]
        (root / "instansi.yml").write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for register, frame in registers(rng, rows, quality=float(rng.uniform(0.62, 0.97))).items():
            _write(frame, root / "register" / f"{register}.csv")
        roots.append(root)
    return roots
