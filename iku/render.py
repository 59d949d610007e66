"""Stage 4, render: page fragments (Markdown headings and HTML blocks) from a computed Portal.

Every string that comes from a data file passes through `esc` (HTML) or `md` (Markdown
inline) before it is placed in a page, so a cell holding `<script>` or `{{ config }}` is
shown as text. The site adapter places these fragments as macro *results*, which the macros
engine does not render again. Links are written as Markdown links relative to the page's
source file (`prefix`), so the site generator checks and rewrites them.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from iku import charts, fmt, render_history
from iku.html import definition_list, esc, md, table
from iku.compute import Indicator, Portal, YearResult
from iku.export import Download
from iku.formulas import FORMULAS
from iku.scales import Scale
from iku.schema import all_tables

def plain_title(value: str) -> str:
    """For navigation titles, which the theme inserts unescaped: keep letters, digits, punctuation."""
    return re.sub(r"[<>&\"'{}`]", "", value)


def indicator_page_source(indicator: Indicator) -> str:
    """The Markdown source of a generated IKU page: metadata, then one macro call. Only the
    validated code and sanitised text enter it, so no data can act as a template or HTML."""
    description = plain_title(f"{indicator.code.replace('-', ' ')}: {indicator.plain_explanation}")
    return (
        "---\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n"
        "search:\n  boost: 3\n"  # the IKU pages are what a search for "aduan" or "SAKIP" is after
        "---\n"
        f"{{{{ halaman_iku({json.dumps(indicator.code)}) }}}}\n"
    )


def page_path(indicator: Indicator) -> str:
    return f"iku/{indicator.code.lower()}.md"


def sample_notice(portal: Portal) -> str:
    if not portal.sample_data:
        return ""
    return (
        '<div class="admonition warning data-contoh" role="note"><p class="admonition-title">Data contoh</p>'
        "<p>Angka di portal ini adalah <strong>data contoh</strong> untuk menunjukkan cara kerja portal, "
        "bukan angka resmi kantor. Angka resmi akan tampil setelah register diisi data asli.</p></div>"
    )


def _value(indicator: Indicator, value: float | None) -> str:
    return esc(fmt.with_unit(value, indicator.unit))


def _achievement(result: YearResult) -> str:
    if result.achievement is None:
        return f'{fmt.DASH} <span class="catatan">({esc(result.achievement_note)})</span>'
    return esc(fmt.number(result.achievement)) + "%"


def _category(result: YearResult) -> str:
    return esc(result.category.label) if result.category else fmt.DASH


def plain_sentence(indicator: Indicator, results: list[YearResult]) -> str:
    """'Apa artinya?': what the indicator measures and whether the latest year met its target."""
    with_data = [r for r in results if r.value is not None]
    text = indicator.plain_explanation.rstrip(".") + "."
    if not with_data:
        return text + " Belum ada data realisasi."
    last = with_data[-1]
    figure = fmt.with_unit(last.value, indicator.unit)
    if last.target is None:
        return text + f" Pada {last.year} realisasinya {figure}; targetnya belum ditetapkan."
    target = fmt.with_unit(last.target, indicator.unit)
    met = last.achievement is not None and last.achievement >= 100
    verdict = "target tercapai" if met else "target belum tercapai"
    return text + f" Pada {last.year} realisasinya {figure} dari target {target}: {verdict}."


# --- Beranda -----------------------------------------------------------------------------

def summary_table(portal: Portal, prefix: str = "") -> str:
    """Markdown table of every IKU in the latest year with data, linking to each IKU page."""
    year = portal.latest_year_with_data
    lines = [
        f"Tahun {year}." if year else "Belum ada data realisasi.",
        "",
        "| IKU | Indikator | Target | Realisasi | Capaian | Kategori |",
        "|---|---|--:|--:|--:|---|",
    ]
    for indicator in portal.indicators:
        result = portal.result(indicator.code, year) if year else None
        link = f"[{md(indicator.code.replace('-', ' '))}]({prefix}{page_path(indicator)})"
        if result is None:
            lines.append(f"| {link} | {md(indicator.name)} | {fmt.DASH} | {fmt.DASH} | {fmt.DASH} | {fmt.DASH} |")
            continue
        lines.append(
            f"| {link} | {md(indicator.name)} | {_value(indicator, result.target)} | {_value(indicator, result.value)} "
            f"| {_achievement(result)} | {_category(result)} |"
        )
    return "\n".join(lines)


def objective(portal: Portal, prefix: str = "") -> str:
    inst = portal.instansi
    indicator_text = inst["indikator_tujuan"]["teks"]
    same = inst["indikator_tujuan"].get("sama_dengan_iku")
    pairs = [("Tujuan", esc(inst["tujuan"])), ("Indikator tujuan", esc(indicator_text))]
    if same:
        indicator = portal.indicator(same)
        year = portal.latest_year_with_data
        result = portal.result(same, year) if year else None
        if result and result.value is not None:
            extra = f" ({esc(result.value_class.label)})" if result.value_class else ""
            pairs.append((f"Nilai {year}", f"{_value(indicator, result.value)}{extra}, diukur sama dengan {esc(indicator.code)}"))
    return definition_list(pairs)


# --- IKU page ----------------------------------------------------------------------------

def _results_table(indicator: Indicator, results: list[YearResult], portal: Portal, revisions: dict[int, str]) -> str:
    scale = portal.scales.get(indicator.value_scale) if indicator.value_scale else None
    headers = ["Tahun", "Target", "Realisasi"] + ([esc(_scale_column(scale))] if scale else []) + ["Capaian", "Kategori capaian"]
    if revisions:
        headers.append("Revisi setelah rilis")
    rows = []
    for r in results:
        row = [str(r.year), _value(indicator, r.target), _value(indicator, r.value)]
        if scale:
            row.append(esc(f"{r.value_class.code} ({r.value_class.label})") if r.value_class else fmt.DASH)
        row += [_achievement(r), _category(r)]
        if revisions:
            row.append(esc(revisions.get(r.year, "")))
        rows.append(row)
    numeric = {1, 2, 4 if scale else 3}
    return table(headers, rows, f"Target, realisasi, dan capaian {indicator.code}", numeric)


def _scale_column(scale: Scale) -> str:
    return "Mutu pelayanan" if scale.key == "mutu_ikm" else "Predikat" if scale.key == "predikat_sakip" else scale.name


def _steps_table(indicator: Indicator, result: YearResult) -> str:
    rows = [[esc(label), esc(fmt.number(value, 4) if isinstance(value, float) else value)] for label, value in result.realisation.steps]
    return table(["Langkah", "Nilai"], rows, f"Cara menghitung realisasi {indicator.code} tahun {result.year}")


def indicator_page(portal: Portal, code: str, prefix: str = "../") -> str:
    """The page of one IKU; with a git trail, each year also shows its origin and any revision
    since the last official release."""
    indicator = portal.indicator(code)
    results = portal.results[code]
    chart = charts.target_vs_realisation(indicator, results)
    alternative = charts.text_alternative(indicator, results)
    formula = indicator.formula
    with_data = [r for r in results if r.value is not None]
    latest = with_data[-1] if with_data else None
    revisions = {r.year: render_history.revision_text(render_history.revisions_for(portal.trail, indicator, r), indicator.unit)
                 for r in results}
    revisions = {year: text for year, text in revisions.items() if text}

    parts = [
        f"# {md(indicator.code.replace('-', ' '))}: {md(indicator.name)}",
        "",
        f'<p class="apa-artinya"><strong>Apa artinya?</strong> {esc(plain_sentence(indicator, results))}</p>',
        "",
        "## Definisi",
        "",
        definition_list([
            ("Kinerja utama", esc(indicator.performance)),
            ("Indikator", esc(indicator.name)),
            ("Formulasi (sesuai keputusan)", esc(indicator.formulation) or "<em>tidak dirumuskan dalam keputusan</em>"),
            ("Cara portal menghitung", f"{esc(formula.title)}: {esc(formula.rule)}"),
            ("Parameter", esc("; ".join(f"{k}={v}" for k, v in indicator.parameters.items())) or fmt.DASH),
            ("Satuan", esc(indicator.unit)),
            ("Arah", "makin tinggi makin baik" if indicator.direction == "naik" else "makin rendah makin baik"),
            ("Penanggung jawab", esc(indicator.responsible)),
            ("Sumber data (sesuai keputusan)", esc(indicator.data_source) or fmt.DASH),
            ("Register data portal", esc(indicator.register.title)),
        ]),
        "",
        "## Target, realisasi, dan capaian",
        "",
        '<div class="grafik-tabel">'
        f'<figure class="grafik" role="group" aria-label="{esc(alternative)}">'
        f'<div class="svg" aria-hidden="true">{charts.render_svg(chart)}</div>'
        f"<figcaption>{esc(alternative)}</figcaption></figure>"
        f"{_results_table(indicator, results, portal, revisions)}</div>",
        "",
    ]
    if latest is not None:
        parts += [f"## Cara menghitung angka {latest.year}", "", _steps_table(indicator, latest), ""]
    parts.append(render_history.provenance(indicator, results, portal.trail, prefix))
    return "\n".join(parts)


# --- Keputusan, Profil, Metodologi, Data ------------------------------------------------

def neutral_markdown(text: str) -> str:
    """Markdown from a data file with any raw HTML turned into visible text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("{", "&#123;").replace("}", "&#125;")


def _as_date(value: object) -> str:
    if isinstance(value, dt.date):
        return fmt.date(value)
    try:
        return fmt.date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return esc(value)


def _lettered(items: list[dict]) -> str:
    return '<ol class="huruf">' + "".join(f'<li value="{i}"><span class="label">{esc(it["huruf"])}.</span> {esc(it["teks"])}</li>' for i, it in enumerate(items, 1)) + "</ol>"


def profile(portal: Portal) -> str:
    inst = portal.instansi
    renstra = inst["renstra"]
    parts = [
        definition_list([("Instansi", esc(inst["nama"])), ("Kabupaten", esc(inst["kabupaten"])), ("Provinsi", esc(inst.get("provinsi", "")))]),
        "",
        "## Tugas",
        "",
        _lettered(inst["tugas"]),
        "",
        "## Fungsi",
        "",
        _lettered(inst["fungsi"]),
        "",
        "## Tujuan dan indikator tujuan",
        "",
        objective(portal),
        "",
        f"## {md(renstra['judul'])}",
        "",
        f"<p>{esc(renstra.get('pengantar', ''))}</p>",
        "",
    ]
    for group in renstra["kelompok"]:
        parts += [
            f"### {md(group['nama'])}",
            "",
            definition_list([
                ("Tujuan", esc(group["tujuan"])),
                ("Sasaran", "<ol>" + "".join(f"<li>{esc(s)}</li>" for s in group["sasaran"]) + "</ol>"),
            ]),
            "",
        ]
    parts += _editorial_notes(inst.get("catatan_redaksi", []))
    return "\n".join(parts)


def _editorial_notes(notes: list[str]) -> list[str]:
    if not notes:
        return []
    return [
        '<div class="admonition note catatan-redaksi"><p class="admonition-title">Catatan redaksi</p><ul>'
        + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul></div>",
        "",
    ]


def lampiran_table(portal: Portal) -> str:
    headers = ["No.", "Kinerja utama", "Indikator kinerja utama", "Formulasi perhitungan dan penjelasan", "Bidang penanggung jawab", "Sumber data"]
    rows = [
        [str(i.number), esc(i.performance), esc(i.name), esc(i.formulation) or fmt.DASH, esc(i.responsible), esc(i.data_source) or fmt.DASH]
        for i in portal.indicators
    ]
    return table(headers, rows, "Lampiran: Indikator Kinerja Utama")


def decree(portal: Portal) -> str:
    parts = []
    for d in portal.decrees:
        m = d.meta
        parts += [
            definition_list([
                ("Nomor", esc(m.get("nomor"))),
                ("Tentang", esc(m.get("tentang"))),
                ("Ditetapkan di", esc(m.get("tempat"))),
                ("Tanggal", _as_date(m.get("tanggal"))),
                ("Penandatangan", esc(f"{m.get('jabatan_penandatangan', '')}, {m.get('penandatangan', '')}")),
                ("Pangkat", esc(m.get("pangkat"))),
                ("NIP", esc(m.get("nip"))),
                ("Sumber teks", esc(m.get("sumber"))),
            ]),
            "",
            neutral_markdown(d.body),
            "",
            f'<p class="ttd">Ditetapkan di {esc(m.get("tempat"))}<br>pada tanggal {_as_date(m.get("tanggal"))}<br>'
            f'{esc(str(m.get("jabatan_penandatangan", "")).upper())}<br><br>{esc(m.get("penandatangan"))}<br>'
            f'{esc(m.get("pangkat"))}<br>NIP. {esc(m.get("nip"))}</p>',
            "",
            "## Lampiran",
            "",
            definition_list([("Instansi", esc(portal.instansi["nama"]))]),
            "",
            "### Tugas",
            "",
            _lettered(portal.instansi["tugas"]),
            "",
            "### Fungsi",
            "",
            _lettered(portal.instansi["fungsi"]),
            "",
            definition_list([("Tujuan", esc(portal.instansi["tujuan"])), ("Indikator tujuan", esc(portal.instansi["indikator_tujuan"]["teks"]))]),
            "",
            "### Indikator Kinerja Utama",
            "",
            lampiran_table(portal),
            "",
            *_editorial_notes(m.get("catatan_redaksi", [])),
        ]
    return "\n".join(parts)


def formula_list(portal: Portal) -> str:
    items = []
    for formula in FORMULAS.values():
        users = [i.code for i in portal.indicators if i.formula is formula]
        used = ", ".join(users) if users else "tidak dipakai"
        items.append(
            f"<li><strong>{esc(formula.title)}</strong> (<code>{esc(formula.name)}</code>; parameter: "
            f"{esc(', '.join(formula.parameters))}; dipakai oleh: {esc(used)}).<br>{esc(formula.rule)}</li>"
        )
    return "<ul class=\"rumus\">" + "".join(items) + "</ul>"


def scale_table(portal: Portal, key: str) -> str:
    scale = portal.scales[key]
    rows = [[esc(c.code), esc(c.label), esc(c.rule())] for c in scale.classes]
    return "\n".join([
        table(["Kode", "Label", "Batas bawah (nilai dibulatkan 2 desimal)"], rows, scale.name),
        "",
        f"<p><strong>Dasar hukum:</strong> {esc(scale.legal_basis)}.<br><strong>Kepastian angka:</strong> {esc(scale.certainty)}</p>",
    ])


def data_dictionary() -> str:
    parts = []
    for spec in all_tables():
        rows = [[f"<code>{esc(f.name)}</code>", esc(f.description), "wajib" if f.required else "boleh kosong"] for f in spec.fields]
        key = ", ".join(spec.key)
        parts += [f"### {md(spec.path)}", "", f"<p>{esc(spec.title)}. Kunci unik: {esc(key)}.</p>",
                  table(["Kolom", "Isi", "Wajib"], rows, f"Kolom {spec.path}"), ""]
    return "\n".join(parts)


def downloads_table(downloads: list[Download], prefix: str = "", trail=None) -> str:
    lines = ["| Berkas | Isi | Terakhir diubah | Ukuran | SHA-256 |", "|---|---|---|--:|---|"]
    for d in downloads:
        size = fmt.number(len(d.content) / 1024, 1) + " KB"
        commit = trail.file_commits.get(d.path.removeprefix("data/")) if trail and trail.available else None
        changed = render_history.commit_date(commit) if commit else fmt.DASH
        lines.append(f"| [{md(d.path)}]({prefix}{d.path}) | {md(d.description)} | {changed} | {size} | <code class=\"sha\">{d.sha256}</code> |")
    return "\n".join(lines)


def problem_catalogue() -> str:
    """Every message `iku periksa` can show, from the same catalogue the checks use."""
    from iku.messages import CATALOGUE

    rows = [[f"<code>{esc(code)}</code>", esc(m.title), esc(m.severity.value), esc(m.template.replace("{{", "{").replace("}}", "}"))]
            for code, m in sorted(CATALOGUE.items())]
    return table(["Kode", "Masalah", "Tingkat", "Pesan (isian {…} diganti nilai sebenarnya)"], rows, "Pesan pemeriksaan data")


def report(portal: Portal) -> str:
    """'Laporan IKU <tahun>': every IKU of the latest year on one printable page."""
    year = portal.latest_year_with_data
    if year is None:
        return "Belum ada data realisasi untuk dilaporkan."
    inst = portal.instansi
    parts = [
        f"# Laporan IKU {year}",
        "",
        f"<p class=\"laporan-kop\"><strong>{esc(inst['nama'])}</strong>, {esc(inst['kabupaten'])}<br>"
        f"Capaian Indikator Kinerja Utama tahun {year}, dihitung dari register data portal.</p>",
        "",
        "## Ringkasan",
        "",
        table(
            ["IKU", "Indikator", "Target", "Realisasi", "Capaian", "Kategori"],
            [[esc(i.code), esc(i.name), _value(i, r.target), _value(i, r.value), _achievement(r), _category(r)]
             for i in portal.indicators if (r := portal.result(i.code, year)) is not None],
            f"Ringkasan capaian IKU tahun {year}", numeric={2, 3, 4},
        ),
        "",
    ]
    for indicator in portal.indicators:
        results = portal.results[indicator.code]
        parts += [
            f'<section class="laporan-iku"><h2 id="{esc(indicator.code.lower())}">{esc(indicator.code)}: {esc(indicator.name)}</h2>'
            + definition_list([
                ("Kinerja utama", esc(indicator.performance)),
                ("Penanggung jawab", esc(indicator.responsible)),
                ("Cara menghitung", esc(indicator.formula.title)),
                ("Apa artinya?", esc(plain_sentence(indicator, results))),
            ])
            + '<div class="grafik-tabel">'
            + f'<figure class="grafik"><div class="svg" aria-hidden="true">{charts.render_svg(charts.target_vs_realisation(indicator, results))}</div>'
            + f"<figcaption>{esc(charts.text_alternative(indicator, results))}</figcaption></figure>"
            + _results_table(indicator, results, portal, {}) + "</div></section>",
            "",
        ]
    return "\n".join(parts)
