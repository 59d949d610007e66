"""The office's own words, for every place a page speaks of the office: its name, its head's
title, its decree, how many IKU and registers it has and what those registers hold. All come
from the data root (instansi.yml, the decree's front matter, datapackage.yaml), in the current
language (English from terjemahan.yml where the office gives it), so `docs/` and `iku/` name no
office. Plain text: the caller escapes for where it goes (Markdown, an HTML attribute).

Pages use them through the macro `kata("<kunci>")`; meta descriptions and `site_description`
are templates with `{kunci}` placeholders, filled by `fill`.
"""

from __future__ import annotations

import string

from iku import fmt
from iku.bahasa import current, d, t


def decree_meta(portal) -> dict:
    """The front matter of the office's IKU decree (the first file in keputusan/, by name)."""
    return portal.decrees[0].meta if portal.decrees else {}


def decree_title(portal, meta: dict | None = None) -> str:
    """The decree's own title (`judul`), else one made of the head's title and its subject."""
    meta = decree_meta(portal) if meta is None else meta
    if meta.get("judul"):
        return d(str(meta["judul"]))
    subject = d(str(meta.get("tentang") or "Indikator Kinerja Utama"))
    return t("Keputusan {head} tentang {subject}").format(head=d(portal.instansi["jabatan_kepala"]), subject=subject)


def _in_sentence(title: str) -> str:
    """'Register hasil SKM' -> 'register hasil SKM' inside a sentence; 'SKM …' stays as it is."""
    first = title.split(" ", 1)[0]
    return title[0].lower() + title[1:] if first[:1].isupper() and first[1:].islower() else title


def joined(items: list[str]) -> str:
    """'a', 'a dan b', 'a, b, dan c' (English: 'a, b and c')."""
    if len(items) < 2:
        return "".join(items)
    last = t("dan")
    return f"{items[0]} {last} {items[1]}" if len(items) == 2 else ", ".join(items[:-1]) + ("," if current() == "id" else "") + f" {last} {items[-1]}"


def register_contents(portal) -> str:
    """What the registers hold, from their titles in datapackage.yaml, in declaration order."""
    return joined([_in_sentence(d(spec.title or spec.name)) for spec in portal.registers.values()])


def words(portal) -> dict[str, str]:
    inst = portal.instansi
    meta = decree_meta(portal)
    head = d(inst["jabatan_kepala"])
    number = str(meta.get("nomor") or "")
    period = inst["periode_renstra"]
    return {
        "nama": d(inst["nama"]),
        "singkatan": d(inst.get("singkatan") or inst["nama"]),
        "kabupaten": d(inst["kabupaten"]),
        "jabatan_kepala": head,
        "keputusan": decree_title(portal, meta),
        "nomor_keputusan": number,
        # "Keputusan Camat Nomor 065/10/…/2023": how a sentence refers to the decree in short.
        "keputusan_singkat": (t("Keputusan {head} Nomor {number}") if number else t("Keputusan {head}")).format(head=head, number=number),
        "jumlah_iku": fmt.words(len(portal.indicators)),
        "jumlah_register": fmt.words(len(portal.registers)),
        "isi_register": register_contents(portal),
        "renstra": f"{period['awal']}–{period['akhir']}",
        "akhir_renstra": str(period["akhir"]),
    }


class UnknownWord(KeyError):
    pass


def fill(template: str, portal) -> str:
    """A template with `{kunci}` placeholders, filled with the office's words (plain text)."""
    known = words(portal)
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None and name not in known:
            raise UnknownWord(f"{{{name}}} tidak dikenal; yang tersedia: {', '.join('{' + k + '}' for k in known)}")
    return template.format_map(known)
