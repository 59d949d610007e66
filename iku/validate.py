"""Stage 2, validate: check the loaded text against the declarations in `iku.schema`, then
convert it to typed tables. pandera runs the checks (lazily, so every mistake is reported at
once); this module only turns the declarations into pandera checks and pandera's failure
cases into `Problem`s with the CSV line and column a staff member can find.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from iku import messages
from iku import syarat
from iku.formulas import FORMULAS, parse_parameters, register_columns_named
from iku.load import RawData
from iku.markdown_data import unsafe_links
from iku.problems import Problem, errors
from iku.paket import registers_from
from iku.schema import IKU, NUMBER_KINDS, PARSERS, TARGET, Field, TableSpec
from iku.validate_yaml import check_decrees, check_scales, check_yaml

@dataclass
class Context:
    """Facts from other files (and the calendar) that a table's checks depend on."""

    first_year: int
    last_year: int
    today: dt.date = field(default_factory=dt.date.today)
    allowed: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


# A cell a spreadsheet would run as a formula when someone opens a downloaded CSV.
# A lone "-" (meaning "none", as the decree writes it) is plain text and allowed.
_FORMULA_START = r"^(?:[=+@]|-.)"
PERSONAL_DATA = {
    "data_pribadi_nik": re.compile(r"(?<!\d)\d{16}(?!\d)"),
    "data_pribadi_telepon": re.compile(r"(?<![\d+])(?:\+62|62|0)[\s.-]?8\d{2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}(?!\d)"),
    "data_pribadi_email": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
}
CODE_IN_TEXT = re.compile(r"<\s*[a-zA-Z/!]|\{\{|\{%|\{#")


@dataclass
class ValidData:
    """Typed tables; exists only when there was no error."""

    raw: RawData
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    registers: dict[str, TableSpec]  # as declared in the data root's datapackage.yaml


def _blank(cells: pd.Series) -> pd.Series:
    return cells.str.strip() == ""


def _checks_for(spec_field: Field, context: Context, parsed: pd.Series) -> list[pa.Check]:
    """pandera checks for one column. `parsed` is the column already parsed once (NA where
    the text is not a valid value), so range checks do not parse the text again."""
    checks: list[pa.Check] = []
    if spec_field.required:
        checks.append(pa.Check(lambda s: ~_blank(s), name="wajib_isi"))
    if spec_field.kind == "teks":
        checks.append(pa.Check(lambda s: ~s.str.match(_FORMULA_START), name="awalan_rumus"))
    if spec_field.kind not in ("teks", "pilihan"):
        checks.append(pa.Check(lambda s: _blank(s) | parsed.notna(), name=f"tipe_{spec_field.kind}"))

    def never(condition: pd.Series) -> pd.Series:
        return ~condition.fillna(False).astype(bool)

    if spec_field.kind == "tanggal":
        today = pd.Timestamp(context.today)
        checks.append(pa.Check(lambda s: never(parsed > today), name="tanggal_masa_depan"))
    if spec_field.kind == "tahun":
        first, last = context.first_year, context.last_year
        checks.append(pa.Check(lambda s: never((parsed < first) | (parsed > last)), name="di_luar_renstra"))
    low, high = spec_field.minimum, spec_field.maximum
    if low is not None:
        checks.append(pa.Check(lambda s: never(parsed < low), name="di_bawah_minimum"))
    if high is not None:
        checks.append(pa.Check(lambda s: never(parsed > high), name="di_atas_maksimum"))
    if spec_field.pattern:
        pattern = re.compile(spec_field.pattern)
        checks.append(pa.Check(lambda s: _blank(s) | s.map(lambda v: pattern.fullmatch(v) is not None), name="tidak_sesuai_pola"))
    if spec_field.unique:
        checks.append(pa.Check(lambda s: _blank(s) | ~s.duplicated(keep=False), name="nilai_ganda"))
    choices = _choices(spec_field, context)
    if spec_field.kind == "pilihan" and choices is not None:
        allowed = [c.lower() for c in choices]
        checks.append(pa.Check(lambda s: _blank(s) | s.str.lower().isin(allowed), name="bukan_pilihan"))
    return checks


def _choices(spec_field: Field, context: Context) -> tuple[str, ...] | None:
    """Allowed values; None when they come from a file that is itself invalid (no cascade)."""
    if spec_field.choices:
        return spec_field.choices
    return context.allowed.get(spec_field.references) if spec_field.references else None


def canonical_choice(cells: pd.Series, choices: tuple[str, ...]) -> pd.Series:
    """'Ya', 'YA ' and 'ya' are the same answer: store the spelling the schema declares."""
    return cells.str.lower().map({c.lower(): c for c in choices}).fillna(cells)


def parse_columns(spec: TableSpec, frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {f.name: PARSERS[f.kind](frame[f.name]) for f in spec.fields if f.name in frame.columns}


def to_pandera(spec: TableSpec, context: Context, parsed: dict[str, pd.Series]) -> pa.DataFrameSchema:
    empty = pd.Series(dtype=object)
    return pa.DataFrameSchema(
        {f.name: pa.Column(str, checks=_checks_for(f, context, parsed.get(f.name, empty)), nullable=False) for f in spec.fields},
        strict=True,
        unique=list(spec.key) or None,
        report_duplicates="all",
        name=spec.path,
    )


def _field_limits(spec: TableSpec, column: str, context: Context) -> dict:
    f = spec.field(column)
    if f.kind == "tahun":
        return {"minimum": context.first_year, "maximum": context.last_year}
    return {"minimum": f.minimum, "maximum": f.maximum, "choices": ", ".join(_choices(f, context) or ()), "expected": f.pattern}


def failure_problems(spec: TableSpec, label: str, frame: pd.DataFrame, error: SchemaErrors, context: Context) -> list[Problem]:
    problems = []
    cases = error.failure_cases
    for case in cases.itertuples(index=False):
        check = str(case.check)
        value = "" if case.failure_case is None else str(case.failure_case)
        if check == "column_in_dataframe":
            problems.append(messages.problem("kolom_hilang", label, 1, value, expected=", ".join(spec.columns)))
        elif check == "column_in_schema":
            problems.append(messages.problem("kolom_tak_dikenal", label, 1, value, expected=", ".join(spec.columns)))
        elif check in ("field_uniqueness", "multiple_fields_uniqueness"):
            continue  # reported below, once per row, with the whole key
        elif case.index is not None and not pd.isna(case.index):
            row = int(case.index)
            column = str(case.column)
            problems.append(messages.problem(check, label, row, column, value=value, **_field_limits(spec, column, context)))
    key_present = set(spec.key) <= set(frame.columns)
    if key_present and any(str(c) in ("field_uniqueness", "multiple_fields_uniqueness") for c in cases["check"]):
        duplicated = frame.duplicated(subset=list(spec.key), keep=False)
        for row, values in frame.loc[duplicated, list(spec.key)].iterrows():
            key_text = ", ".join(f"{k}={v}" for k, v in values.items())
            problems.append(messages.problem("kunci_ganda", label, int(row), spec.key[-1], key=key_text))
    return problems


def mask(text: str) -> str:
    """Enough of a value to find it in the file, not enough to disclose it."""
    return text[:2] + "•" * max(len(text) - 4, 3) + text[-2:] if len(text) > 4 else "•" * len(text)


def scan_cells(label: str, frame: pd.DataFrame) -> list[Problem]:
    """Rules for every cell of every column: no personal data; code-like text is flagged."""
    problems = []
    for column in frame.columns:
        cells = frame[column]
        for code, pattern in PERSONAL_DATA.items():
            for row, cell in cells[cells.str.contains(pattern)].items():
                problems.append(messages.problem(code, label, int(row), column, value=mask(pattern.search(cell).group(0))))
        for row in cells.index[cells.str.contains(CODE_IN_TEXT)]:
            problems.append(messages.problem("teks_kode", label, int(row), column))
    return problems


def convert(spec: TableSpec, frame: pd.DataFrame, parsed: dict[str, pd.Series]) -> pd.DataFrame:
    typed = pd.DataFrame(index=frame.index)
    for f in spec.fields:
        cells = frame[f.name]
        if f.kind in ("teks", "kode"):
            typed[f.name] = cells
        elif f.kind == "pilihan":
            typed[f.name] = canonical_choice(cells, f.choices) if f.choices else cells
        else:
            typed[f.name] = parsed[f.name].where(~_blank(cells), None)
    if spec.year_from:
        source = typed[spec.year_from]
        typed["tahun"] = source.dt.year.astype("Int64") if spec.field(spec.year_from).kind == "tanggal" else source
    return typed


# A table's verdict depends only on its own bytes and the context. Rebuilding many versions of
# the data (the Riwayat page walks every commit) re-checks only the files that changed.
_table_memo: dict[tuple, tuple[pd.DataFrame | None, list[Problem]]] = {}
_TABLE_MEMO_SIZE = 64


def _checked_table(spec: TableSpec, raw: RawData, context: Context) -> tuple[pd.DataFrame | None, list[Problem]]:
    content = raw.files.get(spec.path, b"")
    key = (spec, raw.label(spec.path), hashlib.sha256(content).digest(), context.first_year, context.last_year,
           context.today, tuple(sorted(context.allowed.items())))
    if key not in _table_memo:
        if len(_table_memo) >= _TABLE_MEMO_SIZE:
            _table_memo.pop(next(iter(_table_memo)))
        _table_memo[key] = _check_table(spec, raw, context)
    typed, problems = _table_memo[key]
    return typed, list(problems)


def _check_table(spec: TableSpec, raw: RawData, context: Context) -> tuple[pd.DataFrame | None, list[Problem]]:
    frame = raw.tables[spec.name]
    label = raw.label(spec.path)
    problems = scan_cells(label, frame)
    parsed = parse_columns(spec, frame)
    try:
        to_pandera(spec, context, parsed).validate(frame, lazy=True)
    except SchemaErrors as error:
        problems += failure_problems(spec, label, frame, error, context)
    if set(spec.columns) - set(frame.columns):
        return None, problems
    # Invalid cells convert to empty, so the row rules below still report their own findings.
    typed = convert(spec, frame, parsed)
    already_wrong = {p.row for p in errors(problems)}  # one mistake, one message: no rule on a broken row
    for rule in spec.row_rules:
        for row, column in rule.failures(typed).items():
            if row not in already_wrong:
                problems.append(messages.rule_problem(rule, label, int(row), column))
    if spec.year_from and spec.field(spec.year_from).kind != "tahun":
        outside = ~typed["tahun"].between(context.first_year, context.last_year)
        for row in typed.index[outside.fillna(False).astype(bool)]:
            problems.append(messages.problem("di_luar_renstra", label, int(row), spec.year_from,
                                             value=str(typed.at[row, "tahun"]), minimum=context.first_year, maximum=context.last_year))
    return (None if errors(problems) else typed), problems


def _check_instansi(raw: RawData) -> tuple[Context | None, list[Problem]]:
    if not raw.instansi:
        return None, []
    problems = check_yaml(raw.label("instansi.yml"), raw.instansi, "instansi")
    if problems:
        return None, problems
    period = raw.instansi["periode_renstra"]
    return Context(int(period["awal"]), int(period["akhir"])), []


def _check_decree_links(raw: RawData) -> list[Problem]:
    """Links in decree bodies other than https, http, mailto or relative: reported at their line."""
    problems = []
    for decree in raw.decrees:
        for line, url, scheme in unsafe_links(decree.body):
            problems.append(messages.problem("tautan_tidak_aman", decree.path, decree.body_line + line, None, value=url, expected=scheme))
    return problems


def _check_iku_parameters(iku: pd.DataFrame, raw: RawData, registers: dict[str, TableSpec]) -> list[Problem]:
    label = raw.label(IKU.path)
    problems = []
    for row, record in iku.iterrows():
        formula = FORMULAS[record["jenis_rumus"]]
        try:
            params = parse_parameters(record["parameter"])
        except ValueError as exc:
            problems.append(messages.problem("parameter_rusak", label, int(row), "parameter", value=str(exc)))
            continue
        for name in formula.parameters:
            if not params.get(name):
                problems.append(messages.problem("parameter_hilang", label, int(row), "parameter", value=name, expected=formula.name))
        register = registers[record["register"]]
        try:
            named = register_columns_named(formula, params)
        except syarat.ConditionError as exc:
            problems.append(messages.problem("parameter_syarat", label, int(row), "parameter", detail=str(exc)))
            named = []
        for column, must_be_number in named:
            if column not in register.columns:
                problems.append(messages.problem("parameter_kolom", label, int(row), "parameter", value=column,
                                                 expected=", ".join(sorted(register.columns))))
            elif must_be_number and register.field(column).kind not in NUMBER_KINDS:
                problems.append(messages.problem("parameter_bukan_angka", label, int(row), "parameter", value=column,
                                                 expected=", ".join(f.name for f in register.fields if f.kind in NUMBER_KINDS) or "tidak ada"))
        if "skala" in params and params["skala"] not in raw.skala:
            problems.append(messages.problem("parameter_skala", label, int(row), "parameter", value=params["skala"], expected=", ".join(raw.skala)))
        if register.path not in raw.files:
            problems.append(messages.problem("register_tidak_ada", label, int(row), "register", value=register.path))
    objective_code = raw.instansi.get("indikator_tujuan", {}).get("sama_dengan_iku")
    if objective_code and objective_code not in set(iku["kode"]):
        problems.append(messages.problem("bukan_pilihan", raw.label("instansi.yml"), None, "indikator_tujuan.sama_dengan_iku",
                                         value=objective_code, choices=", ".join(iku["kode"])))
    return problems


def _check_register_years_have_targets(tables: dict[str, pd.DataFrame], raw: RawData, registers: dict[str, TableSpec]) -> list[Problem]:
    problems = []
    targets = tables[TARGET.name]
    for _, indicator in tables[IKU.name].iterrows():
        spec = registers[indicator["register"]]
        if spec.name not in tables:
            continue
        register = tables[spec.name]
        with_target = set(targets.loc[targets["kode"] == indicator["kode"], "tahun"])
        for year, rows in register.groupby("tahun"):
            if year not in with_target:
                problems.append(messages.problem("realisasi_tanpa_target", raw.label(spec.path), int(rows.index[0]),
                                                 spec.year_from, value=int(year), expected=indicator["kode"]))
    return problems


def _in_reference_order(registers: dict[str, TableSpec]) -> list[TableSpec]:
    """Registers another one refers to (foreignKeys) are checked first, so their values are known."""
    refers = {name: any(f.references for f in spec.fields) for name, spec in registers.items()}
    return sorted(registers.values(), key=lambda spec: refers[spec.name])


def validate(raw: RawData) -> ValidData | None:
    """Check everything; return typed tables, or None when there is any error. Problems are
    collected in `raw.problems` either way, so callers always see the complete list."""
    problems = list(raw.problems)
    context, instansi_problems = _check_instansi(raw)
    problems += instansi_problems + check_decrees(raw) + _check_decree_links(raw)
    if raw.terjemahan:
        problems += check_yaml(raw.label("terjemahan.yml"), raw.terjemahan, "terjemahan")
    if raw.skala:
        problems += check_scales(raw)
    registers, descriptor_problems = registers_from(raw)
    problems += descriptor_problems
    for required in (IKU, TARGET):
        if f"{required.path}" not in raw.files:
            problems.append(messages.problem("berkas_tidak_ada", raw.label(required.path), None, None))
    if context is None or registers is None or IKU.name not in raw.tables:
        raw.problems = problems
        return None

    context.allowed[("datapackage", "resources")] = tuple(registers)
    tables: dict[str, pd.DataFrame] = {}
    for spec in (IKU, TARGET, *_in_reference_order(registers)):
        if spec.name not in raw.tables:
            continue
        if spec is TARGET and IKU.name in tables:
            context.allowed[("iku", "kode")] = tuple(tables[IKU.name]["kode"])
        for f in spec.fields:
            if f.references and f.references[0] in tables:
                context.allowed[f.references] = tuple(tables[f.references[0]][f.references[1]].astype(str))
        typed, table_problems = _checked_table(spec, raw, context)
        problems += table_problems
        if typed is not None:
            tables[spec.name] = typed
    if IKU.name in tables:
        problems += _check_iku_parameters(tables[IKU.name], raw, registers)
        if TARGET.name in tables:
            problems += _check_register_years_have_targets(tables, raw, registers)

    raw.problems = problems
    if errors(problems):
        return None
    return ValidData(raw, tables, problems, registers)
