"""The six IKU at a glance (Beranda) and the outlook to the end of the Renstra (Beranda and
each IKU page). Every figure also reads in words: the category, the change from the year
before and the outlook are text, never colour or an arrow alone. The trend line is a tiny
static SVG drawn here at build time (attributes only, no script, no style attribute)."""

from __future__ import annotations

from iku import change, fmt, outlook
from iku.bahasa import d, t
from iku.compute import Indicator, Portal, YearResult
from iku.html import esc

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 48, 20, 3
SPARK_COLOUR = "#1f5f8b"
OUTLOOK_CLASS = {outlook.ON_COURSE: "sesuai", outlook.NEEDS_ATTENTION: "perhatian", outlook.NOT_ASSESSABLE: "belum"}


def short_name(portal: Portal, indicator: Indicator) -> str:
    """The office's short name for the card (instansi.yml nama_singkat_iku), else the full name."""
    return d(portal.instansi.get("nama_singkat_iku", {}).get(indicator.code) or indicator.name)


def sparkline(indicator: Indicator, results: list[YearResult]) -> str:
    """A line through the realisation of every year with data, the latest year marked by a dot;
    with its own text alternative (the figures by year)."""
    points = [(r.year, r.value) for r in results if r.value is not None]
    if not points:
        return ""
    label = t("Tren realisasi {years}").format(years="; ".join(f"{year}: {fmt.with_unit(value, indicator.unit)}" for year, value in points))
    low, high = min(v for _, v in points), max(v for _, v in points)
    span_x, span_y = max(len(points) - 1, 1), (high - low) or 1
    usable_w, usable_h = SPARK_WIDTH - 2 * SPARK_PAD, SPARK_HEIGHT - 2 * SPARK_PAD

    def xy(i: int, value: float) -> tuple[float, float]:
        x = SPARK_PAD + (usable_w * i / span_x if len(points) > 1 else usable_w / 2)
        y = SPARK_PAD + usable_h * (1 - (value - low) / span_y if high != low else 0.5)
        return round(x, 1), round(y, 1)

    coords = [xy(i, v) for i, (_, v) in enumerate(points)]
    line = " ".join(f"{x:g},{y:g}" for x, y in coords)
    last_x, last_y = coords[-1]
    return (
        f'<svg class="spark" role="img" aria-label="{esc(label)}" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f'<polyline points="{line}" fill="none" stroke="{SPARK_COLOUR}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{last_x:g}" cy="{last_y:g}" r="2.5" fill="{SPARK_COLOUR}"/></svg>'
    )


def outlook_label(status: str, text: str) -> str:
    return f'<span class="arah-renstra {OUTLOOK_CLASS[status]}">{esc(text)}</span>'


def card(portal: Portal, indicator: Indicator, prefix: str) -> str:
    results = portal.results[indicator.code]
    with_data = [r for r in results if r.value is not None]
    view = outlook.of_indicator(portal, indicator)
    name = f'<span class="kartu-nama">{esc(indicator.code.replace("-", " "))} · {esc(short_name(portal, indicator))}</span>'
    if not with_data:
        body = f'<span class="kartu-baris">{esc(t("Belum ada data realisasi."))}</span>'
    else:
        last = with_data[-1]
        figure = fmt.number(last.value)
        unit = "%" if indicator.unit == "%" else d(indicator.unit)
        target = fmt.with_unit(last.target, indicator.unit) if last.target is not None else fmt.DASH
        if last.achievement is not None:
            achievement = t("Capaian {value}% ({category})").format(value=fmt.number(last.achievement), category=d(last.category.label))
        else:
            achievement = t("Capaian") + f" {fmt.DASH} ({t(last.achievement_note)})"
        body = (
            f'<span class="kartu-angka"><span class="kartu-nilai">{esc(figure)}<small>{esc(unit if unit == "%" else " " + unit)}</small></span>'
            f"{sparkline(indicator, results)}</span>"
            f'<span class="kartu-baris">{esc(t("Target {year}: {target}").format(year=last.year, target=target))}</span>'
            f'<span class="kartu-baris">{esc(achievement)}</span>'
            + (f'<span class="kartu-baris">{change.marker(moved)}</span>' if (moved := change.of_results(indicator, results)) else "")
        )
    return (f'<li class="kartu"><a href="{prefix}iku/{esc(indicator.code.lower())}/">{name}{body}'
            f'<span class="kartu-baris">{outlook_label(view.status, t("Renstra {year}: {status}").format(year=view.end_year, status=t(view.status)))}</span>'
            "</a></li>")


def glance(portal: Portal, url_prefix: str = "") -> str:
    """One card per IKU, in decree order; each links to its IKU page (`url_prefix`: from the
    page's URL up to the site root)."""
    cards = "".join(card(portal, indicator, url_prefix) for indicator in portal.indicators)
    return f'<ul class="sekilas" aria-label="{esc(t("IKU sekilas"))}">{cards}</ul>'


def outlook_paragraph(portal: Portal, indicator: Indicator, url_prefix: str = "../../") -> str:
    """The outlook on an IKU page, with the numbers it rests on and a link to the method
    (`url_prefix`: from the page's URL up to the site root, as raw HTML links are not rewritten)."""
    view = outlook.of_indicator(portal, indicator)
    if view.status == outlook.NOT_ASSESSABLE:
        because = t(view.reason)
    else:
        first, last = view.points[0][0], view.points[-1][0]
        values = {"first": first, "last": last, "end": view.end_year,
                  "projection": fmt.with_unit(view.projection, indicator.unit), "target": fmt.with_unit(view.target, indicator.unit)}
        if last == view.end_year:
            because = t("realisasi {end} adalah {projection}, target {end} adalah {target}").format(**values)
        elif view.limit is not None:
            because = t("garis tren realisasi {first}–{last} mencapai batas {projection} pada {end}, target {end} adalah {target}").format(**values)
        else:
            because = t("garis tren realisasi {first}–{last} menunjuk ke {projection} pada {end}, target {end} adalah {target}").format(**values)
    return (f'<p class="arah-renstra-iku"><strong>{esc(t("Arah Renstra {year}:").format(year=view.end_year))}</strong> '
            f'{outlook_label(view.status, t(view.status))} '
            f'({esc(because)}). <a href="{url_prefix}metodologi/#arah-renstra">{esc(t("Cara menilai"))}</a></p>')
