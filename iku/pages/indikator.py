"""The page of one IKU (docs/iku/<kode>.md, generated): definition, chart and table, steps, origin."""

from __future__ import annotations

import json

from iku import cards, change, charts, fmt, render_history
from iku.bahasa import d, t
from iku.compute import Indicator, Portal, YearResult
from iku.parameters import parameters_in_words
from iku.html import definition_list, esc, md, table
from iku.pages.common import plain_sentence, plain_title, results_table, steps


def indicator_page_source(indicator: Indicator) -> str:
    """The Markdown source of a generated IKU page: metadata, then one macro call. Only the
    validated code and sanitised text enter it, so no data can act as a template or HTML."""
    description = plain_title(f"{indicator.code.replace('-', ' ')}: {d(indicator.plain_explanation)}")
    return (
        "---\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n"
        "search:\n  boost: 3\n"  # the IKU pages are what a search for "aduan" or "SAKIP" is after
        "---\n"
        f"{{{{ halaman_iku({json.dumps(indicator.code)}) }}}}\n"
    )


def page_path(indicator: Indicator) -> str:
    return f"iku/{indicator.code.lower()}.md"


def _steps_table(indicator: Indicator, result: YearResult) -> str:
    rows = [[esc(label), esc(value)] for label, value in steps(result)]
    return table([t("Langkah"), t("Nilai")], rows, t("Cara menghitung realisasi {code} tahun {year}").format(code=indicator.code, year=result.year))


def indicator_page(portal: Portal, code: str, prefix: str = "../", url_prefix: str = "../../") -> str:
    """The page of one IKU; with a git trail, each year also shows its origin and any revision
    since the last official release."""
    indicator = portal.indicator(code)
    results = portal.results[code]
    alternative = charts.text_alternative(indicator, results)
    formula = indicator.formula
    with_data = [r for r in results if r.value is not None]
    latest = with_data[-1] if with_data else None
    revisions = {r.year: render_history.revision_text(render_history.revisions_for(portal.trail, indicator, r), indicator.unit)
                 for r in results}
    revisions = {year: text for year, text in revisions.items() if text}

    parts = [
        f"# {md(indicator.code.replace('-', ' '))}: {md(d(indicator.name))}",
        "",
        f'<p class="apa-artinya"><strong>{t("Apa artinya?")}</strong> {esc(plain_sentence(indicator, results))}</p>',
        "",
        *([f'<p class="perubahan-iku">{change.marker(moved)}</p>', ""] if (moved := change.of_results(indicator, results)) else []),
        cards.outlook_paragraph(portal, indicator, url_prefix),
        "",
        f"## {t('Definisi')}",
        "",
        definition_list([
            (t("Kinerja utama"), esc(d(indicator.performance))),
            (t("Indikator"), esc(d(indicator.name))),
            (t("Formulasi (sesuai keputusan)"), esc(indicator.formulation) or f"<em>{t('tidak dirumuskan dalam keputusan')}</em>"),
            (t("Cara portal menghitung"), f"{esc(t(formula.title))}: {esc(t(formula.rule))}"),
            (t("Parameter"), esc("; ".join(parameters_in_words(indicator.formula, indicator.parameters))) or fmt.DASH),
            (t("Satuan"), esc(d(indicator.unit))),
            (t("Arah"), t("makin tinggi makin baik") if indicator.direction == "naik" else t("makin rendah makin baik")),
            (t("Penanggung jawab"), esc(d(indicator.responsible))),
            (t("Sumber data (sesuai keputusan)"), esc(indicator.data_source) or fmt.DASH),
            (t("Register data portal"), esc(d(indicator.register.title))),
        ]),
        "",
        f"## {t('Target, realisasi, dan capaian')}",
        "",
        '<div class="grafik-tabel">'
        # The figcaption names the figure (HTML-AAM); a role beside a figcaption is invalid HTML.
        '<figure class="grafik">'
        f'<div class="svg" aria-hidden="true">{charts.indicator_svg(indicator, results)}</div>'
        f"<figcaption>{esc(alternative)}</figcaption></figure>"
        f"{results_table(indicator, results, portal, revisions)}</div>",
        "",
    ]
    if latest is not None:
        parts += [f"## {t('Cara menghitung angka {year}').format(year=latest.year)}", "", _steps_table(indicator, latest), ""]
    parts.append(render_history.provenance(indicator, results, portal.trail, prefix))
    return "\n".join(parts)
