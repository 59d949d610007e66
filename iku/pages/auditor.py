"""Untuk auditor (docs/auditor.md): how to recompute a figure, worked from this office's own
data, one example per formula kind the office uses."""

from __future__ import annotations

from iku.bahasa import t
from iku.compute import Portal
from iku.html import esc
from iku.pages.metodologi import formula_example


def recompute_examples(portal: Portal) -> str:
    items = []
    used = {i.formula.name: i.formula for i in portal.indicators}  # in the order the IKU use them
    for formula in used.values():
        example = formula_example(portal, formula)
        if example:
            items.append(f"<li>{esc(t(formula.title))} (<code>{esc(formula.name)}</code>): {example}</li>")
    if not items:
        return f"<p>{esc(t('Belum ada realisasi yang dapat dihitung ulang.'))}</p>"
    return '<ul class="rumus">' + "".join(items) + "</ul>"
