"""LKjIP Bab III (iku/lkjip): the Word document read back with python-docx holds exactly the
published figures (hasil.json) of every IKU, its captions are numbered in order, its footer has a
page-number field, it is A4 and reproducible; LibreOffice opens it and makes a PDF; the analysis
file and the budget declaration are checked with messages a staff member reads."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest

from iku.export import results_json
from iku.lkjip import docx as lkjip_docx
from iku.lkjip import isi, pdf
from iku.portal import build, check

ROOT = Path(__file__).parent.parent
OFFICES = {"contoh": ROOT / "data", "kantor-lain": ROOT / "tests" / "fixtures" / "kantor-lain"}
EPOCH = "1700000000"  # 14 November 2023, 22:13:20 UTC


def read_number(cell: str) -> float | None:
    """'1.234,5' -> 1234.5, '–' -> None: the Indonesian notation read back by hand, not by iku.fmt."""
    return None if cell == "–" else float(cell.replace(".", "").replace(",", "."))


def word(root: Path, year: int | None = None) -> tuple[docx.document.Document, bytes, dict, int]:
    portal = build(root)
    year = year or portal.latest_year_with_data
    content = lkjip_docx.docx_bytes(isi.build(portal, year, "abc123", EPOCH), EPOCH)
    return docx.Document(io.BytesIO(content)), content, json.loads(results_json(portal)), year


def captions(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Caption"]


def table_after(document, start: str):
    """The table whose caption starts with `start` (captions and tables come in the same order)."""
    index = next(i for i, text in enumerate(captions(document)) if text.split(" ", 2)[2].startswith(start))
    return document.tables[index]


@pytest.mark.parametrize("office", OFFICES)
def test_bab_iii_tables_hold_the_published_figures(office):
    document, _, published, year = word(OFFICES[office])
    codes = sorted({r["kode"] for r in published["hasil"]})
    assert codes
    for code in codes:
        expected = [(r["tahun"], r["target"], r["realisasi"], r["capaian"], r["kategori"])
                    for r in published["hasil"] if r["kode"] == code and r["tahun"] <= year]
        table = table_after(document, f"Realisasi dan capaian {code} tahun")
        assert [c.text for c in table.rows[0].cells] == ["Tahun", "Target", "Realisasi", "Capaian (%)", "Kategori"]
        shown = [(int(cells[0]), read_number(cells[1]), read_number(cells[2]), read_number(cells[3]), cells[4])
                 for cells in ([c.text for c in row.cells] for row in table.rows[1:]) if cells[2] != "–"]
        assert shown == expected, code
        # Comparison 1: the year's row in its sasaran's table.
        this_year = next(r for r in published["hasil"] if r["kode"] == code and r["tahun"] == year)
        rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows if row.cells[0].text == code]
        assert len(rows) == 1
        assert [read_number(x) for x in rows[0][3:6]] == [this_year["target"], this_year["realisasi"], this_year["capaian"]]
        assert rows[0][6] == this_year["kategori"]


@pytest.mark.parametrize("office", OFFICES)
def test_captions_numbered_in_order_styles_a4_and_page_field(office):
    document, content, _, _ = word(OFFICES[office])
    texts = captions(document)
    assert len(texts) == len(document.tables) > 0
    assert [t.split(" ")[:2] for t in texts] == [["Tabel", f"3.{n}"] for n in range(1, len(texts) + 1)]
    body = document.element.body.xml
    assert body.count("SEQ Tabel") == len(texts)  # a real Word caption number, renumbered by Word
    used = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Caption"} <= used
    assert {t.style.name for t in document.tables} == {"Table Grid"}
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, in twips
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer and "Halaman" in footer
    # rows never split, header row repeats
    assert all(row._tr.trPr is not None and row._tr.trPr.find(docx.oxml.ns.qn("w:cantSplit")) is not None
               for t in document.tables for row in t.rows)


def test_same_data_same_bytes_and_dates_from_source_date_epoch():
    _, first, _, _ = word(OFFICES["contoh"])
    _, second, _, _ = word(OFFICES["contoh"])
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2023-11-14T22:13:20Z") == 3  # created, modified, last printed


def test_analysis_written_or_belum_diisi():
    document, _, _, year = word(OFFICES["contoh"])
    assert year == 2025
    texts = [p.text for p in document.paragraphs]
    where = texts.index("IKU-2: Indeks Kepuasan Masyarakat")
    assert "Nilai IKM naik karena waktu tunggu layanan dipersingkat" in " ".join(texts[where:where + 8])
    other, _, _, _ = word(OFFICES["kantor-lain"])  # no analisis/ folder: every item says so
    texts = [p.text for p in other.paragraphs]
    labels = [i for i, text in enumerate(texts) if text.startswith("Analisis efisiensi penggunaan sumber daya:")]
    assert len(labels) == 5 and all(texts[i + 1] == "belum diisi" for i in labels)
    assert "belum menyatakan register anggaran" in " ".join(texts)


def test_national_standard_and_budget_register(tmp_path):
    """Comparison 4 and Bab III B, worked out by hand from the CSV rows."""
    office = tmp_path / "kantor"
    shutil.copytree(OFFICES["kantor-lain"], office)
    iku = (office / "iku.csv").read_text(encoding="utf-8").splitlines()
    iku[0] += ",standar_nasional,sumber_standar"
    iku = [iku[0]] + [line + (",90,Standar rekaan untuk tes" if line.startswith("IKU-1,") else ",,") for line in iku[1:]]
    (office / "iku.csv").write_text("\n".join(iku) + "\n", encoding="utf-8")
    budget = (office / "register" / "anggaran.csv").read_text(encoding="utf-8").splitlines()
    budget = [budget[0] + ",kode_iku"] + [line + ",IKU-3" for line in budget[1:]]
    (office / "register" / "anggaran.csv").write_text("\n".join(budget) + "\n", encoding="utf-8")
    package = (office / "datapackage.yaml").read_text(encoding="utf-8")
    package = package.replace("        - {name: realisasi, type: number, title: Realisasi, description: Realisasi anggaran (juta rupiah), constraints: {required: true, minimum: 0}}\n",
                              "        - {name: realisasi, type: number, title: Realisasi, description: Realisasi anggaran (juta rupiah), constraints: {required: true, minimum: 0}}\n"
                              "        - {name: kode_iku, type: string, title: IKU, description: IKU yang didukung}\n")
    package += "anggaran: {register: anggaran, program: kegiatan, pagu: pagu, realisasi: realisasi, sasaran: kode_iku, satuan: juta rupiah}\n"
    (office / "datapackage.yaml").write_text(package, encoding="utf-8")
    document, _, _, year = word(office, 2025)
    standard = [[c.text for c in row.cells] for row in table_after(document, "IKU-1 dibanding").rows]
    # IKU-1 2025: realisasi 100 %, standard 90 %: 100 / 90 × 100 = 111,11
    assert ["Standar nasional (Standar rekaan untuk tes)", "90"] in standard
    assert ["Capaian terhadap standar nasional (%)", "111,11"] in standard
    rows = [[c.text for c in row.cells] for row in table_after(document, "Pagu dan realisasi anggaran tahun 2025").rows]
    sasaran = "Meningkatnya kualitas pengelolaan anggaran (rekaan) (IKU-3)"
    assert rows == [
        ["Program/kegiatan", "Sasaran yang didukung", "Pagu", "Realisasi", "Serapan (%)"],
        ["Pelayanan administrasi kependudukan", sasaran, "130", "125", "96,15"],  # 125 / 130
        ["Pembinaan ketertiban", sasaran, "70", "63,3", "90,43"],  # 63,3 / 70
        ["Jumlah", "", "200", "188,3", "94,15"],  # 188,3 / 200
    ]


def messages_of(root: Path) -> list[str]:
    _, problems = check(root)
    return [str(p) for p in problems]


def test_periksa_reports_the_analysis_and_declaration_mistakes(tmp_path, monkeypatch):
    office = tmp_path / "kantor"
    shutil.copytree(OFFICES["kantor-lain"], office)
    monkeypatch.chdir(tmp_path)
    (office / "analisis").mkdir()
    (office / "analisis" / "2025.md").write_text(
        "## IKU-9\n\n### Penyebab\n\nteks\n\n## IKU-1\n\nteks lepas\n\n### Catatan\n\nx\n\n### Penyebab\n\nLihat [ini](javascript:alert(1)).\n",
        encoding="utf-8")
    (office / "analisis" / "catatan.md").write_text("x\n", encoding="utf-8")
    iku = (office / "iku.csv").read_text(encoding="utf-8").splitlines()
    iku = [iku[0] + ",standar_nasional,sumber_standar", iku[1] + ",90,", *[line + ",," for line in iku[2:]]]
    (office / "iku.csv").write_text("\n".join(iku) + "\n", encoding="utf-8")
    with (office / "datapackage.yaml").open("a", encoding="utf-8") as f:
        f.write("anggaran: {register: anggaran, program: program, pagu: kegiatan, realisasi: realisasi}\n")
    found = messages_of(office)
    expected = [
        "kantor/iku.csv:2:sumber_standar: standar_nasional diisi tetapi sumber_standar kosong; tulis dasar hukum atau sumber standar itu",
        "kantor/analisis/catatan.md: berkas analisis harus bernama analisis/<tahun>.md dengan tahun dalam periode Renstra 2024–2026, misalnya analisis/2026.md",
        "kantor/analisis/2025.md:1: bagian '## IKU-9' tidak menunjuk IKU yang ada; judul bagian harus diawali kode IKU: IKU-1, IKU-2, IKU-3, IKU-4, IKU-5",
        "kantor/analisis/2025.md:11: subbagian '### Catatan' tidak dikenal; judul subbagian harus diawali salah satu kata: penyebab, efisiensi, program",
        "kantor/analisis/2025.md:9: teks ini ada di bagian IKU-1 tetapi belum di bawah subbagian; tulis di bawah judul '### Penyebab …', '### Efisiensi …' atau '### Program …'",
        "kantor/analisis/2025.md:17: tautan 'javascript:alert(1)' memakai awalan 'javascript:' yang tidak diizinkan dan tidak akan diterbitkan; tautan di analisis hanya boleh diawali https://, http://, mailto: atau berupa alamat di portal ini",
        "kantor/analisis/2025.md:7: peringatan: bagian IKU-1 belum memuat subbagian '### Efisiensi …', '### Program …'; laporan kinerja 2025 menulis \"belum diisi\" di tempatnya",
        "kantor/analisis/2025.md: peringatan: bagian IKU-2 belum memuat subbagian '### Penyebab …', '### Efisiensi …', '### Program …'; laporan kinerja 2025 menulis \"belum diisi\" di tempatnya",
        "kantor/datapackage.yaml:program: anggaran.program menunjuk kolom 'program', yang tidak ada di register itu; kolom yang ada: tahun, kode_kegiatan, kegiatan, pagu, realisasi",
        "kantor/datapackage.yaml:pagu: anggaran.pagu menunjuk kolom 'kegiatan', yang bukan angka (type number atau integer); kolom angka yang ada: pagu, realisasi",
    ]
    for message in expected:
        assert message in found, "\n".join(found)
    assert not [m for m in found if ":13:" in m]  # text under the unknown heading: one mistake, one message


def test_budget_declaration_naming_no_register(tmp_path, monkeypatch):
    office = tmp_path / "kantor"
    shutil.copytree(OFFICES["kantor-lain"], office)
    monkeypatch.chdir(tmp_path)
    with (office / "datapackage.yaml").open("a", encoding="utf-8") as f:
        f.write("anggaran: {register: belanja, program: kegiatan, pagu: pagu, realisasi: realisasi}\n")
    assert ("kantor/datapackage.yaml:anggaran.register: anggaran.register 'belanja' bukan register di datapackage.yaml; "
            "register yang ada: jenis_layanan, permohonan_layanan, anggaran") in messages_of(office)


@pytest.mark.skipif(pdf.soffice() is None, reason="LibreOffice belum terpasang (make browser-deps)")
@pytest.mark.parametrize("office", OFFICES)
def test_libreoffice_makes_the_pdf_in_a_private_folder(office, tmp_path, monkeypatch):
    private = tmp_path / "pribadi"
    private.mkdir(mode=0o700)
    monkeypatch.setattr(tempfile, "tempdir", str(private))  # LibreOffice's profile and files go here
    portal = build(OFFICES[office])
    _, content, _, year = word(OFFICES[office])
    made = pdf.convert(content, EPOCH)
    assert made.startswith(b"%PDF") and not any(private.iterdir())  # nothing left behind
    (tmp_path / "lkjip.pdf").write_bytes(made)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "lkjip.pdf"), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "BAB III" in text
    for indicator in portal.indicators:
        if portal.result(indicator.code, year) is not None:
            assert " ".join(indicator.name.split()) in text, indicator.code
    assert os.geteuid() != 0 or "BAB III" in text  # runs as root as well (its own profile folder)


def test_page_shows_the_same_report_with_data_text_escaped(tmp_path):
    from iku import markdown_data
    from iku.lkjip import halaman

    office = tmp_path / "kantor"
    shutil.copytree(OFFICES["kantor-lain"], office)
    (office / "analisis").mkdir()
    (office / "analisis" / "2025.md").write_text(
        "## IKU-1\n\n### Penyebab\n\nPetugas <script>alert(1)</script> **cukup**.\n", encoding="utf-8")
    html = halaman.page(build(office))
    assert html.startswith("# Laporan Kinerja 2025\n")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; **cukup**" in html
    assert html.count(markdown_data.START) == html.count(markdown_data.END) == 1  # cleaned by the site adapter like the decree
    assert "Tabel 3.1 Target, realisasi dan capaian sasaran strategis 1 tahun 2025" in html
    assert html.count('<p class="belum-diisi">') == 3 * 5 - 1  # 5 IKUs × 3 items, one written
    assert "Tidak ada angka tahun ini yang berubah setelah rilis resmi" in html


def _tiny_pdf(fonts: dict[str, int]) -> bytes:
    """A small PDF whose two fonts carry the object numbers given (as LibreOffice varies them)."""
    bodies = {1: b"<</Type/Catalog/Pages 2 0 R>>", 2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
              3: b"<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 %d 0 R/F2 %d 0 R>>>>>>" % (fonts["F1"], fonts["F2"]),
              fonts["F1"]: b"<</Type/Font/BaseFont/Satu>>", fonts["F2"]: b"<</Type/Font/BaseFont/Dua>>"}
    out = bytearray(b"%PDF-1.6\n")
    offsets = {}
    for number in sorted(bodies):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + bodies[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, 6))
    out += b"trailer\n<</Size 6/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pdf_objects_renumbered_in_a_fixed_order():
    from iku.lkjip.pdf_tetap import canonical

    first, second = _tiny_pdf({"F1": 4, "F2": 5}), _tiny_pdf({"F1": 5, "F2": 4})
    assert first != second
    assert canonical(first) == canonical(second)
    assert canonical(canonical(first)) == canonical(first)
    assert b"/F1 4 0 R/F2 5 0 R" in canonical(second) and b"4 0 obj\n<</Type/Font/BaseFont/Satu>>" in canonical(second)


@pytest.mark.skipif(pdf.soffice() is None, reason="LibreOffice belum terpasang (make browser-deps)")
def test_libreoffice_pdf_same_bytes_twice():
    _, content, _, _ = word(OFFICES["contoh"])
    first = pdf.convert(content, EPOCH)
    assert pdf.convert(content, EPOCH) == first
    assert b"D:20231114221320" in first
