"""Conditions on register rows, as staff write them in `iku.csv` and `datapackage.yaml`.

    status:selesai              equal (text, or a number on a number column)
    status:sembuh|pindah        one of several values (shown as "sembuh atau pindah")
    status!=batal               not equal (status!=batal|ditolak: none of them)
    lama_hari<=14               comparisons on number, year and date columns: <=, >=, <, >
    tanggal>=2024-07-01         (a date column compares with a date)
    status:selesai dan lama_hari>0   all clauses must hold

`kolom:` (nothing after the sign) means the cell is empty, `kolom!=` that it is filled.
A small grammar of our own, parsed into `Clause`s and evaluated with plain pandas
comparisons: a condition in a pull request can never run code (no eval, query or
pandas.eval anywhere). `declared` checks a condition against the register's declaration
(each value must be possible in its column) and writes enum values as the data stores them.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

import pandas as pd

# Longest operators first, so "<=" is not read as "<" followed by "=...".
_CLAUSE = re.compile(r"^\s*([A-Za-z0-9_]+)\s*(<=|>=|!=|<|>|:)\s*(.*?)\s*$")
_JOINER = re.compile(r"\s+dan\s+", re.IGNORECASE)
_OR = re.compile(r"\s+atau\s+", re.IGNORECASE)
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COMPARISONS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
OPERATORS = (":", "!=", *COMPARISONS)


class ConditionError(ValueError):
    """A condition that does not follow the grammar; the message is Indonesian."""


@dataclass(frozen=True)
class Clause:
    column: str
    op: str
    value: str

    @property
    def numeric(self) -> bool:
        return self.op in COMPARISONS

    @property
    def values(self) -> list[str]:
        """The values compared with: several for "one of" (a|b), one otherwise."""
        if self.op in COMPARISONS or self.value == "":
            return [self.value]
        return [v.strip() for v in self.value.split("|")]

    def number(self) -> float:
        return float(self.value.replace(",", "."))

    def written(self) -> str:
        return f"{self.column}{self.op}{self.value}"

    def text(self) -> str:
        """How the clause reads on Metodologi, the IKU page and under "Cara menghitung"."""
        if self.value == "" and self.op in (":", "!="):
            return f"{self.column} {'kosong' if self.op == ':' else 'terisi'}"
        if len(self.values) > 1:
            listed = ", ".join(self.values[:-1]) + " atau " + self.values[-1]
            return f"{self.column} = {listed}" if self.op == ":" else f"{self.column} bukan {listed}"
        shown = {":": "=", "!=": "≠", "<=": "≤", ">=": "≥"}.get(self.op, self.op)
        return f"{self.column} {shown} {self.value}"

    def holds(self, rows: pd.DataFrame) -> pd.Series:
        cells = rows[self.column]
        if self.numeric:
            compare = COMPARISONS[self.op]
            if _DATE.match(self.value):
                return compare(pd.to_datetime(cells, errors="coerce"), pd.Timestamp(self.value)).fillna(False).astype(bool)
            return compare(pd.to_numeric(cells, errors="coerce"), self.number()).fillna(False).astype(bool)
        if self.value == "":
            blank = cells.isna() | (cells.astype(str) == "")
            return blank if self.op == ":" else ~blank
        if pd.api.types.is_numeric_dtype(cells) and all(_NUMBER.match(v) for v in self.values):
            wanted = [float(v.replace(",", ".")) for v in self.values]
        elif pd.api.types.is_datetime64_any_dtype(cells):
            wanted = [pd.Timestamp(v) for v in self.values]
        else:
            wanted = self.values
        equal = cells.isin(wanted).fillna(False).astype(bool)
        return equal if self.op == ":" else ~equal


@dataclass(frozen=True)
class Condition:
    clauses: tuple[Clause, ...]

    @property
    def columns(self) -> list[str]:
        return [c.column for c in self.clauses]

    def text(self) -> str:
        return " dan ".join(c.text() for c in self.clauses)

    def written(self) -> str:
        return " dan ".join(c.written() for c in self.clauses)

    def holds(self, rows: pd.DataFrame) -> pd.Series:
        result = pd.Series(True, index=rows.index)
        for clause in self.clauses:
            result &= clause.holds(rows)
        return result


def parse(text: str) -> Condition:
    """'status:selesai dan lama_hari<=14' -> Condition; ConditionError explains what is wrong."""
    if not (text or "").strip():
        raise ConditionError("syarat kosong")
    if _OR.search(text):
        raise ConditionError(f"'{text.strip()}': 'atau' tidak dapat menggabungkan syarat; untuk salah satu dari beberapa "
                             f"nilai tulis {_one_of_example(text)} (nilai dipisah tanda |)")
    clauses = []
    for part in _JOINER.split(text.strip()):
        match = _CLAUSE.match(part)
        if not match:
            raise ConditionError(f"'{part.strip()}' bukan syarat; tulis kolom:nilai, kolom:nilai1|nilai2, kolom!=nilai, kolom<=angka, "
                                 "kolom>=angka, kolom<angka atau kolom>angka, digabung dengan 'dan'")
        column, op, value = match.groups()
        if op in COMPARISONS and not (_NUMBER.match(value) or _DATE.match(value)):
            raise ConditionError(f"'{part.strip()}': setelah {op} harus angka atau tanggal, misalnya {column}{op}14 "
                                 f"atau {column}{op}2024-07-01")
        clauses.append(Clause(column, op, value))
    return Condition(tuple(clauses))


def _one_of_example(text: str) -> str:
    """'status:sembuh atau status:pindah' -> 'status:sembuh|pindah' (what the staff member meant)."""
    parts = _OR.split(text.strip())
    first = _CLAUSE.match(parts[0])
    if not first or first.group(2) not in (":", "!="):
        return "kolom:nilai1|nilai2"
    column, op, value = first.groups()
    values = [value]
    for part in parts[1:]:
        clause = _CLAUSE.match(part)
        values.append(clause.group(3) if clause and clause.group(1) == column else part.strip())
    return f"{column}{op}{'|'.join(values)}"


NUMBER_KINDS = ("bilangan_bulat", "tahun", "desimal")  # the column kinds of iku.schema that hold numbers
_KIND_WORDS = {"teks": "teks", "kode": "kode", "pilihan": "pilihan", "bilangan_bulat": "bilangan bulat (integer)",
               "tahun": "tahun (year)", "desimal": "angka (number)", "tanggal": "tanggal (date)"}


def declared(condition: Condition, fields: dict, referenced: dict | None = None) -> tuple[Condition, list[str]]:
    """The condition checked against the register's declared fields (name -> iku.schema.Field):
    what is wrong with it, in Indonesian, and the condition with each enum value written as the
    data stores it ('Ya' against enum [ya, tidak] is 'ya', as the cells are). Columns that are not
    declared are left to the caller, which names them with the columns there are. `referenced`
    ((register, column) -> its values) holds the values of the registers a foreignKeys column
    points to: a value not among them can never match, like a value outside an enum."""
    problems: list[str] = []
    clauses = []
    for clause in condition.clauses:
        spec = fields.get(clause.column)
        if spec is None or clause.value == "":
            clauses.append(clause)
            continue
        kind_words = _KIND_WORDS.get(spec.kind, spec.kind)
        written = clause.written()
        if clause.numeric:
            if spec.kind not in (*NUMBER_KINDS, "tanggal"):
                problems.append(f"'{written}': {clause.op} hanya untuk kolom angka, tahun atau tanggal, "
                                f"padahal kolom '{clause.column}' berjenis {kind_words}")
            elif (spec.kind == "tanggal") != bool(_DATE.match(clause.value)):
                wanted = "tanggal tahun-bulan-tanggal, misalnya 2024-07-01" if spec.kind == "tanggal" else "angka"
                problems.append(f"'{written}': kolom '{clause.column}' berjenis {kind_words}, jadi setelah {clause.op} harus {wanted}")
            clauses.append(clause)
            continue
        values = clause.values
        if spec.choices:
            spelled = {c.lower(): c for c in spec.choices}
            unknown = [v for v in values if v.lower() not in spelled]
            if unknown:
                problems.append(f"'{written}': {', '.join(repr(v) for v in unknown)} bukan pilihan kolom '{clause.column}'; "
                                f"pilihannya: {', '.join(spec.choices)}")
            else:
                values = [spelled[v.lower()] for v in values]
        elif spec.references and referenced and spec.references in referenced:
            known = set(referenced[spec.references])
            unknown = [v for v in values if v not in known]
            if unknown:
                shown = sorted(known)
                listed = ", ".join(shown[:12]) + (f", … ({len(shown)} nilai)" if len(shown) > 12 else "")
                register, column = spec.references
                problems.append(f"'{written}': {', '.join(repr(v) for v in unknown)} tidak ada di kolom '{column}' register "
                                f"{register}, yang menjadi acuan kolom '{clause.column}'; nilainya: {listed}")
        elif spec.kind in NUMBER_KINDS and not all(_NUMBER.match(v) for v in values):
            problems.append(f"'{written}': kolom '{clause.column}' berjenis {kind_words}, jadi nilainya harus angka")
        elif spec.kind == "tanggal" and not all(_DATE.match(v) for v in values):
            problems.append(f"'{written}': kolom '{clause.column}' berjenis {kind_words}, jadi nilainya harus tanggal "
                            "tahun-bulan-tanggal, misalnya 2024-07-01")
        clauses.append(Clause(clause.column, clause.op, "|".join(values)))
    return Condition(tuple(clauses)), problems
