"""The registers of a data root, declared in its `datapackage.yaml` (a Frictionless Data Package
descriptor, datapackage.org), turned into `TableSpec`s the validator and the pages use.

The descriptor is itself checked first: its shape against iku/schemas/datapackage.schema.yml,
then what JSON Schema cannot say (a type the portal does not read, a key or rule naming no
column, an `enum` no row could meet, a `tahun_dari` naming no field). Every mistake is reported
with the descriptor's line; when there is one, no register is checked (no cascade).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import re

import pandas as pd
import yaml

from iku import messages, syarat
from iku.load import RawData, normalise_header, sniff_delimiter
from iku.paket_kunci import check_keys
from iku.problems import Problem, Severity, errors
from iku.schema import PARSERS, TYPES, Field, RowRule, TableSpec
from iku.validate_yaml import check_yaml

DESCRIPTOR = "datapackage.yaml"
RESERVED = ("iku", "target")  # the portal's own tables
RULE_KINDS = ("wajib_bila", "terisi_hanya_bila", "tidak_sebelum", "paling_besar")
BOOLEAN_WORDS = (["ya", "benar", "true"], ["tidak", "salah", "false"])


def yaml_lines(text: str) -> dict[tuple, int]:
    """Line (1-based) of every entry of a YAML document, keyed by its path ("resources", 0, "name")."""
    lines: dict[tuple, int] = {}

    def walk(node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
                lines[(*path, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if root is not None:
        walk(root, ())
    return lines


class _Reporter:
    """Problems about the descriptor, each at the line of the entry it names."""

    def __init__(self, raw: RawData):
        self.label = raw.label(DESCRIPTOR)
        self.text = raw.files.get(DESCRIPTOR, b"").decode("utf-8", "replace")
        self.problems: list[Problem] = []
        self._lines: dict[tuple, int] | None = None

    def line(self, path: tuple) -> int | None:
        if self._lines is None:
            self._lines = yaml_lines(self.text)
        while path and path not in self._lines:
            path = path[:-1]
        return self._lines.get(path)

    def add(self, code: str, path: tuple, where: str, **details) -> None:
        self.problems.append(messages.problem(code, self.label, self.line(path), where, **details))


def _listed(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _field(raw_field: dict, resource: str, path: tuple, report: _Reporter) -> Field | None:
    name, declared = raw_field["name"], raw_field["type"]
    where = f"{resource}.{name}"
    if declared not in TYPES:
        report.add("paket_tipe", (*path, "type"), where, value=declared, expected=", ".join(TYPES))
        return None
    constraints = raw_field.get("constraints") or {}
    kind = TYPES[declared]
    choices = tuple(str(c) for c in constraints.get("enum") or ())
    if declared == "boolean":
        choices = tuple(raw_field.get("trueValues", BOOLEAN_WORDS[0]) + raw_field.get("falseValues", BOOLEAN_WORDS[1]))
    elif choices and declared == "string":
        kind = "pilihan"
    spec = Field(name, kind, raw_field.get("description", ""), required=bool(constraints.get("required", False)),
                 choices=choices, minimum=constraints.get("minimum"), maximum=constraints.get("maximum"),
                 title=raw_field.get("title", ""), pattern=constraints.get("pattern"),
                 unique=bool(constraints.get("unique", False)), type=declared,
                 true_values=tuple(raw_field.get("trueValues", BOOLEAN_WORDS[0])) if declared == "boolean" else (),
                 future_ok=bool(raw_field.get("boleh_masa_depan", False)))
    if spec.future_ok and declared != "date":
        report.add("paket_masa_depan", (*path, "boleh_masa_depan"), where, expected=declared)
    if "enum" in constraints and not _satisfiable(spec, constraints["enum"]):
        report.add("paket_enum", (*path, "constraints", "enum"), where, value=", ".join(map(str, constraints["enum"])) or "kosong",
                   expected=declared)
    return spec


def _satisfiable(spec: Field, enum: list) -> bool:
    """Whether at least one enum value is a valid cell of this field."""
    values = pd.Series([str(v) for v in enum], dtype=str)
    if values.empty:
        return False
    parsed = PARSERS[spec.kind](values) if spec.kind not in ("pilihan", "teks") else values
    fine = parsed.notna()
    if spec.minimum is not None:
        fine &= ~(pd.to_numeric(parsed, errors="coerce") < spec.minimum).fillna(False)
    if spec.maximum is not None:
        fine &= ~(pd.to_numeric(parsed, errors="coerce") > spec.maximum).fillna(False)
    if spec.pattern:
        fine &= values.map(lambda v: re.fullmatch(spec.pattern, v) is not None)
    return bool(fine.any())


def _rule(raw_rule: dict, resource: str, columns: set[str], fields: dict[str, Field], path: tuple, report: _Reporter) -> RowRule | None:
    kind = raw_rule["jenis"]
    where = f"{resource}.aturan_baris"
    if kind not in RULE_KINDS:
        report.add("paket_aturan", (*path, "jenis"), where, detail=f"jenis '{kind}' tidak dikenal", expected=", ".join(RULE_KINDS))
        return None
    named = _listed(raw_rule["kolom"])
    condition = None
    if raw_rule.get("syarat"):
        try:
            condition = syarat.parse(raw_rule["syarat"])
        except syarat.ConditionError as exc:
            report.add("paket_aturan", (*path, "syarat"), where, detail=str(exc), expected=", ".join(RULE_KINDS))
            return None
        named += condition.columns
    if kind == "tidak_sebelum":
        named.append(raw_rule.get("acuan", ""))
    limit = raw_rule.get("batas")
    if kind == "paling_besar":
        if limit is None:
            report.add("paket_aturan", (*path, "batas"), where, detail="aturan paling_besar memerlukan 'batas'", expected=", ".join(RULE_KINDS))
            return None
        if isinstance(limit, str):
            named.append(limit)
    if kind in ("wajib_bila", "terisi_hanya_bila") and condition is None:
        report.add("paket_aturan", (*path, "syarat"), where, detail=f"aturan {kind} memerlukan 'syarat'", expected=", ".join(RULE_KINDS))
        return None
    unknown = [c for c in named if c not in columns]
    for column in unknown:
        report.add("paket_kolom", path, where, value=column, expected=", ".join(sorted(columns)))
    if unknown:
        return None
    if condition is not None:
        condition, mismatches = syarat.declared(condition, fields)
        for mismatch in mismatches:
            report.add("syarat_tidak_cocok", (*path, "syarat"), where, detail=mismatch)
        if mismatches:
            return None
    severity = Severity(raw_rule.get("tingkat", "galat"))
    return RowRule(kind, raw_rule.get("kode") or f"aturan_{kind}", tuple(_listed(raw_rule["kolom"])), condition,
                   raw_rule.get("acuan"), limit, severity, raw_rule.get("judul", ""), raw_rule.get("pesan", ""),
                   report.line((*path, "syarat")) if condition is not None else None)


def _resource(raw_resource: dict, index: int, report: _Reporter) -> TableSpec | None:
    name = raw_resource["name"]
    path = ("resources", index)
    before = len(report.problems)
    fields = []
    for n, raw_field in enumerate(raw_resource["schema"]["fields"]):
        spec = _field(raw_field, name, (*path, "schema", "fields", n), report)
        if spec:
            fields.append(spec)
    names = [f["name"] for f in raw_resource["schema"]["fields"]]
    for n, column in enumerate(names):
        if column in names[:n]:
            report.add("paket_ganda", (*path, "schema", "fields", n), f"{name}.{column}", value=column)
    columns = set(names)
    by_name = {f.name: f for f in fields}
    key = _listed(raw_resource["schema"].get("primaryKey"))
    for column in key:
        if column not in columns:
            report.add("paket_kolom", (*path, "schema", "primaryKey"), f"{name}.primaryKey", value=column, expected=", ".join(names))
    year_from = raw_resource.get("tahun_dari")
    if year_from is None or year_from not in columns or (year_from in by_name and by_name[year_from].kind not in ("tanggal", "tahun", "bilangan_bulat")):
        report.add("paket_tahun_dari", (*path, "tahun_dari"), f"{name}.tahun_dari", value=year_from or "",
                   expected=", ".join(f.name for f in fields if f.kind in ("tanggal", "tahun", "bilangan_bulat")) or "tidak ada")
    rules = [_rule(r, name, columns, by_name, (*path, "aturan_baris", n), report) for n, r in enumerate(raw_resource.get("aturan_baris") or [])]
    if len(report.problems) > before:
        return None
    return TableSpec(name, raw_resource["path"], raw_resource["title"], tuple(fields), tuple(key),
                     tuple(r for r in rules if r), year_from, raw_resource.get("description", ""))


def _foreign_keys(raw_resources: list[dict], specs: dict[str, TableSpec], report: _Reporter) -> None:
    """Turn `foreignKeys` into allowed values taken from the other register (checked like target.csv's kode)."""
    for index, raw_resource in enumerate(raw_resources):
        spec = specs.get(raw_resource["name"])
        for n, foreign in enumerate(raw_resource["schema"].get("foreignKeys") or []):
            path = ("resources", index, "schema", "foreignKeys", n)
            target, column = foreign["reference"]["resource"], foreign["reference"]["fields"]
            where = f"{raw_resource['name']}.foreignKeys"
            if target not in specs or column not in specs[target].columns:
                report.add("paket_acuan", path, where, value=f"{target}.{column}", expected=", ".join(specs))
            elif spec is not None and foreign["fields"] in spec.columns:
                fields = tuple(f if f.name != foreign["fields"] else Field(**{**f.__dict__, "kind": "pilihan", "references": (target, column)})
                               for f in spec.fields)
                specs[spec.name] = TableSpec(**{**spec.__dict__, "fields": fields})
            else:
                report.add("paket_kolom", path, where, value=foreign["fields"], expected=", ".join(spec.columns if spec else ()))


def registers_from(raw: RawData) -> tuple[dict[str, TableSpec] | None, list[Problem]]:
    """The registers declared in the data root's descriptor, or None with the problems found."""
    report = _Reporter(raw)
    if DESCRIPTOR not in raw.files:
        return None, [messages.problem("berkas_tidak_ada", report.label, None, None)]
    if not raw.paket:
        return None, []  # unreadable: load already reported it
    check_keys(raw.paket, report.add)
    shape = check_yaml(report.label, raw.paket, "datapackage")
    if shape:
        for problem in shape:
            path = tuple(int(p) if p.isdigit() else p for p in (problem.column or "").split(".") if p)
            report.problems.append(Problem(problem.file, report.line(path), problem.column, problem.code, problem.message, problem.severity))
        return None, report.problems
    resources = raw.paket["resources"]
    names = [r["name"] for r in resources]
    for index, name in enumerate(names):
        if name in names[:index] or name in RESERVED:
            report.add("paket_ganda", ("resources", index, "name"), f"{name}.name", value=name)
    specs = {}
    for index, raw_resource in enumerate(resources):
        spec = _resource(raw_resource, index, report)
        if spec:
            specs[spec.name] = spec
    _foreign_keys(resources, specs, report)
    if errors(report.problems):
        return None, report.problems
    return specs, report.problems



# --- the published descriptor: every table's declaration as Table Schema --------------------

CUSTOM_RULE_KEYS = {"kind": "jenis", "code": "kode", "reference": "acuan", "limit": "batas", "title": "judul", "message": "pesan"}


def table_schema(spec: TableSpec) -> dict:
    """A TableSpec as a Frictionless Table Schema (what datapackage.json publishes)."""
    fields = []
    for f in spec.fields:
        constraints = {"required": f.required} if f.required else {}
        if f.choices and f.table_type == "string":
            constraints["enum"] = list(f.choices)
        for name in ("minimum", "maximum", "pattern"):
            if getattr(f, name) is not None:
                constraints[name] = getattr(f, name)
        if f.kind == "kode":
            constraints["pattern"] = "[A-Za-z0-9][A-Za-z0-9._-]{0,30}"
        if f.unique:
            constraints["unique"] = True
        declared = {"name": f.name, "type": f.table_type, "title": f.title or f.name, "description": f.description}
        if f.table_type == "boolean":
            declared.update(trueValues=list(f.true_values), falseValues=[c for c in f.choices if c not in f.true_values])
        if f.future_ok:
            declared["boleh_masa_depan"] = True
        fields.append({**declared, **({"constraints": constraints} if constraints else {})})
    schema: dict = {"fields": fields, "missingValues": [""]}
    if spec.key:
        schema["primaryKey"] = list(spec.key)
    foreign = [{"fields": f.name, "reference": {"resource": f.references[0], "fields": f.references[1]}}
               for f in spec.fields if f.references and f.references[0] != "datapackage"]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def resource(spec: TableSpec, content: bytes) -> dict:
    """One CSV file of the data root as a published resource, with its size and SHA-256."""
    spec = _as_written(spec, content)
    described = {"name": spec.name, "path": spec.path, "title": spec.title}
    if spec.description:
        described["description"] = spec.description
    described.update(file_facts(content), format="csv", mediatype="text/csv", encoding="utf-8", schema=table_schema(spec))
    if spec.year_from:
        described["tahun_dari"] = spec.year_from
    if spec.row_rules:
        described["aturan_baris"] = [rule_as_data(rule) for rule in spec.row_rules]
    return described


def _as_written(spec: TableSpec, content: bytes) -> TableSpec:
    """The declaration without the optional columns the file leaves out (and the rules on them),
    so the published schema describes the file as it is."""
    optional = {f.name for f in spec.fields if f.column_optional}
    if not optional:
        return spec
    first = content.decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    header = next(csv.reader([first], delimiter=sniff_delimiter(first)), [])
    absent = optional - {normalise_header(name) for name in header}
    return dataclasses.replace(spec, fields=tuple(f for f in spec.fields if f.name not in absent),
                               row_rules=tuple(r for r in spec.row_rules if not _rule_columns(r) & absent))


def _rule_columns(rule: RowRule) -> set[str]:
    return {*rule.columns, *(v for v in (rule.reference, rule.limit) if isinstance(v, str))}


def rule_as_data(rule: RowRule) -> dict:
    written = {"jenis": rule.kind, "kode": rule.code, "kolom": list(rule.columns) if len(rule.columns) > 1 else rule.column}
    if rule.condition:
        written["syarat"] = rule.condition.written()
    for name in ("reference", "limit", "title", "message"):
        if getattr(rule, name) not in (None, ""):
            written[CUSTOM_RULE_KEYS[name]] = getattr(rule, name)
    written["tingkat"] = rule.severity.value
    return written


def file_facts(content: bytes) -> dict:
    return {"bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}
