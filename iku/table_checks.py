"""Stage 2a, validate one table: the declarations of `iku.schema` as vectorised checks.

The declared columns of one kind (all dates, all decimals, ...) are read as one long column:
each parser runs once per kind (once per distinct text), each check once per kind over all its
cells, and each failing cell becomes a `Problem` at its CSV line and column. Personal data and
code-like text are searched for in the whole table at once. The checks a kind of column gets
depend only on the declarations, so they are built once per process and shared by every file
and every commit of the Riwayat; the facts from other files (Renstra years, allowed codes,
today) are passed in when they run.

Why not pandera (which this replaced in issue 13): every rule was already our own vectorised
function; pandera ran them column by column, 143 checks for the sample data in 0.35 s, and
took 0.6 s to import, which every build and every commit of a long history paid. What it
added besides (lazy collection, strict columns, a unique key) is the few lines of
`check_table`. The published package is still checked by an independent library: frictionless,
in the tests. tests/test_laporan_tetap.py shows every report is word for word what the
pandera-based checks printed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import pandas as pd

from iku import messages
from iku.pribadi import PERSONAL_DATA, mask
from iku.problems import Problem, errors
from iku.schema import PARSERS, Field, TableSpec


@dataclass
class Context:
    """Facts from other files (and the calendar) that a table's checks depend on."""

    first_year: int
    last_year: int
    today: dt.date = field(default_factory=dt.date.today)
    allowed: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


# A cell a spreadsheet would run as a formula when someone opens a downloaded CSV.
# A lone "-" (meaning "none", as the decree writes it) is plain text and allowed.
_FORMULA_START = re.compile(r"^(?:[=+@]|-.)")
CODE_IN_TEXT = re.compile(r"<\s*[a-zA-Z/!]|\{\{|\{%|\{#")
# One search per rule over the whole table finds every cell that rule could flag; the rules
# then run on those few cells only. A rule whose every match holds one of a few characters is
# not searched for in a table without them (the e-mail rule's search is by far the slowest: it
# tries every run of letters and digits).
_MUST_HOLD = {"data_pribadi_email": ("@",)}
_CELL_RULES = tuple((pattern, _MUST_HOLD.get(code, ())) for code, pattern in PERSONAL_DATA.items()) \
    + ((CODE_IN_TEXT, ("<", "{")),)


@dataclass(frozen=True)
class Block:
    """The columns of one kind, one after another as one long column, so each parser and each
    check runs once per kind instead of once per column. Cell i belongs to field i // rows."""

    fields: tuple[Field, ...]
    rows: int
    text: pd.Series
    blank: np.ndarray
    parsed: pd.Series

    def per_field(self, values) -> np.ndarray:
        """A value per field, repeated for each of its cells."""
        return np.repeat(np.asarray(values), self.rows)

    def field_cells(self, index: int) -> slice:
        return slice(index * self.rows, (index + 1) * self.rows)


Failing = Callable[[Block, Context], np.ndarray]  # True where the cell breaks the rule


def _holds(condition: pd.Series) -> np.ndarray:
    """True where the condition holds. A comparison with an empty or invalid cell gives NA: such
    a cell is not out of range (the type check reports it)."""
    return condition.fillna(False).to_numpy(dtype=bool)


def _choices(spec: Field, context: Context) -> tuple[str, ...] | None:
    """Allowed values; None when they come from a file that is itself invalid (no cascade)."""
    if spec.choices:
        return spec.choices
    return context.allowed.get(spec.references) if spec.references else None


def _each_field(check: Callable[[Field, pd.Series, np.ndarray, Context], "pd.Series | None"]) -> Failing:
    """A check whose rule differs per field (a pattern, a choice list): run per field's cells."""
    def failing(block: Block, context: Context) -> np.ndarray:
        bad = np.zeros(len(block.text), dtype=bool)
        for index, spec in enumerate(block.fields):
            cells = block.field_cells(index)
            found = check(spec, block.text.iloc[cells], block.blank[cells], context)
            if found is not None:
                bad[cells] = _holds(found)
        return bad
    return failing


def _not_a_choice(spec: Field, text: pd.Series, blank: np.ndarray, context: Context) -> pd.Series | None:
    choices = _choices(spec, context)
    if choices is None:
        return None
    return ~blank & ~text.str.lower().isin([c.lower() for c in choices])


def _off_pattern(spec: Field, text: pd.Series, blank: np.ndarray, _: Context) -> pd.Series | None:
    if not spec.pattern:
        return None
    compiled = re.compile(spec.pattern)
    return ~blank & ~text.map(lambda cell: compiled.fullmatch(cell) is not None).astype(bool)


def _repeated(spec: Field, text: pd.Series, blank: np.ndarray, _: Context) -> pd.Series | None:
    return ~blank & text.duplicated(keep=False) if spec.unique else None


@lru_cache(maxsize=None)
def block_checks(fields: tuple[Field, ...]) -> tuple[tuple[str, Failing], ...]:
    """The checks a block of declared columns (all of one kind) gets, as (problem code, failing
    cells); built once per declaration and process, run with the facts of the moment."""
    kind = fields[0].kind
    checks: list[tuple[str, Failing]] = []
    required = [f.required for f in fields]
    if any(required):
        checks.append(("wajib_isi", lambda b, _: b.blank & b.per_field(required)))
    if kind == "teks":
        checks.append(("awalan_rumus", lambda b, _: _holds(b.text.str.match(_FORMULA_START))))
    if kind not in ("teks", "pilihan"):
        checks.append((f"tipe_{kind}", lambda b, _: ~b.blank & b.parsed.isna().to_numpy()))
    past_only = [not f.future_ok for f in fields]
    if kind == "tanggal" and any(past_only):
        checks.append(("tanggal_masa_depan", lambda b, ctx: _holds(b.parsed > pd.Timestamp(ctx.today)) & b.per_field(past_only)))
    if kind == "tahun":
        checks.append(("di_luar_renstra", lambda b, ctx: _holds((b.parsed < ctx.first_year) | (b.parsed > ctx.last_year))))
    minima = [np.nan if f.minimum is None else f.minimum for f in fields]
    if any(f.minimum is not None for f in fields):
        checks.append(("di_bawah_minimum", lambda b, _: _holds(b.parsed < b.per_field(minima))))
    maxima = [np.nan if f.maximum is None else f.maximum for f in fields]
    if any(f.maximum is not None for f in fields):
        checks.append(("di_atas_maksimum", lambda b, _: _holds(b.parsed > b.per_field(maxima))))
    if any(f.pattern for f in fields):
        checks.append(("tidak_sesuai_pola", _each_field(_off_pattern)))
    if any(f.unique for f in fields):
        checks.append(("nilai_ganda", _each_field(_repeated)))
    if kind == "pilihan":
        checks.append(("bukan_pilihan", _each_field(_not_a_choice)))
    return tuple(checks)


def _limits(spec: Field, context: Context) -> dict:
    """What a message about this column may quote: its range, choices or pattern."""
    if spec.kind == "tahun":
        return {"minimum": context.first_year, "maximum": context.last_year}
    return {"minimum": spec.minimum, "maximum": spec.maximum, "choices": ", ".join(_choices(spec, context) or ()),
            "expected": spec.pattern}


def scan_cells(label: str, frame: pd.DataFrame) -> list[Problem]:
    """Rules for every cell of every column: no personal data; code-like text is flagged.
    Each distinct text of the table is searched once (a register repeats its dates, numbers and
    choices many times), all at once, as one text with the texts separated by a character no
    rule matches; only the cells holding a text where something was found are looked at one by one."""
    cells = frame.to_numpy(dtype=object).ravel(order="F")  # column after column
    codes, distinct = pd.factorize(cells)
    joined = "\0".join(distinct)
    found = [match.start() for pattern, needles in _CELL_RULES if not needles or any(n in joined for n in needles)
             for match in pattern.finditer(joined)]
    if not found:
        return []
    starts = np.cumsum([0, *(len(text) + 1 for text in distinct[:-1])])
    flagged = np.unique(np.searchsorted(starts, found, side="right") - 1)
    suspects = np.flatnonzero(np.isin(codes, flagged))
    problems = []
    for index in suspects:
        column, row, cell = frame.columns[index // len(frame)], int(frame.index[index % len(frame)]), cells[index]
        for code, pattern in PERSONAL_DATA.items():
            if found := pattern.search(cell):
                problems.append(messages.problem(code, label, row, column, value=mask(found.group(0))))
        if CODE_IN_TEXT.search(cell):
            problems.append(messages.problem("teks_kode", label, row, column))
    return problems


def _column_problems(spec: TableSpec, label: str, frame: pd.DataFrame) -> list[Problem]:
    """Columns missing or not declared, each named once at the header row."""
    expected = ", ".join(f.name for f in spec.fields if not f.column_optional)
    missing = [messages.problem("kolom_hilang", label, 1, f.name, expected=expected)
               for f in spec.fields if f.name not in frame.columns and not f.column_optional]
    unknown = [messages.problem("kolom_tak_dikenal", label, 1, name, expected=", ".join(spec.columns))
               for name in frame.columns if name not in spec.columns]
    return missing + unknown


def _duplicate_keys(spec: TableSpec, label: str, frame: pd.DataFrame) -> list[Problem]:
    """Every row whose key another row also has, each with its whole key and the other rows' lines."""
    key = list(spec.key)
    if not key or not set(key) <= set(frame.columns):
        return []
    duplicated = frame[key[0]].duplicated(keep=False) if len(key) == 1 else frame.duplicated(subset=key, keep=False)
    if not duplicated.any():
        return []
    repeated = frame.loc[duplicated, key]
    lines = {tuple(values): [int(row) for row in rows.index] for values, rows in repeated.groupby(key, sort=False)}
    problems = []
    for row, values in repeated.iterrows():
        others = [line for line in lines[tuple(values)] if line != int(row)]
        problems.append(messages.problem("kunci_ganda", label, int(row), key[-1], key=", ".join(f"{k}={v}" for k, v in values.items()),
                                         expected=_line_list(others)))
    return problems


def _line_list(lines: list[int]) -> str:
    """[4] -> '4'; [4, 9, 12] -> '4, 9 dan 12'."""
    shown = [str(line) for line in lines]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " dan " + shown[-1]


def canonical_choice(cells: pd.Series, choices: tuple[str, ...]) -> pd.Series:
    """'Ya', 'YA ' and 'ya' are the same answer: store the spelling the schema declares."""
    return cells.str.lower().map({c.lower(): c for c in choices}).fillna(cells)


def _blocks(spec: TableSpec, frame: pd.DataFrame) -> list[Block]:
    """The declared columns present in the table, one block per kind, in declaration order."""
    by_kind: dict[str, list[Field]] = {}
    for declared in spec.fields:
        if declared.name in frame.columns:
            by_kind.setdefault(declared.kind, []).append(declared)
    blocks = []
    for kind, fields in by_kind.items():
        cells = np.concatenate([frame[f.name].to_numpy(dtype=object) for f in fields])
        text = pd.Series(cells, dtype=str)
        # load strips every cell, so a blank cell is an empty one
        blocks.append(Block(tuple(fields), len(frame), text, cells == "", PARSERS[kind](text)))
    return blocks


def _typed(spec: TableSpec, frame: pd.DataFrame, blocks: list[Block]) -> pd.DataFrame:
    """The table with each column in its declared type; invalid and blank cells are empty."""
    columns = {}
    for block in blocks:
        for index, declared in enumerate(block.fields):
            cells = frame[declared.name]
            if declared.kind in ("teks", "kode"):
                columns[declared.name] = cells
            elif declared.kind == "pilihan":
                columns[declared.name] = canonical_choice(cells, declared.choices) if declared.choices else cells
            else:
                columns[declared.name] = pd.Series(block.parsed.array[block.field_cells(index)], index=frame.index, name=declared.name)
    absent = pd.Series(np.nan, index=frame.index, dtype=float)  # an optional column left out: every cell empty
    typed = pd.DataFrame({name: columns.get(name, absent) for name in spec.columns}, index=frame.index)
    if spec.year_from:
        source = typed[spec.year_from]
        typed["tahun"] = source.dt.year.astype("Int64") if spec.field(spec.year_from).kind == "tanggal" else source
    return typed


def check_table(spec: TableSpec, label: str, frame: pd.DataFrame, context: Context) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Every problem of one table, and the typed table when there is no error."""
    problems = scan_cells(label, frame) + _column_problems(spec, label, frame)
    blocks = _blocks(spec, frame)
    repeated: dict[str, dict] = {}  # column -> value -> its lines, once per column (a pasted-twice block repeats thousands)
    for block in blocks:
        cells = block.text.to_numpy(dtype=object)
        for code, failing in block_checks(block.fields):
            for index in np.flatnonzero(failing(block, context)):
                declared = block.fields[index // block.rows]
                row = int(frame.index[index % block.rows])
                extra = {}
                if code == "nilai_ganda":
                    if declared.name not in repeated:
                        column = frame[declared.name]
                        same = column[column.duplicated(keep=False)]
                        repeated[declared.name] = {value: [int(r) for r in rows.index] for value, rows in same.groupby(same, sort=False)}
                    extra = {"rows": _line_list([r for r in repeated[declared.name].get(cells[index], []) if r != row])}
                problems.append(messages.problem(code, label, row, declared.name, value=cells[index], **_limits(declared, context), **extra))
    problems += _duplicate_keys(spec, label, frame)
    if any(f.name not in frame.columns and not f.column_optional for f in spec.fields):
        return None, problems
    typed = _typed(spec, frame, blocks)
    problems += _rule_problems(spec, label, typed, problems, context)
    return (None if errors(problems) else typed), problems


def _rule_problems(spec: TableSpec, label: str, typed: pd.DataFrame, found: list[Problem], context: Context) -> list[Problem]:
    """Rules across the columns of a row, and the reporting year of a dated register. A row that
    already has an error gets no rule message: one mistake, one message."""
    already_wrong = {p.row for p in errors(found)}
    problems = []
    for rule in spec.row_rules:
        for row, column in rule.failures(typed).items():
            if row not in already_wrong:
                problems.append(messages.rule_problem(rule, label, int(row), column))
    if spec.year_from and spec.field(spec.year_from).kind != "tahun":
        outside = _holds(~typed["tahun"].between(context.first_year, context.last_year))
        for row in typed.index[outside]:
            problems.append(messages.problem("di_luar_renstra", label, int(row), spec.year_from,
                                             value=str(typed.at[row, "tahun"]), minimum=context.first_year, maximum=context.last_year))
    return problems
