"""A register just above the 50,000-row line: the site's workbook carries its latest reporting
year only and says so (Petunjuk, the Data page), `iku templat --register` still gives all of it,
and a round trip of the site's workbook through `iku impor` changes nothing."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from iku.excel import background
from iku.excel.commands import SITE_ROWS_LIMIT, register_workbook, workbook_cache
from iku.excel.impor import impor
from iku import export
from iku.export import WORKBOOK_PATH, downloads, site_workbook_years
from iku.pages.data import downloads_table, workbook_note
from iku.portal import build
from projectkit import DATA

REGISTER = "aduan_trantib"


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> tuple[Path, list[list[str]]]:
    """Bangsalsari's data with aduan_trantib grown to 50,001 rows: each complaint repeated under
    a new number (TRANTIB/2021/001-2, ...), dates and status unchanged."""
    root = tmp_path_factory.mktemp("besar") / "data"
    shutil.copytree(DATA, root)
    path = root / "register" / f"{REGISTER}.csv"
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    grown, copy = list(rows), 2
    while len(grown) <= SITE_ROWS_LIMIT:
        grown += [[f"{r[0]}-{copy}", *r[1:]] for r in rows][: SITE_ROWS_LIMIT + 1 - len(grown)]
        copy += 1
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *grown])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert len(grown) == SITE_ROWS_LIMIT + 1
    return root, grown


def _site_workbook(root: Path, folder: Path) -> tuple[Path, str]:
    """The site's register.xlsx and what the Data page says about it (its words and the table)."""
    portal = build(root)
    files = downloads(portal)
    workbook = next(d for d in files if d.path == WORKBOOK_PATH)
    target = folder / "register.xlsx"
    target.write_bytes(workbook.content)
    return target, workbook_note(site_workbook_years(portal)) + "\n" + downloads_table(files)


def test_site_workbook_carries_the_latest_year_and_says_so(big, tmp_path):
    root, rows = big
    latest = max(int(r[1][:4]) for r in rows)  # tanggal_masuk gives the reporting year (datapackage.yaml)
    assert latest == 2025
    book, page = _site_workbook(root, tmp_path)
    workbook = load_workbook(book, read_only=True)
    sheet_rows = [r for r in workbook[REGISTER].iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    assert len(sheet_rows) == sum(1 for r in rows if r[1].startswith("2025")) > 0
    assert {r[1].year for r in sheet_rows} == {2025}
    skm = list(csv.reader(io.StringIO((root / "register" / "skm.csv").read_text(encoding="utf-8"))))
    assert sum(1 for _ in workbook["skm"].iter_rows(min_row=2)) == len(skm) - 1  # a small register stays complete
    guide = "\n".join(str(r[0]) for r in workbook["Petunjuk"].iter_rows(values_only=True) if r and r[0])
    assert (f"Lembar '{REGISTER}' hanya memuat baris tahun 2025: register ini lebih dari 50.000 baris." in guide)
    assert f"unduh data/register/{REGISTER}.csv di halaman Data portal" in guide and f"iku templat --register {REGISTER}" in guide
    assert (f"{REGISTER}: hanya baris tahun 2025 (register lengkap: data/register/{REGISTER}.csv atau "
            f"iku templat --register {REGISTER})") in page.replace("\\", "")  # Markdown escapes
    assert (f"Register di atas 50.000 baris hanya membawa baris tahun terakhir di buku kerja ini (<code>{REGISTER}</code> "
            f"tahun 2025); register lengkap ada di berkas CSV-nya pada tabel Unduhan, atau jalankan "
            f"<code>iku templat --register {REGISTER}</code>.") in page


def test_a_small_data_root_says_nothing_of_one_year_sheets():
    assert site_workbook_years(build(DATA)) == {} and workbook_note({}) == ""


def test_templat_for_the_register_gives_every_row(big, tmp_path):
    root, rows = big
    target = tmp_path / "lengkap.xlsx"
    target.write_bytes(register_workbook(root, register=REGISTER))
    sheet = load_workbook(target, read_only=True)[REGISTER]
    assert sum(1 for _ in sheet.iter_rows(min_row=2)) == len(rows)


def test_round_trip_of_the_site_workbook_changes_nothing(big, tmp_path):
    root, _ = big
    before = {p.name: p.read_bytes() for p in (root / "register").glob("*.csv")}
    book, _ = _site_workbook(root, tmp_path)
    outcome = impor(book, root)
    assert outcome.ok, outcome.report()
    assert f"register/{REGISTER}.csv: tidak berubah." in outcome.report()
    assert {p.name: p.read_bytes() for p in (root / "register").glob("*.csv")} == before


def test_without_the_workbook_saying_so_the_other_years_would_be_deleted(big, tmp_path):
    """The one-year mark is what keeps the other years: without it the import is refused."""
    root, rows = big
    book, _ = _site_workbook(root, tmp_path)
    unmarked = tmp_path / "tanpa-tanda.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(unmarked, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/custom.xml":
                data = data.replace(b"iku.hanya_tahun.", b"lain.")
            target.writestr(entry, data)
    outcome = impor(unmarked, root, check_only=True)
    gone = sum(1 for r in rows if not r[1].startswith("2025"))
    assert not outcome.ok
    assert any(p.code == "baris_dihapus" and str(gone) in p.message for p in outcome.problems), outcome.report()


def test_background_process_makes_the_very_workbook_the_build_publishes(big, tmp_path):
    """Large data: a second process fills the build's cache with register.xlsx meanwhile; the
    entry is byte for byte what the build would make itself, so the build finds it."""
    root, _ = big
    assert background.start(DATA, tmp_path / "kecil") is None  # small data: done in-process
    child = background.start(root, tmp_path / "xlsx")
    assert child is not None
    background.wait(child)
    assert child.returncode == 0
    made = list((tmp_path / "xlsx").glob("*.xlsx"))
    assert len(made) == 1
    workbook_cache.use(tmp_path / "xlsx")
    export._downloads.cache_clear()  # an earlier test's downloads of the same portal are kept in memory
    try:
        published = next(d for d in downloads(build(root)) if d.path == WORKBOOK_PATH).content
        assert workbook_cache.hits == 1 and workbook_cache.misses == 0
    finally:
        workbook_cache.use(None)
    assert made[0].read_bytes() == published


def test_asal_data_of_a_large_year_names_the_first_rows_and_counts_the_rest(big):
    """A phone must not download every key of 10,000 complaints: the provenance names the first 100
    keys and line ranges, then how many more there are; the full register holds them all."""
    from iku.render_history import provenance

    root, grown = big
    portal = build(root)
    indicator = next(i for i in portal.indicators if i.register.name == REGISTER)
    year = max(r.year for r in portal.results[indicator.code] if r.value is not None)
    lines = [n for n, row in enumerate(grown, start=2) if row[1].startswith(str(year))]  # line 1 is the header
    keys = [row[0] for row in grown if row[1].startswith(str(year))]
    assert len(lines) > 1000
    ranges = []
    for line in lines:
        if ranges and ranges[-1][1] == line - 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    shown = ranges[:100]
    more_lines = len(lines) - sum(b - a + 1 for a, b in shown)
    listed = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in shown)

    page = provenance(indicator, portal.results[indicator.code], None, "../../")
    block = page[page.index(f"Asal data {year}"):]
    block = block[:block.index("</details>")]
    def number(n: int) -> str:  # Indonesian: 8.085
        return f"{n:,}".replace(",", ".")

    assert f"baris {listed} … dan {number(more_lines)} baris lainnya" in block
    assert ", ".join(keys[:100]) + f" … dan {number(len(keys) - 100)} lainnya" in block
    assert f"dari {number(len(keys))} baris" in block and f"… dan {number(len(keys) - 100)} baris lainnya: lihat register lengkap." in block
    assert keys[100] not in block
    assert len(page) < 200_000
