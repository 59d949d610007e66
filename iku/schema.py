"""What every data file must look like, declared once.

Each CSV file of a data root is described by a `TableSpec`: its columns (`Field`), its
key, and rules that span several columns of a row (`RowRule`). `iku.validate` turns
these declarations into pandera schemas; `iku.validate.convert` uses the same parsers
to give the compute stage typed columns. The Metodologi page and the staff guide read
the same declarations, so the documentation cannot drift from the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from iku.formulas import FORMULAS

# --- cell parsers: text in, typed value (or NA when the text is not valid) out -------------

_INT = re.compile(r"^-?\d+$")
_INT_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # 1.234 (Indonesian thousands dot)
_DECIMAL = re.compile(r"^-?\d+([.,]\d+)?$")  # 96.5 or 96,5
# 1.234,5 or 1.234.567: a lone "1.234" stays a decimal point, as Excel and our samples write it.
_DECIMAL_ID = re.compile(r"^-?\d{1,3}((\.\d{3}){2,}(,\d+)?|(\.\d{3})+,\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$")


def parse_integer(cells: pd.Series) -> pd.Series:
    text = cells.where(~cells.str.match(_INT_THOUSANDS), cells.str.replace(".", "", regex=False))
    text = text.where(text.str.match(_INT), None)
    return pd.to_numeric(text, errors="coerce").astype("Int64")


def parse_decimal(cells: pd.Series) -> pd.Series:
    indonesian = cells.str.match(_DECIMAL_ID)
    text = cells.where(~indonesian, cells.str.replace(".", "", regex=False))
    text = text.str.replace(",", ".", regex=False)
    text = text.where(cells.str.match(_DECIMAL) | indonesian, None)
    return pd.to_numeric(text, errors="coerce").astype("Float64")


def parse_date(cells: pd.Series) -> pd.Series:
    text = cells.where(cells.str.match(_ISO_DATE), None)
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def parse_text(cells: pd.Series) -> pd.Series:
    return cells


def parse_code(cells: pd.Series) -> pd.Series:
    # Codes become page names and links, so only letters, digits, dot, dash and underscore.
    return cells.where(cells.str.match(_CODE), None)


PARSERS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "teks": parse_text,
    "kode": parse_code,
    "pilihan": parse_text,
    "bilangan_bulat": parse_integer,
    "tahun": parse_integer,
    "desimal": parse_decimal,
    "tanggal": parse_date,
}

@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    # Where the allowed values come from another file: (table, column).
    references: tuple[str, str] | None = None


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of one row. `holds` returns True where the row is fine."""

    code: str
    column: str  # the column the message points at
    holds: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class TableSpec:
    name: str
    path: str  # relative to the data root
    title: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    row_rules: tuple[RowRule, ...] = ()
    # Registers: which column gives the reporting year (a `tahun` or a `tanggal` column).
    year_from: str | None = None
    # Columns computed from others after validation, e.g. whether a program indicator met its target.
    derived: dict[str, Callable[[pd.DataFrame], pd.Series]] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


YA_TIDAK = ("ya", "tidak")
ARAH = ("naik", "turun")


def _text(name: str, description: str, required: bool = True) -> Field:
    return Field(name, "teks", description, required=required)


def _year(name: str = "tahun") -> Field:
    return Field(name, "tahun", "Tahun pelaporan, dalam periode Renstra")


def _settled_has_date(df: pd.DataFrame) -> pd.Series:
    settled = df["status"] == "selesai"
    has_date = df["tanggal_selesai"].notna()
    return settled == has_date


def _settled_after_received(df: pd.DataFrame) -> pd.Series:
    return df["tanggal_selesai"].isna() | (df["tanggal_selesai"] >= df["tanggal_masuk"])


def _percent_at_most_100(df: pd.DataFrame) -> pd.Series:
    percent = df["satuan"] == "%"
    return ~percent | ((df["target"] <= 100) & (df["realisasi"] <= 100))


def _program_indicator_achieved(df: pd.DataFrame) -> pd.Series:
    higher_is_better = df["arah"] == "naik"
    met = (higher_is_better & (df["realisasi"] >= df["target"])) | (
        ~higher_is_better & (df["realisasi"] <= df["target"])
    )
    return met.map({True: "ya", False: "tidak"})


REGISTERS: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            name="dokumen_ortala",
            path="register/dokumen_ortala.csv",
            title="Register dokumen penataan organisasi dan tata laksana",
            key=("nomor",),
            year_from="tahun",
            fields=(
                _year(),
                _text("dokumen", "Jenis dokumen: LAKIP, RB, ANJAB, Pelayanan Publik, atau Lainnya"),
                _text("nomor", "Nomor dokumen/surat penetapan"),
                Field("tanggal", "tanggal", "Tanggal dokumen"),
                _text("keterangan", "Keterangan", required=False),
            ),
        ),
        TableSpec(
            name="skm",
            path="register/skm.csv",
            title="Register hasil Survei Kepuasan Masyarakat (SKM)",
            key=("tahun", "semester", "unit_layanan"),
            year_from="tahun",
            fields=(
                _year(),
                Field("semester", "pilihan", "Periode survei", choices=("I", "II", "Tahunan")),
                _text("unit_layanan", "Unit layanan yang disurvei"),
                Field("responden", "bilangan_bulat", "Jumlah responden", minimum=1),
                *(
                    Field(f"u{i}", "desimal", f"Nilai rata-rata unsur {i} (1 sampai 4)", minimum=1, maximum=4)
                    for i in range(1, 10)
                ),
            ),
        ),
        TableSpec(
            name="kegiatan_pemberdayaan",
            path="register/kegiatan_pemberdayaan.csv",
            title="Register kegiatan pemberdayaan masyarakat",
            key=("nomor_kegiatan",),
            year_from="tanggal",
            fields=(
                _text("nomor_kegiatan", "Nomor kegiatan, unik"),
                Field("tanggal", "tanggal", "Tanggal kegiatan"),
                _text("kegiatan", "Nama kegiatan"),
                _text("desa", "Desa tempat kegiatan"),
                Field("difasilitasi", "pilihan", "Apakah kegiatan difasilitasi kecamatan", choices=YA_TIDAK),
                _text("nomor_laporan", "Nomor laporan fasilitasi", required=False),
            ),
        ),
        TableSpec(
            name="aduan_trantib",
            path="register/aduan_trantib.csv",
            title="Register laporan/aduan ketenteraman dan ketertiban umum",
            key=("nomor_aduan",),
            year_from="tanggal_masuk",
            fields=(
                _text("nomor_aduan", "Nomor aduan, unik (tanpa nama pelapor)"),
                Field("tanggal_masuk", "tanggal", "Tanggal aduan diterima"),
                _text("kategori", "Jenis pelanggaran"),
                _text("desa", "Desa lokasi kejadian"),
                Field("status", "pilihan", "selesai atau proses", choices=("selesai", "proses")),
                Field("tanggal_selesai", "tanggal", "Tanggal aduan diselesaikan (kosong bila masih proses)", required=False),
            ),
            row_rules=(
                RowRule("status_tanggal_selesai", "tanggal_selesai", _settled_has_date),
                RowRule("selesai_sebelum_masuk", "tanggal_selesai", _settled_after_received),
            ),
        ),
        TableSpec(
            name="reviu_sakip",
            path="register/reviu_sakip.csv",
            title="Register hasil reviu/evaluasi SAKIP",
            key=("tahun",),
            year_from="tahun",
            fields=(
                _year(),
                Field("nilai", "desimal", "Nilai SAKIP hasil evaluasi (0 sampai 100)", minimum=0, maximum=100),
                _text("nomor_lhe", "Nomor Laporan Hasil Evaluasi (LHE)"),
                Field("tanggal_lhe", "tanggal", "Tanggal LHE"),
            ),
        ),
        TableSpec(
            name="indikator_program",
            path="register/indikator_program.csv",
            title="Register capaian indikator program",
            key=("tahun", "kode_program", "indikator"),
            year_from="tahun",
            fields=(
                _year(),
                _text("kode_program", "Kode program"),
                _text("program", "Nama program"),
                _text("indikator", "Indikator program"),
                _text("satuan", "Satuan indikator"),
                Field("arah", "pilihan", "naik bila makin tinggi makin baik, turun bila sebaliknya", choices=ARAH),
                Field("target", "desimal", "Target indikator program"),
                Field("realisasi", "desimal", "Realisasi indikator program"),
            ),
            row_rules=(RowRule("persen_lebih_100", "realisasi", _percent_at_most_100),),
            derived={"tercapai": _program_indicator_achieved},
        ),
    )
}


IKU = TableSpec(
    name="iku",
    path="iku.csv",
    title="Daftar Indikator Kinerja Utama",
    key=("kode",),
    fields=(
        Field("kode", "kode", "Kode IKU, misalnya IKU-1 (huruf, angka dan strip, tanpa spasi)"),
        Field("nomor", "bilangan_bulat", "Nomor urut sesuai lampiran keputusan", minimum=1),
        _text("kinerja_utama", "Kinerja utama (sasaran) sesuai keputusan"),
        _text("indikator", "Nama indikator sesuai keputusan"),
        _text("formulasi", "Formulasi perhitungan sesuai keputusan (boleh kosong bila keputusan tidak merumuskannya)", required=False),
        _text("satuan", "Satuan realisasi: %, indeks, dokumen, nilai, ..."),
        Field("arah", "pilihan", "naik bila makin tinggi makin baik, turun bila makin rendah makin baik", choices=ARAH),
        Field("jenis_rumus", "pilihan", "Jenis rumus yang dipakai (lihat halaman Metodologi)", choices=tuple(FORMULAS)),
        Field("register", "pilihan", "Nama register sumber angka (berkas di data/register/)", choices=tuple(REGISTERS)),
        _text("parameter", "Parameter rumus, misalnya pembilang=status:selesai", required=False),
        _text("penanggung_jawab", "Bidang penanggung jawab sesuai keputusan"),
        _text("sumber_data", "Sumber data sesuai keputusan (- bila tidak disebut)", required=False),
        _text("penjelasan", "Penjelasan dengan bahasa sehari-hari untuk warga"),
    ),
)

TARGET = TableSpec(
    name="target",
    path="target.csv",
    title="Target IKU per tahun",
    key=("kode", "tahun"),
    fields=(
        Field("kode", "pilihan", "Kode IKU yang ada di iku.csv", references=("iku", "kode")),
        _year(),
        Field("target", "desimal", "Target tahun itu, dalam satuan IKU", minimum=0),
    ),
)

def all_tables() -> list[TableSpec]:
    return [IKU, TARGET, *REGISTERS.values()]
