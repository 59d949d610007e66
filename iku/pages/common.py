"""Pieces shared by several pages: the sample-data notice, value cells, the year table of an IKU."""

from __future__ import annotations

import datetime as dt
import re

from iku import fmt
from iku.bahasa import d, t
from iku.compute import Indicator, Portal, YearResult
from iku.html import esc, table
from iku.scales import Scale


def plain_title(value: str) -> str:
    """For navigation titles, which the theme inserts unescaped: keep letters, digits, punctuation."""
    return re.sub(r"[<>&\"'{}`]", "", value)


def sample_notice(portal: Portal) -> str:
    """One short line (at most two on a 360 px phone) on every page while the data are not
    official; the Metodologi page says more."""
    if portal.instansi.get("belum_diisi"):
        title, text, kind = t("Portal belum diisi"), t("profil, keputusan, register dan target masih kosong (dibuat dengan iku mulai)."), "danger"
    elif portal.synthetic_data:
        title, text, kind = t("Data sintetis"), t("semua angka dibuat oleh program untuk uji coba, bukan data kantor mana pun."), "danger"
    elif portal.sample_data:
        title, text, kind = t("Data contoh"), t("angka peragaan cara kerja portal, bukan angka resmi kantor."), "warning"
    else:
        return ""
    return f'<div class="admonition {kind} data-contoh" role="note"><p><strong>{title}:</strong> {text}</p></div>'


def filled(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Label and value pairs without those whose value is empty: an optional field left empty
    (a decree's pangkat or nip, the profile's provinsi) leaves no empty label."""
    return [(label, value) for label, value in pairs if value]


def steps(result: YearResult) -> list[tuple[str, str]]:
    """The intermediate figures of one year's realisation as (label, value) in words, plain text:
    the IKU page's "Cara menghitung" table and the worked examples of Metodologi and Auditor."""
    return [(t(label).format(**params), fmt.number(value, 4) if isinstance(value, float) else t(value))
            for (label, params), value in result.realisation.steps]


def value_cell(indicator: Indicator, value: float | None) -> str:
    return esc(fmt.with_unit(value, indicator.unit))


def achievement_cell(result: YearResult) -> str:
    if result.achievement is None:
        return f'{fmt.DASH} <span class="catatan">({esc(t(result.achievement_note))})</span>'
    return esc(fmt.number(result.achievement)) + "%"


def category_cell(result: YearResult) -> str:
    return esc(d(result.category.label)) if result.category else fmt.DASH


def plain_sentence(indicator: Indicator, results: list[YearResult]) -> str:
    """'Apa artinya?': what the indicator measures and whether the latest year met its target."""
    with_data = [r for r in results if r.value is not None]
    text = d(indicator.plain_explanation).rstrip(".") + "."
    if not with_data:
        return text + " " + t("Belum ada data realisasi.")
    last = with_data[-1]
    figure = fmt.with_unit(last.value, indicator.unit)
    if last.target is None:
        return text + " " + t("Pada {year} realisasinya {figure}; targetnya belum ditetapkan.").format(year=last.year, figure=figure)
    target = fmt.with_unit(last.target, indicator.unit)
    met = last.achievement is not None and last.achievement >= 100
    verdict = t("target tercapai") if met else t("target belum tercapai")
    return text + " " + t("Pada {year} realisasinya {figure} dari target {target}: {verdict}.").format(
        year=last.year, figure=figure, target=target, verdict=verdict)


def results_table(indicator: Indicator, results: list[YearResult], portal: Portal, revisions: dict[int, str]) -> str:
    scale = portal.scales.get(indicator.value_scale) if indicator.value_scale else None
    headers = [t("Tahun"), t("Target"), t("Realisasi")] + ([esc(scale_column(scale))] if scale else []) + [t("Capaian"), t("Kategori capaian")]
    if revisions:
        headers.append(t("Revisi setelah rilis"))
    rows = []
    for r in results:
        row = [str(r.year), value_cell(indicator, r.target), value_cell(indicator, r.value)]
        if scale:
            row.append(esc(f"{r.value_class.code} ({d(r.value_class.label)})") if r.value_class else fmt.DASH)
        row += [achievement_cell(r), category_cell(r)]
        if revisions:
            row.append(esc(revisions.get(r.year, "")))
        rows.append(row)
    numeric = {1, 2, 4 if scale else 3}
    return table(headers, rows, t("Target, realisasi, dan capaian {code}").format(code=indicator.code), numeric)


def scale_column(scale: Scale) -> str:
    return t("Mutu pelayanan") if scale.key == "mutu_ikm" else t("Predikat") if scale.key == "predikat_sakip" else d(scale.name)


def neutral_markdown(text: str) -> str:
    """Markdown from a data file with any raw HTML turned into visible text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("{", "&#123;").replace("}", "&#125;")


def as_date(value: object) -> str:
    if isinstance(value, dt.date):
        return fmt.date(value)
    try:
        return fmt.date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return esc(value)


def lettered(items: list[dict]) -> str:
    return '<ol class="huruf">' + "".join(f'<li value="{i}"><span class="label">{esc(it["huruf"])}.</span> {esc(it["teks"])}</li>' for i, it in enumerate(items, 1)) + "</ol>"


def editorial_notes(notes: list[str]) -> list[str]:
    if not notes:
        return []
    return [
        f'<div class="admonition note catatan-redaksi"><p class="admonition-title">{t("Catatan redaksi")}</p><ul>'
        + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul></div>",
        "",
    ]
