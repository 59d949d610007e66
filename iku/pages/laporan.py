"""Laporan (docs/laporan.md): every IKU of the latest year on one printable page."""

from __future__ import annotations

import os

from iku import change, charts
from iku.bahasa import d, t
from iku.compute import Portal
from iku.html import definition_list, esc, table
from iku.lkjip.isi import cover_facts
from iku.pages.common import achievement_cell, category_cell, plain_sentence, results_table, value_cell


def report(portal: Portal) -> str:
    """'Laporan IKU <tahun>': every IKU of the latest year on one printable page."""
    year = portal.latest_year_with_data
    if year is None:
        return t("Belum ada data realisasi untuk dilaporkan.")
    inst = portal.instansi
    head = getattr(portal.trail, "head", None)
    cover = cover_facts(portal, year, head.short if head is not None else "", os.environ.get("SOURCE_DATE_EPOCH"))
    parts = [
        f"# {t('Laporan IKU {year}').format(year=year)}",
        "",
        f"<p class=\"laporan-kop\"><strong>{esc(d(inst['nama']))}</strong>, {esc(d(inst['kabupaten']))}<br>"
        f"{t('Capaian Indikator Kinerja Utama tahun {year}, dihitung dari register data portal.').format(year=year)}</p>",
        # The cover of the printed report: who, which year, by which decree, from which commit, when.
        '<div class="laporan-sampul">' + definition_list([(label, esc(value)) for label, value in cover]) + "</div>",
        "",
        f"## {t('Ringkasan')}",
        "",
        table(
            [t(h) for h in ("IKU", "Indikator", "Target", "Realisasi", "Capaian", "Kategori")],
            [[esc(i.code), esc(d(i.name)), value_cell(i, r.target), value_cell(i, r.value), achievement_cell(r), category_cell(r)]
             for i in portal.indicators if (r := portal.result(i.code, year)) is not None],
            t("Ringkasan capaian IKU tahun {year}").format(year=year), numeric={2, 3, 4},
        ),
        "",
    ]
    for indicator in portal.indicators:
        results = portal.results[indicator.code]
        parts += [
            f'<section class="laporan-iku"><h2 id="{esc(indicator.code.lower())}">{esc(indicator.code)}: {esc(d(indicator.name))}</h2>'
            + definition_list([
                (t("Kinerja utama"), esc(d(indicator.performance))),
                (t("Penanggung jawab"), esc(d(indicator.responsible))),
                (t("Cara menghitung"), esc(t(indicator.formula.title))),
                (t("Apa artinya?"), esc(plain_sentence(indicator, results))),
                *([(t("Perubahan dari tahun sebelumnya"), change.marker(moved))] if (moved := change.of_results(indicator, results)) else []),
            ])
            + '<div class="grafik-tabel">'
            + f'<figure class="grafik"><div class="svg" aria-hidden="true">{charts.indicator_svg(indicator, results)}</div>'
            + f"<figcaption>{esc(charts.text_alternative(indicator, results))}</figcaption></figure>"
            + results_table(indicator, results, portal, {}) + "</div></section>",
            "",
        ]
    return "\n".join(parts)
