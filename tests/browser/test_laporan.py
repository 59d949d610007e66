"""The printable report: Chromium prints the built 'Laporan' page to PDF (as `make laporan`
does) and the PDF's text holds the six IKU and their figures for the latest year."""

from __future__ import annotations

import csv
import shutil
import subprocess

from browserkit import CHROMIUM, CHROMIUM_ARGS, ROOT, need


def test_report_pdf_holds_every_iku_and_its_figures(site, tmp_path):
    need(CHROMIUM, "make browser-deps installs Debian's chromium")
    if shutil.which("pdftotext") is None:
        need("/usr/bin/pdftotext", "make browser-deps installs poppler-utils")
    pdf = tmp_path / "laporan.pdf"
    subprocess.run([CHROMIUM, "--headless", *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    (site / "laporan" / "index.html").as_uri()], check=True, capture_output=True, timeout=120)
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())

    with open(site / "data" / "hasil.csv", encoding="utf-8") as f:
        results = list(csv.DictReader(f))
    year = max(r["tahun"] for r in results)
    assert f"Laporan IKU {year}" in flat
    assert "Data contoh" in flat
    latest = [r for r in results if r["tahun"] == year]
    assert len(latest) == 6
    for r in latest:
        assert r["kode"] in flat
        realisasi = f"{float(r['realisasi']):.2f}".rstrip("0").rstrip(".").replace(".", ",")
        capaian = f"{float(r['capaian']):.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
        assert realisasi in flat and capaian in flat, (r["kode"], realisasi, capaian)


def test_printed_report_has_a_cover_page_numbers_and_whole_tables(site, tmp_path):
    """Issue 23: a cover naming office, year, decree, commit and date; "Halaman n dari m" on every
    page; no table row split across pages and no page left holding a single row of a table."""
    import re

    from iku.portal import build

    need(CHROMIUM, "make browser-deps installs Debian's chromium")
    need("/usr/bin/pdftotext", "make browser-deps installs poppler-utils")
    pdf = tmp_path / "laporan.pdf"
    subprocess.run([CHROMIUM, "--headless", *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    (site / "laporan" / "index.html").as_uri()], check=True, capture_output=True, timeout=120)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    total = len(pages)
    assert total > 2
    for number, text in enumerate(pages, 1):
        assert f"Halaman {number} dari {total}" in " ".join(text.split()), number

    portal = build(ROOT / "data")  # the site fixture is built from this checkout's data
    cover = " ".join(pages[0].split())
    decree = portal.decrees[0].meta
    for words in (portal.instansi["nama"], "Tahun", str(decree["nomor"]), "Commit data", "Tanggal susun"):
        assert words in cover, words
    assert "Ringkasan" not in cover  # the cover is a page of its own

    # Table rows start with a year (results tables) or an IKU code (the summary); a table kept whole
    # puts all its rows on one page, so no page holds exactly one row of either kind.
    for number, text in enumerate(pages, 1):
        lines = text.splitlines()
        years = [line for line in lines if re.match(r"^\s*20\d\d\s{2,}(?!20\d\d\b)\S", line)]  # not a chart axis
        codes = [line for line in lines if re.match(r"^\s*IKU-\d+\s{2,}\S", line)]
        assert len(years) != 1 and len(codes) != 1, (number, years, codes)
