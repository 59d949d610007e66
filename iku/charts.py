"""Charts as static SVG, rendered at build time: Altair builds the spec, vl-convert draws it
in-process (no browser, no network). Each chart comes with a plain-Indonesian text
alternative built from the same numbers.

Altair and vl-convert are imported only when a chart is not in the cache (together they cost
more than a second of start-up): a rebuild whose charts are all cached imports neither, and a
cold build starts vl-convert's JavaScript runtime once for all of its charts. The build asks
Altair for its spec without checking it against the Vega-Lite schema (about 0.2 s a chart);
tests/test_chart_text.py runs that check on every IKU chart."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pandas as pd

from iku import bahasa, change, fmt
from iku.bahasa import d, t
from iku.compute import Indicator, YearResult
from iku.fscache import BytesCache

if TYPE_CHECKING:
    import altair as alt

FONT = "Liberation Sans"
# Colours pass 3:1 against white; the series also differ in mark (bar vs. line with dots)
# and every bar carries its value, so colour is never the only carrier of meaning.
REALISATION_COLOUR = "#1f5f8b"
TARGET_COLOUR = "#b3541e"

NUMBER_LOCALES = {
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["Rp", ""]},
}
TIME_LOCALE = {
    "dateTime": "%A, %e %B %Y %X",
    "date": "%d/%m/%Y",
    "time": "%H.%M.%S",
    "periods": ["", ""],
    "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
    "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
    "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember"],
    "shortMonths": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
}


def _frame(results: list[YearResult]) -> pd.DataFrame:
    records = []
    for r in results:
        if r.target is not None:
            records.append({"tahun": str(r.year), "seri": t("Target"), "nilai": r.target})
        if r.value is not None:
            records.append({"tahun": str(r.year), "seri": t("Realisasi"), "nilai": r.value})
    return pd.DataFrame(records, columns=["tahun", "seri", "nilai"])


# The chart is drawn at the width of a 360 px phone's content column, so it is never scaled
# down there: every text keeps its size (≥ 11 CSS px), on a laptop it is shown as drawn.
CHART_WIDTH, CHART_HEIGHT = 320, 220
LABEL_SIZE, AXIS_SIZE = 11, 12
HEADROOM = 1.2  # room above the highest mark for its value label


def _peaks(results: list[YearResult]) -> pd.DataFrame:
    """Where each realisation's value label sits: just above the bar and the target tick of
    its year, whichever is higher, so that it never covers a mark."""
    records = [{"tahun": str(r.year), "nilai": r.value, "puncak": max(r.value, r.target if r.target is not None else r.value)}
               for r in results if r.value is not None]
    return pd.DataFrame(records, columns=["tahun", "nilai", "puncak"])


def axis_title(text: str) -> str:
    """Data text as an axis title. Vega-Lite copies axis titles into an expression it parses (the
    marks' ARIA description) without escaping a backslash or a line break, so a unit written with
    `\\"` or a new line would stop the build: one line, backslash shown as its look-alike."""
    return " ".join(text.replace("\\", "\u2216").split())


def target_vs_realisation(indicator: Indicator, results: list[YearResult]) -> alt.LayerChart:
    import altair as alt  # only for a chart not in the cache (see the module note)

    data = _frame(results)
    y_title = t("Persen (%)") if indicator.unit == "%" else axis_title(d(indicator.unit).capitalize())
    realisation, target_label = t("Realisasi"), t("Target")
    colour = alt.Color(
        "seri:N",
        scale=alt.Scale(domain=[realisation, target_label], range=[REALISATION_COLOUR, TARGET_COLOUR]),
        legend=alt.Legend(title=None, orient="top", symbolType="square"),
    )
    highest = float(data["nilai"].max()) if len(data) else 1.0
    x = alt.X("tahun:O", title=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("nilai:Q", title=y_title, scale=alt.Scale(zero=True, domain=[0, highest * HEADROOM], nice=False),
              axis=alt.Axis(tickCount=4, format=",.2~f"))
    bars = alt.Chart(data).transform_filter(alt.datum.seri == realisation).mark_bar(size=20).encode(x=x, y=y, color=colour)
    # The target is a thick tick across the year's band, wider than the bar: a different shape
    # from the bar, so colour is not the only difference.
    target = (alt.Chart(data).transform_filter(alt.datum.seri == target_label)
              .mark_tick(thickness=3, size=30).encode(x=x, y=y, color=colour))
    labels = alt.Chart(_peaks(results)).mark_text(baseline="bottom", dy=-4, fontSize=LABEL_SIZE, fontWeight="bold", color="#1a1a1a").encode(
        x=x, y=alt.Y("puncak:Q"), text=alt.Text("nilai:Q", format=",.2~f"))
    return (
        alt.layer(bars, target, labels)
        .properties(width=CHART_WIDTH, height=CHART_HEIGHT, background="#ffffff",
                    autosize=alt.AutoSizeParams(type="fit", contains="padding"))
        .configure(font=FONT)
        .configure_axis(labelFontSize=AXIS_SIZE, titleFontSize=AXIS_SIZE)
        .configure_legend(labelFontSize=AXIS_SIZE)
        .configure_view(strokeWidth=0)
    )


class SvgCache:
    """Rendered SVGs by a content key (the chart's data, labels, language, this code and the
    renderer's version): a rebuild re-renders, and even re-specifies, only charts whose data
    changed. On disk when given a folder; speed only, the output is the same either way."""

    def __init__(self):
        # The renderer's version from its package metadata: asking the module would import it.
        self.files = BytesCache(".svg", code=(Path(__file__),), versions=(importlib.metadata.version("vl-convert-python"),))

    def use(self, folder: Path | None) -> None:
        self.files.use(folder)

    @property
    def hits(self) -> int:
        return self.files.hits

    @property
    def misses(self) -> int:
        return self.files.misses

    def get(self, key_parts: object, spec: Callable[[], dict]) -> str:
        def render() -> bytes:
            import vl_convert  # only on a miss (see the module note)

            return vl_convert.vegalite_to_svg(spec(), allowed_base_urls=[], format_locale=NUMBER_LOCALES[bahasa.current()],
                                              time_format_locale=TIME_LOCALE).encode("utf-8")
        return self.files.get([json.dumps(key_parts, sort_keys=True, default=str)], render).decode("utf-8")


svg_cache = SvgCache()


def render_svg(key_parts: object, chart: Callable[[], alt.TopLevelMixin]) -> str:
    """A chart built by `chart()` (an Altair chart) only when `key_parts` is not in the cache.
    `key_parts` must name everything the chart shows, and the code that draws it."""
    return svg_cache.get([key_parts, bahasa.current()], lambda: chart().to_dict(validate=False))


def indicator_svg(indicator: Indicator, results: list[YearResult]) -> str:
    """The target-vs-realisation chart of an IKU; built by Altair only when not cached."""
    key = [indicator.code, indicator.unit, bahasa.current(), t("Realisasi"), d(indicator.unit),
           _frame(results).to_dict(orient="records")]
    return svg_cache.get(key, lambda: target_vs_realisation(indicator, results).to_dict(validate=False))


def text_alternative(indicator: Indicator, results: list[YearResult]) -> str:
    """E.g. 'Realisasi 2025 sebesar 88,57% dari target 92%. Memburuk: realisasi turun 2,34 poin
    dari 2024. Capaian 2025 sebesar 96,27% (Sangat Tinggi).' The change is always the
    realisation's (iku.change), read in the IKU's direction."""
    with_data = [r for r in results if r.value is not None]
    if not with_data:
        return t("Grafik {name}: belum ada data realisasi.").format(name=d(indicator.name))
    first, last = with_data[0], with_data[-1]
    sentences = [
        t("Grafik target dan realisasi {name}, {first}–{last}.").format(name=d(indicator.name), first=first.year, last=last.year),
        t("Realisasi {year} sebesar {value}").format(year=last.year, value=fmt.with_unit(last.value, indicator.unit))
        + (t(" dari target {target}").format(target=fmt.with_unit(last.target, indicator.unit)) if last.target is not None else "")
        + ".",
    ]
    moved = change.of_results(indicator, results)
    if moved is not None:
        sentences.append(change.sentence(moved))
    if last.achievement is not None:
        sentences.append(t("Capaian {year} sebesar {value}% ({category})").format(
            year=last.year, value=fmt.number(last.achievement), category=d(last.category.label)) + ".")
    return " ".join(sentences)
