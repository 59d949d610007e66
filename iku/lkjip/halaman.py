"""The LKjIP Bab III as a portal page ("Laporan Kinerja <tahun>"): the same blocks as the Word
document (iku.lkjip.isi), so a citizen reads what was filed. Every data string is escaped; the
staff's analysis is rendered as Markdown with raw HTML shown as text, inside the markers whose
HTML the site adapter cleans (iku.markdown_data), like the decree. Below the report, each figure
that changed after a release tagged in git (rilis/<nama>) is listed with the release it differs from.
"""

from __future__ import annotations

import os

from iku import markdown_data, render_history
from iku.bahasa import t
from iku.compute import Portal
from iku.html import definition_list, esc, md, table
from iku.lkjip.isi import NOT_WRITTEN, Heading, Paragraph, Report, Staff, Table, build
from iku.pages.common import neutral_markdown

# Heading levels of the report on a page whose own title is the h1.
_LEVEL = {1: "##", 2: "###", 3: "####", 4: "#####"}


def _anchor(block: Table) -> str:
    return "tabel-" + block.number.replace(".", "-")


def block_html(block) -> str:
    if isinstance(block, Heading):
        if block.anchor:  # data text: HTML escaped once, as on the Laporan page (a Markdown heading's TOC would escape it twice)
            level = len(_LEVEL[block.level])
            return f'<h{level} id="{esc(block.anchor)}">{esc(block.text)}</h{level}>'
        return f"{_LEVEL[block.level]} {md(block.text)}"
    if isinstance(block, Paragraph):
        lead = f"<strong>{esc(block.label)}:</strong> " if block.label else ""
        return f"<p>{lead}{esc(block.text)}</p>"
    if isinstance(block, Table):
        return f'<div class="lkjip-tabel" id="{_anchor(block)}">' + table(
            [esc(h) for h in block.headers], [[esc(c) for c in row] for row in block.rows], block.title, set(block.numeric)) + "</div>"
    if isinstance(block, Staff):
        lead = f'<p class="lkjip-label"><strong>{esc(block.label)}:</strong></p>'
        if not block.markdown.strip():
            return lead + f'\n\n<p class="belum-diisi"><em>{esc(t(NOT_WRITTEN))}</em></p>'
        return lead + "\n\n" + markdown_data.mark(neutral_markdown(block.markdown))
    raise TypeError(block)


def revisions(portal: Portal, report: Report) -> str:
    """Figures of the report's year that differ from what a release reported."""
    lines = []
    for indicator in portal.indicators:
        result = portal.result(indicator.code, report.year)
        if result is None:
            continue
        text = render_history.revision_text(render_history.revisions_for(portal.trail, indicator, result), indicator.unit)
        if text:
            lines.append(f"<li>{esc(indicator.code)}: {esc(text)}</li>")
    if not lines:
        return f"<p>{esc(t('Tidak ada angka tahun ini yang berubah setelah rilis resmi (tag rilis/<nama> di git).'))}</p>"
    return "<ul>" + "".join(lines) + "</ul>"


def page(portal: Portal) -> str:
    year = portal.latest_year_with_data
    if year is None:
        return f"# {t('Laporan Kinerja')}\n\n" + t("Belum ada data realisasi untuk dilaporkan.")
    trail = portal.trail
    commit = trail.head.short if trail is not None and getattr(trail, "head", None) is not None else ""
    report = build(portal, year, commit, os.environ.get("SOURCE_DATE_EPOCH"))
    intro = t("Bab III Laporan Kinerja Instansi Pemerintah (LKjIP), disusun dari data portal ini. "
              "Berkas Word dan PDF yang sama isinya dibuat dengan perintah make lkjip.")
    parts = [
        f"# {t('Laporan Kinerja {year}').format(year=year)}",
        "",
        f'<p class="lkjip-pengantar">{esc(intro)}</p>',
        "",
        definition_list([(label, esc(value)) for label, value in report.cover]),
        "",
    ]
    for block in report.blocks:
        parts += [block_html(block), ""]
    parts += [f"## {t('Riwayat angka yang dilaporkan')}", "", revisions(portal, report), ""]
    return "\n".join(parts)
