"""Change from the year before, read in the IKU's own direction (issue 25): the word says
what it means ("membaik", "memburuk", "tetap"), the arrow and the colour class repeat it, and
the text names the quantity (always the realisasi). On the Beranda card and the IKU page, in
both editions. Known answers from the sample registers, worked by hand:

- IKU 4 (aduan trantib selesai): 2024 30 of 33 = 90,91%; 2025 31 of 35 = 88,57%: down 2,34 points.
  Declared lower-is-better (arah turun) here, so that fall is an improvement.
- IKU 2 (IKM): 2024 82,46; 2025 84,72: up 2,26. Declared lower-is-better here, so a worsening.
"""

from __future__ import annotations

import re

import pytest

from iku import bahasa, cards
from iku.change import BETTER, SAME, WORSE, of_results
from iku.compute import Indicator, YearResult
from iku.formulas import Realisation
from iku.pages.indikator import indicator_page
from iku.pages.laporan import report
from iku.portal import build


@pytest.fixture(scope="module")
def lower_is_better(tmp_path_factory):
    """The sample data with IKU 2 and IKU 4 declared lower-is-better (arah turun)."""
    import shutil

    from projectkit import DATA

    root = tmp_path_factory.mktemp("turun") / "data"
    shutil.copytree(DATA, root)
    iku = root / "iku.csv"
    lines = iku.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(("IKU-2,", "IKU-4,")):
            assert ",naik," in line
            lines[i] = line.replace(",naik,", ",turun,", 1)
    iku.write_text("".join(lines), encoding="utf-8")
    return build(root)


def card_of(portal, code: str) -> str:
    return cards.card(portal, portal.indicator(code), "")


def change_span(html: str) -> tuple[str, str, str]:
    """(class, arrow, words) of the one change marker in a piece of HTML."""
    found = re.findall(r'<span class="perubahan (\w+)"><span aria-hidden="true">(.)</span> ([^<]*)</span>', html)
    assert len(found) == 1, found
    return found[0]


IMPROVING_ID = ("membaik", "▲", "Membaik: realisasi turun 2,34 poin dari 2024")
WORSENING_ID = ("memburuk", "▼", "Memburuk: realisasi naik 2,26 dari 2024")
IMPROVING_EN = ("membaik", "▲", "Improving: realisation down 2.34 points from 2024")
WORSENING_EN = ("memburuk", "▼", "Worsening: realisation up 2.26 from 2024")


def test_lower_is_better_improving_and_worsening_on_the_card(lower_is_better):
    assert change_span(card_of(lower_is_better, "IKU-4")) == IMPROVING_ID
    assert change_span(card_of(lower_is_better, "IKU-2")) == WORSENING_ID


def test_lower_is_better_improving_and_worsening_on_the_iku_page(lower_is_better):
    assert change_span(indicator_page(lower_is_better, "IKU-4")) == IMPROVING_ID
    assert change_span(indicator_page(lower_is_better, "IKU-2")) == WORSENING_ID


def test_english_edition_card_and_page(lower_is_better):
    with bahasa.language("en", lower_is_better.translations):
        assert change_span(card_of(lower_is_better, "IKU-4")) == IMPROVING_EN
        assert change_span(card_of(lower_is_better, "IKU-2")) == WORSENING_EN
        assert change_span(indicator_page(lower_is_better, "IKU-4")) == IMPROVING_EN
        assert change_span(indicator_page(lower_is_better, "IKU-2")) == WORSENING_EN


def test_the_caption_states_the_same_quantity_as_the_card(lower_is_better):
    """The chart caption on the IKU page once gave the change of the capaian (4,74 points for
    IKU 4) while the card gave the realisasi's (2,34): now both say realisasi, with the meaning."""
    page = indicator_page(lower_is_better, "IKU-4")
    caption = re.search(r"<figcaption>([^<]*)</figcaption>", page).group(1)
    assert "Membaik: realisasi turun 2,34 poin dari 2024." in caption
    assert "poin dari 2024" not in caption.replace("Membaik: realisasi turun 2,34 poin dari 2024.", "")


def test_the_laporan_shows_the_change_in_the_iku_direction(lower_is_better):
    text = report(lower_is_better)
    section = text[text.index('<h2 id="iku-4">'):text.index('<h2 id="iku-5">')]
    assert change_span(section) == IMPROVING_ID


def test_higher_is_better_reads_the_other_way():
    """The sample IKU 3 (arah naik): 100% in 2024, 94,44% in 2025 (17 of 18): a worsening."""
    portal = build(__import__("projectkit").DATA)
    assert change_span(card_of(portal, "IKU-3")) == ("memburuk", "▼", "Memburuk: realisasi turun 5,56 poin dari 2024")
    assert change_span(card_of(portal, "IKU-1"))[:2] == ("tetap", "▬")


def _indicator(direction: str) -> Indicator:
    return Indicator("IKU-9", 9, "", "", "", "%", direction, None, {}, None, "", "", "")


def _results(*values: float) -> list[YearResult]:
    return [YearResult("IKU-9", 2020 + i, None, Realisation(v), None, "", None, None, None) for i, v in enumerate(values)]


@pytest.mark.parametrize("direction, before, after, meaning", [
    ("naik", 50.0, 60.0, BETTER), ("naik", 60.0, 50.0, WORSE), ("turun", 60.0, 50.0, BETTER),
    ("turun", 50.0, 60.0, WORSE), ("turun", 50.0, 50.004, SAME),  # 0,004 rounds to 0,00
])
def test_meaning_follows_the_direction(direction, before, after, meaning):
    assert of_results(_indicator(direction), _results(before, after)).meaning == meaning
