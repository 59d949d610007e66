"""The kabupaten overview: the offices' IKU side by side, latest year and trend.

Offices are data roots with the same layout (instansi/<slug>/); each is computed by the same
pipeline as a single office (`load_offices`), or read from its already-built portal when the
offices were built in parts (`iku.kabupaten_bagian.load_published`). Either way the overview sees
the same `Kantor` records, so it is the same page. Codes shared by the offices' iku.csv are compared.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from iku import charts, fmt, gabungan_charts
from iku.bahasa import d, t
from iku.compute import Portal
from iku.export import results_frame
from iku.gabungan_charts import NAME_PX, ROOM, TEXT_SIZE, name_axis, wrapped
from iku.html import esc, table
from iku.load import read_files
from iku.portal import compute_from
from iku.problems import DataError

# In the charts' cache key: a change to how this module, or the overviews' shared chart settings
# (iku.gabungan_charts), draw them must not reuse old SVGs.
_CODE_VERSION = hashlib.sha256(Path(__file__).read_bytes() + Path(gabungan_charts.__file__).read_bytes()).hexdigest()


@dataclass(frozen=True)
class Kantor:
    """What the overview shows of one office: its name, whether its data is synthetic, and its
    published results (hasil.csv's rows: one per IKU per year with a realisation)."""

    nama: str
    sintetis: bool
    hasil: pd.DataFrame
    kabupaten: str = ""  # instansi.yml's kabupaten and jenis: they name the overview (`region_title`)
    jenis: str = ""

    @classmethod
    def of(cls, instansi: dict, hasil: pd.DataFrame) -> Kantor:
        """From the office's instansi.yml and its results: computed here, or read back from its portal
        (iku.kabupaten_bagian), the same record, so that both overviews are the same page."""
        return cls(str(instansi["nama"]), bool(instansi.get("data_sintetis", False)), hasil,
                   str(instansi.get("kabupaten") or ""), str(instansi.get("jenis") or ""))

    @classmethod
    def from_portal(cls, portal: Portal) -> Kantor:
        return cls.of(portal.instansi, results_frame(portal))


def region_title(offices: dict[str, Kantor]) -> str:
    """The overview's name from what the offices declare: 'Kinerja Kecamatan se-Kabupaten Jember'
    when they share one jenis and one kabupaten, 'Kinerja Kantor se-…' when their jenis differ or
    is not declared, and no region when they are not all in one kabupaten."""
    kinds = {k.jenis.strip().lower() for k in offices.values()}
    regions = {k.kabupaten.strip() for k in offices.values()}
    kind = " ".join(w[:1].upper() + w[1:] for w in kinds.pop().split()) if len(kinds) == 1 and "" not in kinds else "Kantor"
    if len(regions) == 1 and "" not in regions:
        return f"Kinerja {kind} se-{regions.pop()}"
    return f"Perbandingan Kinerja {kind}"


def load_offices(folder: Path) -> tuple[dict[str, Kantor], dict[str, str]]:
    """Every office under `folder`: (slug -> office, slug -> why it could not be computed)."""
    offices, failed = {}, {}
    for root in sorted(p for p in Path(folder).iterdir() if (p / "instansi.yml").exists()):
        try:
            offices[root.name] = Kantor.from_portal(compute_from(root, read_files(root)))
        except DataError as error:
            failed[root.name] = f"{len(error.problems)} kesalahan data (jalankan iku periksa {root})"
    return offices, failed


# The columns the overview reads: the same values whether computed or read back from hasil.json.
COLUMNS = ["kode", "tahun", "capaian", "kategori"]


def results(offices: dict[str, Kantor]) -> pd.DataFrame:
    frames = [k.hasil[COLUMNS].assign(kantor=slug, nama=k.nama) for slug, k in offices.items()]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# Drawn for a 360 px phone like the gathering portal's charts (iku.gabungan_charts): as wide as the
# content column, so every text keeps its size (≥ 11 CSS px); office names wrap and are cut with "…"
# by Vega, never by the SVG's edge. At most CODES_PER_HEATMAP columns per chart, so cells stay readable.
CODES_PER_HEATMAP = 6


def _heatmaps(latest: pd.DataFrame) -> list[str]:
    data = latest[["nama", "kode", "capaian"]].dropna()
    codes = sorted(data["kode"].unique())
    chunks = [codes[i:i + CODES_PER_HEATMAP] for i in range(0, len(codes), CODES_PER_HEATMAP)] or [[]]
    return [charts.render_svg(["heatmap", _CODE_VERSION, t("Capaian"), part.to_dict(orient="records")], lambda part=part: _heatmap_chart(part))
            for part in (data[data["kode"].isin(chunk)] for chunk in chunks)]


def _heatmap_chart(data: pd.DataFrame):
    import altair as alt  # only for a chart not in the cache (see iku.charts)

    data = data.assign(baris=data["nama"].map(wrapped))
    lines = int(data["baris"].str.count("\n").max()) + 1 if len(data) else 1
    base = alt.Chart(data).encode(
        x=alt.X("kode:N", title=None, axis=alt.Axis(labelAngle=-45, labelAlign="left", orient="top", labelFontSize=TEXT_SIZE, ticks=False)),
        y=alt.Y("baris:N", sort=list(dict.fromkeys(data.sort_values("nama")["baris"])), axis=name_axis(alt)))
    # The legend sits below, where its title has the plot's width to grow into.
    legend = alt.Legend(orient="bottom", labelFontSize=TEXT_SIZE, titleFontSize=TEXT_SIZE, gradientLength=NAME_PX * 2)
    cells = base.mark_rect().encode(color=alt.Color("capaian:Q", title=t("Capaian") + " (%)", legend=legend,
                                                    scale=alt.Scale(scheme="blues", domain=[50, 110], clamp=True)))
    labels = base.mark_text(fontSize=TEXT_SIZE).encode(
        text=alt.Text("capaian:Q", format=",.0f"),
        color=alt.condition(alt.datum.capaian > 85, alt.value("#ffffff"), alt.value("#111111")))
    # Slanted codes lean right: room there too for a reader's wider font.
    return (cells + labels).properties(width=charts.CHART_WIDTH, height=alt.Step(13 * lines + 8), background="#ffffff", padding={**ROOM, "right": 12},
                                       autosize=alt.AutoSizeParams(type="fit-x", contains="padding")).configure(font=charts.FONT)


def _trend(all_results: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    trend = all_results.groupby(["kode", "tahun"], as_index=False)["capaian"].mean()
    key = ["trend", _CODE_VERSION, t("Tahun"), t("Capaian"), trend.to_dict(orient="records")]
    return trend, charts.render_svg(key, lambda: _trend_chart(trend))


def _trend_chart(trend: pd.DataFrame):
    import altair as alt  # only for a chart not in the cache (see iku.charts)

    axis = {"labelFontSize": TEXT_SIZE, "titleFontSize": TEXT_SIZE}
    # The legend below the plot, three entries a row, each a line in its IKU's colour and dash.
    legend = alt.Legend(orient="bottom", columns=3, labelFontSize=TEXT_SIZE, titleFontSize=TEXT_SIZE, symbolStrokeWidth=2,
                        symbolSize=300, columnPadding=12)
    return (alt.Chart(trend).mark_line(point=True)
             .encode(x=alt.X("tahun:O", title=t("Tahun"), axis=alt.Axis(labelAngle=0, **axis)),
                     y=alt.Y("capaian:Q", title=t("Capaian") + " (%)", scale=alt.Scale(zero=False), axis=alt.Axis(**axis)),
                     color=alt.Color("kode:N", title="IKU", legend=legend), strokeDash=alt.StrokeDash("kode:N", title="IKU", legend=legend))
             .properties(width=charts.CHART_WIDTH, height=220, background="#ffffff",
                         autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
             .configure(font=charts.FONT))


def overview(offices: dict[str, Kantor], failed: dict[str, str], region: str) -> str:
    """The comparison page, as Markdown with HTML blocks (every data string escaped)."""
    if not offices:
        return f"# {esc(region)}\n\n{t('Belum ada data kantor.')}\n"
    all_results = results(offices)
    year = int(all_results["tahun"].max())
    latest = all_results[all_results["tahun"] == year]
    codes = sorted(latest["kode"].unique())
    rows = []
    for slug, office in offices.items():
        own = latest[latest["kantor"] == slug].set_index("kode")
        cells = [f"{esc(fmt.number(own.at[c, 'capaian']))}%<br><small>{esc(d(own.at[c, 'kategori']))}</small>"
                 if c in own.index and pd.notna(own.at[c, "capaian"]) else fmt.DASH for c in codes]
        rows.append([f'<a href="{esc(slug)}/">{esc(office.nama)}</a>', *cells])
    trend, trend_svg = _trend(all_results)
    trend_rows = [[esc(c), *[esc(fmt.number(v)) + "%" for v in trend[trend["kode"] == c].sort_values("tahun")["capaian"]]]
                  for c in codes]
    years = sorted(trend["tahun"].unique())
    synthetic = any(k.sintetis for k in offices.values())
    parts = [
        f"# {esc(region)}",
        "",
        (f'<div class="admonition danger" role="note"><p class="admonition-title">{t("Data sintetis")}</p><p>'
         f"{t('Semua angka di halaman ini <strong>dibuat oleh program</strong> (iku contoh) untuk uji coba dan pengukuran kecepatan. Angka ini bukan data kantor mana pun.')}</p></div>"
         if synthetic else ""),
        "",
        f"{len(offices)} kantor. Capaian tahun {year} per IKU (realisasi ÷ target × 100). Pilih nama kantor untuk portalnya.",
        "",
        f"## Capaian {year}",
        "",
        # A figure is named by its figcaption (a role on it is invalid HTML).
        '<figure class="grafik">'
        f'<div class="svg" aria-hidden="true">{"".join(_heatmaps(latest))}</div>'
        "<figcaption>Capaian per kantor dan IKU; makin gelap makin tinggi. Angka ada di setiap kotak dan di tabel.</figcaption></figure>",
        "",
        table(["Kantor", *[esc(c) for c in codes]], rows, f"Capaian IKU tahun {year} per kantor", numeric=set(range(1, len(codes) + 1))),
        "",
        "## Kecenderungan",
        "",
        '<figure class="grafik">'
        f'<div class="svg" aria-hidden="true">{trend_svg}</div>'
        "<figcaption>Rata-rata capaian semua kantor per IKU per tahun.</figcaption></figure>",
        "",
        table(["IKU", *[str(y) for y in years]], trend_rows, "Rata-rata capaian per IKU per tahun", numeric=set(range(1, len(years) + 1))),
        "",
    ]
    if failed:
        parts += ["## Kantor yang datanya belum valid", "",
                  "<ul>" + "".join(f"<li>{esc(s)}: {esc(why)}</li>" for s, why in failed.items()) + "</ul>", ""]
    return "\n".join(parts)
