"""The change of an IKU's realisation from the year before, read in the IKU's own direction.

One quantity everywhere: the realisasi (never the capaian), and the text says so. What the
change means follows the IKU's `arah`: up is better for `naik`, down is better for `turun`.
The word ("membaik", "memburuk", "tetap") carries the meaning; the arrow (▲ better, ▼ worse,
▬ the same) and the colour (CSS class of the same name) repeat it, never carry it alone.
Used by the Beranda cards, the IKU pages, the chart captions and the Laporan.
"""

from __future__ import annotations

from dataclasses import dataclass

from iku import fmt
from iku.bahasa import t
from iku.html import esc

BETTER, WORSE, SAME = "membaik", "memburuk", "tetap"
ARROW = {BETTER: "▲", WORSE: "▼", SAME: "▬"}


@dataclass(frozen=True)
class Change:
    meaning: str  # BETTER, WORSE or SAME
    amount: float  # how far the realisation moved, rounded half up to two decimals (≥ 0)
    rose: bool  # whether the realisation went up (meaningless when SAME)
    previous_year: int
    unit: str


def of_results(indicator, results) -> Change | None:
    """The latest realisation against the one of the year before it that has data; None
    without two years of data."""
    with_data = [r for r in results if r.value is not None]
    if len(with_data) < 2:
        return None
    previous, last = with_data[-2], with_data[-1]
    delta = fmt.round_half_up(last.value - previous.value)
    if delta == 0:
        meaning = SAME
    else:
        meaning = BETTER if (delta > 0) == (indicator.direction == "naik") else WORSE
    return Change(meaning, abs(delta), delta > 0, previous.year, indicator.unit)


def words(change: Change) -> str:
    """'realisasi turun 2,34 poin dari 2024', the movement itself, without its meaning."""
    if change.meaning == SAME:
        return t("realisasi sama dengan {year}").format(year=change.previous_year)
    amount = fmt.number(change.amount) + (" " + t("poin") if change.unit == "%" else "")
    template = t("realisasi naik {amount} dari {year}") if change.rose else t("realisasi turun {amount} dari {year}")
    return template.format(amount=amount, year=change.previous_year)


def sentence(change: Change) -> str:
    """'Memburuk: realisasi turun 2,34 poin dari 2024.' (plain text, for captions)."""
    return f"{t(change.meaning).capitalize()}: {words(change)}."


def marker(change: Change | None) -> str:
    """The change as HTML: arrow (hidden from screen readers, the word says it) and words, in a
    span whose class names the meaning (its colour)."""
    if change is None:
        return ""
    return (f'<span class="perubahan {change.meaning}"><span aria-hidden="true">{ARROW[change.meaning]}</span> '
            f"{esc(t(change.meaning).capitalize())}: {esc(words(change))}</span>")
