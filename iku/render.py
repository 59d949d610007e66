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

from iku import cards, charts, edit_links, fmt, markdown_data, render_history
from iku.bahasa import d, t
from iku.html import definition_list, esc, md, table
from iku.compute import Indicator, Portal, YearResult
from iku.export import Download
from iku.formulas import FORMULAS
from iku.messages import CATALOGUE, rule_problem
from iku.scales import Scale

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
    """One short line (at most two on a 360 px phone) on every page while the data are not
    official; the Metodologi page says more."""
    if portal.instansi.get("belum_diisi"):
        title, text, kind = t("Portal belum diisi"), t("profil, keputusan, register dan target masih kosong (dibuat dengan iku mulai)."), "danger"
    elif portal.synthetic_data:
        title, text, kind = t("Data sintetis"), t("semua angka dibuat oleh program untuk uji coba, bukan data kantor mana pun."), "danger"
    elif portal.sample_data:
        title, text, kind = t("Data contoh"), t("angka peragaan cara kerja portal, bukan angka resmi kantor."), "warning"
    else:
        return ""
    return f'<div class="admonition {kind} data-contoh" role="note"><p><strong>{title}:</strong> {text}</p></div>'


def _value(indicator: Indicator, value: float | None) -> str:
    return esc(fmt.with_unit(value, indicator.unit))


def _achievement(result: YearResult) -> str:
    if result.achievement is None:
        return f'{fmt.DASH} <span class="catatan">({esc(t(result.achievement_note))})</span>'
    return esc(fmt.number(result.achievement)) + "%"


def _category(result: YearResult) -> str:
    return esc(d(result.category.label)) if result.category else fmt.DASH


def plain_sentence(indicator: Indicator, results: list[YearResult]) -> str:
    """'Apa artinya?': what the indicator measures and whether the latest year met its target."""
    with_data = [r for r in results if r.value is not None]
    text = d(indicator.plain_explanation).rstrip(".") + "."
    if not with_data:
        return text + " " + t("Belum ada data realisasi.")
    last = with_data[-1]
    figure = fmt.with_unit(last.value, indicator.unit)
    if last.target is None:
        return text + " " + t("Pada {year} realisasinya {figure}; targetnya belum ditetapkan.").format(year=last.year, figure=figure)
    target = fmt.with_unit(last.target, indicator.unit)
    met = last.achievement is not None and last.achievement >= 100
    verdict = t("target tercapai") if met else t("target belum tercapai")
    return text + " " + t("Pada {year} realisasinya {figure} dari target {target}: {verdict}.").format(
        year=last.year, figure=figure, target=target, verdict=verdict)


# --- Beranda -----------------------------------------------------------------------------

def summary_table(portal: Portal, prefix: str = "") -> str:
    """Markdown table of every IKU in the latest year with data, linking to each IKU page."""
    year = portal.latest_year_with_data
    lines = [
        t("Tahun {year}.").format(year=year) if year else t("Belum ada data realisasi."),
        "",
        "| " + " | ".join(t(h) for h in ("IKU", "Indikator", "Target", "Realisasi", "Capaian", "Kategori")) + " |",
        "|---|---|--:|--:|--:|---|",
    ]
    for indicator in portal.indicators:
        result = portal.result(indicator.code, year) if year else None
        link = f"[{md(indicator.code.replace('-', ' '))}]({prefix}{page_path(indicator)})"
        if result is None:
            lines.append(f"| {link} | {md(d(indicator.name))} | {fmt.DASH} | {fmt.DASH} | {fmt.DASH} | {fmt.DASH} |")
            continue
        # A Markdown table: the unit and category labels come from data, so they are escaped
        # for Markdown too (esc alone would let "[x](javascript:...)" become a link).
        target, value = (md(fmt.with_unit(v, indicator.unit)) for v in (result.target, result.value))
        category = md(d(result.category.label)) if result.category else fmt.DASH
        lines.append(f"| {link} | {md(d(indicator.name))} | {target} | {value} | {_achievement(result)} | {category} |")
    return "\n".join(lines)


def objective(portal: Portal, prefix: str = "") -> str:
    inst = portal.instansi
    indicator_text = inst["indikator_tujuan"]["teks"]
    same = inst["indikator_tujuan"].get("sama_dengan_iku")
    pairs = [(t("Tujuan"), esc(d(inst["tujuan"]))), (t("Indikator tujuan"), esc(d(indicator_text)))]
    if same:
        indicator = portal.indicator(same)
        year = portal.latest_year_with_data
        result = portal.result(same, year) if year else None
        if result and result.value is not None:
            extra = f" ({esc(d(result.value_class.label))})" if result.value_class else ""
            measured = t("diukur sama dengan {code}").format(code=esc(indicator.code))
            pairs.append((t("Nilai {year}").format(year=year), f"{_value(indicator, result.value)}{extra}, {measured}"))
    return definition_list(pairs)


# --- IKU page ----------------------------------------------------------------------------

def _results_table(indicator: Indicator, results: list[YearResult], portal: Portal, revisions: dict[int, str]) -> str:
    scale = portal.scales.get(indicator.value_scale) if indicator.value_scale else None
    headers = [t("Tahun"), t("Target"), t("Realisasi")] + ([esc(_scale_column(scale))] if scale else []) + [t("Capaian"), t("Kategori capaian")]
    if revisions:
        headers.append(t("Revisi setelah rilis"))
    rows = []
    for r in results:
        row = [str(r.year), _value(indicator, r.target), _value(indicator, r.value)]
        if scale:
            row.append(esc(f"{r.value_class.code} ({d(r.value_class.label)})") if r.value_class else fmt.DASH)
        row += [_achievement(r), _category(r)]
        if revisions:
            row.append(esc(revisions.get(r.year, "")))
        rows.append(row)
    numeric = {1, 2, 4 if scale else 3}
    return table(headers, rows, t("Target, realisasi, dan capaian {code}").format(code=indicator.code), numeric)


def _scale_column(scale: Scale) -> str:
    return t("Mutu pelayanan") if scale.key == "mutu_ikm" else t("Predikat") if scale.key == "predikat_sakip" else d(scale.name)


def _steps_table(indicator: Indicator, result: YearResult) -> str:
    rows = [[esc(t(label).format(**params)), esc(fmt.number(value, 4) if isinstance(value, float) else t(value))]
            for (label, params), value in result.realisation.steps]
    return table([t("Langkah"), t("Nilai")], rows, t("Cara menghitung realisasi {code} tahun {year}").format(code=indicator.code, year=result.year))


def indicator_page(portal: Portal, code: str, prefix: str = "../", url_prefix: str = "../../") -> str:
    """The page of one IKU; with a git trail, each year also shows its origin and any revision
    since the last official release."""
    indicator = portal.indicator(code)
    results = portal.results[code]
    alternative = charts.text_alternative(indicator, results)
    formula = indicator.formula
    with_data = [r for r in results if r.value is not None]
    latest = with_data[-1] if with_data else None
    revisions = {r.year: render_history.revision_text(render_history.revisions_for(portal.trail, indicator, r), indicator.unit)
                 for r in results}
    revisions = {year: text for year, text in revisions.items() if text}

    parts = [
        f"# {md(indicator.code.replace('-', ' '))}: {md(d(indicator.name))}",
        "",
        f'<p class="apa-artinya"><strong>{t("Apa artinya?")}</strong> {esc(plain_sentence(indicator, results))}</p>',
        "",
        cards.outlook_paragraph(portal, indicator, url_prefix),
        "",
        f"## {t('Definisi')}",
        "",
        definition_list([
            (t("Kinerja utama"), esc(d(indicator.performance))),
            (t("Indikator"), esc(d(indicator.name))),
            (t("Formulasi (sesuai keputusan)"), esc(indicator.formulation) or f"<em>{t('tidak dirumuskan dalam keputusan')}</em>"),
            (t("Cara portal menghitung"), f"{esc(t(formula.title))}: {esc(t(formula.rule))}"),
            (t("Parameter"), esc("; ".join(f"{k}={v}" for k, v in indicator.parameters.items())) or fmt.DASH),
            (t("Satuan"), esc(d(indicator.unit))),
            (t("Arah"), t("makin tinggi makin baik") if indicator.direction == "naik" else t("makin rendah makin baik")),
            (t("Penanggung jawab"), esc(d(indicator.responsible))),
            (t("Sumber data (sesuai keputusan)"), esc(indicator.data_source) or fmt.DASH),
            (t("Register data portal"), esc(d(indicator.register.title))),
        ]),
        "",
        f"## {t('Target, realisasi, dan capaian')}",
        "",
        '<div class="grafik-tabel">'
        # The figcaption names the figure (HTML-AAM); a role beside a figcaption is invalid HTML.
        '<figure class="grafik">'
        f'<div class="svg" aria-hidden="true">{charts.indicator_svg(indicator, results)}</div>'
        f"<figcaption>{esc(alternative)}</figcaption></figure>"
        f"{_results_table(indicator, results, portal, revisions)}</div>",
        "",
    ]
    if latest is not None:
        parts += [f"## {t('Cara menghitung angka {year}').format(year=latest.year)}", "", _steps_table(indicator, latest), ""]
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
        definition_list([(t("Instansi"), esc(inst["nama"])), (t("Kabupaten"), esc(inst["kabupaten"])), (t("Provinsi"), esc(inst.get("provinsi", "")))]),
        "",
        f"## {t('Tugas')}",
        "",
        _lettered(inst["tugas"]),
        "",
        f"## {t('Fungsi')}",
        "",
        _lettered(inst["fungsi"]),
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
    parts += _editorial_notes(inst.get("catatan_redaksi", []))
    return "\n".join(parts)


def _editorial_notes(notes: list[str]) -> list[str]:
    if not notes:
        return []
    return [
        f'<div class="admonition note catatan-redaksi"><p class="admonition-title">{t("Catatan redaksi")}</p><ul>'
        + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul></div>",
        "",
    ]


def lampiran_table(portal: Portal) -> str:
    headers = [t(h) for h in ("No.", "Kinerja utama", "Indikator kinerja utama", "Formulasi perhitungan dan penjelasan", "Bidang penanggung jawab", "Sumber data")]
    rows = [
        [str(i.number), esc(i.performance), esc(i.name), esc(i.formulation) or fmt.DASH, esc(i.responsible), esc(i.data_source) or fmt.DASH]
        for i in portal.indicators
    ]
    return table(headers, rows, t("Lampiran: Indikator Kinerja Utama"))


def decree(portal: Portal) -> str:
    parts = []
    for document in portal.decrees:
        m = document.meta
        parts += [
            definition_list([
                (t("Nomor"), esc(m.get("nomor"))),
                (t("Tentang"), esc(m.get("tentang"))),
                (t("Ditetapkan di"), esc(m.get("tempat"))),
                (t("Tanggal"), _as_date(m.get("tanggal"))),
                (t("Penandatangan"), esc(f"{m.get('jabatan_penandatangan', '')}, {m.get('penandatangan', '')}")),
                (t("Pangkat"), esc(m.get("pangkat"))),
                (t("NIP"), esc(m.get("nip"))),
                (t("Sumber teks"), esc(m.get("sumber"))),
            ]),
            "",
            markdown_data.mark(neutral_markdown(document.body)),
            "",
            f'<p class="ttd">Ditetapkan di {esc(m.get("tempat"))}<br>pada tanggal {_as_date(m.get("tanggal"))}<br>'
            f'{esc(str(m.get("jabatan_penandatangan", "")).upper())}<br><br>{esc(m.get("penandatangan"))}<br>'
            f'{esc(m.get("pangkat"))}<br>NIP. {esc(m.get("nip"))}</p>',
            "",
            f"## {t('Lampiran')}",
            "",
            definition_list([(t("Instansi"), esc(portal.instansi["nama"]))]),
            "",
            f"### {t('Tugas')}",
            "",
            _lettered(portal.instansi["tugas"]),
            "",
            f"### {t('Fungsi')}",
            "",
            _lettered(portal.instansi["fungsi"]),
            "",
            definition_list([(t("Tujuan"), esc(portal.instansi["tujuan"])), (t("Indikator tujuan"), esc(portal.instansi["indikator_tujuan"]["teks"]))]),
            "",
            f"### {t('Indikator Kinerja Utama')}",
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
    return "; ".join(words)


def downloads_table(downloads: list[Download], prefix: str = "", trail=None, edit_base: str = "") -> str:
    """The files to download; with `edit_base` (the site names its repository) each data file
    also links to GitHub's web editor."""
    headers = ("Berkas", "Isi", "Terakhir diubah", "Ukuran") + (("Ubah",) if edit_base else ())
    lines = ["| " + " | ".join(t(h) for h in headers) + " | SHA-256 |", "|---|---|---|--:|" + ("---|" if edit_base else "") + "---|"]
    for download in downloads:
        size = fmt.number(len(download.content) / 1024, 1) + " KB"
        name = download.path.removeprefix("data/")
        commit = trail.file_commits.get(name) if trail and trail.available else None
        changed = render_history.commit_date(commit) if commit else fmt.DASH
        edit = (f" {edit_links.edit_link(edit_base, name) if download.committed else fmt.DASH} |") if edit_base else ""
        lines.append(f"| [{md(download.path)}]({prefix}{download.path}) | {md(d(download.description))} | {changed} | {size} |{edit}"
                     f" <code class=\"sha\">{download.sha256}</code> |")
    return "\n".join(lines)


def problem_catalogue(portal: Portal | None = None) -> str:
    """Every message `iku periksa` can show, from the same catalogue the checks use, and the
    row rules of this office's datapackage.yaml that carry their own code and wording."""
    entries = {code: (m.title, m.severity.value, m.template.replace("{{", "{").replace("}}", "}")) for code, m in CATALOGUE.items()}
    for spec in (portal.registers.values() if portal else ()):
        entries.update({rule.code: (rule.title or rule.code, rule.severity.value, rule.message)
                        for rule in spec.row_rules if rule.message})
    rows = [[f"<code>{esc(code)}</code>", esc(title), esc(severity), esc(text)] for code, (title, severity, text) in sorted(entries.items())]
    return table(["Kode", "Masalah", "Tingkat", "Pesan (isian {…} diganti nilai sebenarnya)"], rows, "Pesan pemeriksaan data")


def report(portal: Portal) -> str:
    """'Laporan IKU <tahun>': every IKU of the latest year on one printable page."""
    year = portal.latest_year_with_data
    if year is None:
        return t("Belum ada data realisasi untuk dilaporkan.")
    inst = portal.instansi
    parts = [
        f"# {t('Laporan IKU {year}').format(year=year)}",
        "",
        f"<p class=\"laporan-kop\"><strong>{esc(inst['nama'])}</strong>, {esc(inst['kabupaten'])}<br>"
        f"{t('Capaian Indikator Kinerja Utama tahun {year}, dihitung dari register data portal.').format(year=year)}</p>",
        "",
        f"## {t('Ringkasan')}",
        "",
        table(
            [t(h) for h in ("IKU", "Indikator", "Target", "Realisasi", "Capaian", "Kategori")],
            [[esc(i.code), esc(d(i.name)), _value(i, r.target), _value(i, r.value), _achievement(r), _category(r)]
             for i in portal.indicators if (r := portal.result(i.code, year)) is not None],
            t("Ringkasan capaian IKU tahun {year}").format(year=year), numeric={2, 3, 4},
        ),
        "",
    ]
    for indicator in portal.indicators:
        results = portal.results[indicator.code]
        parts += [
            f'<section class="laporan-iku"><h2 id="{esc(indicator.code.lower())}">{esc(indicator.code)}: {esc(d(indicator.name))}</h2>'
            + definition_list([
                (t("Kinerja utama"), esc(d(indicator.performance))),
                (t("Penanggung jawab"), esc(d(indicator.responsible))),
                (t("Cara menghitung"), esc(t(indicator.formula.title))),
                (t("Apa artinya?"), esc(plain_sentence(indicator, results))),
            ])
            + '<div class="grafik-tabel">'
            + f'<figure class="grafik"><div class="svg" aria-hidden="true">{charts.indicator_svg(indicator, results)}</div>'
            + f"<figcaption>{esc(charts.text_alternative(indicator, results))}</figcaption></figure>"
            + _results_table(indicator, results, portal, {}) + "</div></section>",
            "",
        ]
    return "\n".join(parts)
