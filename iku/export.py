"""Files the portal publishes for download: the data as committed, the computed results
(hasil.csv, hasil.json) and a SHA256SUMS list that `sha256sum -c` can check."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from iku.compute import Indicator, Portal, YearResult
from iku.schema import all_tables

# Only files the portal knows: an unknown CSV (perhaps a private working sheet) is never published.
PUBLISHED_YAML = ("instansi.yml", "skala.yml", "terjemahan.yml")
RESULT_COLUMNS = ["kode", "tahun", "target", "realisasi", "capaian", "kategori", "satuan", "keterangan"]


@dataclass(frozen=True)
class Download:
    path: str  # path in the site, e.g. data/register/skm.csv
    content: bytes
    description: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def figure_row(indicator: Indicator, r: YearResult) -> dict:
    """The published figures of one IKU in one year, as they appear in hasil.csv."""
    return {
        "kode": indicator.code,
        "tahun": r.year,
        "target": r.target,
        "realisasi": r.value,
        "capaian": r.achievement,
        "kategori": r.category.label if r.category else None,
        "satuan": indicator.unit,
        "keterangan": r.achievement_note or None,
    }


def published_figures(portal: Portal) -> pd.DataFrame:
    """Every figure the site shows, one row per IKU per year (with or without a realisation)."""
    return figures_frame([figure_row(i, r) for i in portal.indicators for r in portal.results[i.code]])


def figures_frame(records: list[dict]) -> pd.DataFrame:
    """`figure_row` records as one table (the Riwayat assembles them from IKUs computed apart)."""
    return pd.DataFrame(records, columns=RESULT_COLUMNS)


def results_frame(portal: Portal) -> pd.DataFrame:
    """One row per IKU per year that has a realisation: the published results file."""
    figures = published_figures(portal)
    return figures[figures["realisasi"].notna()].reset_index(drop=True)


def results_csv(portal: Portal) -> bytes:
    buffer = io.StringIO()
    results_frame(portal).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def results_json(portal: Portal) -> bytes:
    frame = results_frame(portal).astype(object).where(lambda f: f.notna(), None)
    document = {
        "instansi": portal.instansi["nama"],
        "kabupaten": portal.instansi["kabupaten"],
        "data_contoh": portal.sample_data,
        "sidik_data_sha256": portal.fingerprint,
        "hasil": frame.to_dict(orient="records"),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


@lru_cache(maxsize=2)  # the build adds the files and the Data page lists them: compute once
def downloads(portal: Portal) -> list[Download]:
    known = set(PUBLISHED_YAML) | {spec.path for spec in all_tables()}
    files = [
        Download(f"data/{name}", content, _describe(name))
        for name, content in sorted(portal.files.items())
        if name in known
    ]
    files += [
        Download("data/hasil.csv", results_csv(portal), "Hasil perhitungan: satu baris per IKU per tahun"),
        Download("data/hasil.json", results_json(portal), "Hasil perhitungan dalam JSON, dengan sidik data"),
    ]
    sums = "".join(f"{d.sha256}  {d.path.removeprefix('data/')}\n" for d in files).encode()
    return files + [Download("data/SHA256SUMS", sums, "Daftar SHA-256 semua berkas di atas (untuk sha256sum -c)")]


def _describe(name: str) -> str:
    titles = {spec.path: spec.title for spec in all_tables()}
    return titles.get(name, {"instansi.yml": "Profil instansi", "skala.yml": "Skala nasional yang dipakai",
                                       "terjemahan.yml": "Terjemahan teks data untuk edisi bahasa Inggris"}.get(name, name))
