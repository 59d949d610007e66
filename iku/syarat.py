"""Conditions on register rows, as staff write them in `iku.csv` and `datapackage.yaml`.

    status:selesai              equal (text, or a number on a number column)
    status!=batal               not equal
    lama_hari<=14               comparisons on number columns: <=, >=, <, >
    status:selesai dan lama_hari>0   all clauses must hold

`kolom:` (nothing after the sign) means the cell is empty, `kolom!=` that it is filled.
A small grammar of our own, parsed into `Clause`s and evaluated with plain pandas
comparisons: a condition in a pull request can never run code (no eval, query or
pandas.eval anywhere).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

import pandas as pd

# Longest operators first, so "<=" is not read as "<" followed by "=...".
_CLAUSE = re.compile(r"^\s*([A-Za-z0-9_]+)\s*(<=|>=|!=|<|>|:)\s*(.*?)\s*$")
_JOINER = re.compile(r"\s+dan\s+", re.IGNORECASE)
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
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

    def number(self) -> float:
        return float(self.value.replace(",", "."))

    def text(self) -> str:
        """How the clause reads on Metodologi and under "Cara menghitung"."""
        if self.value == "" and self.op in (":", "!="):
            return f"{self.column} {'kosong' if self.op == ':' else 'terisi'}"
        shown = {":": "=", "!=": "≠", "<=": "≤", ">=": "≥"}.get(self.op, self.op)
        return f"{self.column} {shown} {self.value}"

    def holds(self, rows: pd.DataFrame) -> pd.Series:
        cells = rows[self.column]
        if self.numeric:
            compare = COMPARISONS[self.op]
            return compare(pd.to_numeric(cells, errors="coerce"), self.number()).fillna(False).astype(bool)
        if self.value == "":
            blank = cells.isna() | (cells.astype(str) == "")
            return blank if self.op == ":" else ~blank
        if pd.api.types.is_numeric_dtype(cells) and _NUMBER.match(self.value):
            equal = (cells == self.number()).fillna(False).astype(bool)
        elif pd.api.types.is_datetime64_any_dtype(cells):
            equal = (cells == pd.Timestamp(self.value)).fillna(False).astype(bool)
        else:
            equal = (cells == self.value).fillna(False).astype(bool)
        return equal if self.op == ":" else ~equal


@dataclass(frozen=True)
class Condition:
    clauses: tuple[Clause, ...]

    @property
    def columns(self) -> list[str]:
        return [c.column for c in self.clauses]

    def text(self) -> str:
        return " dan ".join(c.text() for c in self.clauses)

    def holds(self, rows: pd.DataFrame) -> pd.Series:
        result = pd.Series(True, index=rows.index)
        for clause in self.clauses:
            result &= clause.holds(rows)
        return result


def parse(text: str) -> Condition:
    """'status:selesai dan lama_hari<=14' -> Condition; ConditionError explains what is wrong."""
    if not (text or "").strip():
        raise ConditionError("syarat kosong")
    clauses = []
    for part in _JOINER.split(text.strip()):
        match = _CLAUSE.match(part)
        if not match:
            raise ConditionError(f"'{part.strip()}' bukan syarat; tulis kolom:nilai, kolom!=nilai, kolom<=angka, "
                                 "kolom>=angka, kolom<angka atau kolom>angka, digabung dengan 'dan'")
        column, op, value = match.groups()
        if op in COMPARISONS and not _NUMBER.match(value):
            raise ConditionError(f"'{part.strip()}': setelah {op} harus angka, misalnya {column}{op}14")
        clauses.append(Clause(column, op, value))
    return Condition(tuple(clauses))
