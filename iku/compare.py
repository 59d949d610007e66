"""Which published figures differ between two states of the data: recomputed on both sides,
never a text diff of the CSV files. Feeds the pull-request summary (and `iku bandingkan`)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass

from iku import fmt
from iku.compute import Portal
from iku.export import published_figures

COMPARED = (("target", "Target"), ("realisasi", "Realisasi"), ("capaian", "Capaian"), ("kategori", "Kategori"))


@dataclass(frozen=True)
class FigureChange:
    code: str
    year: int
    figure: str  # target / realisasi / capaian / kategori
    before: float | str | None
    after: float | str | None
    unit: str


def _figures(portal: Portal | None) -> dict[tuple[str, int], dict]:
    if portal is None:
        return {}
    return {(row["kode"], int(row["tahun"])): row for row in published_figures(portal).to_dict(orient="records")}


def _clean(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def changed_figures(before: Portal | None, after: Portal | None) -> list[FigureChange]:
    old, new = _figures(before), _figures(after)
    changes = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key, {}), new.get(key, {})
        unit = (b or a).get("satuan", "")
        for name, _ in COMPARED:
            x, y = _clean(a.get(name)), _clean(b.get(name))
            if x != y:
                changes.append(FigureChange(key[0], key[1], name, x, y, unit))
    return changes


def _show(change: FigureChange, value) -> str:
    if value is None:
        return fmt.DASH
    if change.figure == "kategori":
        return str(value)
    if change.figure == "capaian":
        return fmt.number(value) + "%"
    return fmt.with_unit(value, change.unit)


def summary_markdown(changes: list[FigureChange]) -> str:
    title = "## Angka terbit yang berubah"
    if not changes:
        return f"{title}\n\nTidak ada angka terbit yang berubah.\n"
    labels = dict(COMPARED)
    lines = [title, "", f"{len(changes)} angka berubah (dihitung ulang dari data sebelum dan sesudah).", "",
             "| IKU | Tahun | Angka | Sebelum | Sesudah |", "|---|---|---|--:|--:|"]
    for c in changes:
        lines.append(f"| {c.code} | {c.year} | {labels[c.figure]} | {_show(c, c.before)} | {_show(c, c.after)} |")
    return "\n".join(lines) + "\n"


def summary_json(changes: list[FigureChange]) -> str:
    return json.dumps([asdict(c) for c in changes], ensure_ascii=False, indent=1)
