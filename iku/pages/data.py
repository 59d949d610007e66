"""Data (docs/data.md): the data dictionary, the downloads and the catalogue of check messages."""

from __future__ import annotations

import hashlib

from iku import edit_links, fmt, render_history
from iku.bahasa import d, t
from iku.compute import Portal
from iku.export import Download
from iku.html import esc, md, table
from iku.messages import CATALOGUE, rule_problem


def data_dictionary(portal: Portal) -> str:
    """Every CSV file's columns, from the same declarations the checks use (registers: datapackage.yaml)."""
    parts = []
    for spec in portal.tables:
        rows = [[f"<code>{esc(f.name)}</code>", esc(_field_kind(f)), esc(d(f.description)), t("wajib") if f.required else t("boleh kosong")]
                for f in spec.fields]
        key = ", ".join(spec.key)
        facts = [esc(d(spec.title)) + ".", esc(t("Kunci unik: {key}.").format(key=key)) if key else ""]
        if spec.year_from:
            facts.append(esc(t("Tahun pelaporan diambil dari kolom {column}.").format(column=spec.year_from)))
        parts += [f"### {md(spec.path)}", "", f"<p>{' '.join(x for x in facts if x)}</p>",
                  table([t("Kolom"), t("Jenis"), t("Isi"), t("Wajib")], rows, t("Kolom {path}").format(path=spec.path)), ""]
        if spec.row_rules:
            items = "".join(f"<li>{esc(d(rule.message) if rule.message else rule_problem(rule, spec.path, 0, rule.column).message)}"
                            f"{' (' + t('peringatan') + ')' if rule.severity.value == 'peringatan' else ''}</li>" for rule in spec.row_rules)
            parts += [f"<p>{t('Aturan antar-kolom:')}</p><ul>{items}</ul>", ""]
    return "\n".join(parts)


KIND_NAMES = {"teks": "teks", "kode": "kode", "pilihan": "pilihan", "bilangan_bulat": "bilangan bulat", "tahun": "tahun",
              "desimal": "angka", "tanggal": "tanggal (tahun-bulan-tanggal)"}


def _field_kind(f) -> str:
    """'angka, 1–4' or 'pilihan: ya, tidak': the type and limits of a column, in words."""
    words = [t(KIND_NAMES[f.kind])]
    if f.choices:
        words.append(", ".join(f.choices))
    if f.minimum is not None or f.maximum is not None:
        words.append(f"{fmt.number(f.minimum) if f.minimum is not None else '…'}–{fmt.number(f.maximum) if f.maximum is not None else '…'}")
    if f.references and f.references[0] != "datapackage":
        words.append(t("nilai dari {path}").format(path=f"{f.references[0]}.{f.references[1]}"))
    if f.pattern:
        words.append(t("pola {pattern}").format(pattern=f.pattern))
    if f.unique:
        words.append(t("unik"))
    if f.future_ok:
        words.append(t("boleh sesudah hari ini"))
    return "; ".join(words)


def downloads_table(downloads: list[Download], prefix: str = "", trail=None, edit_base: str = "") -> str:
    """The files to download; with `edit_base` (the site names its repository) each data file
    also links to GitHub's web editor. A file not made yet (iku.export.download_list) gets
    placeholders for its size and SHA-256, which `fill_later` replaces once it is made."""
    headers = ("Berkas", "Isi", "Terakhir diubah", "Ukuran") + (("Ubah",) if edit_base else ())
    lines = ["| " + " | ".join(t(h) for h in headers) + " | SHA-256 |", "|---|---|---|--:|" + ("---|" if edit_base else "") + "---|"]
    for download in downloads:
        size, sha256 = _facts(download) if download.content is not None else (_later(download, "ukuran"), _later(download, "sha"))
        name = download.path.removeprefix("data/")
        commit = trail.file_commits.get(name) if trail and trail.available else None
        changed = render_history.commit_date(commit) if commit else fmt.DASH
        edit = (f" {edit_links.edit_link(edit_base, name) if download.committed else fmt.DASH} |") if edit_base else ""
        lines.append(f"| [{_breakable(md(download.path))}]({prefix}{download.path}) | {md(d(download.description))} | {changed} | {size} |{edit}"
                     f" <code class=\"sha\">{sha256}</code> |")
    return "\n".join(lines)


def _breakable(path: str) -> str:
    """A phone may break a file path after '/' and '_', so that the file column does not push what
    the file holds off a 360 px screen."""
    return path.replace("/", "/<wbr>").replace("\\_", "\\_<wbr>")


def _facts(download: Download) -> tuple[str, str]:
    return fmt.number(len(download.content) / 1024, 1) + " KB", download.sha256


# Letters and digits only, so that Markdown passes a placeholder through unchanged.
LATER = "ikumenunggu"


def _later(download: Download, fact: str) -> str:
    return f"{LATER}{fact}{hashlib.sha256(download.path.encode()).hexdigest()[:16]}"


def fill_later(html: str, downloads: list[Download]) -> str:
    """The page with the size and SHA-256 of each file made since it was rendered."""
    for download in downloads:
        size, sha256 = _facts(download)
        html = html.replace(_later(download, "ukuran"), size).replace(_later(download, "sha"), sha256)
    if LATER in html:
        raise ValueError(f"placeholder left in a page: {html[html.index(LATER):][:60]}")
    return html


def workbook_note(partial: dict[str, int]) -> str:
    """One sentence after the Data page's words on register.xlsx when a large register's sheet
    carries its latest year only (nothing otherwise, so the page is unchanged)."""
    if not partial:
        return ""
    years = ", ".join(t("{name} tahun {year}").format(name=f"<code>{esc(name)}</code>", year=year) for name, year in sorted(partial.items()))
    first = esc(min(partial))
    return " " + t("Register di atas 50.000 baris hanya membawa baris tahun terakhir di buku kerja ini ({years}); "
                   "register lengkap ada di berkas CSV-nya pada tabel Unduhan, atau jalankan {command}.").format(
        years=years, command=f"<code>iku templat --register {first}</code>")


def problem_catalogue(portal: Portal | None = None) -> str:
    """Every message `iku periksa` can show, from the same catalogue the checks use, and the
    row rules of this office's datapackage.yaml that carry their own code and wording."""
    entries = {code: (m.title, m.severity.value, m.template.replace("{{", "{").replace("}}", "}")) for code, m in CATALOGUE.items()}
    for spec in (portal.registers.values() if portal else ()):
        entries.update({rule.code: (rule.title or rule.code, rule.severity.value, rule.message)
                        for rule in spec.row_rules if rule.message})
    rows = [[f"<code>{esc(code)}</code>", esc(title), esc(severity), esc(text)] for code, (title, severity, text) in sorted(entries.items())]
    return table(["Kode", "Masalah", "Tingkat", "Pesan (isian {…} diganti nilai sebenarnya)"], rows, "Pesan pemeriksaan data")
