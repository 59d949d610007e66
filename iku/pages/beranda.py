"""Beranda (docs/index.md) and the IKU list: the summary table and the office's objective."""

from __future__ import annotations

from iku import fmt
from iku.bahasa import d, t
from iku.compute import Portal
from iku.html import definition_list, esc, md
from iku.pages.common import achievement_cell, value_cell
from iku.pages.indikator import page_path


def summary_table(portal: Portal, prefix: str = "") -> str:
    """Markdown table of every IKU in the latest year with data, linking to each IKU page."""
    year = portal.latest_year_with_data
    lines = [
        t("Tahun {year}.").format(year=year) if year else t("Belum ada data realisasi."),
        "",
        "| " + " | ".join(t(h) for h in ("IKU", "Indikator", "Target", "Realisasi", "Capaian", "Kategori")) + " |",
        "|---|---|--:|--:|--:|---|",
    ]
    for indicator in portal.indicators:
        result = portal.result(indicator.code, year) if year else None
        link = f"[{md(indicator.code.replace('-', ' '))}]({prefix}{page_path(indicator)})"
        if result is None:
            lines.append(f"| {link} | {md(d(indicator.name))} | {fmt.DASH} | {fmt.DASH} | {fmt.DASH} | {fmt.DASH} |")
            continue
        # A Markdown table: the unit and category labels come from data, so they are escaped
        # for Markdown too (esc alone would let "[x](javascript:...)" become a link).
        target, value = (md(fmt.with_unit(v, indicator.unit)) for v in (result.target, result.value))
        category = md(d(result.category.label)) if result.category else fmt.DASH
        lines.append(f"| {link} | {md(d(indicator.name))} | {target} | {value} | {achievement_cell(result)} | {category} |")
    return "\n".join(lines)


def objective(portal: Portal, prefix: str = "") -> str:
    inst = portal.instansi
    indicator_text = inst["indikator_tujuan"]["teks"]
    same = inst["indikator_tujuan"].get("sama_dengan_iku")
    pairs = [(t("Tujuan"), esc(d(inst["tujuan"]))), (t("Indikator tujuan"), esc(d(indicator_text)))]
    if same:
        indicator = portal.indicator(same)
        year = portal.latest_year_with_data
        result = portal.result(same, year) if year else None
        if result and result.value is not None:
            extra = f" ({esc(d(result.value_class.label))})" if result.value_class else ""
            measured = t("diukur sama dengan {code}").format(code=esc(indicator.code))
            pairs.append((t("Nilai {year}").format(year=year), f"{value_cell(indicator, result.value)}{extra}, {measured}"))
    return definition_list(pairs)
