"""What `iku periksa` checks for the LKjIP: the national standard columns of iku.csv, the
analysis files (analisis/<tahun>.md) and the budget register declaration. Called by
`iku.validate` with the tables it has typed; returns problems, never raises."""

from __future__ import annotations

import pandas as pd

from iku import messages
from iku.lkjip import analisis, anggaran
from iku.load import RawData, read_yaml
from iku.markdown_data import unsafe_links
from iku.problems import Problem
from iku.schema import IKU, NUMBER_KINDS, TableSpec


def check(raw: RawData, tables: dict[str, pd.DataFrame], registers: dict[str, TableSpec], renstra: tuple[int, int]) -> list[Problem]:
    iku = tables.get(IKU.name)
    if iku is None:
        return []
    return (_standard_pairs(raw, iku) + _analysis(raw, iku, tables, registers, renstra)
            + _budget(raw, iku, tables, registers))


def _standard_pairs(raw: RawData, iku: pd.DataFrame) -> list[Problem]:
    label = raw.label(IKU.path)
    problems = []
    for row, standard, source in zip(iku.index, iku["standar_nasional"], iku["sumber_standar"]):
        has_source = pd.notna(source) and str(source).strip() != ""
        if pd.notna(standard) and not has_source:
            problems.append(messages.problem("standar_tanpa_sumber", label, int(row), "sumber_standar"))
        elif has_source and pd.isna(standard):
            problems.append(messages.problem("sumber_tanpa_standar", label, int(row), "standar_nasional"))
    return problems


def _reported_codes(year: int, iku: pd.DataFrame, tables: dict[str, pd.DataFrame], registers: dict[str, TableSpec]) -> list[str]:
    """The IKUs with register rows in that year: the ones the year's report analyses."""
    codes = []
    for code, register in zip(iku["kode"], iku["register"]):
        table = tables.get(registers[register].name) if register in registers else None
        if table is not None and (table["tahun"] == year).any():
            codes.append(code)
    return codes


def _analysis(raw: RawData, iku: pd.DataFrame, tables, registers, renstra: tuple[int, int]) -> list[Problem]:
    first, last = renstra
    problems = [messages.problem("analisis_nama_berkas", raw.label(path), None, None, minimum=first, maximum=last)
                for path in analisis.odd_files(raw.files)]
    known = list(iku["kode"])
    words = ", ".join(analisis.ITEM_KEYS)
    for year, path in sorted(analisis.files_by_year(raw.files).items()):
        label = raw.label(path)
        if not first <= year <= last:
            problems.append(messages.problem("analisis_nama_berkas", label, None, None, minimum=first, maximum=last))
            continue
        try:
            text = raw.files[path].decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(messages.problem("bukan_utf8", label, raw.files[path][: exc.start].count(b"\n") + 1, None))
            continue
        found = analisis.parse(year, path, text)
        for code, section in found.sections.items():
            if code not in known:
                problems.append(messages.problem("analisis_iku_tak_dikenal", label, section.line, None, value=code, expected=", ".join(known)))
        for section, first_line in found.duplicates:
            problems.append(messages.problem("analisis_iku_ganda", label, section.line, None, value=section.code, expected=first_line))
        for heading in found.unknown_items:
            problems.append(messages.problem("analisis_subbagian", label, heading.line, None, value=heading.text, expected=words))
        for line in found.text_outside:
            section = max((s for s in found.sections.values() if s.line < line), key=lambda s: s.line, default=None)
            problems.append(messages.problem("analisis_teks_lepas", label, line, None, value=section.code if section else ""))
        for line, url, scheme in unsafe_links(text):
            problems.append(messages.problem("analisis_tautan_tidak_aman", label, line + 1, None, value=url, expected=scheme))
        for code in _reported_codes(year, iku, tables, registers):
            missing = [f"'### {item.key.capitalize()} …'" for item in analisis.ITEMS if not found.text(code, item.key)]
            if missing:
                row = found.sections[code].line if code in found.sections else None
                problems.append(messages.problem("analisis_belum_diisi", label, row, None, value=code,
                                                 expected=", ".join(missing), year=year))
    return problems


def _budget(raw: RawData, iku: pd.DataFrame, tables, registers: dict[str, TableSpec]) -> list[Problem]:
    descriptor, _ = read_yaml(raw.label("datapackage.yaml"), raw.files.get("datapackage.yaml", b"x: 1"))
    block = anggaran.declared(descriptor or {})
    decl = anggaran.declaration(raw.files)
    if block is None or decl is None:
        return []  # absent, or its shape already reported by the descriptor's JSON Schema
    label = raw.label("datapackage.yaml")
    spec = registers.get(decl.register)
    if spec is None:
        return [messages.problem("anggaran_register", label, None, "anggaran.register", value=decl.register, expected=", ".join(registers))]
    problems = []
    numbers = ", ".join(f.name for f in spec.fields if f.kind in NUMBER_KINDS and f.name != spec.year_from) or "tidak ada"
    for role in anggaran.COLUMN_ROLES:
        column = getattr(decl, role)
        if column is None:
            continue
        if column not in spec.columns:
            problems.append(messages.problem("anggaran_kolom", label, None, role, value=column, expected=", ".join(spec.columns)))
        elif role in ("pagu", "realisasi") and spec.field(column).kind not in NUMBER_KINDS:
            problems.append(messages.problem("anggaran_bukan_angka", label, None, role, value=column, expected=numbers))
    table = tables.get(spec.name)
    if not problems and decl.sasaran and table is not None:
        known = set(iku["kode"])
        for row, code in table[decl.sasaran].items():
            if pd.notna(code) and str(code) != "" and str(code) not in known:
                problems.append(messages.problem("anggaran_sasaran", raw.label(spec.path), int(row), decl.sasaran,
                                                 value=code, expected=", ".join(iku["kode"])))
    return problems
