"""Keputusan (docs/keputusan.md): the decree's text, signature and Lampiran."""

from __future__ import annotations

from iku import fmt, markdown_data
from iku.bahasa import t
from iku.compute import Portal
from iku.html import definition_list, esc, md, table
from iku.kata import decree_title
from iku.pages.common import as_date, editorial_notes, filled, lettered, neutral_markdown


def lampiran_table(portal: Portal) -> str:
    headers = [t(h) for h in ("No.", "Kinerja utama", "Indikator kinerja utama", "Formulasi perhitungan dan penjelasan", "Bidang penanggung jawab", "Sumber data")]
    rows = [
        [str(i.number), esc(i.performance), esc(i.name), esc(i.formulation) or fmt.DASH, esc(i.responsible), esc(i.data_source) or fmt.DASH]
        for i in portal.indicators
    ]
    return table(headers, rows, t("Lampiran: Indikator Kinerja Utama"))


def _signature(m: dict) -> str:
    head = str(m.get("jabatan_penandatangan") or "").upper()
    lines = [esc(m.get("penandatangan")), esc(m.get("pangkat"))] + ([f"NIP. {esc(m.get('nip'))}"] if m.get("nip") else [])
    return (f'<p class="ttd">Ditetapkan di {esc(m.get("tempat"))}<br>pada tanggal {as_date(m.get("tanggal"))}<br>'
            f'{esc(head)}<br><br>' + "<br>".join(line for line in lines if line) + "</p>")


def decree(portal: Portal) -> str:
    """Every decree of the data root; the page's heading is the first one's title, each further
    decree is headed by its own."""
    parts = []
    for index, document in enumerate(portal.decrees):
        m = document.meta
        signer = ", ".join(str(v) for v in (m.get("jabatan_penandatangan"), m.get("penandatangan")) if v)
        if index:
            parts += [f"## {md(decree_title(portal, m))}", ""]
        parts += [
            definition_list(filled([
                (t("Nomor"), esc(m.get("nomor"))),
                (t("Tentang"), esc(m.get("tentang"))),
                (t("Ditetapkan di"), esc(m.get("tempat"))),
                (t("Tanggal"), as_date(m.get("tanggal"))),
                (t("Penandatangan"), esc(signer)),
                (t("Pangkat"), esc(m.get("pangkat"))),
                (t("NIP"), esc(m.get("nip"))),
                (t("Sumber teks"), esc(m.get("sumber"))),
            ])),
            "",
            markdown_data.mark(neutral_markdown(document.body)),
            "",
            _signature(m),
            "",
            f"## {t('Lampiran')}",
            "",
            definition_list([(t("Instansi"), esc(portal.instansi["nama"]))]),
            "",
            f"### {t('Tugas')}",
            "",
            lettered(portal.instansi["tugas"]),
            "",
            f"### {t('Fungsi')}",
            "",
            lettered(portal.instansi["fungsi"]),
            "",
            definition_list([(t("Tujuan"), esc(portal.instansi["tujuan"])), (t("Indikator tujuan"), esc(portal.instansi["indikator_tujuan"]["teks"]))]),
            "",
            f"### {t('Indikator Kinerja Utama')}",
            "",
            lampiran_table(portal),
            "",
            *editorial_notes(m.get("catatan_redaksi", [])),
        ]
    return "\n".join(parts)
