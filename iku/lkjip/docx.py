"""The report as a Word document (python-docx), with Word's own styles so staff can keep editing
it: Title, Heading 1–4, Caption with a numbered SEQ field ("Tabel 3.1 …"), a table style with a
repeated header row and rows that never split across pages, List Bullet/Number, A4 pages and
"Halaman n dari m" (PAGE and NUMPAGES fields) in the footer.

Reproducible: the core properties' dates come from SOURCE_DATE_EPOCH and the zip is rewritten
with one fixed timestamp, so the same commit gives the same bytes.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from iku.lkjip import analisis
from iku.lkjip.isi import NOT_WRITTEN, Heading, Paragraph, Report, Staff, Table
from iku.reproducible import epoch_time, fixed_zip

TABLE_STYLE = "Table Grid"
TABLE_FONT = Pt(9.5)
CAPTION_LABEL = "Tabel"


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end): Word and LibreOffice
    recompute it; readers that do not (python-docx, pdftotext of a stale copy) see `shown`."""
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def _row_properties(row, header: bool) -> None:
    """Rows never split across pages; the header row repeats on each page a table spans."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _table(document, block: Table, index: int) -> None:
    caption = document.add_paragraph(style="Caption")
    caption.add_run(f"{CAPTION_LABEL} {block.number.rsplit('.', 1)[0]}.")
    _field(caption, f"SEQ {CAPTION_LABEL} \\* ARABIC", str(index))
    caption.add_run(f" {block.caption}")
    _keep_with_next(caption)
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.headers):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = TABLE_FONT
        if block.headers.index(text) in block.numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _row_properties(table.rows[0], header=True)
    for values in block.rows:
        row = table.add_row()
        _row_properties(row, header=False)
        for i, (cell, text) in enumerate(zip(row.cells, values)):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = TABLE_FONT
            if i in block.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _widths(table, block)
    # Keep each row with the next (all but the last), so a short table is not left with one row on a page.
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                _keep_with_next(paragraph)
    document.add_paragraph()


TEXT_WIDTH_MM = 160  # A4 less 25 mm margins


def _widths(table, block: Table) -> None:
    """Column widths by content: numbers narrow, names wide (Word's own autofit is not run by every reader)."""
    columns = list(zip(block.headers, *block.rows))
    weights = [max(len(word) for cell in column for word in (cell.split() or [""])) + 4
               + (0 if i in block.numeric else min(max(len(cell) for cell in column), 60) // 5)
               for i, column in enumerate(columns)]
    total = sum(weights)
    table.autofit = False
    for i, weight in enumerate(weights):
        width = Mm(TEXT_WIDTH_MM * weight / total)
        table.columns[i].width = width
        for cell in table.columns[i].cells:
            cell.width = width


def _staff(document, block: Staff) -> None:
    lead = document.add_paragraph()
    lead.add_run(f"{block.label}:").bold = True
    _keep_with_next(lead)
    if not block.markdown.strip():
        document.add_paragraph().add_run(NOT_WRITTEN).italic = True
        return
    for kind, text in analisis.blocks(block.markdown):
        style = {"ul": "List Bullet", "ol": "List Number"}.get(kind)
        document.add_paragraph(text, style=style)


def _footer(document, report: Report) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"LKjIP {report.office} {report.year} · Halaman ")
    _field(footer, "PAGE", "1")
    footer.add_run(" dari ")
    _field(footer, "NUMPAGES", "1")


def _cover(document, report: Report) -> None:
    document.add_paragraph("LAPORAN KINERJA INSTANSI PEMERINTAH", style="Title")
    document.add_paragraph(f"{report.office.upper()}\n{report.region}\nTAHUN {report.year}", style="Subtitle")
    if report.sample:
        document.add_paragraph().add_run("DATA CONTOH: bukan angka resmi kantor.").bold = True
    for label, value in report.cover:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def document(report: Report, epoch: str | None):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    doc.styles["Normal"].font.size = Pt(11)
    _cover(doc, report)
    tables = 0
    for block in report.blocks:
        if isinstance(block, Heading):
            _keep_with_next(doc.add_heading(block.text, level=block.level))
        elif isinstance(block, Paragraph):
            paragraph = doc.add_paragraph()
            if block.label:
                paragraph.add_run(f"{block.label}: ").bold = True
            paragraph.add_run(block.text)
        elif isinstance(block, Table):
            tables += 1
            _table(doc, block, tables)
        elif isinstance(block, Staff):
            _staff(doc, block)
    _footer(doc, report)
    when = epoch_time(epoch)
    core = doc.core_properties
    core.title = f"LKjIP {report.office} {report.year}: Bab III Akuntabilitas Kinerja"
    core.subject = "Laporan Kinerja Instansi Pemerintah"
    core.author = core.last_modified_by = report.office
    core.created = core.modified = core.last_printed = when
    core.revision = 1
    core.comments = ""
    core.keywords = "LKjIP; IKU; SAKIP"
    return doc


def docx_bytes(report: Report, epoch: str | None) -> bytes:
    buffer = io.BytesIO()
    document(report, epoch).save(buffer)
    return fixed_zip(buffer.getvalue(), epoch_time(epoch))

