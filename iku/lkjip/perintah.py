"""`iku lkjip --tahun N`: writes laporan/lkjip-<tahun>.docx and .pdf for a data root."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from iku.lkjip import docx, isi, pdf
from iku.portal import build
from iku.problems import DataError


def commit_of(folder: Path) -> str:
    """The commit the data root is at (short hash, "+ perubahan" when it has uncommitted changes), or ""."""
    try:
        head = subprocess.run(["git", "-C", str(folder), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--", "."], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return f"{head} + perubahan belum di-commit" if dirty else head


def lkjip(folder: Path, year: int | None, target: Path, with_pdf: bool = True) -> int:
    try:
        portal = build(folder)
    except DataError as error:
        print(f"Data belum lolos pemeriksaan, laporan tidak dibuat.\n{error}", file=sys.stderr)
        return 1
    year = year or portal.latest_year_with_data
    if year is None or year not in portal.years:
        known = ", ".join(str(y) for y in portal.years) or "tidak ada"
        print(f"Tahun {year} tidak ada di data; tahun yang ada: {known}.", file=sys.stderr)
        return 2
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    report = isi.build(portal, year, commit_of(folder), epoch)
    target.mkdir(parents=True, exist_ok=True)
    document = docx.docx_bytes(report, epoch)
    written = target / f"lkjip-{year}.docx"
    written.write_bytes(document)
    print(f"Word: {written}")
    if with_pdf:
        try:
            (target / f"lkjip-{year}.pdf").write_bytes(pdf.convert(document, epoch))
        except pdf.PdfUnavailable as problem:
            print(str(problem), file=sys.stderr)
            return 1
        print(f"PDF: {target / f'lkjip-{year}.pdf'}")
    return 0
