"""What every data file must look like, declared once.

Each CSV file of a data root is described by a `TableSpec`: its columns (`Field`), its
key, and rules that span several columns of a row (`RowRule`). iku.csv and target.csv are
declared here; the registers come from the data root's datapackage.yaml (`iku.paket`). `iku.validate` turns
these declarations into vectorised checks (`iku.table_checks`), which use the same parsers
to give the compute stage typed columns. The Metodologi page and the staff guide read
the same declarations, so the documentation cannot drift from the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from iku.formulas import FORMULAS
from iku.problems import Severity
from iku.syarat import NUMBER_KINDS, Condition  # noqa: F401 (NUMBER_KINDS: one definition, there)

# --- cell parsers: text in, typed value (or NA when the text is not valid) out -------------

_INT = re.compile(r"^-?\d+$")
_INT_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # 1.234 (Indonesian thousands dot)
_DECIMAL = re.compile(r"^-?\d+([.,]\d+)?$")  # 96.5 or 96,5
# 1.234,5 or 1.234.567: a lone "1.234" stays a decimal point, as Excel and our samples write it.
_DECIMAL_ID = re.compile(r"^-?\d{1,3}((\.\d{3}){2,}(,\d+)?|(\.\d{3})+,\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$")


def _each_distinct(cells: pd.Series, read: Callable[[str], object], to_type: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Parse each distinct text once (a register repeats its dates, numbers and choices many
    times), then give every cell the value of its text."""
    codes, distinct = pd.factorize(cells)
    values = to_type(pd.Series([read(text) for text in distinct], dtype=object))
    return pd.Series(values.array.take(codes, allow_fill=True), index=cells.index)


def _integer_text(text: str) -> int | None:
    if _INT_THOUSANDS.match(text):
        text = text.replace(".", "")
    return int(text) if _INT.match(text) else None


def _decimal_text(text: str) -> str | None:
    """The text in the notation pandas reads (96.5), or None when it is not a number."""
    if _DECIMAL_ID.match(text):
        return text.replace(".", "").replace(",", ".")
    return text.replace(",", ".") if _DECIMAL.match(text) else None


def parse_integer(cells: pd.Series) -> pd.Series:
    return _each_distinct(cells, _integer_text, lambda values: values.astype("Int64"))


def parse_decimal(cells: pd.Series) -> pd.Series:
    return _each_distinct(cells, _decimal_text, lambda texts: pd.to_numeric(texts, errors="coerce").astype("Float64"))


def parse_date(cells: pd.Series) -> pd.Series:
    return _each_distinct(cells, lambda text: text if _ISO_DATE.match(text) else None,
                          lambda texts: pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce"))


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

# Table Schema types (datapackage.org) a register may use, and the parser each is read with.
TYPES = {"string": "teks", "integer": "bilangan_bulat", "number": "desimal", "date": "tanggal", "year": "tahun",
         "boolean": "pilihan"}
KIND_TYPES = {"teks": "string", "kode": "string", "pilihan": "string", "bilangan_bulat": "integer",
              "tahun": "year", "desimal": "number", "tanggal": "date"}


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
    title: str = ""
    pattern: str | None = None
    unique: bool = False
    type: str = ""  # the Table Schema type as declared (boolean stays boolean when published)
    true_values: tuple[str, ...] = ()  # boolean: which of the choices mean "true"
    future_ok: bool = False  # date: dates after today allowed (datapackage.yaml `boleh_masa_depan: true`)
    # The column itself may be left out of the file (older files, offices that need no such column).
    column_optional: bool = False

    @property
    def table_type(self) -> str:
        return self.type or KIND_TYPES[self.kind]


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of one row, declared in datapackage.yaml (`aturan_baris`).

    The kinds are a small fixed set; each row where the rule fails gets one message at `column`
    (for `paling_besar` over several columns: the last column over the limit)."""

    kind: str  # wajib_bila, terisi_hanya_bila, tidak_sebelum, paling_besar
    code: str  # problem code: the rule's own `kode`, or aturan_<kind>
    columns: tuple[str, ...]
    condition: Condition | None = None
    reference: str | None = None  # tidak_sebelum: the earlier column
    limit: float | str | None = None  # paling_besar: a number or a column
    severity: Severity = Severity.ERROR
    title: str = ""
    message: str = ""  # the rule's own wording; empty: the kind's wording from the catalogue
    line: int | None = None  # the line of its `syarat` in datapackage.yaml, for messages about the condition

    @property
    def column(self) -> str:
        return self.columns[-1]

    def failures(self, df: pd.DataFrame) -> pd.Series:
        """For each failing row, the column to point at; rows that pass are absent."""
        applies = self.condition.holds(df) if self.condition else pd.Series(True, index=df.index)
        if self.kind in ("wajib_bila", "terisi_hanya_bila"):
            filled = df[self.column].notna() & (df[self.column].astype(str) != "")
            bad = applies & ~filled
            if self.kind == "terisi_hanya_bila":
                bad |= ~applies & filled
            return pd.Series(self.column, index=df.index[bad.fillna(False).astype(bool)], dtype=object)
        if self.kind == "tidak_sebelum":
            bad = applies & (df[self.column] < df[self.reference]).fillna(False).astype(bool)
            return pd.Series(self.column, index=df.index[bad], dtype=object)
        # paling_besar
        limit = df[self.limit] if isinstance(self.limit, str) else self.limit
        where = pd.Series(None, index=df.index, dtype=object)
        for name in self.columns:
            over = applies & (df[name] > limit).fillna(False).astype(bool)
            where[over] = name
        return where.dropna()


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
    description: str = ""

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


ARAH = ("naik", "turun")


def _text(name: str, description: str, required: bool = True) -> Field:
    return Field(name, "teks", description, required=required)


def _year(name: str = "tahun") -> Field:
    return Field(name, "tahun", "Tahun pelaporan, dalam periode Renstra")


# iku.csv and target.csv are the portal's own tables, the same for every office. The registers
# are the office's: declared in its data root's datapackage.yaml (iku.paket reads them).
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
        Field("register", "pilihan", "Nama register sumber angka (resource di datapackage.yaml)", references=("datapackage", "resources")),
        _text("parameter", "Parameter rumus, misalnya pembilang=status:selesai", required=False),
        _text("penanggung_jawab", "Bidang penanggung jawab sesuai keputusan"),
        _text("sumber_data", "Sumber data sesuai keputusan (- bila tidak disebut)", required=False),
        _text("penjelasan", "Penjelasan dengan bahasa sehari-hari untuk warga"),
        # The range a value of this IKU can take (proyeksi arah Renstra stay inside it); empty or
        # no column: 0–100 for %, the range of the scale the IKU names (skala.yml), else none.
        Field("nilai_terendah", "desimal", "Nilai terendah yang mungkin; kolom ini boleh tidak ada (kosong: 0 untuk %, minimum skala untuk IKU berskala)",
              required=False, column_optional=True),
        Field("nilai_tertinggi", "desimal", "Nilai tertinggi yang mungkin; kolom ini boleh tidak ada (kosong: 100 untuk %, maksimum skala untuk IKU berskala)",
              required=False, column_optional=True),
        # Optional columns (LKjIP Bab III, comparison with a national standard): both or neither.
        Field("standar_nasional", "desimal", "Standar nasional untuk indikator ini, dalam satuan IKU (kolom opsional; kosong bila tidak ada)",
              required=False, minimum=0, column_optional=True),
        Field("sumber_standar", "teks", "Dasar hukum atau sumber standar nasional, wajib bila standar_nasional diisi (kolom opsional)",
              required=False, column_optional=True),
    ),
    row_rules=(
        RowRule("paling_besar", "rentang_terbalik", ("nilai_terendah",), limit="nilai_tertinggi",
                message="nilai_terendah lebih besar daripada nilai_tertinggi; tukar kedua angka itu"),
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

def all_tables(registers: dict[str, TableSpec]) -> list[TableSpec]:
    return [IKU, TARGET, *registers.values()]
