"""Stage 2, validate: check the loaded text against the declarations in `iku.schema` and the
data root's datapackage.yaml, then convert it to typed tables. Each table is checked on its own
(`iku.table_checks`); this module adds what spans files: the Renstra period from instansi.yml,
values that must exist in another table, the IKU formulas' parameters, and targets for every
year a register reports. Every mistake is collected, so a staff member sees all of them at once.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass

import pandas as pd

from iku import messages
from iku import syarat
from iku.formulas import FORMULAS, parse_parameters, register_columns_named
from iku.parameters import conditions, known_parameters
from iku.load import RawData
from iku.lkjip import periksa as lkjip_checks
from iku.markdown_data import unsafe_links
from iku.paket import DESCRIPTOR, registers_from
from iku.problems import Problem, errors
from iku.schema import IKU, NUMBER_KINDS, TARGET, TableSpec
from iku.table_checks import Context, check_table
from iku.validate_yaml import check_decrees, check_scales, check_yaml


@dataclass
class ValidData:
    """Typed tables; exists only when there was no error."""

    raw: RawData
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    registers: dict[str, TableSpec]  # as declared in the data root's datapackage.yaml


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
        _table_memo[key] = check_table(spec, raw.label(spec.path), raw.tables[spec.name], context)
    typed, problems = _table_memo[key]
    return typed, list(problems)


def forget() -> None:
    """Empty the memos (iku.portal.forget)."""
    _table_memo.clear()
    _declarations_memo.clear()


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


def _check_iku_parameters(tables: dict[str, pd.DataFrame], raw: RawData, registers: dict[str, TableSpec]) -> list[Problem]:
    label = raw.label(IKU.path)
    problems = []
    for row, record in tables[IKU.name].iterrows():
        formula = FORMULAS[record["jenis_rumus"]]
        try:
            params = parse_parameters(record["parameter"])
        except ValueError as exc:
            problems.append(messages.problem("parameter_rusak", label, int(row), "parameter", value=str(exc)))
            continue
        for name in formula.parameters:
            if not params.get(name):
                problems.append(messages.problem("parameter_hilang", label, int(row), "parameter", value=name, expected=formula.name))
        known = known_parameters(formula)
        for name in params:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                problems.append(messages.problem("parameter_tak_dikenal", label, int(row), "parameter", value=name, expected=formula.name,
                                                 detail=f" (maksudnya '{close[0]}'?)" if close else "", choices=", ".join(known) or "tidak ada"))
        register = registers[record["register"]]
        try:
            named = register_columns_named(formula, params)
            problems += _check_conditions(conditions(formula, params), register, tables, label, int(row))
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
    if objective_code and objective_code not in set(tables[IKU.name]["kode"]):
        problems.append(messages.problem("bukan_pilihan", raw.label("instansi.yml"), None, "indikator_tujuan.sama_dengan_iku",
                                         value=objective_code, choices=", ".join(tables[IKU.name]["kode"])))
    return problems


def _check_conditions(found: dict[str, syarat.Condition], register: TableSpec, tables: dict[str, pd.DataFrame], label: str, row: int) -> list[Problem]:
    """An IKU's conditions against the register's declaration (values its columns can hold, those
    of the registers its foreignKeys point to included), and against its rows: a condition no
    row of any year meets is a warning (its figure is 0 %)."""
    fields = {f.name: f for f in register.fields}
    used = {column for condition in found.values() for column in condition.columns}
    referenced = {f.references: tuple(tables[f.references[0]][f.references[1]].dropna().astype(str))
                  for f in register.fields if f.name in used and f.references and f.references[0] in tables}
    rows = tables.get(register.name)
    problems = []
    for condition in found.values():
        if not set(condition.columns) <= set(fields):
            continue  # parameter_kolom names it
        condition, mismatches = syarat.declared(condition, fields, referenced)
        problems += [messages.problem("syarat_tidak_cocok", label, row, "parameter", detail=m) for m in mismatches]
        if not mismatches and rows is not None and len(rows) and not condition.holds(rows).any():
            problems.append(messages.problem("syarat_tak_terpenuhi", label, row, "parameter", detail=condition.written(), expected=register.name,
                                             result="IKU ini bernilai 0 atau kosong setiap tahun"))
    return problems


def _check_row_rule_conditions(tables: dict[str, pd.DataFrame], raw: RawData, registers: dict[str, TableSpec]) -> list[Problem]:
    """A row rule whose condition no row meets never applies: a warning at its line in datapackage.yaml."""
    problems = []
    for spec in registers.values():
        rows = tables.get(spec.name)
        for rule in spec.row_rules:
            if rule.condition is not None and rows is not None and len(rows) and not rule.condition.holds(rows).any():
                problems.append(messages.problem("syarat_tak_terpenuhi", raw.label(DESCRIPTOR), rule.line, f"{spec.name}.aturan_baris",
                                                 detail=rule.condition.written(), expected=spec.name, result="aturan ini tidak pernah berlaku"))
    return problems


def _check_register_years_have_targets(tables: dict[str, pd.DataFrame], raw: RawData, registers: dict[str, TableSpec]) -> list[Problem]:
    """Each year a register reports needs a target for every IKU computed from it; the first
    row of such a year is named."""
    targets = tables[TARGET.name]
    years_with_target = {code: set(years) for code, years in targets.groupby("kode")["tahun"]}
    first_row_of_year: dict[str, dict[int, int]] = {}
    problems = []
    for code, register in zip(tables[IKU.name]["kode"], tables[IKU.name]["register"]):
        spec = registers[register]
        if spec.name not in tables:
            continue
        if spec.name not in first_row_of_year:
            years = tables[spec.name]["tahun"].dropna().drop_duplicates()
            first_row_of_year[spec.name] = {int(year): int(row) for row, year in years.items()}
        for year, row in sorted(first_row_of_year[spec.name].items()):
            if year not in years_with_target.get(code, ()):
                problems.append(messages.problem("realisasi_tanpa_target", raw.label(spec.path), row,
                                                 spec.year_from, value=year, expected=code))
    return problems


def _in_reference_order(registers: dict[str, TableSpec]) -> list[TableSpec]:
    """Registers another one refers to (foreignKeys) are checked first, so their values are known."""
    refers = {name: any(f.references for f in spec.fields) for name, spec in registers.items()}
    return sorted(registers.values(), key=lambda spec: refers[spec.name])


@dataclass(frozen=True)
class Declarations:
    """What the data root declares outside its CSV tables, checked."""

    renstra: tuple[int, int] | None  # first and last year, from instansi.yml
    registers: dict[str, TableSpec] | None  # from datapackage.yaml
    problems: tuple[Problem, ...]


# The YAML files and decrees rarely change between the commits of a history: check each
# version of them once (JSON Schema validation is the costly part).
_declarations_memo: dict[tuple, Declarations] = {}


def _declarations(raw: RawData) -> Declarations:
    key = (raw.label("instansi.yml"), tuple((path, content) for path, content in raw.files.items() if not path.endswith(".csv")))
    if key not in _declarations_memo:
        if len(_declarations_memo) >= _TABLE_MEMO_SIZE:
            _declarations_memo.pop(next(iter(_declarations_memo)))
        context, problems = _check_instansi(raw)
        problems += check_decrees(raw) + _check_decree_links(raw)
        if raw.terjemahan:
            problems += check_yaml(raw.label("terjemahan.yml"), raw.terjemahan, "terjemahan")
        if raw.skala:
            problems += check_scales(raw)
        registers, descriptor_problems = registers_from(raw)
        renstra = (context.first_year, context.last_year) if context else None
        _declarations_memo[key] = Declarations(renstra, registers, tuple(problems + descriptor_problems))
    return _declarations_memo[key]


def validate(raw: RawData) -> ValidData | None:
    """Check everything; return typed tables, or None when there is any error. Problems are
    collected in `raw.problems` either way, so callers always see the complete list."""
    declared = _declarations(raw)
    problems = list(raw.problems) + list(declared.problems)
    registers = dict(declared.registers) if declared.registers is not None else None
    for required in (IKU, TARGET):
        if f"{required.path}" not in raw.files:
            problems.append(messages.problem("berkas_tidak_ada", raw.label(required.path), None, None))
    if declared.renstra is None or registers is None or IKU.name not in raw.tables:
        raw.problems = problems
        return None

    context = Context(*declared.renstra)
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
        problems += _check_iku_parameters(tables, raw, registers)
        if TARGET.name in tables:
            problems += _check_register_years_have_targets(tables, raw, registers)
        problems += lkjip_checks.check(raw, tables, registers, declared.renstra)

    problems += _check_row_rule_conditions(tables, raw, registers)
    raw.problems = problems
    if errors(problems):
        return None
    return ValidData(raw, tables, problems, registers)
