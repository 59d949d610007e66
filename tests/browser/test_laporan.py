"""The printable report: Chromium prints the built 'Laporan' page to PDF (as `make laporan`
does) and the PDF's text holds the six IKU and their figures for the latest year."""

from __future__ import annotations

import csv
import shutil
import subprocess

from browserkit import CHROMIUM, CHROMIUM_ARGS, need


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
