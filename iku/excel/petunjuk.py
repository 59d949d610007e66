"""The first sheet of the template, "Petunjuk": plain Indonesian for the staff member who
fills the workbook. Register purposes come from the declaration, never from this file."""

from __future__ import annotations

from iku.excel.registers import key

GUIDE_SHEET = "Petunjuk"

def steps(resources: list[dict]) -> list[str]:
    """The guide's lines; the examples name this office's own registers and key columns."""
    first = resources[0] if resources else {}
    sheet = first.get("name", "register")
    keys = key(first) if first else []
    marker = (f"Untuk menandai satu catatan, pakai kolom kuncinya (judul berwarna jingga), misalnya {', '.join(keys)} di lembar '{sheet}'."
              if keys else "Untuk menandai satu catatan, pakai kolom kuncinya (judul berwarna jingga).")
    return [
        "Cara mengisi",
        "1. Setiap lembar (tab di bawah) adalah satu register. Baris 1 berisi judul kolom: jangan diubah, dihapus atau dipindah.",
        "2. Tambahkan baris baru di bawah baris terakhir. Baris yang sudah ada boleh diperbaiki; baris yang dihapus akan hilang dari register.",
        "3. Arahkan kursor ke judul kolom untuk membaca keterangannya. Klik sel untuk melihat aturan isiannya; Excel menolak isian yang melanggar aturan.",
        "4. Judul berwarna jingga adalah kolom kunci: isi kolom kunci tidak boleh sama dengan baris lain.",
        "5. Tanggal diketik seperti 2024-02-29. Angka diketik tanpa satuan dan tanpa tanda % (92, bukan 92% atau 4 dokumen).",
        "6. Pilihan (misalnya ya/tidak) dipilih dari daftar pada sel.",
        "",
        "Data pribadi dilarang",
        "Jangan pernah menulis NIK, nomor telepon, alamat e-mail, atau nama orang (warga yang dilayani, pelapor, petugas) di sel mana pun. "
        f"{marker} Portal menolak berkas yang memuat data pribadi.",
        "",
        "Cara mengirim kembali",
        "A. Dengan perintah: simpan berkas sebagai .xlsx, lalu jalankan  iku impor NAMA-BERKAS.xlsx  di folder portal. Perintah memeriksa semua isian dan menulis berkas CSV hanya bila tidak ada kesalahan. Untuk memeriksa saja: iku impor NAMA-BERKAS.xlsx --periksa",
        "B. Tanpa perintah: kirim berkas .xlsx ini kepada pengelola portal, atau unggah lewat pull request di GitHub (Add file → Upload files); pengelola menjalankan iku impor.",
        f"Setiap kesalahan disebut dengan nama lembar dan sel (misalnya lembar '{sheet}', sel D5) beserta cara memperbaikinya.",
        "",
        "Register di buku kerja ini",
    ]


HEADINGS = {"Cara mengisi", "Data pribadi dilarang", "Cara mengirim kembali", "Register di buku kerja ini"}


def partial_note(name: str, year: int, path: str) -> str:
    """What the sheet of a large register holds (site workbook): said on Petunjuk and the Data page."""
    return (f"Lembar '{name}' hanya memuat baris tahun {year}: register ini lebih dari 50.000 baris. Baris tahun lain "
            f"tidak ikut dan tidak terhapus oleh iku impor. Register lengkap: unduh data/{path} di halaman Data portal, atau jalankan  "
            f"iku templat --register {name}")


def write_guide(sheet, formats, resources: list[dict], office: str, partial: dict[str, int]) -> None:
    """The guide's lines, one per row in column A (XlsxWriter, rows in order)."""
    wrap = formats.add({"text_wrap": True, "valign": "top"})
    bold = formats.add({"text_wrap": True, "valign": "top", "bold": True})
    title = formats.add({"text_wrap": True, "valign": "top", "bold": True, "font_size": 14})
    sheet.set_column(0, 0, 120)
    lines = [("Petunjuk pengisian register" + (f" {office}" if office else ""), title), ("", None)]
    lines += [(line, bold if line in HEADINGS else wrap) for line in steps(resources)]
    lines += [(f"• {r['name']}: {r.get('description') or r.get('title', '')}", wrap) for r in resources]
    notes = [partial_note(r["name"], partial[r["name"]], r["path"]) for r in resources if r["name"] in partial]
    if notes:
        lines += [("", None), ("Register besar", bold)] + [(note, wrap) for note in notes]
    for row, (text, look) in enumerate(lines):
        if text:
            sheet.write_string(row, 0, text, look)
        else:
            sheet.write_blank(row, 0, None, wrap)
