"""Profil (docs/profil.md): the office, its tugas and fungsi, objective and Renstra."""

from __future__ import annotations

from iku.bahasa import d, t
from iku.compute import Portal
from iku.html import definition_list, esc, md
from iku.pages.beranda import objective
from iku.pages.common import editorial_notes, filled, lettered


def profile(portal: Portal) -> str:
    inst = portal.instansi
    renstra = inst["renstra"]
    parts = [
        definition_list(filled([(t("Instansi"), esc(d(inst["nama"]))), (t("Kabupaten"), esc(d(inst["kabupaten"]))),
                                (t("Provinsi"), esc(d(inst.get("provinsi", ""))))])),
        "",
        f"## {t('Tugas')}",
        "",
        lettered(inst["tugas"]),
        "",
        f"## {t('Fungsi')}",
        "",
        lettered(inst["fungsi"]),
        "",
        f"## {t('Tujuan dan indikator tujuan')}",
        "",
        objective(portal),
        "",
        f"## {md(d(renstra['judul']))}",
        "",
        f"<p>{esc(d(renstra.get('pengantar', '')))}</p>",
        "",
    ]
    for group in renstra["kelompok"]:
        parts += [
            f"### {md(group['nama'])}",
            "",
            definition_list([
                (t("Tujuan"), esc(d(group["tujuan"]))),
                (t("Sasaran"), "<ol>" + "".join(f"<li>{esc(d(s))}</li>" for s in group["sasaran"]) + "</ol>"),
            ]),
            "",
        ]
    parts += editorial_notes(inst.get("catatan_redaksi", []))
    return "\n".join(parts)
