"""Metodologi (docs/metodologi.md): the formula kinds and the national scales."""

from __future__ import annotations

from iku.bahasa import d, t
from iku.compute import Portal
from iku.formulas import FORMULAS
from iku.html import esc, table


def formula_list(portal: Portal) -> str:
    items = []
    for formula in FORMULAS.values():
        users = [i.code for i in portal.indicators if i.formula is formula]
        used = ", ".join(users) if users else t("tidak dipakai")
        named = [*formula.parameters, *(f"{name} ({t('boleh tidak ada')})" for name in formula.optional)]
        items.append(
            f"<li><strong>{esc(t(formula.title))}</strong> (<code>{esc(formula.name)}</code>; {t('parameter')}: "
            f"{esc(', '.join(named))}; {t('dipakai oleh')}: {esc(used)}).<br>{esc(t(formula.rule))}</li>"
        )
    return "<ul class=\"rumus\">" + "".join(items) + "</ul>"


def scale_table(portal: Portal, key: str) -> str:
    scale = portal.scales[key]
    rows = [[esc(c.code), esc(d(c.label)), esc(c.rule())] for c in scale.classes]
    return "\n".join([
        table([t("Kode"), t("Label"), t("Batas bawah (nilai dibulatkan 2 desimal)")], rows, d(scale.name)),
        "",
        f"<p><strong>{t('Dasar hukum')}:</strong> {esc(scale.legal_basis)}.<br><strong>{t('Kepastian angka')}:</strong> {esc(d(scale.certainty))}</p>",
    ])
