"""The content of LKjIP Bab III for one year, as plain blocks that the Word document, the PDF
and the portal page all render: one content, three forms.

Bab III A, Capaian Kinerja Organisasi, per sasaran strategis (the decree's `kinerja_utama`,
grouped in iku.csv order), with the comparisons PermenPAN-RB 53/2014 asks for:
1. target, realisasi, capaian and category of the year (one table per sasaran);
2. realisasi and capaian of the year against the earlier years of the Renstra (per IKU);
3. realisasi against the Renstra end-year target, and 4. against a national standard where
   iku.csv declares one (one table per IKU);
5–7. the staff's analysis (analisis/<tahun>.md), or "belum diisi".
Bab III B, Realisasi Anggaran, from the declared budget register, or a sentence saying there is none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from iku import fmt
from iku.bahasa import d, t
from iku.compute import Indicator, Portal, achievement
from iku.lkjip import analisis, anggaran

CHAPTER = 3  # tables are numbered 3.1, 3.2, ... within Bab III
NOT_WRITTEN = "belum diisi"


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = BAB, 2 = A/B, 3 = sasaran, 4 = IKU
    text: str
    anchor: str = ""  # headings holding data text: their id on the page (written as HTML there)


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""  # a bold lead-in ("Analisis efisiensi …:")


@dataclass(frozen=True)
class Staff:
    """Text written by staff (Markdown), with its lead-in; empty text prints "belum diisi"."""

    label: str
    markdown: str


@dataclass(frozen=True)
class Table:
    number: str  # "3.1"
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    kind: str = ""  # capaian_tahun, per_tahun, renstra_standar, anggaran
    code: str = ""  # the IKU a per-IKU table belongs to

    @property
    def title(self) -> str:
        return f"{t('Tabel')} {self.number} {self.caption}"


@dataclass
class Report:
    year: int
    office: str
    region: str
    sample: bool
    cover: list[tuple[str, str]]  # (label, value) on the cover: office, year, decree, commit, date
    blocks: list = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def build_date(epoch: str | None) -> dt.date:
    """The report's date: SOURCE_DATE_EPOCH (the last commit) when set, so a rebuild is identical."""
    return dt.datetime.fromtimestamp(int(epoch or 0), dt.timezone.utc).date()


def sasaran_groups(portal: Portal) -> list[tuple[str, list[Indicator]]]:
    """The sasaran strategis (kinerja_utama as the decree words it) with their IKUs, in iku.csv order."""
    groups: dict[str, list[Indicator]] = {}
    for indicator in portal.indicators:
        groups.setdefault(indicator.performance.strip().rstrip("."), []).append(indicator)
    return list(groups.items())


def number(value: float | None) -> str:
    return fmt.number(value)


class _Counter:
    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return f"{CHAPTER}.{self.n}"


def cover_facts(portal: Portal, year: int, commit: str, epoch: str | None) -> list[tuple[str, str]]:
    """What a filed report's cover names: office, year, the IKU decree, the data commit, the date."""
    inst = portal.instansi
    decree = portal.decrees[0].meta if portal.decrees else {}
    return [
        (t("Instansi"), f"{inst['nama']}, {inst['kabupaten']}"),
        (t("Tahun"), str(year)),
        (t("Dasar IKU"), f"{decree.get('judul', '')} {t('Nomor')} {decree.get('nomor', '')}".strip() if decree else fmt.DASH),
        (t("Commit data"), commit or fmt.DASH),
        (t("Tanggal susun"), fmt.date(build_date(epoch))),
    ]


def build(portal: Portal, year: int, commit: str = "", epoch: str | None = None) -> Report:
    inst = portal.instansi
    decree = portal.decrees[0].meta if portal.decrees else {}
    report = Report(year, inst["nama"], inst["kabupaten"], portal.sample_data, cover_facts(portal, year, commit, epoch))
    counter = _Counter()
    blocks = report.blocks
    period = inst["periode_renstra"]
    first, last = int(period["awal"]), int(period["akhir"])
    renstra = inst.get("renstra", {}).get("judul") or t("Renstra {first}–{last}").format(first=first, last=last)
    written = analisis.read_all(portal.files).get(year)

    blocks += [
        Heading(1, t("BAB III AKUNTABILITAS KINERJA")),
        Heading(2, t("A. Capaian Kinerja Organisasi")),
        Paragraph(t("Capaian kinerja {office} tahun {year} diukur dengan Indikator Kinerja Utama (IKU) yang ditetapkan dalam "
                    "{decree}, terhadap sasaran strategis {renstra}. Semua angka dihitung dari register data portal pada "
                    "commit yang tertera di sampul; capaian = realisasi dibanding target menurut arah indikator.").format(
            office=inst["nama"], year=year, decree=decree.get("judul", t("keputusan IKU")), renstra=renstra)),
    ]
    if portal.sample_data:
        blocks.append(Paragraph(t("Data contoh: angka dalam laporan ini berasal dari data contoh, bukan angka resmi kantor."), label=t("Perhatian")))

    for n, (sasaran, indicators) in enumerate(sasaran_groups(portal), 1):
        blocks.append(Heading(3, t("Sasaran strategis {n}: {text}").format(n=n, text=d(sasaran)), f"sasaran-{n}"))
        rows = []
        for indicator in indicators:
            r = portal.result(indicator.code, year)
            rows.append([indicator.code, d(indicator.name), d(indicator.unit),
                         number(r.target if r else None), number(r.value if r else None),
                         number(r.achievement if r else None),
                         d(r.category.label) if r and r.category else (t(r.achievement_note) if r and r.achievement_note else fmt.DASH)])
        blocks.append(Table(counter.next(), t("Target, realisasi dan capaian sasaran strategis {n} tahun {year}").format(n=n, year=year),
                            [t("IKU"), t("Indikator"), t("Satuan"), t("Target"), t("Realisasi"), t("Capaian (%)"), t("Kategori")],
                            rows, frozenset({3, 4, 5}), "capaian_tahun"))
        for indicator in indicators:
            blocks += _indicator_blocks(portal, indicator, year, first, last, counter, written)

    blocks += _budget_blocks(portal, year, counter)
    return report


def _indicator_blocks(portal: Portal, indicator: Indicator, year: int, first: int, last: int, counter: _Counter, written) -> list:
    code = indicator.code
    results = [r for r in portal.results[code] if first <= r.year <= year]
    rows = [[str(r.year), number(r.target), number(r.value), number(r.achievement),
             d(r.category.label) if r.category else (t(r.achievement_note) if r.achievement_note else fmt.DASH)]
            for r in results]
    out = [
        Heading(4, f"{code}: {d(indicator.name)}", code.lower()),
        Table(counter.next(), t("Realisasi dan capaian {code} tahun {first}–{year} ({unit})").format(
            code=code, first=first, year=year, unit=d(indicator.unit)),
              [t("Tahun"), t("Target"), t("Realisasi"), t("Capaian (%)"), t("Kategori")], rows, frozenset({1, 2, 3}), "per_tahun", code),
    ]
    this_year = portal.result(code, year)
    value = this_year.value if this_year else None
    end = portal.result(code, last)
    end_target = end.target if end else None
    toward_end, _ = achievement(end_target, value, indicator.direction)
    rows = [
        [t("Target akhir Renstra ({year})").format(year=last), number(end_target)],
        [t("Realisasi {year}").format(year=year), number(value)],
        [t("Capaian terhadap target akhir Renstra (%)"), number(toward_end)],
    ]
    if indicator.national_standard is not None:
        toward_standard, _ = achievement(indicator.national_standard, value, indicator.direction)
        rows += [
            [t("Standar nasional ({source})").format(source=d(indicator.standard_source)), number(indicator.national_standard)],
            [t("Capaian terhadap standar nasional (%)"), number(toward_standard)],
        ]
    else:
        rows.append([t("Standar nasional: tidak ada yang dinyatakan untuk indikator ini"), fmt.DASH])
    out.append(Table(counter.next(), t("{code} dibanding target akhir Renstra dan standar nasional ({unit})").format(code=code, unit=d(indicator.unit)),
                     [t("Uraian"), t("Nilai")], rows, frozenset({1}), "renstra_standar", code))
    for item in analisis.ITEMS:
        out.append(Staff(t(item.title), written.text(code, item.key) if written else ""))
    return out


def _budget_blocks(portal: Portal, year: int, counter: _Counter) -> list:
    out: list = [Heading(2, t("B. Realisasi Anggaran"))]
    decl = anggaran.declaration(portal.files)
    table = (portal.typed_tables or {}).get(decl.register) if decl else None
    if decl is None or table is None:
        out.append(Paragraph(t("Data contoh ini belum menyatakan register anggaran (pagu dan realisasi per program) di datapackage.yaml, "
                               "sehingga realisasi anggaran belum dapat dilaporkan dari data portal.")
                             if portal.sample_data else
                             t("Register anggaran (pagu dan realisasi per program) belum dinyatakan di datapackage.yaml, "
                               "sehingga realisasi anggaran belum dapat dilaporkan dari data portal.")))
        return out
    lines = anggaran.lines(table, decl, year)
    if not lines:
        out.append(Paragraph(t("Register anggaran belum memuat baris tahun {year}.").format(year=year)))
        return out
    names = {i.code: d(i.performance).rstrip(".") for i in portal.indicators}
    headers = [t("Program/kegiatan")] + ([t("Sasaran yang didukung")] if decl.sasaran else []) + [
        t("Pagu"), t("Realisasi"), t("Serapan (%)")]
    rows = []
    for line in lines:
        served = [", ".join(f"{names.get(code, code)} ({code})" for code in line.sasaran) or fmt.DASH] if decl.sasaran else []
        rows.append([line.program, *served, number(line.pagu), number(line.realisasi), number(line.absorption)])
    total = anggaran.Line(t("Jumlah"), (), sum(x.pagu for x in lines), sum(x.realisasi for x in lines))
    rows.append([total.program, *([""] if decl.sasaran else []), number(total.pagu), number(total.realisasi), number(total.absorption)])
    first_number = len(headers) - 3
    out.append(Table(counter.next(), t("Pagu dan realisasi anggaran tahun {year} ({unit})").format(year=year, unit=decl.satuan),
                     headers, rows, frozenset({first_number, first_number + 1, first_number + 2}), "anggaran"))
    return out
