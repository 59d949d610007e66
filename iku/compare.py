"""What differs between two states of the data: the published figures (recomputed on both
sides, never a text diff of the CSV files) and the rows of each table (matched by key).
Feeds the pull-request summary (`iku bandingkan`), `iku diff` and the Riwayat page."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

import pandas as pd

from iku import fmt
from iku.bahasa import d
from iku.compute import Portal
from iku.export import published_figures
from iku.schema import TableSpec

COMPARED = (("target", "Target"), ("realisasi", "Realisasi"), ("capaian", "Capaian"), ("kategori", "Kategori"))


@dataclass(frozen=True)
class FigureChange:
    code: str
    year: int
    figure: str  # target / realisasi / capaian / kategori
    before: float | str | None
    after: float | str | None
    unit: str


FigureTable = dict[tuple[str, int], dict]


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def figure_table(portal: Portal | None) -> FigureTable:
    """Published figures keyed by (IKU, year); empty when there is no valid portal."""
    return {} if portal is None else table_of(published_figures(portal))


def table_of(figures: pd.DataFrame) -> FigureTable:
    """Rows of published figures (as `published_figures` gives them) keyed by (IKU, year)."""
    return {(row["kode"], int(row["tahun"])): {k: _clean(v) for k, v in row.items()} for row in figures.to_dict(orient="records")}


def changed_figures(before: Portal | None, after: Portal | None) -> list[FigureChange]:
    return diff_figures(figure_table(before), figure_table(after))


def diff_figures(old: FigureTable, new: FigureTable) -> list[FigureChange]:
    changes = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key, {}), new.get(key, {})
        unit = (b or a).get("satuan", "")
        for name, _ in COMPARED:
            x, y = _clean(a.get(name)), _clean(b.get(name))
            if x != y:
                changes.append(FigureChange(key[0], key[1], name, x, y, unit))
    return changes


def show_figure(figure: str, value, unit: str) -> str:
    """A published figure as the site shows it: '103%' for capaian, '72,1' or '4 dokumen' else."""
    if value is None:
        return fmt.DASH
    if figure == "kategori":
        return d(str(value))
    if figure == "capaian":
        return fmt.number(value) + "%"
    return fmt.with_unit(value, unit)


REPORTED_TITLE = "## Angka tahun yang sudah dilaporkan berubah"


def summary_markdown(changes: list[FigureChange], reported: dict[tuple[str, int], str] | None = None) -> str:
    """The pull-request summary. Changes to a year an official release already reported
    (`reported`: (IKU, year) -> tag, iku.reported) come first, under their own heading, each
    with the tag that reported it: that year's LKjIP carries the old figure."""
    title = "## Angka terbit yang berubah"
    if not changes:
        return f"{title}\n\nTidak ada angka terbit yang berubah.\n"
    reported = reported or {}
    labels = dict(COMPARED)
    first = [c for c in changes if (c.code, c.year) in reported]
    rest = [c for c in changes if (c.code, c.year) not in reported]
    lines = []
    if first:
        lines += [REPORTED_TITLE, "",
                  f"> [!WARNING]\n> {len(first)} angka dari tahun yang sudah dilaporkan dalam rilis resmi (tag `rilis/…`) berubah. "
                  "Laporan tahun itu memuat angka lama: pastikan perubahan ini disengaja, dan catat alasannya di pull request.", "",
                  "| IKU | Tahun | Angka | Dilaporkan di | Sebelum | Sesudah |", "|---|---|---|---|--:|--:|"]
        lines += [f"| {c.code} | {c.year} | {labels[c.figure]} | `{reported[(c.code, c.year)]}` | {show_figure(c.figure, c.before, c.unit)} "
                  f"| {show_figure(c.figure, c.after, c.unit)} |" for c in first]
        lines += ["", title, ""]
        if not rest:
            return "\n".join(lines + ["Tidak ada angka lain yang berubah."]) + "\n"
        lines.append(f"{len(rest)} angka lain berubah (dihitung ulang dari data sebelum dan sesudah).")
    else:
        lines += [title, "", f"{len(changes)} angka berubah (dihitung ulang dari data sebelum dan sesudah)."]
    lines += ["", "| IKU | Tahun | Angka | Sebelum | Sesudah |", "|---|---|---|--:|--:|"]
    for c in rest:
        lines.append(f"| {c.code} | {c.year} | {labels[c.figure]} | {show_figure(c.figure, c.before, c.unit)} | {show_figure(c.figure, c.after, c.unit)} |")
    return "\n".join(lines) + "\n"


def summary_json(changes: list[FigureChange], reported: dict[tuple[str, int], str] | None = None) -> str:
    """The changes as JSON, reported years first; `dilaporkan_di` names the release tag that
    reported the figure's year (null for a year no release reported)."""
    reported = reported or {}
    ordered = sorted(changes, key=lambda c: (c.code, c.year) not in reported)
    return json.dumps([{**asdict(c), "dilaporkan_di": reported.get((c.code, c.year))} for c in ordered], ensure_ascii=False, indent=1)


@dataclass(frozen=True)
class RowChange:
    file: str
    key: str  # the row's key values, e.g. "TRANTIB/2024/002"
    change: str  # ditambah / dihapus / diubah
    detail: str  # for diubah: "<column>: <before> → <after>; ..."


def changed_rows(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame], tables: list[TableSpec]) -> list[RowChange]:
    """Register and table rows added, removed or changed, matched by each table's key."""
    changes = []
    for spec in tables:
        old, new = before.get(spec.name), after.get(spec.name)
        if old is None and new is None:
            continue
        old = _by_key(old, spec.key)
        new = _by_key(new, spec.key)
        for key in sorted(set(old) | set(new)):
            a, b = old.get(key), new.get(key)
            if a is None:
                changes.append(RowChange(spec.path, key, "ditambah", ""))
            elif b is None:
                changes.append(RowChange(spec.path, key, "dihapus", ""))
            else:
                differ = [f"{c}: {a.get(c, '')} → {b.get(c, '')}" for c in sorted(set(a) | set(b)) if a.get(c, "") != b.get(c, "")]
                if differ:
                    changes.append(RowChange(spec.path, key, "diubah", "; ".join(differ)))
    return changes


def _by_key(frame: pd.DataFrame | None, key: tuple[str, ...]) -> dict[str, dict]:
    if frame is None or not set(key) <= set(frame.columns):
        return {}
    return {"/".join(str(row[k]) for k in key): row for row in frame.to_dict(orient="records")}


def rows_markdown(changes: list[RowChange]) -> str:
    title = "## Baris data yang berubah"
    if not changes:
        return f"{title}\n\nTidak ada baris yang berubah.\n"
    lines = [title, "", "| Berkas | Kunci | Perubahan | Rincian |", "|---|---|---|---|"]
    for c in changes:
        detail = c.detail.replace("|", "\\|")
        lines.append(f"| {c.file} | {c.key.replace('|', '/')} | {c.change} | {detail} |")
    return "\n".join(lines) + "\n"
