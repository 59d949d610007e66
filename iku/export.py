"""Files the portal publishes for download: the data as committed, the computed results
(hasil.csv, hasil.json) and a SHA256SUMS list that `sha256sum -c` can check."""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from iku import identitas, outlook, paket
from iku.compute import Indicator, Portal, YearResult
from iku.excel.commands import register_workbook, site_years
from iku.excel.registers import as_resources

# Only files the portal knows: an unknown CSV (perhaps a private working sheet) is never published.
PUBLISHED_YAML = ("instansi.yml", "skala.yml", "terjemahan.yml")
# The registers as one Excel workbook with their rules, for staff (`iku templat`, `iku impor`).
WORKBOOK_PATH = "data/register.xlsx"
WORKBOOK_DESCRIPTION = "Semua register dalam satu buku kerja Excel, dengan aturan isiannya (untuk staf: isi, lalu iku impor)"


@dataclass(frozen=True)
class ResultField:
    name: str
    type: str  # Table Schema type; the JSON Schema type follows from it
    description: str
    required: bool = False


# The columns of hasil.csv and of each record in hasil.json, declared once: the Table Schema of
# hasil.csv in datapackage.json and hasil.schema.json are both generated from this list.
RESULT_FIELDS = (
    ResultField("kode", "string", "Kode IKU (lihat iku.csv)", required=True),
    ResultField("tahun", "integer", "Tahun", required=True),
    ResultField("target", "number", "Target tahun itu, dalam satuan IKU"),
    ResultField("realisasi", "number", "Realisasi tahun itu, dalam satuan IKU", required=True),
    ResultField("capaian", "number", "Capaian (%): realisasi dibanding target menurut arah IKU"),
    ResultField("kategori", "string", "Kategori capaian (skala capaian di skala.yml)"),
    ResultField("satuan", "string", "Satuan IKU", required=True),
    ResultField("keterangan", "string", "Mengapa capaian tidak dihitung, bila tidak ada"),
    ResultField("arah_renstra", "string", "Arah ke target akhir Renstra: sesuai arah, perlu perhatian, atau belum dapat dinilai (lihat Metodologi)"),
    ResultField("kelas_nilai", "string", "Kelas nilai realisasi bila IKU memakai skala nilai (mutu IKM, predikat SAKIP); kosong untuk IKU lain"),
)
RESULT_COLUMNS = [f.name for f in RESULT_FIELDS]
JSON_TYPES = {"string": "string", "integer": "integer", "number": "number"}


@dataclass(frozen=True)
class Download:
    path: str  # path in the site, e.g. data/register/<register>.csv
    # None in `download_list` for register.xlsx and the two files that describe it: they wait for
    # the workbook, which a second process makes meanwhile for large data (iku.excel.background)
    content: bytes | None
    description: str
    committed: bool = True  # a file staff edit in the repository, not one the build computes

    @property
    def sha256(self) -> str:
        assert self.content is not None, f"{self.path} is not made yet"
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
        "kelas_nilai": r.value_class.label if r.value_class else None,
    }


def published_figures(portal: Portal) -> pd.DataFrame:
    """Every figure the site shows, one row per IKU per year (with or without a realisation)."""
    return figures_frame([row for i in portal.indicators for row in indicator_figures(i, portal.results[i.code], portal.instansi)])


def indicator_figures(indicator: Indicator, results: list[YearResult], instansi: dict) -> list[dict]:
    """The published rows of one IKU (the Riwayat computes IKUs apart and assembles them)."""
    # arah_renstra belongs to the IKU, not the year: the same outlook on each of its rows.
    status = outlook.of_results(indicator, results, instansi).status
    return [{**figure_row(indicator, r), "arah_renstra": status} for r in results]


def figures_frame(records: list[dict]) -> pd.DataFrame:
    """Published-figure records (`indicator_figures`) as one table, in hasil.csv's columns."""
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


@lru_cache(maxsize=2)
def site_workbook_years(portal: Portal) -> dict[str, int]:
    """Register name -> the one year its sheet carries in the site's register.xlsx (large registers)."""
    return site_years(as_resources(portal.registers.values()), portal.files)


def workbook_description(partial: dict[str, int], portal: Portal) -> str:
    """What register.xlsx holds; a register above the line carries its latest year only."""
    if not partial:
        return WORKBOOK_DESCRIPTION
    paths = {spec.name: spec.path for spec in portal.registers.values()}
    notes = "; ".join(f"{name}: hanya baris tahun {year} (register lengkap: data/{paths[name]} atau iku templat --register {name})"
                      for name, year in sorted(partial.items()))
    return f"{WORKBOOK_DESCRIPTION}. Register lebih dari 50.000 baris memuat tahun terakhir saja: {notes}"


def downloads(portal: Portal) -> list[Download]:
    """Every published file. datapackage.json names the commit (from the build's git trail, when
    there is one) and the build time (SOURCE_DATE_EPOCH): both are part of the cache key."""
    return _downloads(portal, *_commit_and_time(portal))


def download_list(portal: Portal) -> list[Download]:
    """The same files in the same order, without waiting for the workbook: register.xlsx,
    datapackage.json and SHA256SUMS have no content yet."""
    return _download_list(portal, *_commit_and_time(portal))


def _commit_and_time(portal: Portal) -> tuple[str | None, str | None]:
    trail = portal.trail
    head = getattr(trail, "head", None) if getattr(trail, "available", False) else None
    return getattr(head, "sha", None), identitas.build_time()


@lru_cache(maxsize=2)  # the build adds the files and the Data page lists them: compute once
def _download_list(portal: Portal, commit: str | None, built: str | None) -> list[Download]:
    known = set(PUBLISHED_YAML) | {spec.path for spec in portal.tables}
    return [
        *(Download(f"data/{name}", content, _describe(name, portal)) for name, content in sorted(portal.files.items()) if name in known),
        Download(WORKBOOK_PATH, None, workbook_description(site_workbook_years(portal), portal), committed=False),
        Download("data/hasil.csv", results_csv(portal), "Hasil perhitungan: satu baris per IKU per tahun", committed=False),
        Download("data/hasil.json", results_json(portal), "Hasil perhitungan dalam JSON, dengan sidik data", committed=False),
        Download("data/hasil.schema.json", _json(results_json_schema()), "JSON Schema untuk hasil.json", committed=False),
        Download("data/datapackage.json", None,
                 "Deskripsi paket data (Frictionless Data Package): kolom, jenis, kunci, ukuran dan SHA-256 setiap berkas"),
        Download("data/SHA256SUMS", None, "Daftar SHA-256 semua berkas di atas (untuk sha256sum -c)", committed=False),
    ]


@lru_cache(maxsize=2)
def _downloads(portal: Portal, commit: str | None, built: str | None) -> list[Download]:
    *files, package, sums = _download_list(portal, commit, built)
    workbook = register_workbook(Path("."), files=portal.files, registers=portal.registers, partial=site_workbook_years(portal))
    files = [replace(d, content=workbook) if d.path == WORKBOOK_PATH else d for d in files]
    files.append(replace(package, content=_json(data_package(portal, files, commit, built))))
    sha256sums = "".join(f"{d.sha256}  {d.path.removeprefix('data/')}\n" for d in files).encode()
    return files + [replace(sums, content=sha256sums)]


def _describe(name: str, portal: Portal) -> str:
    titles = {spec.path: spec.title for spec in portal.tables}
    return titles.get(name, {"instansi.yml": "Profil instansi", "skala.yml": "Skala nasional yang dipakai",
                                       "terjemahan.yml": "Terjemahan teks data untuk edisi bahasa Inggris"}.get(name, name))


def _json(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def results_table_schema() -> dict:
    fields = [{"name": f.name, "type": f.type, "description": f.description, **({"constraints": {"required": True}} if f.required else {})}
              for f in RESULT_FIELDS]
    return {"fields": fields, "missingValues": [""], "primaryKey": ["kode", "tahun"]}


def results_json_schema() -> dict:
    """JSON Schema of hasil.json, from RESULT_FIELDS."""
    record = {f.name: {"type": JSON_TYPES[f.type] if f.required else [JSON_TYPES[f.type], "null"], "description": f.description}
              for f in RESULT_FIELDS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hasil.json: hasil perhitungan IKU",
        "type": "object",
        "required": ["instansi", "kabupaten", "data_contoh", "sidik_data_sha256", "hasil"],
        "properties": {
            "instansi": {"type": "string"}, "kabupaten": {"type": "string"}, "data_contoh": {"type": "boolean"},
            "sidik_data_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "hasil": {"type": "array", "items": {"type": "object", "required": [f.name for f in RESULT_FIELDS],
                                                  "properties": record}},
        },
    }


def data_package(portal: Portal, files: list[Download], commit: str | None = None, built: str | None = None) -> dict:
    """datapackage.json: whose data (`kantor`, see iku.identitas), every published file with its size and
    SHA-256; CSV files with their Table Schema."""
    tables = {f"data/{spec.path}": spec for spec in portal.tables}
    resources = []
    for download in files:
        rel = download.path.removeprefix("data/")
        if download.path in tables:
            resources.append(paket.resource(tables[download.path], download.content))
            continue
        name = {"hasil.csv": "hasil", "hasil.json": "hasil-json", "hasil.schema.json": "hasil-schema"}.get(rel, re.sub(r"[^a-z0-9]+", "-", rel.lower()).strip("-"))
        entry = {"name": name, "path": rel, "title": download.description, **paket.file_facts(download.content)}
        if rel == "hasil.csv":
            entry.update(format="csv", mediatype="text/csv", encoding="utf-8", schema=results_table_schema())
        elif rel.endswith(".json"):
            entry.update(type="json", format="json", mediatype="application/json", encoding="utf-8")
            if rel == "hasil.json":
                entry["jsonschema"] = "hasil.schema.json"
        elif rel.endswith(".xlsx"):
            entry.update(type="file", format="xlsx", mediatype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        else:
            entry.update(type="file", format="yaml", mediatype="application/yaml", encoding="utf-8")
        resources.append(entry)
    return {
        "name": re.sub(r"[^a-z0-9]+", "-", f"iku {portal.instansi['nama']}".lower()).strip("-"),
        "title": f"Data IKU {portal.instansi['nama']}",
        "description": "Register, daftar IKU, target dan hasil perhitungan yang diterbitkan portal IKU. "
                       "Isian tahun_dari dan aturan_baris (di luar standar) menjelaskan tahun pelaporan dan aturan antar-kolom; "
                       "isian kantor (di luar standar) menyebut kantor pemilik data, wilayahnya, commit dan waktu build.",
        identitas.IDENTITY_KEY: identitas.identity(portal.instansi, portal.sample_data, commit, built),
        "iku": [{"kode": i.code, "nama": i.name, "satuan": i.unit, "arah": i.direction, "jenis_rumus": i.formula.name,
                 "skala": i.value_scale} for i in portal.indicators],
        "resources": resources,
    }
