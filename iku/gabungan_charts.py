"""Charts of the overviews (the gathering portal and `make kabupaten`), drawn for a 360 px phone:
the SVG is as wide as the content column (CHART_WIDTH), so nothing is scaled down and every text
keeps its drawn size (≥ 11 CSS px); names wrap onto several lines and Vega cuts a word longer
than a line with "…" instead of letting it leave the SVG. tests/browser/test_gabungan_ponsel.py measures
both in Chromium."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from iku import charts

_CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
TEXT_SIZE = 11
NAME_LINE = 17  # characters per line of a name beside a bar
NAME_PX = 104  # at most this wide, in Liberation Sans 11 px
# A reader without Liberation Sans gets a wider font (DejaVu Sans is about 12% wider); names grow
# leftwards from the axis, so that much room is kept on the left, inside the chart's width.
ROOM = {"left": NAME_PX // 6, "top": 4, "right": 4, "bottom": 4}


def wrapped(name: str, width: int = NAME_LINE) -> str:
    """One line per `width` characters; whitespace (line breaks included) collapsed first."""
    return "\n".join(textwrap.wrap(" ".join(str(name).split()), width)) or "–"


def name_axis(alt):
    return alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=NAME_PX, labelFontSize=TEXT_SIZE, title=None,
                    labelPadding=4, ticks=False)


def bars(key: str, items: list[tuple[str, float]], unit: str) -> str:
    """Horizontal bars, one per name (in the order given), each with its value at its end."""
    records = [{"urut": i, "nama": name, "baris": wrapped(name), "nilai": float(value)} for i, (name, value) in enumerate(items)]
    return charts.render_svg(["bandingan", _CODE_VERSION, key, unit, records], lambda: _bars_chart(records, unit))


def _bars_chart(records: list[dict], unit: str):
    import altair as alt  # only for a chart not in the cache (see iku.charts)

    lines = max((r["baris"].count("\n") + 1 for r in records), default=1)
    highest = max((r["nilai"] for r in records), default=1.0) or 1.0
    # Unique labels even when two offices share a name: the order number is hidden in the label key.
    data = [{**r, "kunci": f"{r['urut']:05d}\n{r['baris']}"} for r in records]
    y = alt.Y("kunci:N", sort=None, axis=alt.Axis(labelExpr="slice(split(datum.label, '\\n'), 1)", labelLimit=NAME_PX,
                                                  labelFontSize=TEXT_SIZE, title=None, labelPadding=4, ticks=False))
    x = alt.X("nilai:Q", title=unit, scale=alt.Scale(domain=[0, highest * 1.3], nice=False),
              axis=alt.Axis(tickCount=3, format=",.0f", labelFontSize=TEXT_SIZE, titleFontSize=TEXT_SIZE + 1))
    base = alt.Chart(alt.Data(values=data)).encode(y=y, x=x)
    bar = base.mark_bar(color=charts.REALISATION_COLOUR, size=10)
    value = base.mark_text(align="left", dx=3, fontSize=TEXT_SIZE, color="#1a1a1a").encode(text=alt.Text("nilai:Q", format=",.2~f"))
    return ((bar + value)
            .properties(width=charts.CHART_WIDTH, height=alt.Step(13 * lines + 8), background="#ffffff", padding=ROOM,
                        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
            .configure(font=charts.FONT).configure_view(strokeWidth=0))
