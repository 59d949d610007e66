"""Text from data in a chart's axis title cannot stop the build (found by the payload fuzz test:
a unit with a backslash before a quote, or a line break, broke Vega's expression parser)."""

from __future__ import annotations

import pytest
import vl_convert

from iku.charts import axis_title


def render(title: str) -> str:
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "data": {"values": [{"x": "2024", "y": 2}]},
            "mark": "bar", "encoding": {"x": {"field": "x", "type": "ordinal"}, "y": {"field": "y", "type": "quantitative", "title": title}}}
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])


@pytest.mark.parametrize("unit", ['dokumen \\"x\\"', "dokumen\nbaru"])
def test_unit_as_axis_title_renders(unit):
    with pytest.raises(ValueError):  # what the raw text does: the reason for axis_title
        render(unit)
    svg = render(axis_title(unit))
    assert "dokumen" in svg


def test_plain_units_are_unchanged():
    for unit in ("Dokumen", "Persen (%)", "Indeks", "hari"):
        assert axis_title(unit) == unit


def test_every_iku_chart_the_build_draws_is_valid_vega_lite():
    """The build skips Altair's schema check (about 0.2 s a chart); here it runs, on every IKU chart."""
    from projectkit import ROOT

    from iku.charts import target_vs_realisation
    from iku.portal import build

    portal = build(ROOT / "data")
    for indicator in portal.indicators:
        spec = target_vs_realisation(indicator, portal.results[indicator.code]).to_dict(validate=True)
        assert spec["layer"], indicator.code
