"""LKjIP Bab III (Laporan Kinerja Instansi Pemerintah, PermenPAN-RB 53/2014): the yearly report
built from the same computed figures as the portal.

`analisis` reads the staff's written analysis (analisis/<tahun>.md), `anggaran` the budget
register the descriptor may declare, `periksa` checks both for `iku periksa`, `isi` assembles the
report as plain blocks (headings, paragraphs, captioned tables), and `docx`, `pdf` and `halaman`
write those blocks as a Word document, a PDF and a portal page. Pure Python: no site generator.
"""
