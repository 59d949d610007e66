"""The gathering portal (`make gabungan`): offices' verified snapshots (iku.snapshot) grouped by
kabupaten, one page per kabupaten so that a province of thousands of offices stays within a
phone's budget, a province page of kabupaten, and a Riwayat of every figure that changed.

Only what is comparable across offices is compared: the IKM (IKU of formula kind indeks_skm,
PermenPANRB 14/2017), the SAKIP value (nilai_langsung on the predikat_sakip scale) and the mean
capaian of each office's latest year. Every text from an office is data: escaped here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from statistics import mean

from iku import fmt
from iku.compare import COMPARED, show_figure
from iku.gabungan_charts import bars
from iku.html import esc, md, table
from iku.snapshot import REFUSED, Snapshot

UNKNOWN_REGION = "Kabupaten belum diketahui"
HISTORY_SHOWN = 300  # newest entries on the Riwayat page; all of them stay in riwayat.json


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    unit: str
    column: str
    explanation: str

    def picks(self, indicator: dict) -> bool:
        kind, scale = indicator.get("jenis_rumus"), indicator.get("skala")
        return kind == "indeks_skm" if self.key == "ikm" else kind == "nilai_langsung" and scale == "predikat_sakip"


MEASURES = (
    Measure("ikm", "Indeks Kepuasan Masyarakat (IKM)", "IKM", "IKM",
            "IKU berjenis rumus indeks_skm: IKM menurut PermenPANRB 14/2017, skala 25–100, tahun terakhir setiap kantor."),
    Measure("sakip", "Nilai SAKIP", "nilai", "Nilai",
            "IKU berjenis rumus nilai_langsung dengan skala predikat_sakip: nilai evaluasi SAKIP 0–100, tahun terakhir setiap kantor."),
)


@dataclass
class Region:
    name: str
    slug: str
    offices: list[Snapshot] = field(default_factory=list)

    @property
    def shown(self) -> list[Snapshot]:
        return [s for s in self.offices if s.has_figures]


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "wilayah"


def regions(snapshots: list[Snapshot]) -> list[Region]:
    grouped: dict[str, Region] = {}
    for snap in sorted(snapshots, key=lambda s: (s.region or "~", s.name, s.slug)):
        name = snap.region or UNKNOWN_REGION
        grouped.setdefault(name, Region(name, ""))
        grouped[name].offices.append(snap)
    used: set[str] = set()
    for region in grouped.values():
        base = slug_of(region.name)
        region.slug = next(f"{base}-{n}" if n else base for n in range(len(used) + 1) if (f"{base}-{n}" if n else base) not in used)
        used.add(region.slug)
    return list(grouped.values())


def latest(snap: Snapshot) -> tuple[int | None, list[dict]]:
    years = [r["tahun"] for r in snap.results if r.get("realisasi") is not None]
    if not years:
        return None, []
    year = max(years)
    return year, [r for r in snap.results if r["tahun"] == year and r.get("realisasi") is not None]


def mean_achievement(snap: Snapshot) -> tuple[int | None, float | None]:
    year, rows = latest(snap)
    values = [r["capaian"] for r in rows if r.get("capaian") is not None]
    return year, (fmt.round_half_up(mean(values)) if values else None)


def measure_value(snap: Snapshot, measure: Measure) -> tuple[int, float, str | None] | None:
    """(year, value, value class) of the office's first IKU of this kind, in its latest year with data."""
    for code in sorted(c for c, i in snap.indicators.items() if measure.picks(i)):
        rows = [r for r in snap.results if r["kode"] == code and r.get("realisasi") is not None]
        if rows:
            row = max(rows, key=lambda r: r["tahun"])
            return row["tahun"], row["realisasi"], row.get("kelas_nilai")
    return None


def date_of(stamp: str | None) -> str:
    try:
        return fmt.date(dt.datetime.strptime(str(stamp)[:10], "%Y-%m-%d").date())
    except ValueError:
        return fmt.DASH


def office_link(snap: Snapshot) -> str:
    if snap.url.startswith(("https://", "http://")):
        return f'<a href="{esc(snap.url)}">{esc(snap.name)}</a>'
    return esc(snap.name)


def sample_notice(snapshots: list[Snapshot], where: str = " (ditandai di tabel)") -> str:
    samples = [s for s in snapshots if s.has_figures and s.sample_data]
    if not samples:
        return ""
    return ('<div class="admonition warning data-contoh" role="note"><p class="admonition-title">Data contoh</p>'
            f"<p>{len(samples)} kantor di halaman ini masih menerbitkan data contoh{where}, bukan angka resmi.</p></div>")


def _categories(region: Region) -> list[str]:
    """Capaian categories as the offices label them, the highest (by mean capaian) first."""
    seen: dict[str, list[float]] = {}
    for snap in region.shown:
        for row in latest(snap)[1]:
            if row.get("kategori"):
                seen.setdefault(row["kategori"], []).append(row.get("capaian") or 0)
    return sorted(seen, key=lambda k: (-mean(seen[k]), k))


def offices_table(region: Region) -> str:
    categories = _categories(region)
    rows = []
    for snap in region.shown:
        year, latest_rows = latest(snap)
        counts = [sum(r.get("kategori") == c for r in latest_rows) for c in categories]
        shares = [f"{esc(fmt.number(n / len(latest_rows) * 100, 0))}%" if latest_rows else fmt.DASH for n in counts]
        name = office_link(snap) + (" <small>(data contoh)</small>" if snap.sample_data else "")
        rows.append([f'{name}<br><small>SHA-256 hasil.json:</small> <code class="sha sempit">{esc(snap.sha256)}</code>',
                     str(year or fmt.DASH), str(len(latest_rows)), *shares])
    headers = ["Kantor", "Tahun", "IKU", *[f"{esc(c)}" for c in categories]]
    return table(headers, rows, "Sebaran IKU per kategori capaian, tahun terakhir setiap kantor",
                 numeric=set(range(1, 3 + len(categories))))


def _h(level: int, anchor: str, text: str) -> str:
    return f'<h{level} id="{anchor}">{esc(text)}</h{level}>'


def comparison(region_key: str, measure: Measure, entries: list[tuple[Snapshot, int, float, str | None]]) -> str:
    if not entries:
        return _h(3, measure.key, measure.title) + "<p>Belum ada kantor di sini yang menerbitkan angka ini.</p>"
    ordered = sorted(entries, key=lambda e: (-e[2], e[0].name))
    svg = bars(region_key + measure.title, [(s.name, value) for s, _, value, _ in ordered], measure.unit)
    classes = any(label for *_, label in ordered)
    rows = [[esc(s.name), str(year), esc(fmt.number(value)), *([esc(label or fmt.DASH)] if classes else [])]
            for s, year, value, label in ordered]
    return "".join([
        _h(3, measure.key, measure.title), f"<p>{esc(measure.explanation)}</p>",
        f'<figure class="grafik"><div class="svg" aria-hidden="true">{svg}</div>'
        f"<figcaption>{esc(measure.title)} per kantor, tertinggi di atas. Angka yang sama ada di tabel.</figcaption></figure>",
        table(["Kantor", "Tahun", measure.column, *(["Kelas"] if classes else [])], rows, f"{measure.title} per kantor", numeric={1, 2})])


MEAN = Measure("rata-rata-capaian", "Rata-rata capaian", "%", "Capaian (%)",
               "Rata-rata capaian (realisasi dibanding target, %) semua IKU kantor itu pada tahun terakhirnya; "
               "target setiap kantor dapat berbeda.")


def comparisons(key: str, offices: list[Snapshot]) -> str:
    parts = []
    for measure in MEASURES:
        entries = [(s, *found) for s in offices if (found := measure_value(s, measure))]
        parts.append(comparison(key, measure, entries))
    means = [(s, year, value, None) for s in offices for year, value in [mean_achievement(s)] if value is not None]
    parts.append(comparison(key, MEAN, means))
    return "".join(parts)


def problems_list(offices: list[Snapshot]) -> str:
    troubled = [s for s in offices if s.failure]
    if not troubled:
        return ""
    items = []
    for s in troubled:
        kind = "ditolak" if s.failure.get("jenis") == REFUSED else "tidak dapat dihubungi"
        shown = (f"angka yang ditampilkan diambil {esc(date_of(s.fetched))}" if s.has_figures else "belum ada angka yang ditampilkan")
        items.append(f"<li><strong>{esc(s.name)}</strong>: {kind} sejak {esc(date_of(s.failure.get('sejak')))}, "
                     f"{esc(s.failure.get('alasan', ''))}; {shown}.</li>")
    return _h(2, "bermasalah", "Kantor yang angkanya tidak mutakhir atau ditolak") + "<ul>" + "".join(items) + "</ul>"


@dataclass(frozen=True)
class Page:
    """A generated page: its heading (Markdown-safe) and its body, already HTML. The body is put into
    the page after Markdown ran (hooks/gabungan.py): a kabupaten's tables and charts are large, and
    Markdown's HTML-block parser would spend seconds on each page reading HTML it must leave as it is."""

    heading: str
    body: str


def region_page(region: Region) -> Page:
    shown = region.shown
    body = "".join([
        sample_notice(region.offices),
        f"<p>{len(region.offices)} kantor, {len(shown)} dengan angka yang cocok dengan SHA256SUMS yang diterbitkannya. "
        "Pilih nama kantor untuk membuka portalnya sendiri.</p>",
        _h(2, "kantor", "Kantor dan kategori capaian"), offices_table(region) if shown else "<p>Belum ada kantor dengan angka.</p>",
        _h(2, "perbandingan", "Perbandingan"), "<p>Hanya angka yang dapat dibandingkan antar-kantor.</p>", comparisons(region.slug, shown),
        problems_list(region.offices)])
    return Page(md(region.name), body)


def province_page(title: str, groups: list[Region]) -> Page:
    everyone = [s for g in groups for s in g.offices]
    rows, means = [], []
    for g in groups:
        values = [v for s in g.shown for _, v in [mean_achievement(s)] if v is not None]
        avg = fmt.round_half_up(mean(values)) if values else None
        if avg is not None:
            means.append((g.name, avg))
        rows.append([f'<a href="{esc(g.slug)}/">{esc(g.name)}</a>', str(len(g.offices)), str(len(g.shown)),
                     str(sum(1 for s in g.offices if s.failure)), esc(fmt.number(avg)) + ("%" if avg is not None else "")])
    failed = sum(1 for s in everyone if s.failure)
    parts = [sample_notice(everyone, " (ditandai di halaman wilayahnya)"),
             f"<p>{len(everyone)} kantor dari {len(groups)} wilayah; {sum(len(g.shown) for g in groups)} dengan angka terverifikasi, "
             f"{failed} tidak mutakhir atau ditolak (rinciannya di halaman wilayahnya). Angka diambil dari portal setiap kantor "
             "dan hanya ditampilkan bila cocok dengan SHA256SUMS yang diterbitkan kantor itu.</p>",
             _h(2, "wilayah", "Wilayah"),
             table(["Wilayah", "Kantor", "Dengan angka", "Bermasalah", "Rata-rata capaian"], rows, "Kantor per wilayah",
                   numeric={1, 2, 3, 4})]
    if means:
        svg = bars("provinsi" + title, sorted(means, key=lambda m: (-m[1], m[0])), "%")
        parts += [_h(2, "rata-rata-wilayah", "Rata-rata capaian per wilayah"),
                  "<p>Rata-rata dari rata-rata capaian tahun terakhir setiap kantor di wilayah itu.</p>",
                  f'<figure class="grafik"><div class="svg" aria-hidden="true">{svg}</div>'
                  "<figcaption>Rata-rata capaian per wilayah, tertinggi di atas. Angka yang sama ada di tabel wilayah.</figcaption></figure>"]
    return Page(md(title), "".join(parts))


def history_page(snapshots: list[Snapshot]) -> Page:
    entries = sorted(((h, s) for s in snapshots for h in s.history if isinstance(h, dict)),
                     key=lambda e: (str(e[0].get("diambil")), e[1].name), reverse=True)
    labels = dict(COMPARED)
    parts = ["<p>Setiap pengambilan yang mengubah angka terbit sebuah kantor, terbaru di atas "
             f"(paling banyak {HISTORY_SHOWN}; semuanya tersimpan di riwayat.json setiap kantor).</p>"]
    for h, s in entries[:HISTORY_SHOWN]:
        head = f"<p><strong>{esc(date_of(h.get('diambil')))}</strong> · {esc(s.name)} ({esc(s.region or UNKNOWN_REGION)})"
        if h.get("commit"):
            head += f" · commit <code>{esc(str(h['commit'])[:12])}</code>"
        if h.get("pertama"):
            parts.append(f'<section class="riwayat-commit">{head}<br>Pertama kali diambil.</p></section>')
            continue
        rows = [[esc(c.get("kode")), esc(c.get("tahun")), esc(labels.get(c.get("angka"), c.get("angka"))),
                 esc(show_figure(c.get("angka"), c.get("sebelum"), c.get("satuan") or "")),
                 esc(show_figure(c.get("angka"), c.get("sesudah"), c.get("satuan") or ""))] for c in h.get("perubahan", [])]
        parts.append(f'<section class="riwayat-commit">{head}</p>'
                     + table(["IKU", "Tahun", "Angka", "Sebelum", "Sesudah"], rows, f"Angka {s.name} yang berubah", numeric={3, 4})
                     + "</section>")
    if not entries:
        parts.append("<p>Belum ada pengambilan.</p>")
    return Page("Riwayat", "".join(parts))


def site_title(snapshots: list[Snapshot]) -> str:
    provinces = {s.province for s in snapshots if s.province}
    regions_ = {s.region for s in snapshots if s.region}
    if len(provinces) == 1:
        return f"Kinerja kantor se-Provinsi {provinces.pop().removeprefix('Provinsi ')}"
    if len(regions_) == 1:
        return f"Kinerja kantor se-{regions_.pop()}"
    return "Kinerja kantor (portal gabungan)"
