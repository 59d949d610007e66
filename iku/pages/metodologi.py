"""Metodologi (docs/metodologi.md): the formula kinds, each with a worked example from this
office's own data, the worked example of the outlook to the end of the Renstra, and the
national scales."""

from __future__ import annotations

from iku import fmt, outlook
from iku.bahasa import d, t
from iku.compute import Indicator, Portal, YearResult
from iku.formulas import FORMULAS, Formula
from iku.html import esc, table
from iku.pages.common import steps


def _latest(portal: Portal, indicator: Indicator) -> YearResult | None:
    with_value = [r for r in portal.results[indicator.code] if r.realisation is not None]
    return with_value[-1] if with_value else None


def formula_example(portal: Portal, formula: Formula) -> str:
    """The latest figure of the first IKU that uses `formula`, step by step, as an auditor redoes
    it: '<strong>IKU 4, 2025</strong> (register/aduan.csv): Pembilang (…) = 45; … = 90.' Empty
    when no IKU of this office uses the formula or none has a figure yet."""
    for indicator in (i for i in portal.indicators if i.formula is formula):
        result = _latest(portal, indicator)
        if result is None:
            continue
        worked = "; ".join(f"{label} = {value}" for label, value in steps(result))
        parameters = "; ".join(f"{k}={v}" for k, v in indicator.parameters.items())
        where = f"<code>{esc(indicator.register.path)}</code>" + (f", {esc(t('parameter'))} <code>{esc(parameters)}</code>" if parameters else "")
        published = t("Realisasi terbit: {figure}.").format(figure=fmt.with_unit(result.value, indicator.unit))
        return f"<strong>{esc(indicator.code.replace('-', ' '))}, {result.year}</strong> ({where}): {esc(worked)}. {esc(published)}"
    return ""


def formula_list(portal: Portal) -> str:
    items = []
    for formula in FORMULAS.values():
        users = [i.code for i in portal.indicators if i.formula is formula]
        used = ", ".join(users) if users else t("tidak dipakai")
        named = [*formula.parameters, *(f"{name} ({t('boleh tidak ada')})" for name in formula.optional)]
        example = formula_example(portal, formula)
        items.append(
            f"<li><strong>{esc(t(formula.title))}</strong> (<code>{esc(formula.name)}</code>; {t('parameter')}: "
            f"{esc(', '.join(named))}; {t('dipakai oleh')}: {esc(used)}).<br>{esc(t(formula.rule))}"
            + (f"<br>{t('Contoh dari data kantor ini:')} {example}" if example else "") + "</li>"
        )
    return "<ul class=\"rumus\">" + "".join(items) + "</ul>"


def _n(value: float) -> str:
    return fmt.plain_number(value, 4)


def outlook_example(portal: Portal) -> str:
    """The trend method worked through for the first IKU of this office that has three years of
    realisation, a target for the plan's last year and a projection (not yet a realisation of
    that year), preferring one whose figures change (a flat line shows little)."""
    views = [(i, outlook.of_indicator(portal, i)) for i in portal.indicators]
    views = [(i, v) for i, v in views if v.slope is not None and v.points[-1][0] != v.end_year]
    for indicator, view in sorted(views, key=lambda pair: pair[1].slope == 0)[:1]:
        slope, mean_year, mean_value = outlook.linear_trend(list(view.points))
        years = [x for x, _ in view.points]
        products = " + ".join(f"({x} − {_n(mean_year)}) × ({_n(y)} − {_n(mean_value)})" for x, y in view.points)
        squares = " + ".join(f"({x} − {_n(mean_year)})²" for x in years)
        terms = " + ".join(_n((x - mean_year) * (y - mean_value)) for x, y in view.points)
        spread = sum((x - mean_year) ** 2 for x in years)
        total = sum(y for _, y in view.points)
        reached = view.status == outlook.ON_COURSE
        sign = ("≥" if reached else "<") if indicator.direction == "naik" else ("≤" if reached else ">")
        label = indicator.code.replace("-", " ")
        intro = (t("Contoh perhitungan ({code}, data contoh): realisasi {values}.") if portal.sample_data
                 else t("Contoh perhitungan ({code}): realisasi {values}.")).format(
            code=label, values="; ".join(f"{x} = {_n(y)}" for x, y in view.points))
        return "\n".join([
            f"<p>{esc(intro)}</p>",
            "<ul>",
            f"<li>{esc(t('Kemiringan garis'))} = ({esc(products)}) ÷ ({esc(squares)}) = ({esc(terms)}) ÷ {esc(_n(spread))} = "
            f"<strong>{esc(_n(slope))} {esc(t('per tahun'))}</strong>, "
            f"{esc(t('dengan rata-rata tahun {year} dan rata-rata realisasi {total} ÷ {n} = {mean}').format(year=_n(mean_year), total=_n(total), n=len(years), mean=_n(mean_value)))}.</li>",
            f"<li>{esc(t('Proyeksi {end}').format(end=view.end_year))} = {esc(_n(mean_value))} + {esc(_n(slope))} × ({view.end_year} − {esc(_n(mean_year))}) = "
            f"{esc(_n(mean_value + slope * (view.end_year - mean_year)))} → <strong>{esc(fmt.number(view.projection))}</strong>.</li>",
            f"<li>{esc(t('Target {end} = {target} dan arah').format(end=view.end_year, target=fmt.number(view.target)))} <code>{esc(indicator.direction)}</code>: "
            f"{esc(fmt.number(view.projection))} {sign} {esc(fmt.number(view.target))}, {esc(t('jadi'))} <strong>{esc(t(view.status))}</strong>.</li>",
            "</ul>",
        ])
    return f"<p>{esc(t('Belum ada IKU dengan tiga tahun realisasi dan target tahun akhir Renstra, sehingga belum ada contoh perhitungan dari data kantor ini.'))}</p>"


def scale_table(portal: Portal, key: str) -> str:
    scale = portal.scales[key]
    rows = [[esc(c.code), esc(d(c.label)), esc(c.rule())] for c in scale.classes]
    return "\n".join([
        table([t("Kode"), t("Label"), t("Batas bawah (nilai dibulatkan 2 desimal)")], rows, d(scale.name)),
        "",
        f"<p><strong>{t('Dasar hukum')}:</strong> {esc(scale.legal_basis)}.<br><strong>{t('Kepastian angka')}:</strong> {esc(d(scale.certainty))}</p>",
    ])
